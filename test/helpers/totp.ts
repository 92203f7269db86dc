// Authenticator-app helpers for the node tests: the requests @authsignal/browser's totp.enroll() and
// totp.verify() send (same paths, headers and bodies), and codes computed with otpauth, as a phone would.
import { Secret, TOTP } from 'otpauth';
import type { Harness } from './harness.js';

/** The code an authenticator app shows for `secret` (base32) at `timestamp`, `steps` 30 s steps away. */
export function codeFor(secret: string, timestamp = Date.now(), steps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: timestamp + steps * 30_000 });
}

/** totp.enroll(): POST /client/user-authenticators/totp with the token, no body. */
export function startTotp(h: Harness, token: string) {
  return h.client.post('/client/user-authenticators/totp', undefined, token);
}

/** totp.verify({ code }): POST /client/verify/totp with { verificationCode }. */
export function verifyTotp(h: Harness, token: string, code: string) {
  return h.client.post('/client/verify/totp', { verificationCode: code }, token);
}

/**
 * Enrols an authenticator app for the user (the user must not have one yet) through an action that
 * permits it; returns its secret and the step of the code it used (that code is spent).
 */
export async function enrollTotp(h: Harness, userId: string, action = 'enroll-app', timestamp = Date.now()) {
  const tracked = await h.authsignal.track({ userId, action, attributes: { scope: 'add:authenticators' } });
  const started = await startTotp(h, tracked.token);
  if (started.status !== 200) throw new Error(`enroll: ${started.status} ${JSON.stringify(started.body)}`);
  const secret = started.body['secret'] as string;
  const verified = await verifyTotp(h, tracked.token, codeFor(secret, timestamp));
  if (verified.body['isVerified'] !== true) throw new Error(`verify: ${verified.status} ${JSON.stringify(verified.body)}`);
  return { secret, userAuthenticatorId: started.body['userAuthenticatorId'] as string, tracked, verified: verified.body };
}
