import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/passkey-signin-button/define.js';
import { PasskeySigninButton } from '../../src/passkey-signin-button/passkey-signin-button.js';
import type { PasskeySigninErrorEvent, PasskeySigninSuccessEvent } from '../../src/events.js';
import { configurePasskeyElements, type PasskeyClient } from '../../src/internal/client.js';
import { authsignal, webauthn } from '../helpers/commands.js';
import { captureCallbackPost, enrolledUser, recordEvents, useTestServer } from '../helpers/setup.js';

const innerButton = (el: PasskeySigninButton) => el.shadowRoot!.querySelector('button')!;

describe('<passkey-signin-button>', () => {
  beforeEach(() => useTestServer());

  it('is registered as passkey-signin-button', () => {
    expect(document.createElement('passkey-signin-button')).to.be.instanceOf(PasskeySigninButton);
  });

  it('is accessible, idle and busy', async () => {
    const client = { passkey: { signIn: () => new Promise(() => {}) } } as unknown as PasskeyClient;
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button .client=${client}></passkey-signin-button>`);
    await expect(el).to.be.accessible();
    void el.signIn();
    await el.updateComplete;
    expect(innerButton(el).getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('renders a real button with the default label, or the slotted one', async () => {
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
    const button = innerButton(el);
    expect(button.type).to.equal('button');
    expect(button.getAttribute('part')).to.equal('button');
    expect(button.querySelector('slot:not([name])')!.textContent).to.equal('Sign in with a passkey');
    const labelled = await fixture<PasskeySigninButton>(html`<passkey-signin-button>Use your passkey</passkey-signin-button>`);
    expect(labelled.innerText).to.equal('Use your passkey');
  });

  it('disables its button when disabled, and does nothing on click', async () => {
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button disabled></passkey-signin-button>`);
    const events = recordEvents(el, ['passkey-signin-success', 'passkey-signin-error', 'passkey-signin-cancel']);
    expect(innerButton(el).disabled).to.be.true;
    await el.signIn();
    expect(events.types()).to.deep.equal([]);
  });

  it('signs in with a passkey: the event token validates server-side for that user', async () => {
    const { userId, username } = await enrolledUser();
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
    const events = recordEvents(document, ['passkey-signin-success']);
    innerButton(el).click();
    const event = (await events.next('passkey-signin-success')) as PasskeySigninSuccessEvent;
    expect(event.target).to.equal(el);
    expect(event.bubbles && event.composed).to.be.true;
    expect(event.detail.userId).to.equal(userId);
    expect(event.detail.username).to.equal(username);
    expect(event.detail.userAuthenticatorId).to.be.a('string');
    const validation = await authsignal.validate(event.detail.token);
    expect(validation).to.include({ isValid: true, state: 'CHALLENGE_SUCCEEDED', userId });
    expect(el.busy).to.be.false;
  });

  it('records the sign-in under its action', async () => {
    await enrolledUser();
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button action="checkout"></passkey-signin-button>`);
    const events = recordEvents(el, ['passkey-signin-success']);
    await el.signIn();
    const { detail } = events.events[0] as PasskeySigninSuccessEvent;
    expect((await authsignal.validate(detail.token)).action).to.equal('checkout');
  });

  it('is busy while the ceremony runs', async () => {
    let finish: (() => void) | undefined;
    const client = {
      passkey: {
        signIn: () => new Promise((resolve) => (finish = () => resolve({ data: { isVerified: false } }))),
      },
    } as unknown as PasskeyClient;
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button .client=${client}></passkey-signin-button>`);
    const done = el.signIn();
    await el.updateComplete;
    expect(el.hasAttribute('busy')).to.be.true;
    expect(innerButton(el).getAttribute('aria-busy')).to.equal('true');
    expect(el.shadowRoot!.querySelector('[part="spinner"]')).to.exist;
    await waitUntil(() => finish, 'the client was never asked to sign in');
    finish!();
    await done;
    await el.updateComplete;
    expect(el.hasAttribute('busy')).to.be.false;
  });

  it('reports a dismissed prompt as a cancel, not an error', async () => {
    await enrolledUser();
    await webauthn.userVerified(false);
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
    const events = recordEvents(el, ['passkey-signin-success', 'passkey-signin-error', 'passkey-signin-cancel']);
    await el.signIn();
    expect(events.types()).to.deep.equal(['passkey-signin-cancel']);
  });

  it('posts the token to callback-url as a form, with returnUrl', async () => {
    await enrolledUser();
    const el = await fixture<PasskeySigninButton>(
      html`<passkey-signin-button callback-url="/login/callback" return-url="/account?tab=keys"></passkey-signin-button>`,
    );
    const posted = captureCallbackPost();
    const events = recordEvents(el, ['passkey-signin-success']);
    await el.signIn();
    const { action, method, fields } = await posted;
    expect(method).to.equal('post');
    expect(new URL(action).pathname).to.equal('/login/callback');
    expect(fields.token).to.equal((events.events[0] as PasskeySigninSuccessEvent).detail.token);
    expect(fields.returnUrl).to.equal('/account?tab=keys');
    expect(action).not.to.contain(fields.token);
  });

  it('does not post when a listener cancels the success event', async () => {
    await enrolledUser();
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button callback-url="/login/callback"></passkey-signin-button>`);
    el.addEventListener('passkey-signin-success', (event) => event.preventDefault());
    let submitted = false;
    const onSubmit = (event: Event) => ((submitted = true), event.preventDefault());
    document.addEventListener('submit', onSubmit);
    await el.signIn();
    document.removeEventListener('submit', onSubmit);
    expect(submitted).to.be.false;
  });

  describe('errors', () => {
    const signInError = async (el: PasskeySigninButton) => {
      const events = recordEvents(el, ['passkey-signin-success', 'passkey-signin-error', 'passkey-signin-cancel']);
      await el.signIn();
      expect(events.types()).to.deep.equal(['passkey-signin-error']);
      return (events.events[0] as PasskeySigninErrorEvent).detail;
    };

    it('not-configured without a tenant id', async () => {
      const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
      configurePasskeyElements({ tenantId: '' });
      const detail = await signInError(el);
      expect(detail.code).to.equal('not-configured');
    });

    it('network when the API cannot be reached', async () => {
      const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button base-url="http://localhost:9/v1"></passkey-signin-button>`);
      const detail = await signInError(el);
      expect(detail.code).to.equal('network');
      expect(detail.message).to.match(/reach/);
    });

    it('server, with its description, when Authsignal refuses (unknown tenant)', async () => {
      const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button tenant-id="no-such-tenant"></passkey-signin-button>`);
      const detail = await signInError(el);
      expect(detail.code).to.equal('server');
      expect(detail.message).to.be.a('string').and.not.be.empty;
    });

    it('unsupported without WebAuthn, and the button stays disabled', async () => {
      const original = window.PublicKeyCredential;
      // The real thing cannot be produced in Chromium: hide the API as an old browser would.
      Object.defineProperty(window, 'PublicKeyCredential', { value: undefined, configurable: true, writable: true });
      try {
        const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
        expect(el.hasAttribute('unsupported')).to.be.true;
        expect(innerButton(el).disabled).to.be.true;
        el.disabled = false;
        const detail = await signInError(el);
        expect(detail.code).to.equal('unsupported');
      } finally {
        Object.defineProperty(window, 'PublicKeyCredential', { value: original, configurable: true, writable: true });
      }
    });
  });
});
