import { AddPasskeyButton } from './add-passkey-button.js';

export { AddPasskeyButton };

if (!customElements.get('add-passkey-button')) {
  customElements.define('add-passkey-button', AddPasskeyButton);
}

declare global {
  interface HTMLElementTagNameMap {
    'add-passkey-button': AddPasskeyButton;
  }
}
