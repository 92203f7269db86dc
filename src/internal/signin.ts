import type { PasskeySigninSuccessDetail } from '../events.js';
import type { Outcome } from './outcome.js';

interface SigninData {
  isVerified: boolean;
  token?: string;
  userId?: string;
  userAuthenticatorId?: string;
  username?: string;
  displayName?: string;
}

/** A verified sign-in becomes the event detail; anything less is an error. */
export function toSigninDetail(outcome: Outcome<SigninData>): Outcome<PasskeySigninSuccessDetail> {
  if (outcome.kind !== 'success') return outcome;
  const { isVerified, token, userId, username, displayName, userAuthenticatorId } = outcome.data;
  if (!isVerified || !token || !userId) return { kind: 'error', code: 'not-verified', cause: `isVerified: ${isVerified}` };
  return { kind: 'success', data: { token, userId, username, displayName, userAuthenticatorId } };
}
