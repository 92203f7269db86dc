// Cookie sessions. The cookie holds 32 random bytes; the database holds their hash and who signed in,
// how (password or passkey) and when. HttpOnly (no script reads it), SameSite=Lax (not sent on
// cross-site POSTs), Path=/, and over HTTPS Secure and `__Host-` (security/host-cookies.ts). A new id is issued
// at every sign-in (the old session is deleted), so an id planted before sign-in is worthless after it.
import type { MiddlewareHandler } from 'hono';
import { hostCookie } from '../security/host-cookies.js';
import type { AppContext, AppEnv, Auth, Deps } from '../context.js';
import { RequestError } from '../context.js';
import type { SignInMethod } from '../db/store.js';

export const SESSION_COOKIE = 'demo_session';
/** Sessions end 12 hours after sign-in, whatever happens in between. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Adding a passkey needs a sign-in this recent (the guides' "step-up before enrollment"). */
export const RECENT_AUTH_MS = 10 * 60 * 1000;

/** Loads the session named by the cookie (if any, and still valid) into `c.var.auth`. */
export function loadSession(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('auth', null);
    const id = hostCookie.get(c, deps, deps.sessionCookie ?? SESSION_COOKIE);
    if (id && /^[A-Za-z0-9_-]{43}$/.test(id)) {
      const session = await deps.store.getSession(id, deps.now());
      const user = session && (await deps.store.findUserById(session.userId));
      if (session && user) c.set('auth', { sessionId: id, session, user });
    }
    return next();
  };
}

/** Starts a fresh session for this user (rotating the id) and sets the cookie. */
/**
 * `authenticatedAt`: when the person proved who they are, if not now (an app told by its login server); `amr`:
 * what they proved, if not the method's usual (see `AMR`).
 */
export async function signIn(
  c: AppContext,
  deps: Deps,
  userId: string,
  method: SignInMethod,
  { authenticatedAt, amr }: { authenticatedAt?: number; amr?: readonly string[] } = {},
): Promise<void> {
  const previous = c.get('auth');
  if (previous) await deps.store.deleteSession(previous.sessionId);
  const id = await deps.store.createSession(userId, method, deps.now(), SESSION_TTL_MS, authenticatedAt, amr);
  hostCookie.set(c, deps, deps.sessionCookie ?? SESSION_COOKIE, id, SESSION_TTL_MS / 1000);
}

export async function signOut(c: AppContext, deps: Deps): Promise<void> {
  const auth = c.get('auth');
  if (auth) await deps.store.deleteSession(auth.sessionId);
  hostCookie.delete(c, deps, deps.sessionCookie ?? SESSION_COOKIE);
  c.set('auth', null);
}

export function isRecent(auth: Auth, deps: Deps): boolean {
  return deps.now() - auth.session.authenticatedAt <= RECENT_AUTH_MS;
}

/** The signed-in person, or a 401 (JSON under /api, a page elsewhere). Page GETs redirect instead (loginFirst). */
export function requireAuth(c: AppContext): Auth {
  const auth = c.get('auth');
  if (!auth) throw new RequestError(401, 'Sign in first.', 'Not signed in');
  return auth;
}
