/**
 * The workbench: the elements running real ceremonies against the configured tenant (the <meta> tags).
 *
 * It is a page of its own, framed by the playground, because the elements coordinate through module-level
 * state: the playground's "busy" tiles keep a modal ceremony pending forever, and an autofill input waits for
 * the page to have no modal ceremony before it arms — in the same page this one would never re-arm.
 */
import '../../src/index.js'; // defines the three elements

const sheet = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

window.playgroundWorkbench = { document, applyCss: (css) => sheet.replaceSync(css) };
window.parent?.attachWorkbench?.();

// The autofill input does not re-arm after a success (a page usually moves on); this one stays.
document.querySelector('#bench-arm')!.addEventListener('click', () => {
  void document.querySelector('passkey-autofill-input')!.arm();
});
