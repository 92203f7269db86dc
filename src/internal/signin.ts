import type { PasskeySigninSuccessDetail } from '../events.js';
import type { Outcome } from './outcome.js';
import type { PasskeySignInResult } from './sdk-shape.js';

/** A verified sign-in becomes the event detail; anything less is an error. */
export function toSigninDetail(outcome: Outcome<PasskeySignInResult>): Outcome<PasskeySigninSuccessDetail> {
  if (outcome.kind !== 'success') return outcome;
  const { isVerified, token, userId, username, displayName, userAuthenticatorId } = outcome.data;
  if (!isVerified || !token || !userId) return { kind: 'error', code: 'not-verified', cause: `isVerified: ${isVerified}` };
  return { kind: 'success', data: { token, userId, username, displayName, userAuthenticatorId } };
}
