// Server API: what the unmodified @authsignal/node calls, authenticated with the API secret.
// Mounted under /v1. The Node SDK throws AuthsignalError for any non-2xx answer.
import { Hono } from 'hono';
import { secretRequired } from '../auth.js';
import { checkActionCode, checkUserId, readBody } from '../body.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { METHODS } from '../rules.js';
import { TrackBody, ValidateBody } from '../schemas.js';
import { listUserAuthenticators } from '../services/authenticators.js';
import { getActionState, track, validate } from '../services/actions.js';

export { TRACK_DEFAULT_STATE } from '../services/actions.js';

export function serverRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const { store } = ctx;
  // Attached to the server API's own paths only, so unknown paths (and /client/*) stay 404s.
  const secret = secretRequired(ctx.options.secret);
  app.use('/users/*', secret);
  app.use('/validate', secret);

  app.post('/users/:userId/actions/:action', async (c) => {
    const userId = checkUserId(c.req.param('userId'));
    const actionCode = checkActionCode(c.req.param('action'));
    return c.json(await track(ctx, userId, actionCode, await readBody(c, TrackBody), c.req.url));
  });

  app.get('/users/:userId/actions/:action/:idempotencyKey', async (c) =>
    c.json(await getActionState(ctx, c.req.param('userId'), c.req.param('action'), c.req.param('idempotencyKey'))),
  );

  app.post('/validate', async (c) => c.json(await validate(ctx, await readBody(c, ValidateBody))));

  app.get('/users/:userId', async (c) => {
    const userId = checkUserId(c.req.param('userId'));
    const user = await store.getUser(userId);
    const methods = user ? await store.methods(userId) : [];
    return c.json({
      isEnrolled: methods.length > 0,
      ...(user?.email ? { email: user.email } : {}),
      emailVerified: false,
      phoneNumberVerified: false,
      ...(user?.username ? { username: user.username } : {}),
      ...(user?.displayName ? { displayName: user.displayName } : {}),
      enrolledVerificationMethods: methods,
      allowedVerificationMethods: METHODS,
    });
  });

  app.get('/users/:userId/authenticators', async (c) => {
    return c.json(await listUserAuthenticators(ctx, checkUserId(c.req.param('userId'))));
  });

  app.delete('/users/:userId/authenticators/:userAuthenticatorId', async (c) => {
    const userId = checkUserId(c.req.param('userId'));
    const id = c.req.param('userAuthenticatorId');
    const removed = (await store.deleteAuthenticator(userId, id)) || (await store.totp.delete(userId, id));
    if (!removed) throw notFound('No such authenticator for this user.');
    return c.json({ removedAuthenticatorId: id });
  });

  return app;
}
