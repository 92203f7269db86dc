// Authenticator app (TOTP): enrolment (a pending secret, verified by its first code) and verification,
// for the browser SDK's totp.enroll()/totp.verify() and the pre-built UI alike. A verified code
// completes the token's action (CHALLENGE_SUCCEEDED, AUTHENTICATOR_APP) and earns an access token.
import { type AppContext, nowIso, nowMs } from '../context.js';
import { ApiError, badRequest, conflict, forbidden, unauthorized } from '../errors.js';
import { presentTotp } from '../present.js';
import { permits, ruleFor } from '../rules.js';
import { type ActionRow, newId, type TotpRow } from '../store/store.js';
import { ADD_AUTHENTICATORS_SCOPE, hasScope, type TokenClaims } from '../tokens.js';
import { matchStep, newTotpSecret, totpUri } from '../totp.js';
import { checkPermitted, loadTokenAction } from './challenges.js';

/** Wrong codes allowed per authenticator app and minute; the next attempt is a 429 until the minute ends. */
export const MAX_WRONG_CODES = 5;
export const WRONG_CODE_WINDOW_MS = 60_000;

export type TotpVerdict =
  | { isVerified: true; accessToken: string; enrolled: boolean; row: TotpRow }
  | { isVerified: false; failureReason: 'CODE_INVALID_OR_EXPIRED' | 'CODE_ALREADY_USED' };

/** The action of a token that may still be completed with the authenticator app. */
export async function openTotpAction(ctx: AppContext, claims: TokenClaims): Promise<ActionRow> {
  const action = await loadTokenAction(ctx, claims);
  if (action.state === 'BLOCK') throw forbidden('This action is blocked.', 'action_blocked');
  if (action.state === 'CHALLENGE_SUCCEEDED') throw unauthorized('This token has already been used.', 'invalid_token');
  checkPermitted(ctx, action.actionCode, 'AUTHENTICATOR_APP');
  return action;
}

/**
 * Starts (or, with `reuse`, resumes) enrolling an authenticator app. Refused when the user already has
 * one, and (authenticator binding) when the user has an authenticator this action accepts and the
 * token lacks add:authenticators.
 */
export async function startTotpEnrolment(ctx: AppContext, claims: TokenClaims, { reuse = false } = {}) {
  const { store } = ctx;
  const action = await openTotpAction(ctx, claims);
  if (await store.totp.verified(claims.userId)) {
    throw conflict('The user already has an authenticator app; remove it to enrol another.', 'already_enrolled');
  }
  const rule = ruleFor(ctx.options.actions, action.actionCode);
  const enrolled = (await store.methods(claims.userId)).some((m) => permits(rule, m));
  if (enrolled && !hasScope(claims, ADD_AUTHENTICATORS_SCOPE)) {
    throw forbidden(`The user already has an authenticator; adding another needs scope "${ADD_AUTHENTICATORS_SCOPE}".`, 'insufficient_scope');
  }
  let row = reuse ? await store.totp.pending(claims.idempotencyKey) : null;
  if (!row) {
    row = { id: newId(), userId: claims.userId, secret: newTotpSecret(), actionKey: claims.idempotencyKey, createdAt: nowIso(ctx), verifiedAt: null, lastVerifiedAt: null };
    await store.totp.insertPending(row);
  }
  const user = await store.getUser(claims.userId);
  const label = user?.username ?? user?.email ?? claims.userId;
  return { userAuthenticatorId: row.id, userId: claims.userId, uri: totpUri(row.secret, label, ctx.options.rpName), secret: row.secret };
}

/** Checks a code against the app being enrolled with this token, else the user's verified app. */
export async function verifyTotpCode(ctx: AppContext, claims: TokenClaims, code: string): Promise<TotpVerdict> {
  const { store } = ctx;
  const action = await openTotpAction(ctx, claims);
  const pending = await store.totp.pending(claims.idempotencyKey);
  const target = pending ?? (await store.totp.verified(claims.userId));
  if (!target) throw badRequest('The user has no authenticator app yet: enrol one first.', 'not_enrolled');
  const now = nowMs(ctx);
  if (!(await store.totp.reserveAttempt(target.id, now, MAX_WRONG_CODES, WRONG_CODE_WINDOW_MS))) {
    throw new ApiError(429, 'too_many_requests', 'Too many wrong codes. Wait a minute, then try again.');
  }
  const step = matchStep(target.secret, code.trim(), now);
  if (step === null) return { isVerified: false, failureReason: 'CODE_INVALID_OR_EXPIRED' };
  let row: TotpRow | null;
  try {
    row = await store.totp.useStep(target.id, step, nowIso(ctx));
  } catch (error) {
    if (/UNIQUE/i.test(String((error as Error).message))) throw conflict('The user already has an authenticator app.', 'already_enrolled');
    throw error;
  }
  if (!row) return { isVerified: false, failureReason: 'CODE_ALREADY_USED' };
  if (!(await store.completeAction(action.idempotencyKey, claims.userId, 'AUTHENTICATOR_APP', row.id, nowIso(ctx)))) {
    throw unauthorized('This token has already been used.', 'invalid_token');
  }
  const accessToken = await ctx.tokens.issue({
    userId: claims.userId,
    actionCode: action.actionCode,
    idempotencyKey: action.idempotencyKey,
    scope: claims.scope,
  });
  return { isVerified: true, accessToken, enrolled: pending !== null, row };
}

/** The client API's answer to totp.verify(). */
export function presentVerdict(verdict: TotpVerdict) {
  if (!verdict.isVerified) return verdict;
  return {
    isVerified: true,
    accessToken: verdict.accessToken,
    ...(verdict.enrolled ? { userAuthenticator: presentTotp(verdict.row) } : {}),
  };
}
