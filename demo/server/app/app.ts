// The app (the guides' WebClient, on its own origin): it signs people in through the login server
// (OpenID Connect, sign-in.ts) and hosts the account page with the same routes as the login server's
// (passkeys added on this origin with <add-passkey-button>, renamed, removed; step-up), its own session
// cookie and its own Authsignal secret. Pure: built over its dependencies; start.ts runs it.
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type LogFn, requestLog } from '../../../authsignal-local/server-kit/index.js';
import { isHttps, loadSession } from '../auth/sessions.js';
import { type AppEnv, type Deps, RequestError } from '../context.js';
import { notFound, onError } from '../errors.js';
import { accountRoutes } from '../routes/account.js';
import { apiRoutes } from '../routes/api.js';
import { passkeyRoutes } from '../routes/passkeys.js';
import { stepUpRoutes } from '../routes/step-up.js';
import { noStoreAndHsts, securityHeaders } from '../security/headers.js';
import { MAX_BODY_BYTES } from '../security/input.js';
import { sameOriginWrites } from '../security/origin.js';
import { serveFolder } from '../static.js';
import { appHomePage } from '../views/pages.js';
import type { RelyingParty } from './relying-party.js';
import { signInRoutes } from './sign-in.js';

const ELEMENTS_DIR = fileURLToPath(new URL('../../../dist/cdn/', import.meta.url));
const STATIC_DIR = fileURLToPath(new URL('../static/', import.meta.url));

export function createClientApp(deps: Deps, log: LogFn | false, relyingParty: RelyingParty): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const loginServer = new URL(relyingParty.options.issuer).origin;

  app.use('*', requestLog(log));
  // Signing out posts to /logout, which goes on to the login server's end-session page.
  app.use('*', securityHeaders(deps.client.baseUrl, deps.client.baseUrl, [loginServer]));
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

  app.get('/', (c) => c.html(appHomePage(c.get('auth')?.user.username, loginServer)));
  app.route('/', signInRoutes(deps, relyingParty));
  app.route('/', passkeyRoutes(deps));
  app.route('/', accountRoutes(deps));
  app.route('/', stepUpRoutes(deps));
  app.route('/api', apiRoutes(deps));

  app.notFound(notFound);
  app.onError(onError(log));
  return app;
}
