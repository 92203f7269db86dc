// Authsignal, through its Node SDK: enrollment tokens and token validation (each token spent once).
import { Authsignal, AuthsignalError } from '@authsignal/node';
import { env } from '$env/dynamic/private';

export const tenant = {
  tenantId: env.AUTHSIGNAL_TENANT_ID ?? 'local-tenant',
  url: env.AUTHSIGNAL_URL ?? 'http://localhost:5050/v1',
};
export const signInActions = (env.AUTHSIGNAL_SIGN_IN_ACTIONS ?? 'signInWithPasskey').split(',');
const authsignal = new Authsignal({ apiSecretKey: env.AUTHSIGNAL_SECRET ?? 'local-secret', apiUrl: tenant.url });

// Example users. Yours come from your user store, with password hashes.
export const USERS = new Map([
  ['alice', 'alice'],
  ['bob', 'bob'],
]);

/** A token for <add-passkey-button>: this user may add a passkey. */
export async function enrollmentToken(username) {
  const { token } = await authsignal.track({ userId: username, action: 'add-passkey', attributes: { scope: 'add:authenticators', username } });
  return token;
}

// In memory here; in production, a table with the key and an expiry.
const spent = new Set();

/** validateChallenge, spending the token; undefined for a forged, expired, unfinished or already used one. */
export async function validate(token) {
  if (typeof token !== 'string' || !token) return undefined;
  let result;
  try {
    result = await authsignal.validateChallenge({ token });
  } catch (error) {
    if (error instanceof AuthsignalError && error.statusCode < 500) return undefined;
    throw error;
  }
  if (!result.isValid || result.state !== 'CHALLENGE_SUCCEEDED') return undefined;
  const key = result.idempotencyKey ?? token;
  if (spent.has(key)) return undefined;
  spent.add(key);
  return result;
}
