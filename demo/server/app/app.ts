// The app (the guides' WebClient, on its own origin): it signs people in through the login server
// (OpenID Connect, sign-in.ts) and hosts the account page with the same routes as the login server's
// (passkeys added on this origin with <add-passkey-button>, renamed, removed; step-up), its own session
// cookie and its own Authsignal secret. Pure: built over its dependencies; start.ts runs it.
import type { Hono } from 'hono';
import type { LogFn } from '../../../authsignal-local/server-kit/index.js';
import { baseApp, withAccountPages } from '../base-app.js';
import type { AppEnv, Deps } from '../context.js';
import { appHomePage } from '../views/pages.js';
import type { RelyingParty } from './relying-party.js';
import { signInRoutes } from './sign-in.js';

export function createClientApp(deps: Deps, log: LogFn | false, relyingParty: RelyingParty): Hono<AppEnv> {
  const loginServer = new URL(relyingParty.options.issuer).origin;
  // Signing out posts to /logout, which goes on to the login server's end-session page.
  const app = baseApp(deps, log, deps.client.baseUrl, [loginServer]);

  app.get('/', (c) => c.html(appHomePage(c.get('auth')?.user.username, loginServer)));
  app.route('/', signInRoutes(deps, relyingParty));
  return withAccountPages(app, deps, log);
}
