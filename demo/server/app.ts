// The demo login server's app: the journey of the Authsignal + Duende IdentityServer guide (password
// sign-in, add a passkey, sign in with passkey autofill or a button, token validated on the server) and
// of the WSO2 passkey guide (progressive enrollment after a password sign-in, naming passkeys, managing
// them). Pure: built over its dependencies, no port, no signal; start.ts runs it.
//
// Why Hono (on @hono/node-server): it is small, it speaks the standard Request/Response (so the same
// app runs in-process in tests, on Node, or elsewhere), and it ships the middleware a login server owes
// its users — cookies, CSRF (Origin / Sec-Fetch-Site), secure headers with a CSP, body limits, static
// files, HTML escaping — so none of that is hand-rolled. The local Authsignal server is built on it too.
import { fileURLToPath } from 'node:url';
import type Provider from 'oidc-provider';
import type { Hono } from 'hono';
import type { LogFn } from '../../authsignal-local/server-kit/index.js';
import { playgroundRoutes } from '../playground/routes.js';
import { baseApp, withAccountPages } from './base-app.js';
import type { AppEnv, Deps } from './context.js';
import { interactionRoutes } from './routes/interaction.js';
import { loginRoutes } from './routes/login.js';
import { mfaRoutes } from './routes/mfa.js';
import { homePage } from './views/pages.js';

const PLAYGROUND_DIR = fileURLToPath(new URL('../../dist/playground/', import.meta.url));

/**
 * Builds the Hono app over its dependencies. `prebuiltUrl`: where the pre-built UI lives (the redirect
 * after POST /login goes there). `provider`: the OpenID Connect provider whose interactions these pages
 * serve (start.ts hands it its own paths), and `clientOrigins` where it sends people on to.
 */
export function createApp(
  deps: Deps,
  log: LogFn | false,
  prebuiltUrl: string = deps.client.baseUrl,
  oidc?: { provider: Provider; clientOrigins: string[] },
): Hono<AppEnv> {
  const app = baseApp(deps, log, prebuiltUrl, oidc?.clientOrigins);

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
  if (oidc) app.route('/', interactionRoutes(deps, oidc.provider)); // before loginRoutes: its POST /logout goes first
  app.route('/', loginRoutes(deps));
  app.route('/', mfaRoutes(deps));
  return withAccountPages(app, deps, log);
}
