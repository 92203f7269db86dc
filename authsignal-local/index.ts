// authsignal-local: a local server speaking the Authsignal API that the unmodified
// @authsignal/browser (client API, under /v1/client) and @authsignal/node (server API, under /v1)
// use for passkeys. Real WebAuthn verification (@simplewebauthn/server), SQLite storage (libsql).
//
//   const local = await startAuthsignalLocal({ port: 0, origins: ['http://localhost:8765'] });
//   new Authsignal({ apiSecretKey: local.options.secret, apiUrl: local.url });        // Node SDK
//   new Authsignal({ tenantId: local.options.tenantId, baseUrl: local.url });         // browser SDK
//   await local.stop();
import { createAuthsignalLocalApp } from './app.js';
import { errorBody } from './errors.js';
import type { AuthsignalLocalOptions, ResolvedOptions } from './options.js';
import { listen, maskSecret } from './server-kit/index.js';

export { createAuthsignalLocalApp, MAX_BODY_BYTES, type AuthsignalLocalApp } from './app.js';
export { DEFAULTS, resolveOptions, type AuthsignalLocalOptions, type ResolvedOptions } from './options.js';
export { DEFAULT_SIGN_IN_ACTION } from './services/sign-in.js';
export { TRACK_DEFAULT_STATE } from './services/actions.js';
export { loadActionRules, DEFAULT_RULE, type ActionRule, type ActionRules, type Method, type Outcome } from './rules.js';

const PARSER_ERROR_CODES = { 400: 'invalid_request', 408: 'request_timeout', 431: 'headers_too_large' } as const;

export interface AuthsignalLocal {
  /** API base URL for both SDKs, e.g. http://localhost:5050/v1. */
  url: string;
  /** The port actually bound (useful with `port: 0`). */
  port: number;
  options: ResolvedOptions;
  /** Stops accepting connections, ends open ones, and closes the database. */
  stop(): Promise<void>;
}

export async function startAuthsignalLocal(input: AuthsignalLocalOptions = {}): Promise<AuthsignalLocal> {
  const { app, options, close } = await createAuthsignalLocalApp(input);
  let listening;
  try {
    listening = await listen({
      fetch: app.fetch,
      port: options.port,
      host: options.host,
      errorBody: (status, message) => errorBody(PARSER_ERROR_CODES[status], message),
    });
  } catch (error) {
    await close();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${formatHost(options.host)}:${listening.port}/v1`,
    port: listening.port,
    options,
    stop() {
      stopping ??= listening.close().then(() => close());
      return stopping;
    },
  };
}

/** A one-paragraph description of a running server, with the secret masked. */
export function describeAuthsignalLocal(local: AuthsignalLocal): string {
  const o = local.options;
  return [
    `authsignal-local listening on ${local.url}`,
    `  tenant id: ${o.tenantId}`,
    `  secret:    ${maskSecret(o.secret)}`,
    `  rp id:     ${o.rpId} (${o.rpName})`,
    `  origins:   ${o.origins.join(', ')}`,
    `  data:      ${o.data === ':memory:' ? ':memory: (nothing is kept)' : o.data}`,
    `  actions:   ${Object.entries(o.actions).map(([code, r]) => `${code} ${r.outcome} ${r.authenticators.join('+')}`).join(', ') || 'no rules (ALLOW)'}`,
  ].join('\n');
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
