// What every route and service needs: resolved options, storage, token service, and a clock; and the
// per-request values the auth middleware (auth.ts) sets.
import type { Context } from 'hono';
import type { ResolvedOptions } from './options.js';
import type { Store } from './store/store.js';
import type { TokenClaims, TokenService } from './tokens.js';

export interface AppContext {
  options: ResolvedOptions;
  store: Store;
  tokens: TokenService;
}

/** Who called the client API: the tenant (Basic) or the holder of an action token (Bearer). */
export type ClientAuth = { kind: 'tenant' } | { kind: 'token'; claims: TokenClaims };

export type ClientEnv = { Variables: { who: ClientAuth } };
export type TokenEnv = { Variables: { who: ClientAuth; claims: TokenClaims } };
export type ClientContext = Context<ClientEnv>;

export const nowMs = (ctx: AppContext): number => ctx.options.now();
export const nowIso = (ctx: AppContext): string => new Date(ctx.options.now()).toISOString();
