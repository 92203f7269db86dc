// The JSON API: what <add-passkey-button token-url> fetches, and passkey management for scripts.
// Same session cookie as the pages; errors are `{ "error": "…" }` with a 4xx status.
import { Hono } from 'hono';
import { isRecent, requireAuth } from '../auth/sessions.js';
import { type AppEnv, type Deps, RequestError } from '../context.js';
import { requireAntiForgery } from '../security/anti-forgery.js';
import { readJson } from '../security/input.js';
import { RenameBody } from '../security/schemas.js';
import { ownPasskey, STALE_REMOVAL } from './passkeys.js';

export function apiRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/session', (c) => {
    const { user, session } = requireAuth(c);
    return c.json({ userId: user.id, username: user.username, method: session.method });
  });

  // Adding a passkey is sensitive: only within 10 minutes of a sign-in, and only from this site's
  // pages (the element sends their csrf-token meta as X-CSRF-Token).
  app.post('/passkeys/enrollment-token', async (c) => {
    const auth = requireAuth(c);
    requireAntiForgery(c, deps);
    if (!isRecent(auth, deps)) throw new RequestError(403, 'Sign in again to add a passkey.');
    return c.json({ token: await deps.passkeys.enrollmentToken(auth.user.id, auth.user.username) });
  });

  app.get('/passkeys', async (c) => {
    const auth = requireAuth(c);
    return c.json({ passkeys: await deps.passkeys.list(auth.user.id, await deps.store.passkeyNames(auth.user.id)) });
  });

  app.patch('/passkeys/:id', async (c) => {
    const auth = requireAuth(c);
    const { name } = await readJson(c, RenameBody);
    const passkey = await ownPasskey(deps, auth, c.req.param('id'));
    await deps.store.setPasskeyName(auth.user.id, passkey.id, name, deps.now());
    return c.json({ passkey: { ...passkey, name } });
  });

  app.delete('/passkeys/:id', async (c) => {
    const auth = requireAuth(c);
    const passkey = await ownPasskey(deps, auth, c.req.param('id'));
    if (!isRecent(auth, deps)) throw new RequestError(403, STALE_REMOVAL);
    await deps.passkeys.remove(auth.user.id, passkey.id);
    await deps.store.deletePasskeyName(auth.user.id, passkey.id);
    return c.body(null, 204);
  });

  return app;
}
