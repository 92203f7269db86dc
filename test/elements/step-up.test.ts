/**
 * Step-up: `<passkey-signin-button>` with a server's token re-authenticates the person who is signed in already
 * (adding or removing a passkey on a stale session), with that person's passkey only.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/passkey-signin-button/define.js';
import type { PasskeySigninButton } from '../../src/passkey-signin-button/passkey-signin-button.js';
import type { PasskeySigninErrorEvent, PasskeySigninSuccessEvent } from '../../src/events.js';
import { authsignal, network, uniqueUser } from '../helpers/commands.js';
import { enrolledUser, recordEvents, useTestServer, waitFor } from '../helpers/setup.js';

const SIGNIN = ['passkey-signin-success', 'passkey-signin-error', 'passkey-signin-cancel'];

describe('<passkey-signin-button> for step-up', () => {
  beforeEach(() => useTestServer());

  it('with a token: the person’s passkey proves the action the server tracked, for that person', async () => {
    const { userId } = await enrolledUser();
    const { token } = await authsignal.track(userId, { action: 'remove-passkey' });
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button token=${token}></passkey-signin-button>`);
    const events = recordEvents(el, SIGNIN);
    await el.signIn();
    expect(events.types()).to.deep.equal(['passkey-signin-success']);
    const { detail } = events.events[0] as PasskeySigninSuccessEvent;
    expect(detail.userId).to.equal(userId);
    expect(await authsignal.validate(detail.token)).to.include({
      isValid: true,
      state: 'CHALLENGE_SUCCEEDED',
      action: 'remove-passkey',
      userId,
    });
  });

  it('with token-url: the token and the options are fetched ahead; the click sends nothing before the prompt', async () => {
    const { userId } = await enrolledUser();
    await network.seen();
    const el = await fixture<PasskeySigninButton>(
      html`<passkey-signin-button token-url="/__test/enrollment-token?user=${userId}&action=add-passkey-again"></passkey-signin-button>`,
    );
    await waitFor(async () => (await network.seen()).some((path) => path.endsWith('/authentication-options')));
    const events = recordEvents(el, SIGNIN);
    await el.signIn();
    expect(await network.ceremony()).to.deep.equal(['/v1/client/verify/passkey']);
    const { detail } = events.events[0] as PasskeySigninSuccessEvent;
    expect(await authsignal.validate(detail.token)).to.include({ action: 'add-passkey-again', userId });
  });

  it('refuses another person’s passkey: an error, and no proof', async () => {
    await enrolledUser(); // the only passkey on this device is someone else's
    const { token } = await authsignal.track(uniqueUser('no-passkey'), { action: 'remove-passkey' });
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button token=${token}></passkey-signin-button>`);
    const events = recordEvents(el, SIGNIN);
    await el.signIn();
    expect(events.types()).to.not.include('passkey-signin-success');
  });

  it('token-url refused (a stale session): token-fetch-failed, with the server’s answer as the cause', async () => {
    const el = await fixture<PasskeySigninButton>(
      html`<passkey-signin-button token-url="/__test/enrollment-token?user=x&action=remove-passkey&status=403"></passkey-signin-button>`,
    );
    const events = recordEvents(el, SIGNIN);
    await el.signIn();
    const { detail } = events.events[0] as PasskeySigninErrorEvent;
    expect(detail.code).to.equal('token-fetch-failed');
    expect(detail.message).to.equal('Could not prepare your passkey. Sign in again and retry.');
    expect(detail.cause).to.equal('403: Sign in again to add a passkey.');
  });
});
