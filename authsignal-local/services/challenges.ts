// Single-use, expiring challenges, and the action a token names.
import { type AppContext, nowMs } from '../context.js';
import { badRequest, forbidden, unauthorized } from '../errors.js';
import { type Method, permits, ruleFor } from '../rules.js';
import { type ActionRow, type ChallengeRow, newId } from '../store/store.js';
import type { TokenClaims } from '../tokens.js';

type Extra = Parameters<AppContext['store']['insertChallenge']>[1];

/** Stores a new single-use challenge (and any statements that must land with it); returns its id. */
export async function issueChallenge(ctx: AppContext, row: Omit<ChallengeRow, 'id' | 'expiresAt'>, extra: Extra = []): Promise<string> {
  const id = newId();
  await ctx.store.insertChallenge({ ...row, id, expiresAt: nowMs(ctx) + ctx.options.challengeTtlSeconds * 1000 }, extra);
  return id;
}

/** Removes the challenge (single use) and checks it is of the expected kind and still fresh. */
export async function consumeChallenge(ctx: AppContext, id: string, purpose: ChallengeRow['purpose']): Promise<ChallengeRow> {
  const challenge = await ctx.store.consumeChallenge(id);
  if (!challenge || challenge.purpose !== purpose) {
    throw badRequest('The challenge is unknown or was already used.', 'invalid_challenge');
  }
  if (challenge.expiresAt <= nowMs(ctx)) throw badRequest('The challenge has expired.', 'expired_challenge');
  return challenge;
}

/**
 * The action a token names must still exist and agree with the token. Tokens are signed, so a
 * mismatch means a token from an earlier database (e.g. a ':memory:' server that restarted) or an
 * action pruned after its retention.
 */
export async function loadTokenAction(ctx: AppContext, claims: TokenClaims): Promise<ActionRow> {
  const action = await ctx.store.getAction(claims.idempotencyKey);
  if (!action || action.userId !== claims.userId || action.actionCode !== claims.actionCode) {
    throw unauthorized('The token does not name a known action.', 'invalid_token');
  }
  return action;
}

/** The action's rule must accept this kind of authenticator (an MFA token for the app adds no passkey). */
export function checkPermitted(ctx: AppContext, actionCode: string, method: Method): void {
  if (!permits(ruleFor(ctx.options.actions, actionCode), method)) {
    const name = method === 'PASSKEY' ? 'a passkey' : 'the authenticator app';
    throw forbidden(`The action "${actionCode}" does not permit ${name}.`, 'method_not_allowed');
  }
}
