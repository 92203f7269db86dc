import { expect, fixture, html } from '@open-wc/testing';
import '../../src/add-passkey-button/define.js';
import { AddPasskeyButton } from '../../src/add-passkey-button/add-passkey-button.js';
import type { PasskeyAddErrorEvent, PasskeyAddSuccessEvent } from '../../src/events.js';
import type { PasskeyClient } from '../../src/internal/client.js';
import { authsignal, uniqueUser, webauthn } from '../helpers/commands.js';
import { captureCallbackPost, recordEvents, useTestServer } from '../helpers/setup.js';

const ALL = ['passkey-add-success', 'passkey-add-error', 'passkey-add-cancel'];
const innerButton = (el: AddPasskeyButton) => el.shadowRoot!.querySelector('button')!;

async function enrollmentToken(userId: string, scope = 'add:authenticators') {
  return (await authsignal.track(userId, { action: 'add-passkey', scope })).token;
}

async function add(el: AddPasskeyButton) {
  const events = recordEvents(el, ALL);
  await el.addPasskey();
  expect(events.events).to.have.length(1);
  return events.events[0]!;
}

describe('<add-passkey-button>', () => {
  beforeEach(() => useTestServer());

  it('is registered as add-passkey-button', () => {
    expect(document.createElement('add-passkey-button')).to.be.instanceOf(AddPasskeyButton);
  });

  it('is accessible, with a real button and the default label', async () => {
    const el = await fixture<AddPasskeyButton>(html`<add-passkey-button></add-passkey-button>`);
    await expect(el).to.be.accessible();
    expect(innerButton(el).type).to.equal('button');
    expect(innerButton(el).querySelector('slot:not([name])')!.textContent).to.equal('Add a passkey');
  });

  it('creates a passkey with a server-rendered token', async () => {
    const userId = uniqueUser();
    const token = await enrollmentToken(userId);
    const el = await fixture<AddPasskeyButton>(html`<add-passkey-button token=${token} username="ada@example.test"></add-passkey-button>`);
    const event = (await add(el)) as PasskeyAddSuccessEvent;
    expect(event.type).to.equal('passkey-add-success');
    expect(event.bubbles && event.composed).to.be.true;
    const authenticators = await authsignal.authenticators(userId);
    expect(authenticators.map((a) => a.userAuthenticatorId)).to.deep.equal([event.detail.userAuthenticatorId]);
    expect(await webauthn.credentials()).to.have.length(1);
    expect(await authsignal.validate(event.detail.token)).to.include({ isValid: true, userId });
  });

  it('fetches the token from token-url at click time (POST, same-origin)', async () => {
    const userId = uniqueUser();
    const el = await fixture<AddPasskeyButton>(html`<add-passkey-button token-url="/__test/enrollment-token?user=${userId}"></add-passkey-button>`);
    const event = (await add(el)) as PasskeyAddSuccessEvent;
    expect(event.type).to.equal('passkey-add-success');
    expect(await authsignal.authenticators(userId)).to.have.length(1);
  });

  it('token-fetch-failed when token-url refuses: a sentence for the person, the server’s answer as the cause', async () => {
    const el = await fixture<AddPasskeyButton>(html`<add-passkey-button token-url="/__test/enrollment-token?status=403"></add-passkey-button>`);
    const { detail } = (await add(el)) as PasskeyAddErrorEvent;
    expect(detail).to.deep.equal({
      code: 'token-fetch-failed',
      message: 'Could not prepare your passkey. Sign in again and retry.',
      cause: '403: Sign in again to add a passkey.',
    });
  });

  it('token-missing without token or token-url', async () => {
    const el = await fixture<AddPasskeyButton>(html`<add-passkey-button></add-passkey-button>`);
    const { detail } = (await add(el)) as PasskeyAddErrorEvent;
    expect(detail.code).to.equal('token-missing');
  });

  it('server error for a second passkey without scope add:authenticators', async () => {
    const userId = uniqueUser();
    const first = await fixture<AddPasskeyButton>(html`<add-passkey-button token=${await enrollmentToken(userId)}></add-passkey-button>`);
    expect((await add(first)).type).to.equal('passkey-add-success');
    await webauthn.reset(); // a second device
    const second = await fixture<AddPasskeyButton>(
      html`<add-passkey-button token=${await enrollmentToken(userId, 'read:authenticators')}></add-passkey-button>`,
    );
    const { detail } = (await add(second)) as PasskeyAddErrorEvent;
    expect(detail.code).to.equal('server');
    expect(await authsignal.authenticators(userId)).to.have.length(1);
  });

  it('already-registered when this authenticator already has the user’s passkey', async () => {
    const userId = uniqueUser();
    const first = await fixture<AddPasskeyButton>(html`<add-passkey-button token=${await enrollmentToken(userId)}></add-passkey-button>`);
    await add(first);
    const again = await fixture<AddPasskeyButton>(html`<add-passkey-button token=${await enrollmentToken(userId)}></add-passkey-button>`);
    const { detail } = (await add(again)) as PasskeyAddErrorEvent;
    expect(detail.code).to.equal('already-registered');
  });

  it('reports a dismissed prompt as passkey-add-cancel', async () => {
    await webauthn.userVerified(false);
    const el = await fixture<AddPasskeyButton>(html`<add-passkey-button token=${await enrollmentToken(uniqueUser())}></add-passkey-button>`);
    expect((await add(el)).type).to.equal('passkey-add-cancel');
  });

  it('posts token and userAuthenticatorId to callback-url', async () => {
    const el = await fixture<AddPasskeyButton>(
      html`<add-passkey-button token=${await enrollmentToken(uniqueUser())} callback-url="/passkeys/created" return-url="/account"></add-passkey-button>`,
    );
    const posted = captureCallbackPost();
    const event = (await add(el)) as PasskeyAddSuccessEvent;
    const { fields } = await posted;
    expect(fields).to.deep.equal({
      token: event.detail.token,
      userAuthenticatorId: event.detail.userAuthenticatorId,
      returnUrl: '/account',
    });
  });

  describe('passes its attributes to the SDK', () => {
    const spyClient = () => {
      const calls: Record<string, unknown>[] = [];
      const client = {
        passkey: {
          signUp: async (params: Record<string, unknown>) => {
            calls.push(params);
            return { errorCode: 'expired_token', error: 'expired_token', errorDescription: 'The token has expired.' };
          },
        },
      } as unknown as PasskeyClient;
      return { client, calls };
    };

    it('username, display-name and authenticator-attachment="any"; expired tokens as token-expired', async () => {
      const { client, calls } = spyClient();
      const el = await fixture<AddPasskeyButton>(
        html`<add-passkey-button .client=${client} token="t" username="ada" display-name="Ada L." authenticator-attachment="any"></add-passkey-button>`,
      );
      const { detail } = (await add(el)) as PasskeyAddErrorEvent;
      expect(calls[0]).to.deep.equal({ token: 't', username: 'ada', displayName: 'Ada L.', authenticatorAttachment: null });
      expect(detail).to.deep.equal({
        code: 'token-expired',
        message: 'This page has expired. Reload it and try again.',
        cause: 'The token has expired.',
      });
    });

    it('defaults to a platform authenticator', async () => {
      const { client, calls } = spyClient();
      const el = await fixture<AddPasskeyButton>(html`<add-passkey-button .client=${client} token="t"></add-passkey-button>`);
      await add(el);
      expect(calls[0]!.authenticatorAttachment).to.equal('platform');
    });
  });
});
