// The local Authsignal-compatible server driven by the unmodified @authsignal/browser in Chromium, with a
// WebAuthn virtual authenticator; the page's server side is the unmodified @authsignal/node (test commands).
import { expect } from '@open-wc/testing';
import { Authsignal } from '@authsignal/browser';
import { authsignal, uniqueUser, webauthn } from '../helpers/commands.js';

let sdk: Authsignal;

async function signUp(userId = uniqueUser()) {
  const username = `${userId}@example.test`;
  const { token } = await authsignal.track(userId, { action: 'add-passkey', scope: 'add:authenticators', username });
  const result = await sdk.passkey.signUp({ token, username });
  return { userId, username, result };
}

describe('authsignal-local with the unmodified browser SDK', () => {
  before(async () => {
    sdk = new Authsignal(await authsignal.config());
  });
  beforeEach(() => webauthn.reset());

  it('signs up with a tracked token: the passkey is stored and the action succeeded', async () => {
    const { userId, result } = await signUp();
    expect(result.error).to.equal(undefined);
    expect(result.data!.userAuthenticator!.userAuthenticatorId).to.be.a('string');
    expect(await authsignal.validate(result.data!.token!)).to.include({ isValid: true, state: 'CHALLENGE_SUCCEEDED', userId });
    const [stored] = await authsignal.authenticators(userId);
    expect(stored!.webauthnCredential!.credentialId).to.equal((await webauthn.credentials())[0]!.credentialId);
  });

  it('signs in with a modal passkey prompt', async () => {
    const { userId, username } = await signUp();
    const { data } = await sdk.passkey.signIn();
    expect(data).to.include({ isVerified: true, userId, username });
    expect(await authsignal.validate(data!.token!)).to.include({ isValid: true, state: 'CHALLENGE_SUCCEEDED', userId });
  });

  it('signs in by autofill from a light-DOM username input', async () => {
    const { userId } = await signUp();
    const input = Object.assign(document.createElement('input'), { autocomplete: 'username webauthn' });
    document.body.append(input);
    try {
      const { data } = await sdk.passkey.signIn({ autofill: true });
      expect(await authsignal.validate(data!.token!)).to.include({ isValid: true, state: 'CHALLENGE_SUCCEEDED', userId });
    } finally {
      input.remove();
    }
  });

  it('signs in with an action, which validate reports', async () => {
    const { userId } = await signUp();
    const { data } = await sdk.passkey.signIn({ action: 'approve-payment' });
    expect(await authsignal.validate(data!.token!)).to.include({ isValid: true, userId, action: 'approve-payment' });
  });

  it('reports a sign-in without action under the default action code', async () => {
    await signUp();
    const { data } = await sdk.passkey.signIn();
    expect((await authsignal.validate(data!.token!)).action).to.equal('signInWithPasskey');
  });

  it('refuses a page from an origin the tenant does not expect', async () => {
    const foreign = new Authsignal(await authsignal.foreignConfig());
    let failure: unknown;
    try {
      await foreign.passkey.signIn();
    } catch (error) {
      failure = error;
    }
    // The preflight is answered 403 without CORS headers, so the browser never lets the request through.
    expect((failure as Error).name).to.equal('TypeError');
    expect(await webauthn.credentials()).to.have.length(0);
  });
});
