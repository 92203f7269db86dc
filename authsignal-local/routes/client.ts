// Client API: what the unmodified @authsignal/browser calls (see /work/shared/authsignal-api.md).
// Mounted under /v1/client. Every answer is a JSON object; failures go through ApiError.
import { Hono } from 'hono';
import { clientAuth, tokenRequired } from '../auth.js';
import { checkActionCode, readBody } from '../body.js';
import type { AppContext, TokenEnv } from '../context.js';
import { notFound } from '../errors.js';
import { presentAuthenticator } from '../present.js';
import * as schemas from '../schemas.js';
import { listUserAuthenticators } from '../services/authenticators.js';
import { addPasskey, startRegistration } from '../services/registration.js';
import { startActionChallenge, startAuthentication, verifySignIn } from '../services/sign-in.js';
import { presentVerdict, startTotpEnrolment, verifyTotpCode } from '../services/totp.js';

export { DEFAULT_SIGN_IN_ACTION } from '../services/sign-in.js';

const MAX_CREDENTIAL_IDS = 50;

export function clientRoutes(ctx: AppContext): Hono<TokenEnv> {
  // Authorization runs per route (not for the whole mount), so an unknown path stays a 404.
  const app = new Hono<TokenEnv>();
  const who = clientAuth(ctx);

  // ---- sign-up: add a passkey to the user named by the token ----
  app.post('/user-authenticators/passkey/registration-options', who, tokenRequired, async (c) =>
    c.json(await startRegistration(ctx, c.var.claims, await readBody(c, schemas.RegistrationOptionsBody))),
  );
  app.post('/user-authenticators/passkey', who, tokenRequired, async (c) => {
    const body = await readBody(c, schemas.AddAuthenticatorBody);
    const { row, ...added } = await addPasskey(ctx, c.var.claims, body, c.req.header('User-Agent'));
    return c.json({ ...added, userAuthenticator: presentAuthenticator(row) });
  });

  // ---- sign-in ----
  app.post('/challenge', who, async (c) => {
    const body = await readBody(c, schemas.ChallengeBody);
    return c.json({ challengeId: await startActionChallenge(ctx, checkActionCode(body.action)) });
  });
  app.post('/user-authenticators/passkey/authentication-options', who, async (c) => {
    const body = await readBody(c, schemas.AuthenticationOptionsBody);
    return c.json(await startAuthentication(ctx, c.var.who, body.challengeId || undefined));
  });
  app.post('/verify/passkey', who, async (c) => c.json(await verifySignIn(ctx, c.var.who, await readBody(c, schemas.VerifyBody))));

  // ---- authenticator app: totp.enroll() (no body) and totp.verify({ code }) ----
  app.post('/user-authenticators/totp', who, tokenRequired, async (c) => c.json(await startTotpEnrolment(ctx, c.var.claims)));
  app.post('/verify/totp', who, tokenRequired, async (c) => {
    const { verificationCode } = await readBody(c, schemas.TotpVerifyBody);
    return c.json(presentVerdict(await verifyTotpCode(ctx, c.var.claims, verificationCode)));
  });

  // The token's user's authenticators (newer SDKs read it after a sign-in to signal the accepted passkeys to the
  // browser). Only ever that user's: the user comes from the signed token, never from the request.
  app.get('/user-authenticators', who, tokenRequired, async (c) => c.json(await listUserAuthenticators(ctx, c.var.claims.userId)));

  // isAvailableOnDevice(): 2xx when any of the given credentials is still registered.
  app.get('/user-authenticators/passkey', who, async (c) => {
    const ids = (c.req.query('credentialIds') ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '')
      .slice(0, MAX_CREDENTIAL_IDS);
    const found = await ctx.store.findAuthenticatorByCredentialIds(ids);
    if (!found) throw notFound('None of these passkeys is registered.');
    return c.json({ credentialId: found.credentialId, verifiedAt: found.lastVerifiedAt ?? found.verifiedAt });
  });

  return app;
}
