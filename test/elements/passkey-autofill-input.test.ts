import { expect, fixture, html } from '@open-wc/testing';
import '../../src/passkey-autofill-input/define.js';
import '../../src/passkey-signin-button/define.js';
import { PasskeyAutofillInput } from '../../src/passkey-autofill-input/passkey-autofill-input.js';
import type { PasskeySigninButton } from '../../src/passkey-signin-button/passkey-signin-button.js';
import type { PasskeySigninErrorEvent, PasskeySigninSuccessEvent } from '../../src/events.js';
import type { PasskeyClient } from '../../src/internal/client.js';
import { authsignal, network, webauthn } from '../helpers/commands.js';
import { captureCallbackPost, enrolledUser, pageSdk, recordEvents, sleep, useTestServer, waitFor } from '../helpers/setup.js';

const SIGNIN = ['passkey-signin-success', 'passkey-signin-error', 'passkey-signin-cancel'];

/** A client whose sign-ins the test settles one by one. */
function controlledClient() {
  const pending: ((result: unknown) => void)[] = [];
  const client = {
    passkey: { signIn: () => new Promise((resolve) => pending.push(resolve)) },
  } as unknown as PasskeyClient;
  return { client, pending };
}

/**
 * A form with an autofill input and a sign-in button, the input's request pending at the authenticator (presence
 * off, so it does not resolve by itself), then presence back on for the button's ceremony.
 */
async function autofillBesideButton() {
  await webauthn.presence(false);
  const events = recordEvents(document, SIGNIN);
  const form = await fixture(html`<div>
    <passkey-autofill-input><input /></passkey-autofill-input>
    <passkey-signin-button></passkey-signin-button>
  </div>`);
  const input = form.querySelector('passkey-autofill-input')!;
  const button = form.querySelector<PasskeySigninButton>('passkey-signin-button')!;
  await waitFor(() => input.armed, 3000);
  // The request must reach the authenticator before presence is back, or it may resolve by itself.
  await sleep(150);
  await webauthn.presence(true);
  return { events, input, button };
}

describe('<passkey-autofill-input>', () => {
  beforeEach(() => useTestServer());

  it('is registered as passkey-autofill-input', () => {
    expect(document.createElement('passkey-autofill-input')).to.be.instanceOf(PasskeyAutofillInput);
  });

  it('is accessible with the author’s labelled input', async () => {
    const el = await fixture(html`<label>Username <passkey-autofill-input><input name="username" /></passkey-autofill-input></label>`);
    await expect(el).to.be.accessible();
  });

  describe('the input', () => {
    it('enhances the author’s input in light DOM and keeps its attributes', async () => {
      const el = await fixture<PasskeyAutofillInput>(
        html`<passkey-autofill-input><input id="u" name="login" autocomplete="username" required /></passkey-autofill-input>`,
      );
      expect(el.shadowRoot).to.equal(null);
      const input = el.input!;
      expect(input.id).to.equal('u');
      expect(input.name).to.equal('login');
      expect(input.required).to.be.true;
      expect(input.getAttribute('autocomplete')).to.equal('username webauthn');
      expect(document.querySelectorAll("input[autocomplete$='webauthn']")).to.have.length(1);
    });

    for (const [given, expected] of [
      [null, 'username webauthn'],
      ['off', 'username webauthn'],
      ['email', 'email webauthn'],
      ['section-login username webauthn', 'section-login username webauthn'],
    ] as const) {
      it(`makes autocomplete=${JSON.stringify(given)} end with webauthn`, () => {
        const input = document.createElement('input');
        if (given !== null) input.setAttribute('autocomplete', given);
        const fresh = document.createElement('passkey-autofill-input');
        fresh.append(input);
        document.body.append(fresh);
        expect(input.getAttribute('autocomplete')).to.equal(expected);
        fresh.remove();
      });
    }

    it('creates <input name="username"> when there is none', async () => {
      const el = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input></passkey-autofill-input>`);
      expect(el.input).to.exist;
      expect(el.input!.name).to.equal('username');
      expect(el.input!.getAttribute('autocomplete')).to.equal('username webauthn');
    });

    it('submits with its form like any input', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><passkey-autofill-input><input name="username" /></passkey-autofill-input></form>`,
      );
      form.querySelector('input')!.value = 'ada';
      expect(new FormData(form).get('username')).to.equal('ada');
    });
  });

  it('signs in from autofill: the token validates for the enrolled user', async () => {
    const { userId } = await enrolledUser();
    const events = recordEvents(document, SIGNIN);
    const el = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input><input /></passkey-autofill-input>`);
    const event = (await events.next('passkey-signin-success')) as PasskeySigninSuccessEvent;
    expect(event.target).to.equal(el);
    expect(event.detail.userId).to.equal(userId);
    expect(await authsignal.validate(event.detail.token)).to.include({ isValid: true, state: 'CHALLENGE_SUCCEEDED', userId });
  });

  it('posts to callback-url after an autofill sign-in', async () => {
    await enrolledUser();
    const posted = captureCallbackPost();
    await fixture(html`<passkey-autofill-input callback-url="/login/callback" return-url="/next"><input /></passkey-autofill-input>`);
    const { fields } = await posted;
    expect(fields.returnUrl).to.equal('/next');
    expect((await authsignal.validate(fields.token!)).isValid).to.be.true;
  });

  it('is re-armed after a button ceremony that did not sign in, and works again', async () => {
    const { userId } = await enrolledUser();
    const { events, input, button } = await autofillBesideButton();
    // The person refuses the button's prompt: a cancel, and autofill is offered again.
    await webauthn.userVerified(false);
    await button.signIn();
    expect(events.types()).to.deep.equal(['passkey-signin-cancel']);
    expect((events.events[0] as Event).target).to.equal(button);
    await webauthn.userVerified(true);
    const fromAutofill = (await events.next('passkey-signin-success')) as PasskeySigninSuccessEvent;
    expect(fromAutofill.target).to.equal(input);
    expect(fromAutofill.detail.userId).to.equal(userId);
  });

  it('is not re-armed after a button signed the person in: the page is signing in', async () => {
    await enrolledUser();
    const { events, input, button } = await autofillBesideButton();
    await button.signIn();
    expect(events.types()).to.deep.equal(['passkey-signin-success']);
    await network.seen();
    await sleep(500); // re-arming after a button is immediate (it waits for the button only): none comes
    expect(input.armed).to.be.false;
    expect((await network.seen()).filter((path) => path.endsWith('/authentication-options'))).to.deep.equal([]);
  });

  it('gives way to a WebAuthn ceremony of the page’s own, and re-arms by itself when it did not sign in', async () => {
    await enrolledUser();
    await webauthn.presence(false);
    const el = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input><input /></passkey-autofill-input>`);
    const events = recordEvents(el, SIGNIN);
    await waitFor(() => el.armed);
    await network.seen();
    // Another library on the page asks for a passkey: it is not refused ("a request is already pending")...
    const abort = new AbortController();
    const own = navigator.credentials.get({
      publicKey: { challenge: new Uint8Array(32), rpId: 'localhost', userVerification: 'required' },
      signal: abort.signal,
    });
    await waitFor(() => !el.armed);
    // ...and when it ends without a passkey, autofill is offered again, with a fresh challenge.
    abort.abort();
    expect(await own.catch((error: Error) => error.name)).to.equal('AbortError');
    await waitFor(() => el.armed);
    expect((await network.seen()).filter((path) => path.endsWith('/authentication-options'))).to.have.length(1);
    expect(events.types()).to.deep.equal([]);
  });

  it('renews its request before the challenge expires, without a word to the page', async () => {
    const short = await authsignal.shortLivedConfig(); // challenges live 3 s
    await webauthn.presence(false);
    await network.seen();
    const el = await fixture<PasskeyAutofillInput>(
      html`<passkey-autofill-input tenant-id=${short.tenantId} base-url=${short.baseUrl}><input /></passkey-autofill-input>`,
    );
    const events = recordEvents(el, SIGNIN);
    const options = () => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/authentication-options')).length;
    await waitFor(() => el.armed);
    const first = options();
    await waitFor(() => options() === first + 1 && el.armed, 4000);
    expect(events.types()).to.deep.equal([]);
  });

  it('leaves the page’s own SDK ceremony alone: no re-arm after it signed in, until arm() is called', async () => {
    const { userId } = await enrolledUser();
    await webauthn.presence(false);
    const events = recordEvents(document, SIGNIN);
    const el = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input><input /></passkey-autofill-input>`);
    await waitFor(() => el.armed);
    // The request must reach the authenticator before presence is back, or it may resolve by itself (seen in a
    // loaded full run: the autofill request signed in instead of the page's SDK).
    await sleep(150);
    await webauthn.presence(true);
    // The page signs in with the SDK itself (not through a passkey element): that aborts the autofill request.
    const { data } = await (await pageSdk()).passkey.signIn();
    expect(data!.userId).to.equal(userId);
    await sleep(300);
    expect(el.armed).to.be.false;
    expect(events.types()).to.deep.equal([]);
    // Asked to, it arms again (and the virtual authenticator answers at once).
    void el.arm();
    const success = (await events.next('passkey-signin-success')) as PasskeySigninSuccessEvent;
    expect(success.detail.userId).to.equal(userId);
  });

  it('reports an error and re-arms after it', async () => {
    const { client, pending } = controlledClient();
    const el = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input .client=${client}><input /></passkey-autofill-input>`);
    const events = recordEvents(el, SIGNIN);
    await waitFor(() => pending.length === 1, 3000);
    pending[0]!({ error: 'Unknown credential', errorCode: 'invalid_credential', errorDescription: 'Unknown credential' });
    const error = (await events.next('passkey-signin-error')) as PasskeySigninErrorEvent;
    expect(error.detail).to.deep.equal({
      code: 'unknown-passkey',
      message: 'This passkey is no longer registered. Sign in another way.',
      cause: 'Unknown credential',
    });
    await waitFor(() => pending.length === 2, 3000);
    pending[1]!({ data: { isVerified: true, token: 'tok', userId: 'u1' } });
    const success = (await events.next('passkey-signin-success')) as PasskeySigninSuccessEvent;
    expect(success.detail.token).to.equal('tok');
  });

  it('stops acting when removed', async () => {
    const { client, pending } = controlledClient();
    const el = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input .client=${client}><input /></passkey-autofill-input>`);
    // On the element itself: a removed element's events no longer reach the document.
    const events = recordEvents(el, SIGNIN);
    await waitFor(() => pending.length === 1, 3000);
    el.remove();
    pending[0]!({ data: { isVerified: true, token: 'tok', userId: 'u1' } });
    await sleep(300); // what must not come: an event (a success is dispatched within milliseconds)
    expect(events.types()).to.deep.equal([]);
    expect(el.armed).to.be.false;
  });

  it('stays a plain input when the autofill check hangs (some extensions)', async () => {
    const original = PublicKeyCredential.isConditionalMediationAvailable;
    // Only a fake can hang this check; the element must give up after its timeout.
    PublicKeyCredential.isConditionalMediationAvailable = () => new Promise<boolean>(() => {});
    try {
      const { client, pending } = controlledClient();
      const el = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input .client=${client}><input /></passkey-autofill-input>`);
      const events = recordEvents(el, SIGNIN);
      // The SDK is asked alongside the check; once the check gives up, whatever the SDK answers goes unheard.
      await waitFor(() => pending.length === 1, 3000);
      await sleep(1200);
      pending[0]!({ data: { isVerified: true, token: 'tok', userId: 'u1' } });
      await sleep(50);
      expect(events.types()).to.deep.equal([]);
      expect(el.armed).to.be.false;
      expect(el.input!.disabled).to.be.false;
    } finally {
      PublicKeyCredential.isConditionalMediationAvailable = original;
    }
  });

  it('honours unsupported set by the page: never arms and reports nothing', async () => {
    const { client, pending } = controlledClient();
    const el = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input unsupported .client=${client}><input /></passkey-autofill-input>`);
    const events = recordEvents(el, SIGNIN);
    // A supported input of its own client, connected after it, is asked: by then this one would have been too.
    const sentinel = controlledClient();
    await fixture(html`<passkey-autofill-input .client=${sentinel.client}><input /></passkey-autofill-input>`);
    await waitFor(() => sentinel.pending.length === 1, 3000);
    expect(pending).to.have.length(0);
    expect(events.types()).to.deep.equal([]);
    expect(el.armed).to.be.false;
  });

  it('marks itself unsupported without WebAuthn and leaves the input alone', async () => {
    const original = window.PublicKeyCredential;
    Object.defineProperty(window, 'PublicKeyCredential', { value: undefined, configurable: true, writable: true });
    try {
      const { client, pending } = controlledClient();
      const el = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input .client=${client}><input name="username" /></passkey-autofill-input>`);
      expect(el.hasAttribute('unsupported')).to.be.true;
      await sleep(300); // what must not come: the SDK being asked (it is, within milliseconds, where supported)
      expect(pending).to.have.length(0);
      expect(el.input!.name).to.equal('username');
      expect(el.input!.disabled).to.be.false;
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', { value: original, configurable: true, writable: true });
    }
  });
});

