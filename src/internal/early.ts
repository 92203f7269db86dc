/**
 * Evaluated first in the bundle: on a page that arms passkey autofill at load, the ceremonies' chunk (with the SDK)
 * starts to download, and the browser is asked whether it offers passkeys in autofill, before lit and the elements
 * have even been evaluated: tens of milliseconds sooner each. Pages without an autofill input do nothing here.
 */
import { supportsAutofill } from './support.js';

if (typeof document !== 'undefined' && document.querySelector('passkey-autofill-input')) {
  import('./engine.js').catch(() => {});
  void supportsAutofill();
}
