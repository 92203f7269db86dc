import { PasskeySigninButton } from './passkey-signin-button.js';

export { PasskeySigninButton };

if (!customElements.get('passkey-signin-button')) {
  customElements.define('passkey-signin-button', PasskeySigninButton);
}

declare global {
  interface HTMLElementTagNameMap {
    'passkey-signin-button': PasskeySigninButton;
  }
}
