/**
 * Evaluated first in the bundle: on a page that arms passkey autofill at load, the ceremonies' chunk (with the SDK)
 * starts to download before lit and the elements have even been evaluated, tens of milliseconds sooner. Pages
 * without an autofill input load nothing more here.
 */
if (typeof document !== 'undefined' && document.querySelector('passkey-autofill-input')) {
  import('./engine.js').catch(() => {});
}
