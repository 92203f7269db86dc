// Starting the app: its database (<dataDir>/app.db), its port, then the app (app.ts) over them. It needs
// its login server (the issuer and this app's client secret there) and an Authsignal tenant; `wire` gives
// both once the app's own URL is known (the topology starts the login server there, registering this URL).
import { type LogFn, listen } from '../../../authsignal-local/server-kit/index.js';
import { FixedWindowLimiter } from '../auth/rate-limit.js';
import { MfaService } from '../authsignal/mfa.js';
import { type AuthsignalTenant, PasskeyService } from '../authsignal/passkeys.js';
import type { Deps } from '../context.js';
import { Store } from '../db/store.js';
import { parserErrorBody } from '../errors.js';
import { newAntiForgeryKey } from '../security/anti-forgery.js';
import { createClientApp } from './app.js';
import { RelyingParty } from './relying-party.js';
import type { OidcClient } from '../oidc/provider.js';

/** The app's session cookie: not the login server's (cookies are shared by every port of a host). */
export const APP_SESSION_COOKIE = 'app_session';
/** The app's client id at the login server. */
export const APP_CLIENT_ID = 'demo-app';

export interface AppConnection {
  /** The login server, e.g. http://localhost:5001. */
  issuer: string;
  clientId?: string;
  clientSecret: string;
  authsignal: AuthsignalTenant;
}

export interface AppOptions {
  /** Default 5002; 0 picks a free port. */
  port?: number;
  /** Default 'localhost'. */
  host?: string;
  /** Folder for app.db, or ':memory:'. Default '.data'. */
  dataDir?: string;
  log?: LogFn | false;
  now?: () => number;
  trustProxy?: boolean;
  /** The login server and tenant, or a function giving them once the app's URL is known. */
  connection: AppConnection | ((appUrl: string) => Promise<AppConnection>);
}

export interface RunningApp {
  /** e.g. http://localhost:5002 */
  url: string;
  connection: AppConnection;
  stop(): Promise<void>;
}

/** The callback and post-logout URIs the app uses, to be registered exactly at the login server. */
export const appUris = (appUrl: string) => ({
  redirectUri: `${appUrl}/auth/callback`,
  postLogoutRedirectUri: `${appUrl}/`,
});

/** The app as the login server registers it: its URIs exactly, first-party (no consent screen), a readable name. */
export const appClient = (appUrl: string, clientSecret: string): OidcClient => {
  const { redirectUri, postLogoutRedirectUri } = appUris(appUrl);
  return {
    clientId: APP_CLIENT_ID,
    clientName: 'the demo app',
    clientSecret,
    redirectUris: [redirectUri],
    postLogoutRedirectUris: [postLogoutRedirectUri],
    firstParty: true,
  };
};

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const log: LogFn | false = options.log === undefined ? (line) => console.log(line) : options.log;
  const now = options.now ?? Date.now;
  const dataDir = options.dataDir ?? '.data';
  const host = options.host ?? 'localhost';
  const store = await Store.open(dataDir, { file: 'app.db', seed: false });

  let handler: (request: Request, env: unknown) => Response | Promise<Response> = () =>
    new Response('Starting…', { status: 503, headers: { 'Retry-After': '1' } });
  let listening;
  try {
    listening = await listen({ fetch: (request, env) => handler(request, env), port: options.port ?? 5002, host, errorBody: parserErrorBody });
  } catch (error) {
    store.close();
    throw error;
  }
  const publicHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(host) ? 'localhost' : host;
  const url = `http://${publicHost}:${listening.port}`;

  let connection: AppConnection;
  try {
    connection = typeof options.connection === 'function' ? await options.connection(url) : options.connection;
  } catch (error) {
    await listening.close();
    store.close();
    throw error;
  }
  const tenant = connection.authsignal;
  const baseUrl = tenant.clientUrl ?? tenant.url;
  const deps: Deps = {
    store,
    passkeys: new PasskeyService(tenant),
    mfa: new MfaService(tenant),
    origin: url,
    client: { tenantId: tenant.tenantId, baseUrl },
    now,
    signInActions: new Set(), // the app takes no sign-in tokens: the login server signs people in
    // No password form here; the limiter type is shared with the login server.
    limits: { perUsername: new FixedWindowLimiter(1, 1, now), perIp: new FixedWindowLimiter(1, 1, now) },
    trustProxy: options.trustProxy ?? false,
    localAuthsignal: false,
    sessionCookie: APP_SESSION_COOKIE,
    antiForgeryKey: newAntiForgeryKey(),
  };
  const relyingParty = new RelyingParty({
    issuer: connection.issuer,
    clientId: connection.clientId ?? APP_CLIENT_ID,
    clientSecret: connection.clientSecret,
    ...appUris(url),
  });
  const app = createClientApp(deps, log, relyingParty);
  handler = (request, env) => app.fetch(request, env);

  let stopping: Promise<void> | undefined;
  return {
    url,
    connection,
    stop() {
      stopping ??= (async () => {
        await listening.close();
        store.close();
      })();
      return stopping;
    },
  };
}
