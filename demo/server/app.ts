// The demo login server: the journey of the Authsignal + Duende IdentityServer guide (password sign-in,
// add a passkey, sign in with passkey autofill or a button, token validated on the server) and of the
// WSO2 passkey guide (progressive enrollment after a password sign-in, naming passkeys, managing them).
//
// Why Hono (on @hono/node-server): it is small, it speaks the standard Request/Response (so the same
// app runs in-process in tests, on Node, or elsewhere), and it ships the middleware a login server owes
// its users — cookies, CSRF (Origin / Sec-Fetch-Site), secure headers with a CSP, body limits, HTML
// escaping — so none of that is hand-rolled. The local Authsignal server is built on it too.
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { AuthsignalError } from '@authsignal/node';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import {
  type AuthsignalLocal,
  type AuthsignalLocalOptions,
  DEFAULT_SIGN_IN_ACTION,
  startAuthsignalLocal,
} from '../../authsignal-local/index.js';
import { FixedWindowLimiter } from './auth/rate-limit.js';
import { isHttps, loadSession } from './auth/sessions.js';
import { type AuthsignalTenant, PasskeyService } from './authsignal/passkeys.js';
import { type AppEnv, type Deps, RequestError } from './context.js';
import { Store } from './db/store.js';
import { type LogFn, requestLog } from './log.js';
import { playgroundRoutes } from '../playground/routes.js';
import { accountRoutes } from './routes/account.js';
import { apiRoutes } from './routes/api.js';
import { loginRoutes } from './routes/login.js';
import { passkeyRoutes } from './routes/passkeys.js';
import { newAntiForgeryKey } from './security/anti-forgery.js';
import { noStoreAndHsts, securityHeaders } from './security/headers.js';
import { MAX_BODY_BYTES } from './security/input.js';
import { sameOriginWrites } from './security/origin.js';
import { serveFolder } from './static.js';
import { messagePage } from './views/layout.js';
import { homePage } from './views/pages.js';

export type { AuthsignalTenant } from './authsignal/passkeys.js';

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
   * started with the demo (default; its port is 5050, or a free one when `port` is 0).
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
}

export interface Demo {
  /** e.g. http://localhost:5001 */
  url: string;
  /** The Authsignal client API URL the browser uses, e.g. http://localhost:5050/v1. */
  authsignalUrl: string;
  /** The local Authsignal server, when the demo started one. */
  local?: AuthsignalLocal;
  stop(): Promise<void>;
}

const ELEMENTS_DIR = fileURLToPath(new URL('../../dist/cdn/', import.meta.url));
const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));
const PLAYGROUND_DIR = fileURLToPath(new URL('../../dist/playground/', import.meta.url));

const isTenant = (value: DemoOptions['authsignal']): value is AuthsignalTenant =>
  value !== undefined && 'url' in value && typeof value.url === 'string';

/** Builds the Hono app over its dependencies. */
export function createApp(deps: Deps, log: LogFn | false): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const apiPath = (path: string) => path === '/api' || path.startsWith('/api/');

  app.use('*', requestLog(log));
  app.use('*', securityHeaders(deps.client.baseUrl));
  app.use('*', noStoreAndHsts((c) => isHttps(c, deps.trustProxy)));
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new RequestError(413, `The request is larger than ${MAX_BODY_BYTES / 1024} KB.`, 'Request too large');
      },
    }),
  );
  app.use('*', sameOriginWrites());
  app.use('*', loadSession(deps));

  app.get('/elements/:file', serveFolder(ELEMENTS_DIR));
  app.get('/static/:file', serveFolder(STATIC_DIR));
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/', (c) => c.html(homePage(c.get('auth')?.user.username)));
  app.route(
    '/',
    playgroundRoutes({
      distDir: PLAYGROUND_DIR,
      tenantId: deps.client.tenantId,
      baseUrl: deps.client.baseUrl,
      // Throwaway enrollment tokens only against the local server, never a real tenant.
      ...(deps.localAuthsignal ? { issueEnrollmentToken: (userId: string) => deps.passkeys.enrollmentToken(userId, userId) } : {}),
    }),
  );
  app.route('/', loginRoutes(deps));
  app.route('/', passkeyRoutes(deps));
  app.route('/', accountRoutes(deps));
  app.route('/api', apiRoutes(deps));

  app.notFound((c) =>
    apiPath(c.req.path)
      ? c.json({ error: 'Not found.' }, 404)
      : c.html(messagePage('Page not found', 'There is nothing at this address.'), 404),
  );

  app.onError((error, c) => {
    let failure: RequestError;
    if (error instanceof RequestError) {
      failure = error;
    } else if (error instanceof HTTPException) {
      failure = new RequestError(error.status as RequestError['status'], error.message || 'The request was refused.');
    } else if (error instanceof AuthsignalError) {
      // The service behind the demo failed or is unreachable: a gateway error, not the visitor's fault.
      if (log) log(`authsignal error: ${error.statusCode} ${error.errorCode}`);
      failure = new RequestError(502, 'The passkey service could not be reached. Try again shortly.', 'Service unavailable');
    } else {
      if (log) log(`error: ${error instanceof Error ? error.message : String(error)}`);
      failure = new RequestError(500, 'The server failed unexpectedly. Try again.', 'Server error');
    }
    if (apiPath(c.req.path)) return c.json({ error: failure.message }, failure.status, failure.headers);
    return c.html(messagePage(failure.title, failure.message), failure.status, failure.headers);
  });

  return app;
}

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
  let server: ReturnType<typeof serve>;
  let port: number;
  try {
    ({ server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
      const s = serve({ fetch: (request, env) => handler(request, env), port: options.port ?? 5001, hostname: host }, (info: AddressInfo) =>
        resolve({ server: s, port: info.port }),
      );
      s.once('error', reject);
    }));
  } catch (error) {
    store.close();
    throw error;
  }
  const publicHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(host) ? 'localhost' : host;
  const url = `http://${publicHost}:${port}`;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });

  let tenant: AuthsignalTenant;
  let local: AuthsignalLocal | undefined;
  if (isTenant(options.authsignal)) {
    tenant = options.authsignal;
  } else {
    const localOptions = options.authsignal ?? {};
    try {
      local = await startAuthsignalLocal({
        port: options.port === 0 ? 0 : 5050,
        data: dataDir === ':memory:' ? ':memory:' : join(dataDir, 'authsignal-local.db'),
        ...localOptions,
        origins: localOptions.origins ?? [url],
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
  const app = createApp(deps, log);
  handler = (request, env) => app.fetch(request, env);

  let stopping: Promise<void> | undefined;
  return {
    url,
    authsignalUrl,
    ...(local ? { local } : {}),
    stop() {
      stopping ??= (async () => {
        await closeServer();
        await local?.stop();
        store.close();
      })();
      return stopping;
    },
  };
}
