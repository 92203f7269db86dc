// The package's @web/test-runner plugin (testing/web-test-runner.ts) as an integrator's browser test uses it:
// only its commands, the elements, and the page. It creates a passkey with <add-passkey-button> and signs in
// with <passkey-signin-button>, against the local server the project's tests run.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import { configurePasskeyElements, type AddPasskeyButton, type PasskeySigninButton } from '../../src/index.js';
import { authsignal, uniqueUser } from '../helpers/commands.js';

const command = <T>(name: string, payload?: unknown) => executeServerCommand(name, payload) as Promise<T>;

describe('authsignal-passkey-elements/testing for @web/test-runner', () => {
  before(async () => configurePasskeyElements(await authsignal.config()));
  afterEach(() => command('passkey:remove-authenticator'));

  it('adds a passkey with an enrollment token, then signs in with it; the server validates both', async () => {
    await command('passkey:add-authenticator');
    const userId = uniqueUser('wtr');
    const token = await command<string>('passkey:enrollment-token', { userId });
    const add = await fixture<AddPasskeyButton>(html`<add-passkey-button .token=${token}></add-passkey-button>`);
    const added = oneEvent(add, 'passkey-add-success');
    add.shadowRoot!.querySelector('button')!.click();
    expect((await added).detail.userAuthenticatorId).to.be.a('string');
    const credentials = await command<{ rpId: string }[]>('passkey:credentials');
    expect(credentials.map((c) => c.rpId)).to.deep.equal(['localhost']);

    const signIn = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
    const signedIn = oneEvent(signIn, 'passkey-signin-success');
    signIn.shadowRoot!.querySelector('button')!.click();
    const { detail } = await signedIn;
    expect(detail.userId).to.equal(userId);
    expect(await command('passkey:validate', { token: detail.token })).to.include({ isValid: true, state: 'CHALLENGE_SUCCEEDED', userId });
  });

  it('an authenticator whose person fails verification creates nothing: the element reports a cancel', async () => {
    await command('passkey:add-authenticator', { userVerified: false });
    const token = await command<string>('passkey:enrollment-token', { userId: uniqueUser('wtr') });
    const add = await fixture<AddPasskeyButton>(html`<add-passkey-button .token=${token}></add-passkey-button>`);
    const outcome = new Promise<string>((resolve) => {
      for (const type of ['passkey-add-success', 'passkey-add-error', 'passkey-add-cancel']) add.addEventListener(type, () => resolve(type));
    });
    add.shadowRoot!.querySelector('button')!.click();
    // The browser answers NotAllowedError, which WebAuthn also uses for the person's own cancel.
    expect(await outcome).to.equal('passkey-add-cancel');
    expect(await command('passkey:credentials')).to.deep.equal([]);
  });
});
