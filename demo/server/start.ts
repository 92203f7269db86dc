// Starting the demo: its database, its port, and (unless given a tenant) a local Authsignal server for
// it; then the app (app.ts) over those. main.ts adds the environment and signals for `npm start`.
import { join } from 'node:path';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type Provider from 'oidc-provider';
import { fileURLToPath } from 'node:url';
import {
  type AuthsignalLocal,
  type AuthsignalLocalOptions,
  DEFAULT_SIGN_IN_ACTION,
  loadActionRules,
  startAuthsignalLocal,
} from '../../authsignal-local/index.js';
import { type LogFn, listen } from '../../authsignal-local/server-kit/index.js';
import { createApp } from './app.js';
import { FixedWindowLimiter } from './auth/rate-limit.js';
import { MfaService } from './authsignal/mfa.js';
import { type AuthsignalTenant, PasskeyService } from './authsignal/passkeys.js';
import type { Deps } from './context.js';
import { Store } from './db/store.js';
import { parserErrorBody } from './errors.js';
import { newAntiForgeryKey } from './security/anti-forgery.js';
import { OidcStore } from './oidc/adapter.js';
import { loadOrCreateKeys } from './oidc/keys.js';
import { clientOrigins, createProvider, isProviderPath, type OidcClient } from './oidc/provider.js';

export type { AuthsignalTenant } from './authsignal/passkeys.js';
export type { OidcClient } from './oidc/provider.js';

/** The action rules the demo ships (identity-server-login: a code from an authenticator app). */
export const DEMO_ACTIONS_FILE = fileURLToPath(new URL('../../authsignal-local/actions.json', import.meta.url));

/** Local Authsignal server settings; `origins` defaults to the demo's own origin. */
export type LocalAuthsignalOptions = Omit<AuthsignalLocalOptions, 'log'>;

export interface DemoOptions {
  /** Default 5001; 0 picks a free port. */
  port?: number;
  /** Interface to listen on. Default 'localhost' (the WebAuthn RP id of the local server). */
  host?: string;
  /** Folder for the SQLite files (created), or ':memory:' to keep nothing. Default '.data'. */
  dataDir?: string;
  /**
   * A real tenant ({ url, tenantId, secret, clientUrl? }), or options for the local Authsignal server
   * started with the demo (default; its port is 5050, or a free one when `port` is 0; its `actions`
   * default to the shipped authsignal-local/actions.json).
   */
  authsignal?: AuthsignalTenant | LocalAuthsignalOptions;
  /** One line per request (no query strings, no bodies); false silences the demo and its local server. */
  log?: LogFn | false;
  /** Millisecond clock for sessions and rate limits; tests move it to age sessions. Default Date.now. */
  now?: () => number;
  /**
   * Action codes a passkey sign-in token may carry. Default: the local server's default sign-in action
   * (what autofill and a button without `action` produce).
   */
  signInActions?: string[];
  /** Password attempts per window. Defaults: 10 per username and 50 per IP address per 5 minutes. */
  rateLimit?: { perUsername?: number; perIp?: number; windowMs?: number };
  /** Trust X-Forwarded-Proto / X-Forwarded-For from a proxy in front. Default false. */
  trustProxy?: boolean;
  /**
   * Makes the login server an OpenID Connect provider for these clients (the app of demo/server/app/).
   * Its state goes to `<dataDir>/oidc.db`, its keys to `<dataDir>/oidc-keys.json`. The clients' origins
   * become expected origins of the local Authsignal server too (one relying party, several origins).
   */
  oidc?: { clients: OidcClient[] };
}

export interface Demo {
  /** e.g. http://localhost:5001 */
  url: string;
  /** The Authsignal client API URL the browser uses, e.g. http://localhost:5050/v1. */
  authsignalUrl: string;
  /** The local Authsignal server, when the demo started one. */
  local?: AuthsignalLocal;
  /** The tenant the server talks to (the local server's, or the one given): the app may share it. */
  tenant: AuthsignalTenant;
  stop(): Promise<void>;
}

const isTenant = (value: DemoOptions['authsignal']): value is AuthsignalTenant =>
  value !== undefined && 'url' in value && typeof value.url === 'string';

/** Starts the demo (and, unless given a tenant, a local Authsignal server for it). */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const log: LogFn | false = options.log === undefined ? (line) => console.log(line) : options.log;
  const now = options.now ?? Date.now;
  const dataDir = options.dataDir ?? '.data';
  const host = options.host ?? 'localhost';
  const store = await Store.open(dataDir);

  // Listen first: the local Authsignal server must know the demo's origin (port 0 is only known now).
  // The Node bindings (second argument) carry the socket, which getConnInfo reads for the client IP.
  let handler: (request: Request, env: unknown) => Response | Promise<Response> = () =>
    new Response('Starting…', { status: 503, headers: { 'Retry-After': '1' } });
  let listening;
  try {
    listening = await listen({
      fetch: (request, env) => handler(request, env),
      port: options.port ?? 5001,
      host,
      errorBody: parserErrorBody,
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const { port } = listening;
  const closeServer = () => listening.close();
  const publicHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(host) ? 'localhost' : host;
  const url = `http://${publicHost}:${port}`;

  const oidcClients = options.oidc?.clients ?? [];
  const appOrigins = clientOrigins(oidcClients).filter((origin) => origin !== url);

  let tenant: AuthsignalTenant;
  let local: AuthsignalLocal | undefined;
  if (isTenant(options.authsignal)) {
    tenant = options.authsignal;
  } else {
    const localOptions = options.authsignal ?? {};
    try {
      local = await startAuthsignalLocal({
        port: options.port === 0 ? 0 : 5050,
        // Its own file, not the CLI's default (.data/authsignal-local.db): `npm start` next to
        // `npm run authsignal-local` would otherwise share one database between two unrelated servers.
        data: dataDir === ':memory:' ? ':memory:' : join(dataDir, 'demo-authsignal-local.db'),
        ...localOptions,
        actions: localOptions.actions ?? loadActionRules(DEMO_ACTIONS_FILE),
        origins: localOptions.origins ?? [url, ...appOrigins],
        log: log ? (line) => log(`[authsignal-local] ${line}`) : false,
      });
    } catch (error) {
      await closeServer();
      store.close();
      throw error;
    }
    // Same machine: nothing to retry, and no retry interceptors piling up on the shared axios in tests.
    tenant = { url: local.url, tenantId: local.options.tenantId, secret: local.options.secret, retries: 0 };
  }
  const authsignalUrl = tenant.clientUrl ?? tenant.url;

  const limits = options.rateLimit ?? {};
  const windowMs = limits.windowMs ?? 5 * 60 * 1000;
  const deps: Deps = {
    store,
    passkeys: new PasskeyService(tenant),
    mfa: new MfaService(tenant),
    origin: url,
    client: { tenantId: tenant.tenantId, baseUrl: authsignalUrl },
    now,
    signInActions: new Set(options.signInActions ?? [DEFAULT_SIGN_IN_ACTION]),
    limits: {
      perUsername: new FixedWindowLimiter(limits.perUsername ?? 10, windowMs, now),
      perIp: new FixedWindowLimiter(limits.perIp ?? 50, windowMs, now),
    },
    trustProxy: options.trustProxy ?? false,
    localAuthsignal: local !== undefined,
    antiForgeryKey: newAntiForgeryKey(),
  };
  let provider: Provider | undefined;
  let oidcStore: OidcStore | undefined;
  if (options.oidc) {
    try {
      oidcStore = await OidcStore.open(dataDir === ':memory:' ? ':memory:' : join(dataDir, 'oidc.db'));
      const keys = await loadOrCreateKeys(dataDir);
      provider = createProvider({ issuer: url, clients: oidcClients, store, oidcStore, keys, trustProxy: deps.trustProxy });
    } catch (error) {
      oidcStore?.close();
      await closeServer();
      await local?.stop();
      store.close();
      throw error;
    }
  }
  const app = createApp(deps, log, tenant.prebuiltUrl ?? authsignalUrl, provider && { provider, clientOrigins: appOrigins });
  const providerCallback = provider?.callback();
  handler = async (request, env) => {
    // The provider's own endpoints (discovery, authorize, token, jwks, end session) go to oidc-provider,
    // on Node's request and response; everything else is the demo's.
    const path = new URL(request.url).pathname;
    if (!providerCallback || !isProviderPath(path)) return app.fetch(request, env);
    const { incoming, outgoing } = env as HttpBindings;
    await providerCallback(incoming, outgoing);
    if (log) log(`${request.method} ${path} ${outgoing.statusCode}`); // the path only: queries carry codes
    return RESPONSE_ALREADY_SENT;
  };

  let stopping: Promise<void> | undefined;
  return {
    url,
    authsignalUrl,
    tenant,
    ...(local ? { local } : {}),
    stop() {
      stopping ??= (async () => {
        await closeServer();
        await local?.stop();
        oidcStore?.close();
        store.close();
      })();
      return stopping;
    },
  };
}
