// The browser's passkey list stays true (WebAuthn's Signal API), the add button knows this device's passkey
// before a click, and automatic passkey upgrade (conditional create). The Signal API is real: Chromium applies
// it to the virtual authenticator, which reports it through CDP (credentialDeleted, credentialUpdated).
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { AddPasskeyButton } from '../../src/add-passkey-button/add-passkey-button.js';
import type { PasskeyAutofillInput } from '../../src/passkey-autofill-input/passkey-autofill-input.js';
import type { PasskeySigninButton } from '../../src/passkey-signin-button/passkey-signin-button.js';
import type { PasskeyAddSuccessEvent, PasskeySigninErrorEvent, PasskeySigninSuccessEvent } from '../../src/events.js';
import { authsignal, network, softwareAuthenticator, uniqueUser, webauthn } from '../helpers/commands.js';
import { enrolledUser, pageSdk, recordEvents, sleep, useTestServer, waitFor } from '../helpers/setup.js';

const SIGNIN = ['passkey-signin-success', 'passkey-signin-error', 'passkey-signin-cancel'];
const ADD = ['passkey-add-success', 'passkey-add-error', 'passkey-add-cancel'];

const enrollmentToken = async (userId: string, username?: string) =>
  (await authsignal.track(userId, { action: 'add-passkey', scope: 'add:authenticators', username })).token;

/** The user's only passkey: its server id and its credential id. */
async function onlyPasskey(userId: string) {
  const [passkey, ...rest] = await authsignal.authenticators(userId);
  expect(rest).to.have.length(0);
  return { userAuthenticatorId: passkey!.userAuthenticatorId, credentialId: passkey!.webauthnCredential!.credentialId };
}

describe('Signal API: the browser forgets removed passkeys and learns new names', () => {
  beforeEach(async () => {
    await useTestServer();
    await webauthn.signals(0); // nothing left over from an earlier test
  });

  it('a passkey sign-in signals the account’s passkeys and its current (renamed) user name', async () => {
    const { userId } = await enrolledUser('renamed');
    const { credentialId } = await onlyPasskey(userId);
    // The account is renamed on the server after the passkey was made (the page's server tracks the new name).
    await authsignal.track(userId, { action: 'rename', username: 'grace@example.test' });
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
    const events = recordEvents(el, SIGNIN);
    await el.signIn();
    expect((events.events[0] as PasskeySigninSuccessEvent).detail.userId).to.equal(userId);
    const signals = await webauthn.signals();
    expect(signals).to.deep.include({ event: 'updated', credentialId, userName: 'grace@example.test', userDisplayName: 'grace@example.test' });
    // The passkey used is accepted: it stays on the authenticator.
    expect(signals.filter((s) => s.event === 'deleted')).to.deep.equal([]);
    expect((await webauthn.credentials()).map((c) => c.credentialId)).to.deep.equal([credentialId]);
  });

  it('an autofill sign-in with a passkey the server no longer knows deletes it from the authenticator', async () => {
    const { userId } = await enrolledUser('removed');
    const { userAuthenticatorId, credentialId } = await onlyPasskey(userId);
    await authsignal.deleteAuthenticator(userId, userAuthenticatorId);
    const events = recordEvents(document, SIGNIN);
    const el = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input><input /></passkey-autofill-input>`);
    const error = (await events.next('passkey-signin-error')) as PasskeySigninErrorEvent;
    el.remove(); // no re-arming while we look
    expect(error.detail.code).to.equal('unknown-passkey');
    expect(await webauthn.signals()).to.deep.equal([{ event: 'deleted', credentialId }]);
    expect(await webauthn.credentials()).to.deep.equal([]);
  });

  it('a button sign-in with a removed passkey deletes it too, and says so', async () => {
    const { userId } = await enrolledUser('removed');
    const { userAuthenticatorId, credentialId } = await onlyPasskey(userId);
    await authsignal.deleteAuthenticator(userId, userAuthenticatorId);
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
    const events = recordEvents(el, SIGNIN);
    await el.signIn();
    expect((events.events[0] as PasskeySigninErrorEvent).detail.code).to.equal('unknown-passkey');
    expect(await webauthn.signals()).to.deep.equal([{ event: 'deleted', credentialId }]);
  });
});

describe('<add-passkey-button> knows this device before a click', () => {
  beforeEach(async () => {
    await useTestServer();
    await webauthn.signals(0);
  });

  it('shows `registered` when this device already holds a passkey for the account, before any click', async () => {
    const { userId } = await enrolledUser('device');
    const el = await fixture<AddPasskeyButton>(html`<add-passkey-button token=${await enrollmentToken(userId)}></add-passkey-button>`);
    const events = recordEvents(el, ADD);
    await waitFor(() => el.registered);
    expect(el.hasAttribute('registered')).to.be.true;
    expect(el.matches(':state(registered)')).to.be.true;
    expect(events.types()).to.deep.equal([]);
    // Read-only: the page cannot set it.
    el.removeAttribute('registered');
    expect(el.hasAttribute('registered')).to.be.true;
  });

  it('a button that replaces another for the same token (a re-render) shows `registered` too, without asking again', async () => {
    const { userId } = await enrolledUser('device');
    const token = await enrollmentToken(userId);
    const first = await fixture<AddPasskeyButton>(html`<add-passkey-button token=${token}></add-passkey-button>`);
    await waitFor(() => first.registered);
    first.remove(); // a framework renders the account page again, with the same token
    await network.seen();
    const second = document.body.appendChild(Object.assign(document.createElement('add-passkey-button'), { token }));
    try {
      await waitFor(() => second.registered, 3000).catch(() => {});
      expect(second.registered, 'the new button knows this device holds a passkey').to.be.true;
      expect(await network.seen(), 'the list was not read twice').to.not.include('/v1/client/user-authenticators');
    } finally {
      second.remove();
    }
  });

  it('not for an account whose passkeys are elsewhere; a passkey added here makes it `registered`', async () => {
    await enrolledUser('other'); // this device holds someone else's passkey
    const userId = uniqueUser('fresh');
    await network.seen();
    const el = await fixture<AddPasskeyButton>(html`<add-passkey-button token=${await enrollmentToken(userId)}></add-passkey-button>`);
    await waitFor(async () => (await network.seen()).includes('/v1/client/user-authenticators'));
    expect(el.registered).to.be.false;
    await el.addPasskey();
    expect(el.registered).to.be.true;
  });

  it('the account page after a removal: the removed passkey is deleted from the authenticator', async () => {
    const { userId } = await enrolledUser('account');
    const { userAuthenticatorId, credentialId } = await onlyPasskey(userId);
    await authsignal.deleteAuthenticator(userId, userAuthenticatorId);
    const el = await fixture<AddPasskeyButton>(
      html`<add-passkey-button token-url="/__test/enrollment-token?user=${userId}"></add-passkey-button>`,
    );
    const signals = await webauthn.signals();
    expect(signals).to.deep.include({ event: 'deleted', credentialId });
    expect(await webauthn.credentials()).to.deep.equal([]);
    expect(el.registered).to.be.false;
  });
});

/** WebAuthn JSON (base64url) of parsed creation options, for the software authenticator. */
function creationOptionsJSON(options: PublicKeyCredentialCreationOptions): PublicKeyCredentialCreationOptionsJSON {
  const b64url = (source: BufferSource) =>
    btoa(String.fromCharCode(...new Uint8Array(ArrayBuffer.isView(source) ? source.buffer : source)))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  return {
    rp: options.rp,
    user: { ...options.user, id: b64url(options.user.id) },
    challenge: b64url(options.challenge),
    pubKeyCredParams: options.pubKeyCredParams,
    excludeCredentials: (options.excludeCredentials ?? []).map((c) => ({ id: b64url(c.id), type: c.type })),
  };
}

/**
 * FAKE of navigator.credentials.create, for conditional requests only: Chromium's virtual authenticator never
 * completes a conditional create (browser-testing.md), so this one records the request and either holds it until
 * it is aborted, or answers with a credential from the project's software authenticator with user presence off,
 * as a password manager's automatic upgrade makes it. Modal requests go on to the real (virtual) authenticator.
 */
/** `hold`: never answers; `software`: answers at once; `on-release`: answers when `release()` is called. */
function fakeConditionalCreateWithSoftwareAuthenticator(answer: 'hold' | 'software' | 'on-release') {
  const real = navigator.credentials.create;
  // TypeScript's DOM types do not know `mediation` on creation options yet.
  type Options = CredentialCreationOptions & { mediation?: CredentialMediationRequirement };
  const requests: Options[] = [];
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  navigator.credentials.create = function (this: CredentialsContainer, options?: Options) {
    if (options?.mediation !== 'conditional') return real.call(this, options);
    requests.push(options);
    const { signal } = options;
    return new Promise<Credential | null>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      if (answer === 'hold') return;
      void (answer === 'on-release' ? released : Promise.resolve())
        .then(() => softwareAuthenticator.create(creationOptionsJSON(options.publicKey!), false))
        .then((json) =>
          resolve({ id: json.id, type: 'public-key', authenticatorAttachment: 'platform', toJSON: () => json } as unknown as Credential),
        );
    });
  };
  return { requests, release, restore: () => (navigator.credentials.create = real) };
}

describe('<add-passkey-button auto-upgrade>: a passkey without a prompt after a password sign-in', () => {
  let fake: ReturnType<typeof fakeConditionalCreateWithSoftwareAuthenticator> | undefined;
  beforeEach(() => useTestServer());
  afterEach(() => fake?.restore());

  it('asks for a conditional create with the token’s options; a click aborts it and runs its own prompt', async () => {
    fake = fakeConditionalCreateWithSoftwareAuthenticator('hold');
    const userId = uniqueUser('upgrade');
    const el = await fixture<AddPasskeyButton>(
      html`<add-passkey-button auto-upgrade username="ada@example.test" token=${await enrollmentToken(userId)}></add-passkey-button>`,
    );
    const events = recordEvents(el, ADD);
    await waitFor(() => fake!.requests.length === 1);
    const [request] = fake.requests;
    expect(request!.mediation).to.equal('conditional');
    expect(request!.publicKey!.user.name).to.equal('ada@example.test');
    expect(request!.signal!.aborted).to.be.false;
    // The person clicks: the pending conditional create is aborted before the modal prompt opens.
    await el.addPasskey();
    expect(request!.signal!.aborted).to.be.true;
    expect(events.types()).to.deep.equal(['passkey-add-success']);
    expect(await authsignal.authenticators(userId)).to.have.length(1);
    expect(fake.requests).to.have.length(1);
  });

  it('removing the button ends its request; the same element put back asks again', async () => {
    fake = fakeConditionalCreateWithSoftwareAuthenticator('hold');
    const el = await fixture<AddPasskeyButton>(
      html`<add-passkey-button auto-upgrade token=${await enrollmentToken(uniqueUser('upgrade'))}></add-passkey-button>`,
    );
    await waitFor(() => fake!.requests.length === 1);
    const parent = el.parentElement!;
    el.remove(); // a framework moves it (a keyed list, a portal)
    expect(fake.requests[0]!.signal!.aborted, 'the request of the removed button').to.be.true;
    parent.append(el);
    await waitFor(() => fake!.requests.length === 2);
    expect(fake.requests[1]!.signal!.aborted).to.be.false;
  });

  it('a page’s own WebAuthn call aborts it too', async () => {
    fake = fakeConditionalCreateWithSoftwareAuthenticator('hold');
    const el = await fixture<AddPasskeyButton>(
      html`<add-passkey-button auto-upgrade token=${await enrollmentToken(uniqueUser('upgrade'))}></add-passkey-button>`,
    );
    await waitFor(() => fake!.requests.length === 1);
    const { data } = await (await pageSdk()).passkey.signIn().catch(() => ({ data: undefined }));
    expect(data).to.equal(undefined); // no passkey on this authenticator
    expect(fake.requests[0]!.signal!.aborted).to.be.true; // ours gave way to the page's request
    expect(el.busy).to.be.false;
  });

  it('the created passkey is stored for the token’s user, raises the success event, and then signs in by autofill', async () => {
    fake = fakeConditionalCreateWithSoftwareAuthenticator('software');
    const userId = uniqueUser('upgrade');
    const events = recordEvents(document, [...ADD, ...SIGNIN]);
    const el = await fixture<AddPasskeyButton>(
      html`<add-passkey-button auto-upgrade token=${await enrollmentToken(userId, 'ada@example.test')}></add-passkey-button>`,
    );
    const added = (await events.next('passkey-add-success')) as PasskeyAddSuccessEvent;
    expect(await authsignal.validate(added.detail.token)).to.include({ isValid: true, userId });
    const [stored] = await authsignal.authenticators(userId);
    expect(stored!.userAuthenticatorId).to.equal(added.detail.userAuthenticatorId);
    expect(el.registered).to.be.true;
    // The password manager now holds it: here, the virtual authenticator takes the software one's key.
    expect(await softwareAuthenticator.importNewest()).to.equal(stored!.webauthnCredential!.credentialId);
    el.remove();
    await fixture(html`<passkey-autofill-input><input /></passkey-autofill-input>`);
    const signedIn = (await events.next('passkey-signin-success')) as PasskeySigninSuccessEvent;
    expect(signedIn.detail.userId).to.equal(userId);
  });

  it('a device check whose options were asked for before a creation and came after it leaves the button `registered`', async () => {
    fake = fakeConditionalCreateWithSoftwareAuthenticator('on-release');
    const events = recordEvents(document, ADD);
    await network.seen();
    const el = await fixture<AddPasskeyButton>(
      html`<add-passkey-button auto-upgrade token=${await enrollmentToken(uniqueUser('upgrade'))}></add-passkey-button>`,
    );
    await waitFor(() => fake!.requests.length === 1); // the conditional create is open…
    await waitFor(async () => (await network.seen()).includes('/v1/client/user-authenticators')); // …and the device checked
    // The button's options change, and the person points at it: fresh options are asked for, and come late…
    await network.slow('/registration-options', 800);
    el.username = 'ada@example.test';
    await el.updateComplete;
    // (Pointed at again until it asks: a prefetch from before the change may still be on its way, and it asks once.)
    await waitFor(async () => {
      el.dispatchEvent(new PointerEvent('pointerenter'));
      return (await network.seen()).some((path) => path.endsWith('/registration-options'));
    });
    fake.release(); // …after the password manager created the passkey
    await events.next('passkey-add-success');
    expect(el.registered).to.be.true;
    await sleep(1500); // the subject is an absence: the late options' device check saying this device has none
    expect(el.registered).to.be.true;
  });

  it('does nothing where the browser has no conditional create', async () => {
    fake = fakeConditionalCreateWithSoftwareAuthenticator('software');
    const capabilities = Object.getOwnPropertyDescriptor(PublicKeyCredential, 'getClientCapabilities');
    Object.defineProperty(PublicKeyCredential, 'getClientCapabilities', { value: undefined, configurable: true });
    try {
      await network.seen();
      const el = await fixture<AddPasskeyButton>(
        html`<add-passkey-button auto-upgrade token=${await enrollmentToken(uniqueUser('old'))}></add-passkey-button>`,
      );
      const events = recordEvents(el, ADD);
      // The click's options are fetched ahead as ever; no conditional request follows.
      await waitFor(async () => (await network.seen()).includes('/v1/client/user-authenticators'));
      expect(fake.requests).to.deep.equal([]);
      expect(events.types()).to.deep.equal([]);
    } finally {
      if (capabilities) Object.defineProperty(PublicKeyCredential, 'getClientCapabilities', capabilities);
    }
  });
});
