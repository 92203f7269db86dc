// Signing in and out: password (then the second factor, routes/mfa.ts, and progressive passkey
// enrollment), and the passkey callback where the elements post their token. The token is validated
// with Authsignal here, on the server, and spent: each one signs in at most once.
import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { decoyHash, verifyPassword } from '../auth/passwords.js';
import { signIn, signOut } from '../auth/sessions.js';
import { TokenRejected } from '../authsignal/passkeys.js';
import { type AppContext, type AppEnv, type Deps, RequestError } from '../context.js';
import { sha256 } from '../db/store.js';
import { antiForgeryToken, requireAntiForgery } from '../security/anti-forgery.js';
import { readForm, text } from '../security/input.js';
import { localPath, returnTo } from '../security/return-url.js';
import { afterPassword } from './mfa.js';
import { loginPage } from '../views/pages.js';

/** Messages for `/login?error=…`: codes in the URL, never tokens or free text. */
const ERRORS = {
  'passkey-invalid': 'That passkey sign-in could not be verified. Try again, or use your password.',
  'passkey-expired': 'That passkey sign-in took too long and has expired. Try again.',
  'passkey-used': 'That passkey sign-in was already used. Sign in again.',
  'passkey-unknown-user': 'That passkey does not belong to an account here. Use your password.',
  'mfa-invalid': 'That sign-in could not be verified. Sign in again with your password and a code from your app.',
  'mfa-expired': 'That sign-in took too long and has expired. Sign in again.',
  'mfa-used': 'That sign-in was already completed once. Sign in again.',
} as const;
const NOTICES = { 'signed-out': 'You are signed out.' } as const;

/** The message for a code from the query string; own keys only (`?error=constructor` finds nothing). */
export function messageFor(messages: Readonly<Record<string, string>>, code: string | undefined): string | undefined {
  return code !== undefined && Object.hasOwn(messages, code) ? messages[code] : undefined;
}

export function loginRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/login', (c) => {
    const error = messageFor(ERRORS, c.req.query('error'));
    const notice = messageFor(NOTICES, c.req.query('notice'));
    return c.html(
      loginPage({
        config: deps.client,
        antiForgery: antiForgeryToken(c, deps),
        returnUrl: localPath(c.req.query('returnUrl')),
        signedInAs: c.get('auth')?.user.username,
        ...(error ? { error } : {}),
        ...(notice ? { notice } : {}),
      }),
    );
  });

  app.post('/login', async (c) => {
    const form = await readForm(c);
    const returnUrl = localPath(form['returnUrl']);
    const username = text(form['username'], 64);
    const password = typeof form['password'] === 'string' && form['password'].length <= 1024 ? form['password'] : '';
    const again = (status: 400 | 401, error: string) => {
      const antiForgery = antiForgeryToken(c, deps);
      return c.html(loginPage({ config: deps.client, antiForgery, returnUrl, username: username ?? '', error }), status);
    };
    if (!username || !password) return again(400, 'Enter your username and password.');

    // Both limits count every attempt they let through; a refused attempt counts nothing (an address
    // over its limit cannot use up someone's account budget). The account's count starts over after a
    // successful sign-in.
    const ip = clientIp(c, deps);
    const account = username.toLowerCase();
    const wait = deps.limits.perIp.retryAfter(ip) || deps.limits.perUsername.retryAfter(account);
    if (wait > 0) {
      throw new RequestError(
        429,
        `Too many sign-in attempts. Wait ${wait} seconds, then try again.`,
        'Too many attempts',
        { 'Retry-After': String(wait) },
      );
    }
    deps.limits.perIp.count(ip);
    deps.limits.perUsername.count(account);

    const user = await deps.store.findUserByUsername(username);
    // An unknown user costs the same scrypt as a known one: response times do not reveal accounts.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !ok) return again(401, 'Wrong username or password.');
    deps.limits.perUsername.reset(account);
    return afterPassword(c, deps, user, returnUrl);
  });

  app.post('/login/callback', async (c) => {
    const form = await readForm(c);
    requireAntiForgery(c, deps, form); // before the passkey token is looked at (and spent)
    const returnUrl = localPath(form['returnUrl']);
    const token = text(form['token'], 8192);
    if (!token) throw new RequestError(400, 'The sign-in request carried no token.', 'Sign-in failed');
    const fail = (code: keyof typeof ERRORS) => {
      const query = new URLSearchParams({ error: code, ...(returnUrl ? { returnUrl } : {}) });
      return c.redirect(`/login?${query}`, 303);
    };

    let challenge;
    try {
      challenge = await deps.passkeys.validate(token);
    } catch (error) {
      if (error instanceof TokenRejected) return fail(error.expired ? 'passkey-expired' : 'passkey-invalid');
      throw error;
    }
    // Completed (isValid, CHALLENGE_SUCCEEDED), and a sign-in: an add-passkey token proves something else.
    if (!challenge.isValid || challenge.state !== 'CHALLENGE_SUCCEEDED' || !challenge.userId) {
      return fail('passkey-invalid');
    }
    if (!challenge.action || !deps.signInActions.has(challenge.action)) return fail('passkey-invalid');
    // The Authsignal user id is the demo user's id: a passkey of someone unknown here signs no one in.
    const user = await deps.store.findUserById(challenge.userId);
    if (!user) return fail('passkey-unknown-user');
    const key = `signin:${challenge.idempotencyKey ?? sha256(token)}`;
    if (!(await deps.store.spendToken(key, deps.now()))) return fail('passkey-used');

    await signIn(c, deps, user.id, 'passkey');
    return c.redirect(returnTo(returnUrl), 303);
  });

  app.post('/logout', async (c) => {
    await signOut(c, deps);
    return c.redirect('/login?notice=signed-out', 303);
  });

  return app;
}

/**
 * The peer address or, behind a trusted proxy, the address that proxy saw: the last X-Forwarded-For entry, the
 * one it appended. The entries before it are the client's own words (a client writing another's address first
 * would escape its limit, or spend someone else's).
 */
export function clientIp(c: AppContext, deps: Deps): string {
  if (deps.trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in-process: no socket
  }
}
