// Adding a passkey: the enrollment offer after a password sign-in, the callback where
// <add-passkey-button> posts its proof, and naming the new passkey (WSO2 guide).
import { Hono } from 'hono';
import { isRecent, requireAuth } from '../auth/sessions.js';
import { ADD_PASSKEY_ACTION, type Passkey, TokenRejected } from '../authsignal/passkeys.js';
import { type AppContext, type AppEnv, type Auth, type Deps, RequestError } from '../context.js';
import { sha256 } from '../db/store.js';
import { antiForgeryToken, requireAntiForgery } from '../security/anti-forgery.js';
import { isAuthenticatorId, passkeyName, readForm, text } from '../security/input.js';
import { returnTo } from '../security/return-url.js';
import { enrollPage, namePasskeyPage } from '../views/pages.js';

/** Pages need a session; without one, sign in first and come back here. */
/** Why an older session may not remove a passkey (it confirms with a passkey first, or signs in again). */
export const STALE_REMOVAL = 'Sign in again to remove a passkey: your last sign-in was over 10 minutes ago.';

export function loginFirst(c: AppContext): Response {
  const url = new URL(c.req.url);
  return c.redirect(`/login?returnUrl=${encodeURIComponent(url.pathname + url.search)}`, 303);
}

/** One of this person's passkeys, with its demo name; a 404 when the id is not theirs. */
export async function ownPasskey(deps: Deps, auth: Auth, id: string | undefined): Promise<Passkey> {
  const list = id && isAuthenticatorId(id) ? await deps.passkeys.list(auth.user.id, await deps.store.passkeyNames(auth.user.id)) : [];
  const passkey = list.find((p) => p.id === id);
  if (!passkey) throw new RequestError(404, 'There is no such passkey on your account.', 'Passkey not found');
  return passkey;
}

export function passkeyRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/passkeys/enroll', async (c) => {
    const auth = c.get('auth');
    if (!auth) return loginFirst(c);
    const returnUrl = returnTo(c.req.query('returnUrl'));
    // The offer only makes sense right after a sign-in; later, the account page has the button.
    if (!isRecent(auth, deps)) return c.redirect(returnUrl, 303);
    const token = await deps.passkeys.enrollmentToken(auth.user.id, auth.user.username);
    const antiForgery = antiForgeryToken(c, deps);
    return c.html(enrollPage({ config: deps.client, antiForgery, username: auth.user.username, token, returnUrl }));
  });

  // <add-passkey-button callback-url="/passkeys/created"> posts token, userAuthenticatorId, returnUrl.
  app.post('/passkeys/created', async (c) => {
    const auth = requireAuth(c);
    const form = await readForm(c);
    requireAntiForgery(c, deps, form);
    const token = text(form['token'], 8192);
    if (!token) throw new RequestError(400, 'The request carried no token.', 'Passkey not confirmed');
    const refused = () =>
      new RequestError(
        400,
        'The new passkey could not be confirmed. Try adding it again from your account.',
        'Passkey not confirmed',
      );

    let challenge;
    try {
      challenge = await deps.passkeys.validate(token);
    } catch (error) {
      if (error instanceof TokenRejected) throw refused();
      throw error;
    }
    if (
      !challenge.isValid ||
      challenge.state !== 'CHALLENGE_SUCCEEDED' ||
      challenge.action !== ADD_PASSKEY_ACTION ||
      challenge.userId !== auth.user.id
    ) {
      throw refused();
    }
    if (!(await deps.store.spendToken(`add:${challenge.idempotencyKey ?? sha256(token)}`, deps.now()))) {
      throw refused();
    }
    // The element names the new passkey; without that, the newest one is the one just created.
    const list = await deps.passkeys.list(auth.user.id, await deps.store.passkeyNames(auth.user.id));
    const passkey = list.find((p) => p.id === form['userAuthenticatorId']) ?? list[0];
    if (!passkey) throw refused();
    const query = new URLSearchParams({ id: passkey.id, returnUrl: returnTo(form['returnUrl']) });
    return c.redirect(`/passkeys/name?${query}`, 303);
  });

  app.get('/passkeys/name', async (c) => {
    const auth = c.get('auth');
    if (!auth) return loginFirst(c);
    const passkey = await ownPasskey(deps, auth, c.req.query('id'));
    const returnUrl = returnTo(c.req.query('returnUrl'));
    return c.html(namePasskeyPage({ username: auth.user.username, passkey, returnUrl }));
  });

  app.post('/passkeys/name', async (c) => {
    const auth = requireAuth(c);
    const form = await readForm(c);
    const passkey = await ownPasskey(deps, auth, form['id']);
    const returnUrl = returnTo(form['returnUrl']);
    const name = passkeyName(form['name']);
    if (!name) {
      const error = 'Give the passkey a name of 1 to 64 characters.';
      return c.html(namePasskeyPage({ username: auth.user.username, passkey, returnUrl, error }), 400);
    }
    await deps.store.setPasskeyName(auth.user.id, passkey.id, name, deps.now());
    return c.redirect(returnUrl, 303);
  });

  return app;
}
