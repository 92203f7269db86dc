/**
 * Zero round trips from click to passkey prompt: the buttons fetch their WebAuthn options ahead (on screen,
 * hovered or focused), so a click opens the prompt at once; what cannot be used is fetched again at the click.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { Authsignal } from '@authsignal/browser';
import '../../src/passkey-signin-button/define.js';
import '../../src/add-passkey-button/define.js';
import '../../src/passkey-autofill-input/define.js';
import type { PasskeyAutofillInput } from '../../src/passkey-autofill-input/passkey-autofill-input.js';
import type { PasskeySigninButton } from '../../src/passkey-signin-button/passkey-signin-button.js';
import type { AddPasskeyButton } from '../../src/add-passkey-button/add-passkey-button.js';
import type { PasskeyAddSuccessEvent, PasskeySigninSuccessEvent } from '../../src/events.js';
import { authsignal, network, uniqueUser, webauthn } from '../helpers/commands.js';
import { enrolledUser, recordEvents, sleep, useTestServer, waitFor } from '../helpers/setup.js';

const SIGNIN = ['passkey-signin-success', 'passkey-signin-error', 'passkey-signin-cancel'];
const ADD = ['passkey-add-success', 'passkey-add-error', 'passkey-add-cancel'];


/** Requests of this page whose URL ends with `path`, from the browser's own resource timing. */
const requested = (path: string) =>
  performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname.endsWith(path)).length;

describe('prefetched options', () => {
  beforeEach(() => useTestServer());
  afterEach(() => network.fault('none'));

  it('sign-in: once the options are fetched ahead, the click sends nothing before the prompt', async () => {
    const { userId } = await enrolledUser();
    await network.seen();
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
    // On screen after the page's load: fetched ahead, once.
    let before: string[] = [];
    await waitFor(async () => (before = before.concat(await network.seen())).some((p) => p.endsWith('/authentication-options')));
    const events = recordEvents(el, SIGNIN);
    await el.signIn();
    // The only request the click caused came after the prompt: verifying the passkey.
    expect(await network.ceremony()).to.deep.equal(['/v1/client/verify/passkey']);
    const { detail } = events.events[0] as PasskeySigninSuccessEvent;
    expect(detail.userId).to.equal(userId);
    expect((await authsignal.validate(detail.token)).isValid).to.be.true;
  });

  it('beside armed passkey autofill (a login page), the click still sends nothing before the prompt', async () => {
    const { userId } = await enrolledUser();
    await webauthn.presence(false);
    const form = await fixture<HTMLDivElement>(html`<div>
      <passkey-autofill-input><input /></passkey-autofill-input>
      <passkey-signin-button></passkey-signin-button>
    </div>`);
    const input = form.querySelector<PasskeyAutofillInput>('passkey-autofill-input')!;
    const button = form.querySelector<PasskeySigninButton>('passkey-signin-button')!;
    await waitFor(() => input.armed);
    // Autofill's options and the button's own: both fetched ahead.
    let before: string[] = [];
    await waitFor(async () => (before = before.concat(await network.seen())).filter((p) => p.endsWith('/authentication-options')).length === 2);
    await sleep(100); // the conditional request has reached the authenticator (see browser-testing.md)
    await webauthn.presence(true);
    const events = recordEvents(button, SIGNIN);
    await button.signIn();
    expect(await network.ceremony()).to.deep.equal(['/v1/client/verify/passkey']);
    expect((events.events[0] as PasskeySigninSuccessEvent).detail.userId).to.equal(userId);
  });

  it('sign-in with an action: the challenge for the action is fetched ahead too', async () => {
    await enrolledUser();
    await network.seen();
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button action="checkout"></passkey-signin-button>`);
    await waitFor(async () => (await network.seen()).some((p) => p.endsWith('/authentication-options')));
    const events = recordEvents(el, SIGNIN);
    await el.signIn();
    expect(await network.ceremony()).to.deep.equal(['/v1/client/verify/passkey']);
    const { detail } = events.events[0] as PasskeySigninSuccessEvent;
    expect((await authsignal.validate(detail.token)).action).to.equal('checkout');
  });

  it('add: the token from token-url and the options are fetched ahead; the click sends nothing before the prompt', async () => {
    const userId = uniqueUser();
    await network.seen();
    const el = await fixture<AddPasskeyButton>(html`<add-passkey-button token-url="/__test/enrollment-token?user=${userId}"></add-passkey-button>`);
    await waitFor(async () => (await network.seen()).some((p) => p.endsWith('/registration-options')));
    const tokenRequests = requested('/__test/enrollment-token');
    expect(tokenRequests).to.equal(1);
    const events = recordEvents(el, ADD);
    await el.addPasskey();
    expect(await network.ceremony()).to.deep.equal(['/v1/client/user-authenticators/passkey']);
    expect(requested('/__test/enrollment-token')).to.equal(tokenRequests);
    const { detail } = events.events[0] as PasskeyAddSuccessEvent;
    expect((await authsignal.authenticators(userId)).map((a) => a.userAuthenticatorId)).to.deep.equal([detail.userAuthenticatorId]);
    // The SDK's bookkeeping, as its own signUp would leave it: the credential remembered for this user.
    const map = JSON.parse(localStorage.getItem('as_user_passkey_map') ?? '{}') as Record<string, string[]>;
    expect(map[userId]).to.have.length(1);
  });

  it('an expired prefetched challenge is fetched again at the click, and signs in', async () => {
    const short = await authsignal.shortLivedConfig();
    const sdk = new Authsignal(short);
    const userId = uniqueUser('short');
    const { token } = await authsignal.track(userId, { action: 'add-passkey', scope: 'add:authenticators', shortLived: true });
    expect((await sdk.passkey.signUp({ token, username: userId })).data?.token).to.be.a('string');
    const options = () => requested('/authentication-options');
    const start = options();
    const el = await fixture<PasskeySigninButton>(
      html`<passkey-signin-button tenant-id=${short.tenantId} base-url=${short.baseUrl}></passkey-signin-button>`,
    );
    await waitFor(() => options() === start + 1);
    // The page hides (no refresh then) past the challenge's 3 s; the button is clicked on return.
    el.remove();
    await sleep(3200);
    document.body.append(el);
    const events = recordEvents(el, SIGNIN);
    await el.signIn();
    expect(events.types()).to.deep.equal(['passkey-signin-success']);
    expect((events.events[0] as PasskeySigninSuccessEvent).detail.userId).to.equal(userId);
    expect(options()).to.be.at.least(start + 2);
    el.remove();
  });

  for (const fault of ['html-502', 'down'] as const) {
    it(`options refused at prefetch time (${fault}), the API back at click time: the click signs in`, async () => {
      const { userId } = await enrolledUser();
      await network.fault(fault);
      await network.seen();
      const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
      await waitFor(async () => (await network.seen()).some((p) => p.endsWith('/authentication-options')));
      await network.fault('none');
      const events = recordEvents(el, SIGNIN);
      await el.signIn();
      expect(events.types()).to.deep.equal(['passkey-signin-success']);
      expect((events.events[0] as PasskeySigninSuccessEvent).detail.userId).to.equal(userId);
      // Fetched again at the click, then verified. (Chromium may also retry the dropped prefetch once by itself,
      // which can show up here first.)
      const after = await network.ceremony();
      expect(after.slice(-2)).to.deep.equal(['/v1/client/user-authenticators/passkey/authentication-options', '/v1/client/verify/passkey']);
      expect(after.filter((path) => !path.endsWith('/authentication-options'))).to.deep.equal(['/v1/client/verify/passkey']);
    });
  }

  it('a second click uses options fetched after the first', async () => {
    await enrolledUser();
    await network.seen();
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
    await waitFor(async () => (await network.seen()).some((p) => p.endsWith('/authentication-options')));
    el.addEventListener('passkey-signin-success', (event) => event.preventDefault()); // the page stays
    await el.signIn();
    await waitFor(async () => (await network.seen()).some((p) => p.endsWith('/authentication-options')));
    const events = recordEvents(el, SIGNIN);
    await el.signIn();
    // Nothing before the verify; the page stayed, so the next set is fetched after it.
    expect((await network.ceremony())[0]).to.equal('/v1/client/verify/passkey');
    expect(events.types()).to.deep.equal(['passkey-signin-success']);
  });

  it('an action changed while its options are on their way: the click signs in for the new action', async () => {
    await enrolledUser();
    await network.slow('/authentication-options', 600);
    await network.seen();
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button action="checkout"></passkey-signin-button>`);
    await waitFor(async () => (await network.seen()).some((p) => p.endsWith('/authentication-options')));
    el.action = 'transfer'; // the options for "checkout" are still on their way
    await el.updateComplete;
    await sleep(900); // the subject: they land after the change
    await network.fault('none');
    const events = recordEvents(el, SIGNIN);
    el.addEventListener('passkey-signin-success', (event) => event.preventDefault());
    await el.signIn();
    expect(events.types()).to.deep.equal(['passkey-signin-success']);
    const { token } = (events.events[0] as PasskeySigninSuccessEvent).detail;
    expect((await authsignal.validate(token)).action).to.equal('transfer');
  });

  it('a button removed while its options are on their way fetches no more', async () => {
    const short = await authsignal.shortLivedConfig(); // challenges of 3 s: options are renewed every 2.4 s
    await network.slow('/authentication-options', 300);
    await network.seen();
    const el = await fixture<PasskeySigninButton>(
      html`<passkey-signin-button tenant-id=${short.tenantId} base-url=${short.baseUrl}></passkey-signin-button>`,
    );
    await waitFor(async () => (await network.seen()).some((p) => p.endsWith('/authentication-options')));
    el.remove(); // a route change, with the options on their way
    await sleep(5500); // the subject is an absence: two renewals' time
    expect((await network.seen()).filter((p) => p.endsWith('/authentication-options')), 'options fetched after the removal').to.deep.equal([]);
  });
});
