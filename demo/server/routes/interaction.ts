// The OpenID Connect provider's interactions (oidc-provider sends the browser to /interaction/:uid when
// it needs someone to sign in): the demo's own /login does the signing in (password and second factor,
// passkey autofill or button), comes back here, and the provider carries on to the app with a code.
// Consent is never asked of a first-party app (oidc/provider.ts gives it its grant).
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { errors, type default as Provider } from 'oidc-provider';
import { signOut } from '../auth/sessions.js';
import { type AppEnv, type Deps, RequestError } from '../context.js';

const expired = () =>
  new RequestError(400, 'This sign-in request has expired or was already completed. Start again from the app.', 'Sign-in expired');

/** oidc-provider's session cookie (its default name), and the signature cookie beside it. */
const PROVIDER_SESSION_COOKIES = ['_session', '_session.sig'];

export function interactionRoutes(deps: Deps, provider: Provider): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // Signing out on the login server ends its provider session too: otherwise the next app to ask would
  // be signed in again without anyone signing in. (routes/login.ts then ends the demo's own session.)
  app.post('/logout', async (c, next) => {
    const id = getCookie(c, PROVIDER_SESSION_COOKIES[0]!);
    if (id) await (await provider.Session.find(id))?.destroy();
    for (const name of PROVIDER_SESSION_COOKIES) deleteCookie(c, name, { path: '/' });
    return next();
  });

  app.get('/interaction/:uid', async (c) => {
    // oidc-provider reads its interaction cookie from Node's request (the server runs on @hono/node-server).
    const { incoming, outgoing } = c.env as unknown as HttpBindings;
    let details;
    try {
      details = await provider.interactionDetails(incoming, outgoing);
    } catch (error) {
      if (error instanceof errors.SessionNotFound) throw expired();
      throw error;
    }
    const uid = c.req.param('uid');
    if (details.uid !== uid) throw expired();

    const { name } = details.prompt;
    if (name === 'login') {
      const auth = c.get('auth');
      const signInPage = () => c.redirect(`/login?returnUrl=${encodeURIComponent(`/interaction/${uid}`)}`, 303);
      // prompt=login or an exceeded max_age asks for a sign-in now: at the interaction's first visit
      // (recorded like a spent token) any session from before it ends, and the sign-in page makes a new one.
      const forced = details.prompt.reasons.some((reason) => reason === 'login_prompt' || reason === 'max_age');
      if (forced && (await deps.store.spendToken(`reauth:${uid}`, deps.now()))) {
        if (auth) await signOut(c, deps);
        return signInPage();
      }
      if (!auth) return signInPage();
      const login = {
        accountId: auth.user.id,
        amr: auth.session.amr,
        ts: Math.floor(auth.session.authenticatedAt / 1000),
        remember: true,
      };
      return c.redirect(await provider.interactionResult(incoming, outgoing, { login }, { mergeWithLastSubmission: false }), 303);
    }
    if (name === 'consent' && details.session?.accountId) {
      // Only reached when loadExistingGrant gave no grant: a client that is not first-party.
      throw new RequestError(403, 'This application is not allowed to sign in here.', 'Sign-in refused');
    }
    throw expired();
  });

  return app;
}
