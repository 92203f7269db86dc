// Server API services: track (record an action, issue its token), read an action, validate a token.
import { type AppContext, nowIso } from '../context.js';
import { ApiError, badRequest, conflict, notFound } from '../errors.js';
import type { TrackInput } from '../schemas.js';
import { type ActionRule, permits, ruleFor } from '../rules.js';
import { type ActionRow, type ActionState, newId } from '../store/store.js';
import { DEFAULT_SCOPE } from '../tokens.js';

/**
 * State of a tracked action without a rule: the cloud's default outcome, ALLOW, whether or not the
 * user is enrolled (`isEnrolled` tells them apart). With a rule (rules.ts), see `initialState`. The
 * action becomes CHALLENGE_SUCCEEDED once a passkey or an authenticator-app code completes it.
 */
export const TRACK_DEFAULT_STATE = 'ALLOW' as const;

/**
 * BLOCK, REVIEW (held for someone to look at) and ALLOW as the rule says; CHALLENGE only asks a user who has an
 * authenticator the action accepts.
 */
function initialState(rule: ActionRule, enrolled: boolean): ActionState {
  if (rule.outcome === 'BLOCK') return 'BLOCK';
  if (rule.outcome === 'REVIEW') return 'REVIEW_REQUIRED';
  return rule.outcome === 'CHALLENGE' && enrolled ? 'CHALLENGE_REQUIRED' : 'ALLOW';
}

const KNOWN_SCOPES = new Set(['read:authenticators', 'add:authenticators', 'remove:authenticators', 'update:authenticators']);
const ATTRIBUTES = [
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
  'custom',
] as const;

export async function track(ctx: AppContext, userId: string, actionCode: string, body: TrackInput, requestUrl: string) {
  const { store } = ctx;
  const attributes: Record<string, unknown> = {};
  for (const key of ATTRIBUTES) if (body[key] !== undefined && body[key] !== null) attributes[key] = body[key];
  const scope = readScope(body.scope ?? undefined);
  const idempotencyKey = body.idempotencyKey || undefined;

  let action: ActionRow | null = idempotencyKey ? await store.getAction(idempotencyKey) : null;
  if (action && (action.userId !== userId || action.actionCode !== actionCode)) {
    throw conflict('This idempotencyKey is already used by another action.', 'idempotency_key_conflict');
  }
  const attrs = { username: body.username ?? undefined, email: body.email ?? undefined, displayName: body.displayName ?? undefined };
  await store.upsertUser(userId, attrs, nowIso(ctx));
  const rule = ruleFor(ctx.options.actions, actionCode);
  const methods = await store.methods(userId);
  const permitted = methods.filter((m) => permits(rule, m));
  if (!action) {
    const now = nowIso(ctx);
    action = {
      idempotencyKey: idempotencyKey ?? newId(),
      userId,
      actionCode,
      state: initialState(rule, permitted.length > 0),
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
  const token = await ctx.tokens.issue({ userId, actionCode, idempotencyKey: action.idempotencyKey, scope: action.scope });
  // The pre-built UI (prebuilt/), on this server's origin; like the cloud's, its url carries the token.
  const url = new URL('/prebuilt/', requestUrl);
  url.searchParams.set('token', token);
  return {
    idempotencyKey: action.idempotencyKey,
    state: action.state,
    url: url.toString(),
    token,
    // Enrolled with an authenticator this action accepts (a passkey does not count where only the app does).
    isEnrolled: permitted.length > 0,
    enrolledVerificationMethods: methods,
    allowedVerificationMethods: rule.authenticators,
    ...(permitted[0] ? { defaultVerificationMethod: permitted[0] } : {}),
  };
}

export async function getActionState(ctx: AppContext, userId: string, actionCode: string, idempotencyKey: string) {
  const action = await ctx.store.getAction(idempotencyKey);
  if (!action || action.userId !== userId || action.actionCode !== actionCode) throw notFound('No such action.');
  return {
    state: action.state,
    stateUpdatedAt: action.stateUpdatedAt,
    createdAt: action.createdAt,
    ...(action.verificationMethod ? { verificationMethod: action.verificationMethod } : {}),
  };
}

/**
 * isValid is true only for an action a passkey ceremony completed (CHALLENGE_SUCCEEDED), and only
 * when the optional userId / action given agree with the token. A disagreeing userId or action is
 * not an error: the answer is isValid false (with the token's real state), so a caller that only
 * checks isValid fails closed. A forged, foreign or expired token is a 400 (the SDK throws).
 */
export async function validate(ctx: AppContext, input: { token: string; userId?: string | null | undefined; action?: string | null | undefined }) {
  let claims;
  try {
    claims = await ctx.tokens.verify(input.token);
  } catch (error) {
    if (error instanceof ApiError) throw new ApiError(400, error.code, error.description);
    throw error;
  }
  const action = await ctx.store.getAction(claims.idempotencyKey);
  if (!action || action.userId !== claims.userId || action.actionCode !== claims.actionCode) {
    throw badRequest('The token does not name a known action.', 'invalid_token');
  }
  const matches =
    (input.userId == null || input.userId === claims.userId) && (input.action == null || input.action === action.actionCode);
  return {
    isValid: matches && action.state === 'CHALLENGE_SUCCEEDED',
    state: action.state,
    stateUpdatedAt: action.stateUpdatedAt,
    userId: claims.userId,
    actionCode: action.actionCode,
    idempotencyKey: action.idempotencyKey,
    ...(action.verificationMethod ? { verificationMethod: action.verificationMethod } : {}),
  };
}

function readScope(scope: string | undefined): string {
  if (scope === undefined || scope.trim() === '') return DEFAULT_SCOPE;
  const scopes = scope.trim().split(/\s+/);
  for (const s of scopes) {
    if (!KNOWN_SCOPES.has(s)) throw badRequest(`Unknown scope "${s}".`, 'invalid_scope');
  }
  return [...new Set(scopes)].join(' ');
}
