// The authenticator app through the unmodified @authsignal/browser in Chromium: totp.enroll/totp.verify
// against the local server, and launch(url, { mode: 'popup' }) with the local pre-built UI, whose last page
// posts the token back. Codes are computed here with otpauth, as a phone would.
import { expect } from '@open-wc/testing';
import { Authsignal } from '@authsignal/browser';
import { executeServerCommand } from '@web/test-runner-commands';
import { Secret, TOTP } from 'otpauth';
import { authsignal, uniqueUser } from '../helpers/commands.js';

const run = <T>(command: string, payload?: unknown) => executeServerCommand<T, unknown>(command, payload) as Promise<T>;
const prebuilt = {
  read: () => run<{ secret: string | null; error: string | null; url: string }>('prebuilt:read'),
  submit: (code: string) => run<boolean>('prebuilt:submit', { code }),
};

const codeFor = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6 }).generate({ timestamp: Date.now() + steps * 30_000 });

type Tracked = { token: string; state: string; url: string };
const track = (userId: string, action: string) => authsignal.track(userId, { action }) as Promise<Tracked>;

let sdk: Authsignal;

describe('authsignal-local: authenticator app with the unmodified browser SDK', () => {
  before(async () => {
    sdk = new Authsignal(await authsignal.config());
  });

  it('totp.enroll gives a secret and URI; totp.verify with its code verifies, and the token validates', async () => {
    const userId = uniqueUser('app');
    sdk.setToken((await track(userId, 'enrol-app')).token);
    const enrolled = await sdk.totp.enroll();
    expect(enrolled.error).to.equal(undefined);
    const { secret, uri, userId: enrolledUser } = enrolled.data!;
    expect(enrolledUser).to.equal(userId);
    expect(uri).to.match(/^otpauth:\/\/totp\//);

    const wrong = await sdk.totp.verify({ code: '000000' === codeFor(secret) ? '111111' : '000000' });
    expect(wrong.data).to.deep.equal({ isVerified: false, failureReason: 'CODE_INVALID_OR_EXPIRED' });
    const verified = await sdk.totp.verify({ code: codeFor(secret) });
    expect(verified.data!.isVerified).to.equal(true);
    expect(verified.data!.userAuthenticator!.verificationMethod).to.equal('AUTHENTICATOR_APP');
    expect(await authsignal.validate(verified.data!.token!)).to.include({ isValid: true, state: 'CHALLENGE_SUCCEEDED', userId, action: 'enrol-app' });

    // A later challenge: the code just used is refused, the next step's accepted.
    sdk.setToken((await track(userId, 'sign-in')).token);
    expect((await sdk.totp.verify({ code: codeFor(secret) })).data).to.deep.equal({ isVerified: false, failureReason: 'CODE_ALREADY_USED' });
    const next = await sdk.totp.verify({ code: codeFor(secret, 1) });
    expect(await authsignal.validate(next.data!.token!)).to.include({ isValid: true, userId, action: 'sign-in' });
  });

  it('totp.verify with a token that was never tracked is an error the SDK returns, not throws', async () => {
    sdk.setToken('not-a-token');
    const result = await sdk.totp.verify({ code: '123456' });
    expect(result.errorCode).to.equal('invalid_token');
  });

  it('launch(url, { mode: "popup" }): enrol in the pre-built UI; its last page posts the token back', async () => {
    const userId = uniqueUser('popup');
    const tracked = await track(userId, 'mfa-popup');
    const launched = sdk.launch(tracked.url, { mode: 'popup' });
    const page = await prebuilt.read();
    expect(page.url).to.include('mode=popup');
    expect(page.secret).to.match(/^[A-Z2-7]{32}$/);
    await prebuilt.submit('000000' === codeFor(page.secret!) ? '111111' : '000000');
    expect((await prebuilt.read()).error).to.match(/wrong|expired/i);
    await prebuilt.submit(codeFor(page.secret!));
    const { token } = (await launched)!;
    expect(token).to.be.a('string');
    expect(await authsignal.validate(token!)).to.include({ isValid: true, state: 'CHALLENGE_SUCCEEDED', userId, action: 'mfa-popup' });
    expect(document.querySelector('iframe[name="authsignal"]')).to.equal(null);
  });
});
