// Server API: what the unmodified @authsignal/node calls, authenticated with the API secret.
// Mounted under /v1. The Node SDK throws AuthsignalError for any non-2xx answer.
import { Hono, type MiddlewareHandler } from 'hono';
import { isServerAuthorized } from '../auth.js';
import { type AppContext, nowIso } from '../context.js';
import { type ActionRow, newId } from '../db.js';
import { ApiError, badRequest, conflict, errorBody, notFound } from '../errors.js';
import {
  checkActionCode,
  checkUserId,
  isObject,
  optionalString,
  readJsonObject,
  requiredString,
  type JsonObject,
} from '../input.js';
import { presentAuthenticator } from '../present.js';
import { DEFAULT_SCOPE } from '../tokens.js';

/**
 * State of a tracked action. The local server has no rules engine; the cloud answers an action
 * with no rules with its default outcome, ALLOW, whether or not the user is enrolled (`isEnrolled`
 * tells them apart). The action becomes CHALLENGE_SUCCEEDED once a passkey ceremony completes it.
 */
export const TRACK_DEFAULT_STATE = 'ALLOW' as const;

const KNOWN_SCOPES = new Set(['read:authenticators', 'add:authenticators', 'remove:authenticators', 'update:authenticators']);
const STRING_ATTRIBUTES = [
  'redirectUrl',
  'username',
  'email',
  'phoneNumber',
  'displayName',
  'ipAddress',
  'userAgent',
  'deviceId',
  'locale',
  'challengeId',
  'customDomain',
] as const;

export function serverRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const { store, tokens, options } = ctx;

  // HTTP Basic with the API secret as user name; the cloud answers 401 { error: "unauthorized" }.
  // Attached to the server API's own paths only, so unknown paths (and /client/*) stay 404s.
  const requireSecret: MiddlewareHandler = async (c, next) => {
    if (!isServerAuthorized(c.req.header('Authorization'), options.secret)) {
      return c.json(errorBody('unauthorized', 'The API secret key is missing or invalid.'), 401);
    }
    return next();
  };
  app.use('/users/*', requireSecret);
  app.use('/validate', requireSecret);

  app.post('/users/:userId/actions/:action', async (c) => {
    const userId = checkUserId(c.req.param('userId'));
    const actionCode = checkActionCode(c.req.param('action'));
    const body = await readJsonObject(c);
    const attributes = readTrackAttributes(body);
    const scope = readScope(body);
    const idempotencyKey = optionalString(body, 'idempotencyKey', 128) || undefined;

    let action: ActionRow | null = idempotencyKey ? await store.getAction(idempotencyKey) : null;
    if (action && (action.userId !== userId || action.actionCode !== actionCode)) {
      throw conflict('This idempotencyKey is already used by another action.', 'idempotency_key_conflict');
    }
    await store.upsertUser(
      userId,
      {
        username: attributes['username'] as string | undefined,
        email: attributes['email'] as string | undefined,
        displayName: attributes['displayName'] as string | undefined,
      },
      nowIso(ctx),
    );
    if (!action) {
      const now = nowIso(ctx);
      action = {
        idempotencyKey: idempotencyKey ?? newId(),
        userId,
        actionCode,
        state: TRACK_DEFAULT_STATE,
        stateUpdatedAt: now,
        createdAt: now,
        scope,
        verificationMethod: null,
        authenticatorId: null,
        attributes,
      };
      try {
        await store.insertAction(action);
      } catch (error) {
        // Two concurrent tracks with the same new idempotencyKey: the loser reports the conflict.
        if (/UNIQUE|PRIMARY/i.test(String((error as Error).message))) {
          throw conflict('This idempotencyKey is already used.', 'idempotency_key_conflict');
        }
        throw error;
      }
    }
    const enrolled = (await store.listAuthenticators(userId)).length > 0;
    const token = await tokens.issue({ userId, actionCode, idempotencyKey: action.idempotencyKey, scope: action.scope });
    // The pre-built UI is not part of the local server; the URL (which must contain "?") leads to a
    // JSON 404 saying so, and deliberately carries no token.
    const url = new URL('/prebuilt', c.req.url);
    url.searchParams.set('action', actionCode);
    return c.json({
      idempotencyKey: action.idempotencyKey,
      state: action.state,
      url: url.toString(),
      token,
      isEnrolled: enrolled,
      enrolledVerificationMethods: enrolled ? ['PASSKEY'] : [],
      allowedVerificationMethods: ['PASSKEY'],
      ...(enrolled ? { defaultVerificationMethod: 'PASSKEY' } : {}),
    });
  });

  app.get('/users/:userId/actions/:action/:idempotencyKey', async (c) => {
    const action = await store.getAction(c.req.param('idempotencyKey'));
    if (!action || action.userId !== c.req.param('userId') || action.actionCode !== c.req.param('action')) {
      throw notFound('No such action.');
    }
    return c.json({
      state: action.state,
      stateUpdatedAt: action.stateUpdatedAt,
      createdAt: action.createdAt,
      ...(action.verificationMethod ? { verificationMethod: action.verificationMethod } : {}),
    });
  });

  /**
   * isValid is true only for an action a passkey ceremony completed (CHALLENGE_SUCCEEDED), and only
   * when the optional userId / action given agree with the token. A disagreeing userId or action is
   * not an error: the answer is isValid false (with the token's real state), so a caller that only
   * checks isValid fails closed. A forged, foreign or expired token is a 400 (the SDK throws).
   */
  app.post('/validate', async (c) => {
    const body = await readJsonObject(c);
    const token = requiredString(body, 'token', 8192);
    const expectedUserId = optionalString(body, 'userId');
    const expectedAction = optionalString(body, 'action', 64);
    let claims;
    try {
      claims = await tokens.verify(token);
    } catch (error) {
      if (error instanceof ApiError) throw new ApiError(400, error.code, error.description);
      throw error;
    }
    const action = await store.getAction(claims.idempotencyKey);
    if (!action || action.userId !== claims.userId || action.actionCode !== claims.actionCode) {
      throw badRequest('The token does not name a known action.', 'invalid_token');
    }
    const matches =
      (expectedUserId === undefined || expectedUserId === claims.userId) &&
      (expectedAction === undefined || expectedAction === action.actionCode);
    return c.json({
      isValid: matches && action.state === 'CHALLENGE_SUCCEEDED',
      state: action.state,
      stateUpdatedAt: action.stateUpdatedAt,
      userId: claims.userId,
      actionCode: action.actionCode,
      idempotencyKey: action.idempotencyKey,
      ...(action.verificationMethod ? { verificationMethod: action.verificationMethod } : {}),
    });
  });

  app.get('/users/:userId', async (c) => {
    const userId = checkUserId(c.req.param('userId'));
    const user = await store.getUser(userId);
    const enrolled = user ? (await store.listAuthenticators(userId)).length > 0 : false;
    return c.json({
      isEnrolled: enrolled,
      ...(user?.email ? { email: user.email } : {}),
      emailVerified: false,
      phoneNumberVerified: false,
      ...(user?.username ? { username: user.username } : {}),
      ...(user?.displayName ? { displayName: user.displayName } : {}),
      enrolledVerificationMethods: enrolled ? ['PASSKEY'] : [],
      allowedVerificationMethods: ['PASSKEY'],
    });
  });

  app.get('/users/:userId/authenticators', async (c) => {
    const userId = checkUserId(c.req.param('userId'));
    return c.json((await store.listAuthenticators(userId)).map(presentAuthenticator));
  });

  app.delete('/users/:userId/authenticators/:userAuthenticatorId', async (c) => {
    const userId = checkUserId(c.req.param('userId'));
    const id = c.req.param('userAuthenticatorId');
    if (!(await store.deleteAuthenticator(userId, id))) throw notFound('No such authenticator for this user.');
    return c.json({ removedAuthenticatorId: id });
  });

  return app;
}

function readTrackAttributes(body: JsonObject): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const key of STRING_ATTRIBUTES) {
    const value = optionalString(body, key, key === 'redirectUrl' || key === 'userAgent' ? 2048 : 256);
    if (value !== undefined) attributes[key] = value;
  }
  const custom = body['custom'];
  if (custom !== undefined && custom !== null) {
    if (!isObject(custom)) throw badRequest('"custom" must be an object.');
    for (const [key, value] of Object.entries(custom)) {
      if (!['string', 'number', 'boolean'].includes(typeof value)) {
        throw badRequest(`"custom.${key}" must be a string, number or boolean.`);
      }
    }
    attributes['custom'] = custom;
  }
  return attributes;
}

function readScope(body: JsonObject): string {
  const scope = optionalString(body, 'scope');
  if (scope === undefined || scope.trim() === '') return DEFAULT_SCOPE;
  const scopes = scope.trim().split(/\s+/);
  for (const s of scopes) {
    if (!KNOWN_SCOPES.has(s)) throw badRequest(`Unknown scope "${s}".`, 'invalid_scope');
  }
  return [...new Set(scopes)].join(' ');
}
