import '../internal/early.js';
import { PasskeyAutofillInput } from './passkey-autofill-input.js';

export { PasskeyAutofillInput };

if (!customElements.get('passkey-autofill-input')) {
  customElements.define('passkey-autofill-input', PasskeyAutofillInput);
}

declare global {
  interface HTMLElementTagNameMap {
    'passkey-autofill-input': PasskeyAutofillInput;
  }
}
