// What both demo servers (the login server, app.ts, and the app, app/app.ts) start with, in this order: the
// request log, security headers, no-store and HSTS, the body limit, same-origin writes, the session, and the
// elements' bundle and static files. Each then adds its own routes, and ends with `withAccountPages`.
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type LogFn, requestLog } from '../../authsignal-local/server-kit/index.js';
import { loadSession } from './auth/sessions.js';
import { isHttps } from './security/host-cookies.js';
import { type AppEnv, type Deps, RequestError } from './context.js';
import { notFound, onError } from './errors.js';
import { accountRoutes } from './routes/account.js';
import { apiRoutes } from './routes/api.js';
import { passkeyRoutes } from './routes/passkeys.js';
import { stepUpRoutes } from './routes/step-up.js';
import { noStoreAndHsts, securityHeaders } from './security/headers.js';
import { MAX_BODY_BYTES } from './security/input.js';
import { sameOriginWrites } from './security/origin.js';
import { serveFolder } from './static.js';

const ELEMENTS_DIR = fileURLToPath(new URL('../../dist/cdn/', import.meta.url));
const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

/**
 * `prebuiltUrl`: where the pre-built UI lives (the CSP lets forms go there); `formActions`: the other origins a
 * form on these pages may go on to (the login server's clients, or the app's login server).
 */
export function baseApp(deps: Deps, log: LogFn | false, prebuiltUrl: string, formActions?: string[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestLog(log));
  app.use('*', securityHeaders(deps.client.baseUrl, prebuiltUrl, formActions));
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

  app.get('/elements/*', serveFolder('/elements', ELEMENTS_DIR));
  app.get('/static/*', serveFolder('/static', STATIC_DIR));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  return app;
}

/** What both servers end with: the account pages (passkeys, account, step-up, the JSON API) and the error pages. */
export function withAccountPages(app: Hono<AppEnv>, deps: Deps, log: LogFn | false): Hono<AppEnv> {
  app.route('/', passkeyRoutes(deps));
  app.route('/', accountRoutes(deps));
  app.route('/', stepUpRoutes(deps));
  app.route('/api', apiRoutes(deps));
  app.notFound(notFound);
  app.onError(onError(log));
  return app;
}
