// Signing in to the app through the login server (the guides' WebClient): GET /login sends the browser
// to the provider's authorization endpoint; the provider comes back to GET /auth/callback with a code,
// exchanged here (PKCE, state, nonce checked) for a verified ID token, and the app starts its own
// session for that person. POST /logout ends it and goes on to the login server's end-session page,
// which signs out of the login server too and comes back.
//
// Between the two, a cookie keeps the PKCE verifier, state, nonce and return path: signed by Hono's
// signed cookies (key derived from the server's for this purpose alone), HttpOnly, SameSite=Lax (the way
// back is a top-level GET), `__Host-` over HTTPS (security/host-cookies.ts), ten minutes, spent at the callback.
import { Hono } from 'hono';
import { signIn, signOut } from '../auth/sessions.js';
import { hostCookie } from '../security/host-cookies.js';
import { type AppContext, type AppEnv, type Deps, RequestError } from '../context.js';
import { cookieKey } from '../security/cookie-keys.js';
import { localPath, returnTo } from '../security/return-url.js';
import { LoginServerUnavailable, type PendingSignIn, type RelyingParty, SignInRefused } from './relying-party.js';

export const PENDING_SIGN_IN_COOKIE = 'app_oidc';
const PENDING_TTL_S = 10 * 60;

const keyOf = (deps: Deps) => cookieKey(deps, 'pending-sign-in');

const unavailable = () =>
  new RequestError(503, 'The login server could not be reached. Try again in a moment.', 'Sign-in unavailable', { 'Retry-After': '5' });
const refused = () =>
  new RequestError(400, 'That sign-in could not be completed (it expired, or came from elsewhere). Sign in again.', 'Sign-in failed');

interface Pending extends PendingSignIn {
  returnUrl: string;
}

async function takePending(c: AppContext, deps: Deps): Promise<Pending | undefined> {
  const value = await hostCookie.getSigned(c, deps, keyOf(deps), PENDING_SIGN_IN_COOKIE);
  if (value === undefined) return undefined;
  hostCookie.delete(c, deps, PENDING_SIGN_IN_COOKIE);
  if (value === false) return undefined;
  try {
    const pending = JSON.parse(Buffer.from(value, 'base64url').toString()) as Partial<Pending>;
    const fields = [pending.codeVerifier, pending.state, pending.nonce, pending.returnUrl];
    return fields.every((field) => typeof field === 'string') ? (pending as Pending) : undefined;
  } catch {
    return undefined;
  }
}

export function signInRoutes(deps: Deps, relyingParty: RelyingParty): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/login', async (c) => {
    const returnUrl = returnTo(c.req.query('returnUrl'));
    let start;
    try {
      start = await relyingParty.start();
    } catch (error) {
      if (error instanceof LoginServerUnavailable) throw unavailable();
      throw error;
    }
    const pending: Pending = { ...start.pending, returnUrl };
    const value = Buffer.from(JSON.stringify(pending)).toString('base64url');
    await hostCookie.setSigned(c, deps, keyOf(deps), PENDING_SIGN_IN_COOKIE, value, PENDING_TTL_S);
    return c.redirect(start.url.toString(), 303);
  });

  // The code arrives in the query (the authorization code flow): the answer is a redirect at once, and
  // the request log writes paths only. The code is single-use and bound to this browser's PKCE verifier.
  app.get('/auth/callback', async (c) => {
    const pending = await takePending(c, deps);
    if (!pending) throw refused();
    let person;
    try {
      person = await relyingParty.finish(new URL(c.req.url), pending);
    } catch (error) {
      if (error instanceof LoginServerUnavailable) throw unavailable();
      if (error instanceof SignInRefused) throw refused();
      throw error;
    }
    await deps.store.upsertUser(person.sub, person.username, person.displayName);
    await signIn(c, deps, person.sub, person.amr.includes('hwk') ? 'passkey' : 'password', { authenticatedAt: person.authTime, amr: person.amr });
    return c.redirect(localPath(pending.returnUrl) ?? '/account', 303);
  });

  app.post('/logout', async (c) => {
    await signOut(c, deps);
    try {
      return c.redirect((await relyingParty.endSessionUrl()).toString(), 303);
    } catch (error) {
      if (error instanceof LoginServerUnavailable) return c.redirect('/', 303); // signed out here, at least
      throw error;
    }
  });

  return app;
}
