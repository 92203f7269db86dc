// The account page (WSO2 guide: manage passkeys): who is signed in and how, the passkeys with
// rename and remove as plain forms (no JavaScript needed), and a button to add one more.
import { Hono } from 'hono';
import type { Passkey } from '../authsignal/passkeys.js';
import { isRecent, requireAuth } from '../auth/sessions.js';
import type { AuthenticatorApp } from '../authsignal/mfa.js';
import type { AppContext, AppEnv, Auth, Deps } from '../context.js';
import { antiForgeryToken } from '../security/anti-forgery.js';
import { passkeyName, readForm } from '../security/input.js';
import { accountPage } from '../views/pages.js';
import { messageFor } from './login.js';
import { loginFirst, ownPasskey, STALE_REMOVAL } from './passkeys.js';

const NOTICES = {
  renamed: 'Passkey renamed.',
  removed: 'Passkey removed.',
  confirmed: 'Confirmed. You can add or remove a passkey or your authenticator app for the next 10 minutes.',
  'app-removed': 'Authenticator app removed. You will set one up again at your next sign-in with your password.',
} as const;

export function accountRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const render = async (c: AppContext, auth: Auth, extra: { error?: string; notice?: string }, status: 200 | 400 | 403) => {
    // If Authsignal cannot be reached, the page still shows who is signed in.
    const names = await deps.store.passkeyNames(auth.user.id);
    const [passkeys, authenticatorApp]: [Passkey[] | undefined, AuthenticatorApp | null | undefined] = await Promise.all([
      deps.passkeys.list(auth.user.id, names).catch(() => undefined),
      deps.mfa.app(auth.user.id).catch(() => undefined),
    ]);
    return c.html(
      accountPage({
        config: deps.client,
        antiForgery: antiForgeryToken(c, deps),
        username: auth.user.username,
        displayName: auth.user.displayName,
        method: auth.session.method,
        withCode: auth.session.amr.includes('otp'),
        authenticatedAt: auth.session.authenticatedAt,
        recent: isRecent(auth, deps),
        passkeys,
        app: authenticatorApp,
        ...extra,
      }),
      status,
    );
  };

  app.get('/account', async (c) => {
    const auth = c.get('auth');
    if (!auth) return loginFirst(c);
    const notice = messageFor(NOTICES, c.req.query('notice'));
    return render(c, auth, notice ? { notice } : {}, 200);
  });

  const passkeyOf = async (c: AppContext): Promise<{ auth: Auth; passkey: Passkey }> => {
    const auth = requireAuth(c);
    return { auth, passkey: await ownPasskey(deps, auth, c.req.param('id')) };
  };

  app.post('/account/passkeys/:id/rename', async (c) => {
    const form = await readForm(c);
    const { auth, passkey } = await passkeyOf(c);
    const name = passkeyName(form['name']);
    if (!name) return render(c, auth, { error: 'Give the passkey a name of 1 to 64 characters.' }, 400);
    await deps.store.setPasskeyName(auth.user.id, passkey.id, name, deps.now());
    return c.redirect('/account?notice=renamed', 303);
  });

  // Removing a passkey or the authenticator app needs a recent sign-in (as adding a passkey does); an older
  // session confirms in place with a passkey (step-up, routes/step-up.ts).
  app.post('/account/passkeys/:id/remove', async (c) => {
    await readForm(c);
    const { auth, passkey } = await passkeyOf(c);
    if (!isRecent(auth, deps)) return render(c, auth, { error: STALE_REMOVAL }, 403);
    await deps.passkeys.remove(auth.user.id, passkey.id);
    await deps.store.deletePasskeyName(auth.user.id, passkey.id);
    return c.redirect('/account?notice=removed', 303);
  });

  app.post('/account/authenticator-app/remove', async (c) => {
    await readForm(c);
    const auth = requireAuth(c);
    if (!isRecent(auth, deps)) {
      return render(c, auth, { error: 'Sign in again to remove your authenticator app: your last sign-in was over 10 minutes ago.' }, 403);
    }
    const current = await deps.mfa.app(auth.user.id);
    if (current) await deps.mfa.removeApp(auth.user.id, current.id);
    return c.redirect('/account?notice=app-removed', 303);
  });

  return app;
}
