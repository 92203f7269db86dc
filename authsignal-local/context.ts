// What every route needs: resolved options, storage, token service, and a clock.
import type { Store, ActionRow } from './db.js';
import type { ResolvedOptions } from './options.js';
import { unauthorized } from './errors.js';
import type { TokenClaims, TokenService } from './tokens.js';

export interface AppContext {
  options: ResolvedOptions;
  store: Store;
  tokens: TokenService;
}

export const nowMs = (ctx: AppContext): number => ctx.options.now();
export const nowIso = (ctx: AppContext): string => new Date(ctx.options.now()).toISOString();

/**
 * The action a token names must still exist and agree with the token. Tokens are signed, so a
 * mismatch means a token from an earlier database (e.g. a ':memory:' server that restarted).
 */
export async function loadTokenAction(ctx: AppContext, claims: TokenClaims): Promise<ActionRow> {
  const action = await ctx.store.getAction(claims.idempotencyKey);
  if (!action || action.userId !== claims.userId || action.actionCode !== claims.actionCode) {
    throw unauthorized('The token does not name a known action.', 'invalid_token');
  }
  return action;
}
