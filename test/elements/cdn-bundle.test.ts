// The self-contained bundle for <script type="module"> (built by `npm run build`, which `npm test` runs first):
// loading it alone must define all three elements and sign in for real, with the SDK fetched on first use.
import { expect, fixture, html } from '@open-wc/testing';
import { authsignal } from '../helpers/commands.js';
import { enrolledUser, recordEvents, useTestServer } from '../helpers/setup.js';

const BUNDLE = '/dist/cdn/passkey-elements.js';

describe('dist/cdn/passkey-elements.js', () => {
  it('defines the three elements and exports their classes', async () => {
    const bundle = await import(BUNDLE as string);
    expect(customElements.get('passkey-autofill-input')).to.equal(bundle.PasskeyAutofillInput);
    expect(customElements.get('passkey-signin-button')).to.equal(bundle.PasskeySigninButton);
    expect(customElements.get('add-passkey-button')).to.equal(bundle.AddPasskeyButton);
  });

  it('loads the SDK only when a ceremony starts, then signs in', async () => {
    const bundle = await import(BUNDLE as string);
    const sdkChunk = () => performance.getEntriesByType('resource').filter((entry) => /\/passkey-ceremonies\.js$/.test(entry.name));
    expect(sdkChunk()).to.have.length(0);
    // Configure the bundle's own copy of the elements, not the test helpers' source copy.
    const { tenantId, baseUrl } = await useTestServer();
    bundle.configurePasskeyElements({ tenantId, baseUrl });
    const { userId } = await enrolledUser();
    const el = await fixture<HTMLElement & { signIn(): Promise<void> }>(html`<passkey-signin-button></passkey-signin-button>`);
    const events = recordEvents(el, ['passkey-signin-success', 'passkey-signin-error']);
    await el.signIn();
    expect(sdkChunk()).to.have.length(1);
    const event = events.events[0] as CustomEvent<{ token: string }>;
    expect(event.type).to.equal('passkey-signin-success');
    expect((await authsignal.validate(event.detail.token)).userId).to.equal(userId);
  });

  it('loads a language only for a page in it: English pages load no strings chunk', async () => {
    await import(BUNDLE as string);
    const strings = () => performance.getEntriesByType('resource').filter((entry) => /\/locale-/.test(entry.name)).map((entry) => entry.name);
    const english = await fixture<HTMLElement>(html`<passkey-signin-button></passkey-signin-button>`);
    expect(english.shadowRoot!.textContent).to.contain('Sign in with a passkey');
    await expect(english).to.be.accessible();
    expect(strings()).to.deep.equal([]);
    const german = await fixture<HTMLElement & { updateComplete: Promise<boolean> }>(html`<passkey-signin-button lang="de"></passkey-signin-button>`);
    await german.updateComplete;
    expect(german.shadowRoot!.textContent).to.contain('Mit Passkey anmelden');
    expect(strings()).to.have.length(1);
    expect(strings()[0]).to.match(/\/locale-de-[\w-]+\.js$/);
  });
});
