// Re-authenticating in place (step-up): on a session that is not fresh, the account page's
// <passkey-signin-button token-url callback-url> proves it is still the same person, with their passkey,
// without signing out. The proof counts only for the step-up action, the signed-in user, once.
import { Hono } from 'hono';
import { requireAuth } from '../auth/sessions.js';
import { STEP_UP_ACTION, TokenRejected } from '../authsignal/passkeys.js';
import { type AppEnv, type Deps, RequestError } from '../context.js';
import { sha256 } from '../db/store.js';
import { requireAntiForgery } from '../security/anti-forgery.js';
import { readForm, text } from '../security/input.js';

export function stepUpRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/api/step-up-token', async (c) => {
    const auth = requireAuth(c);
    requireAntiForgery(c, deps);
    return c.json({ token: await deps.passkeys.stepUpToken(auth.user.id, auth.user.username) });
  });

  app.post('/account/step-up', async (c) => {
    const form = await readForm(c);
    requireAntiForgery(c, deps, form); // before the token is looked at (and spent)
    const auth = requireAuth(c);
    const token = text(form['token'], 8192);
    const refuse = () => new RequestError(403, 'That confirmation could not be verified. Try again with your passkey.', 'Not confirmed');
    if (!token) throw refuse();
    let challenge;
    try {
      challenge = await deps.passkeys.validate(token);
    } catch (error) {
      if (error instanceof TokenRejected) throw refuse();
      throw error;
    }
    // Completed, the step-up action (a sign-in or add-passkey proof is for something else), this user.
    if (!challenge.isValid || challenge.state !== 'CHALLENGE_SUCCEEDED') throw refuse();
    if (challenge.action !== STEP_UP_ACTION || challenge.userId !== auth.user.id) throw refuse();
    if (!(await deps.store.spendToken(`stepup:${challenge.idempotencyKey ?? sha256(token)}`, deps.now()))) throw refuse();
    await deps.store.reauthenticated(auth.sessionId, deps.now());
    return c.redirect('/account?notice=confirmed', 303);
  });

  return app;
}
