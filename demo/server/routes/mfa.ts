// The password sign-in's second factor (the Duende guide's step 1). After the password, `track` decides:
// the pre-built UI (enrol an authenticator app, or a code), straight in, or blocked. The pre-built UI
// sends the person back to GET /login/mfa with `token=` appended; the token is validated here, on the
// server, for this action and the user whose password was checked, and spent: it signs in once.
import { Hono } from 'hono';
import { startPendingMfa, takePendingMfa } from '../auth/pending-mfa.js';
import { signIn } from '../auth/sessions.js';
import { PASSWORD_SIGN_IN_ACTION } from '../authsignal/mfa.js';
import { TokenRejected } from '../authsignal/passkeys.js';
import { type AppContext, type AppEnv, type Deps, RequestError } from '../context.js';
import { AMR, sha256, type User } from '../db/store.js';
import { text } from '../security/input.js';
import { localPath, returnTo } from '../security/return-url.js';

/** Codes for `/login?error=…` (messages in login.ts). */
type MfaError = 'mfa-invalid' | 'mfa-expired' | 'mfa-used';

/** After a right password: on to the pre-built UI, or signed in, or refused (403) when the rule blocks. */
export async function afterPassword(c: AppContext, deps: Deps, user: User, returnUrl: string | undefined) {
  const callback = new URL('/login/mfa', deps.origin);
  if (returnUrl) callback.searchParams.set('returnUrl', returnUrl);
  let decision;
  try {
    decision = await deps.mfa.afterPassword(user.id, user.username, callback.toString());
  } catch {
    // Never in without the second factor: the person can only wait.
    throw new RequestError(503, 'The second sign-in step is unavailable right now. Try again in a moment.', 'Sign-in unavailable', { 'Retry-After': '30' });
  }
  if (decision.next === 'block') {
    throw new RequestError(403, 'Signing in to this account is blocked. Contact the site’s support.', 'Sign-in blocked');
  }
  if (decision.next === 'review') {
    throw new RequestError(403, 'This sign-in is held for a review. Try again later, or contact the site’s support.', 'Sign-in held');
  }
  if (decision.next === 'prebuilt') {
    await startPendingMfa(c, deps, user.id);
    return c.redirect(decision.url, 303);
  }
  // The rule let the password alone in: the session (and the ID token's amr) says so.
  return passwordSignedIn(c, deps, user.id, returnUrl, AMR.password);
}

/** A finished password sign-in: a session, then (WSO2 guide) a passkey offer to someone without one. */
export async function passwordSignedIn(c: AppContext, deps: Deps, userId: string, returnUrl: string | undefined, amr: readonly string[]) {
  await signIn(c, deps, userId, 'password', { amr });
  // Signing in for an app (OpenID Connect): straight back to it; the app's account page offers passkeys.
  if (returnUrl?.startsWith('/interaction/')) return c.redirect(returnUrl, 303);
  // If Authsignal cannot be asked, the sign-in still stands: skip the offer.
  const hasPasskey = await deps.passkeys.list(userId, new Map()).then(
    (list) => list.length > 0,
    () => true,
  );
  if (!hasPasskey) {
    return c.redirect(`/passkeys/enroll?returnUrl=${encodeURIComponent(returnTo(returnUrl))}`, 303);
  }
  return c.redirect(returnTo(returnUrl), 303);
}

export function mfaRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // The token arrives in the query (the pre-built UI's protocol): every answer is a redirect at once, to
  // a URL without it; the request log writes paths only.
  app.get('/login/mfa', async (c) => {
    const returnUrl = localPath(c.req.query('returnUrl'));
    const token = text(c.req.query('token'), 8192);
    const pendingUserId = await takePendingMfa(c, deps);
    const fail = (error: MfaError) => {
      const query = new URLSearchParams({ error, ...(returnUrl ? { returnUrl } : {}) });
      return c.redirect(`/login?${query}`, 303);
    };
    if (!token || !pendingUserId) return fail('mfa-invalid');

    let challenge;
    try {
      challenge = await deps.passkeys.validate(token);
    } catch (error) {
      if (error instanceof TokenRejected) return fail(error.expired ? 'mfa-expired' : 'mfa-invalid');
      throw error;
    }
    // Completed, for the password sign-in (not another action's proof), by the user whose password it was.
    if (!challenge.isValid || challenge.state !== 'CHALLENGE_SUCCEEDED') return fail('mfa-invalid');
    if (challenge.action !== PASSWORD_SIGN_IN_ACTION || challenge.userId !== pendingUserId) return fail('mfa-invalid');
    const user = await deps.store.findUserById(pendingUserId);
    if (!user) return fail('mfa-invalid');
    if (!(await deps.store.spendToken(`signin:${challenge.idempotencyKey ?? sha256(token)}`, deps.now()))) {
      return fail('mfa-used');
    }
    return passwordSignedIn(c, deps, user.id, returnUrl, AMR.passwordAndCode);
  });

  return app;
}
