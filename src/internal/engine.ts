/**
 * What the elements do once a ceremony is near: the SDK and its hardened client, ceremonies from prefetched
 * options, outcome mapping, the enrollment-token request, the callback post and the English error sentences.
 * Loaded as one chunk by `loadEngine()` (client.ts), after the page's load or when an autofill input appears.
 */
import { failure, type Outcome } from './outcome.js';
import type { PasskeyMessages } from './messages.js';

export { sharedClient } from './sdk.js';
export { settle } from './outcome.js';
export { postToCallback } from './callback.js';
export { finish, prepareSignIn, prepareSignUp, run, runConditionalCreate } from './direct.js';
export { checkDevice } from './signals.js';
export { autoUpgrade } from './upgrade.js';

/** The English sentences only a ceremony can need (the elements carry the few they may show without this chunk). */
export const englishErrors: Partial<PasskeyMessages> = {
  'token-missing': 'Passkeys are not set up on this page.',
  'token-fetch-failed': 'Could not prepare your passkey. Sign in again and retry.',
  'token-expired': 'This page has expired. Reload it and try again.',
  'already-registered': 'This device already has a passkey for this account.',
  'unknown-passkey': 'This passkey is no longer registered. Sign in another way.',
  'not-verified': 'The passkey could not be verified.',
  server: 'Something went wrong. Try again.',
  webauthn: 'Your browser could not use a passkey here.',
};

/**
 * POSTs to `token-url` (same-origin cookies, the anti-forgery header, a deadline) for `{ "token": "…" }`. An answer
 * without one is `token-fetch-failed`; a request that fails or runs out of time throws (the element reports it).
 */
export async function fetchToken(url: string, init: RequestInit, ms: number): Promise<string | Outcome<never>> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
  const body: { token?: unknown; error?: unknown; message?: unknown } = await response.json().catch(() => ({}));
  if (response.ok && typeof body.token === 'string' && body.token) return body.token;
  const reason = [body.error, body.message].find((text) => typeof text === 'string' && text) as string | undefined;
  return failure('token-fetch-failed', `${response.status}${reason ? `: ${reason}` : ''}`);
}
