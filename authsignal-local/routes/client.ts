// Client API: what the unmodified @authsignal/browser calls (see /work/shared/authsignal-api.md).
// Mounted under /v1/client. Every answer is a JSON object; failures go through ApiError.
import { Hono, type Context } from 'hono';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { authenticateClient, type ClientAuth } from '../auth.js';
import { type AppContext, loadTokenAction, nowIso, nowMs } from '../context.js';
import { type ActionRow, type AuthenticatorRow, type ChallengeRow, insertActionStatement, newId } from '../db.js';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../errors.js';
import {
  checkActionCode,
  optionalBoolean,
  optionalString,
  readJsonObject,
  requiredString,
} from '../input.js';
import { presentAuthenticator } from '../present.js';
import { ADD_AUTHENTICATORS_SCOPE, DEFAULT_SCOPE, hasScope, type TokenClaims } from '../tokens.js';
import {
  type Attachment,
  asAuthenticationResponse,
  asRegistrationResponse,
  authenticationOptions,
  authenticatorName,
  registrationOptions,
  verifyAuthentication,
  verifyRegistration,
} from '../webauthn.js';

/**
 * Action code recorded for a passkey sign-in that the browser started without `action`
 * (autofill, or a sign-in button without an action). The cloud's name for it is not documented;
 * validateChallenge reports this code, so a server can check it.
 */
export const DEFAULT_SIGN_IN_ACTION = 'signInWithPasskey';

const MAX_CREDENTIAL_IDS = 50;

export function clientRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const { store, tokens, options } = ctx;

  const auth = (c: Context): Promise<ClientAuth> =>
    authenticateClient(c.req.header('Authorization'), options.tenantId, tokens);

  const requireToken = async (c: Context): Promise<TokenClaims> => {
    const result = await auth(c);
    if (result.kind !== 'token') throw unauthorized('This call needs a Bearer token from track.', 'token_required');
    return result.claims;
  };

  /** Removes the challenge (single use) and checks it is of the expected kind and still fresh. */
  const consume = async (challengeId: string, purpose: ChallengeRow['purpose']): Promise<ChallengeRow> => {
    const challenge = await store.consumeChallenge(challengeId);
    if (!challenge || challenge.purpose !== purpose) {
      throw badRequest('The challenge is unknown or was already used.', 'invalid_challenge');
    }
    if (challenge.expiresAt <= nowMs(ctx)) throw badRequest('The challenge has expired.', 'expired_challenge');
    return challenge;
  };

  /** Stores a new single-use challenge (and any statements that must land with it); returns its id. */
  const issueChallenge = async (
    row: Omit<ChallengeRow, 'id' | 'expiresAt'>,
    extra: Parameters<typeof store.insertChallenge>[2] = [],
  ): Promise<string> => {
    const id = newId();
    const now = nowMs(ctx);
    await store.insertChallenge({ ...row, id, expiresAt: now + options.challengeTtlSeconds * 1000 }, now, extra);
    return id;
  };

  // ---- sign-up: add a passkey to the user named by the token ----

  app.post('/user-authenticators/passkey/registration-options', async (c) => {
    const claims = await requireToken(c);
    const body = await readJsonObject(c);
    const username = optionalString(body, 'username') || undefined;
    const attachment = parseAttachment(body['authenticatorAttachment']);
    await loadTokenAction(ctx, claims);

    const existing = await store.listAuthenticators(claims.userId);
    checkBinding(claims, existing.length);
    const user = await store.upsertUser(claims.userId, {}, nowIso(ctx));
    const userName = username ?? user.username ?? user.userId;
    const creationOptions = await registrationOptions({
      options,
      webauthnUserId: user.webauthnUserId,
      userName,
      displayName: user.displayName ?? userName,
      excludeCredentialIds: existing.map((a) => ({ id: a.credentialId, transports: a.transports })),
      attachment,
    });
    const challengeId = await issueChallenge({
      purpose: 'registration',
      challenge: creationOptions.challenge,
      actionKey: claims.idempotencyKey,
      userId: claims.userId,
      details: { username: username ?? null, attachment: attachment ?? null },
    });
    return c.json({ challengeId, options: creationOptions });
  });

  app.post('/user-authenticators/passkey', async (c) => {
    const claims = await requireToken(c);
    const body = await readJsonObject(c);
    const response = asRegistrationResponse(body['registrationCredential']);
    const challengeId = requiredString(body, 'challengeId');
    const conditionalCreate = optionalBoolean(body, 'conditionalCreate') ?? false;

    // Consumed before anything is verified: a challenge is single-use whatever happens next.
    const challenge = await consume(challengeId, 'registration');
    if (challenge.userId !== claims.userId || challenge.actionKey !== claims.idempotencyKey) {
      throw badRequest('The challenge was issued for another token.', 'invalid_challenge');
    }
    const action = await loadTokenAction(ctx, claims);
    const mayAddMore = hasScope(claims, ADD_AUTHENTICATORS_SCOPE);
    checkBinding(claims, (await store.listAuthenticators(claims.userId)).length);

    const verified = await verifyRegistration({
      options,
      response,
      expectedChallenge: challenge.challenge ?? '',
      // Conditional create (auto-register after a password sign-in) happens without a gesture.
      requireUserPresence: !conditionalCreate,
    });
    if (await store.findAuthenticatorByCredentialId(verified.credentialId)) {
      throw conflict('This passkey is already registered.', 'credential_exists');
    }
    const now = nowIso(ctx);
    const detailAttachment = challenge.details['attachment'];
    const row: AuthenticatorRow = {
      id: newId(),
      userId: claims.userId,
      credentialId: verified.credentialId,
      publicKey: verified.publicKey,
      counter: verified.counter,
      transports: verified.transports,
      aaguid: verified.aaguid,
      backedUp: verified.backedUp,
      deviceType: verified.deviceType,
      attachment:
        response.authenticatorAttachment ?? (typeof detailAttachment === 'string' ? detailAttachment : null),
      name: authenticatorName(verified.aaguid),
      username: typeof challenge.details['username'] === 'string' ? challenge.details['username'] : null,
      userAgent: c.req.header('User-Agent')?.slice(0, 512) ?? null,
      deviceId: typeof action.attributes['deviceId'] === 'string' ? action.attributes['deviceId'] : null,
      createdAt: now,
      verifiedAt: now,
      lastVerifiedAt: null,
    };
    let added: boolean;
    try {
      added = await store.addAuthenticatorAndComplete(row, action.idempotencyKey, mayAddMore);
    } catch (error) {
      if (/UNIQUE/i.test(String((error as Error).message))) {
        throw conflict('This passkey is already registered.', 'credential_exists');
      }
      throw error;
    }
    if (!added) throw bindingError();
    const accessToken = await tokens.issue({
      userId: claims.userId,
      actionCode: action.actionCode,
      idempotencyKey: action.idempotencyKey,
      scope: claims.scope,
    });
    return c.json({
      isVerified: true,
      userId: claims.userId,
      accessToken,
      userAuthenticatorId: row.id,
      userAuthenticator: presentAuthenticator(row),
    });
  });

  // ---- sign-in ----

  // Only when signIn() is given an `action`: a pending action the passkey will complete.
  app.post('/challenge', async (c) => {
    await auth(c);
    const body = await readJsonObject(c);
    const actionCode = checkActionCode(requiredString(body, 'action', 64));
    const now = nowIso(ctx);
    const action: ActionRow = {
      idempotencyKey: newId(),
      userId: null,
      actionCode,
      state: 'CHALLENGE_REQUIRED',
      stateUpdatedAt: now,
      createdAt: now,
      scope: DEFAULT_SCOPE,
      verificationMethod: null,
      authenticatorId: null,
      attributes: {},
    };
    const challengeId = await issueChallenge(
      { purpose: 'action', challenge: null, actionKey: action.idempotencyKey, userId: null, details: {} },
      [insertActionStatement(action)],
    );
    return c.json({ challengeId });
  });

  app.post('/user-authenticators/passkey/authentication-options', async (c) => {
    const who = await auth(c);
    const body = await readJsonObject(c);
    const previousId = optionalString(body, 'challengeId');
    let actionKey: string | null = null;
    let userId: string | null = null;
    if (who.kind === 'token') {
      // Re-authentication with a server-issued token: the passkey must be that user's.
      if (previousId) throw badRequest('A challengeId cannot be combined with a token.', 'invalid_challenge');
      await loadTokenAction(ctx, who.claims);
      actionKey = who.claims.idempotencyKey;
      userId = who.claims.userId;
    } else if (previousId) {
      actionKey = (await consume(previousId, 'action')).actionKey;
    }
    const requestOptions = await authenticationOptions(options);
    const challengeId = await issueChallenge({
      purpose: 'authentication',
      challenge: requestOptions.challenge,
      actionKey,
      userId,
      details: {},
    });
    return c.json({ challengeId, options: requestOptions });
  });

  app.post('/verify/passkey', async (c) => {
    const who = await auth(c);
    const body = await readJsonObject(c);
    const response: AuthenticationResponseJSON = asAuthenticationResponse(body['authenticationCredential']);
    const challengeId = requiredString(body, 'challengeId');
    const deviceId = optionalString(body, 'deviceId');

    // Consumed before anything is verified: a challenge is single-use whatever happens next.
    const challenge = await consume(challengeId, 'authentication');
    if (who.kind === 'token' && challenge.actionKey !== who.claims.idempotencyKey) {
      throw badRequest('The challenge was issued for another token.', 'invalid_challenge');
    }
    const authenticator = await store.findAuthenticatorByCredentialId(response.id);
    if (!authenticator) throw badRequest('This passkey is not registered.', 'invalid_credential');
    const user = await store.getUser(authenticator.userId);
    if (!user) throw badRequest('This passkey is not registered.', 'invalid_credential');
    // Discoverable credentials always return the user handle; it must name the passkey's owner.
    if (response.response.userHandle !== user.webauthnUserId) {
      throw badRequest('The user handle does not match the passkey.', 'invalid_credential');
    }
    if (challenge.userId !== null && challenge.userId !== authenticator.userId) {
      throw badRequest('This passkey belongs to another user.', 'invalid_credential');
    }
    let existingAction: ActionRow | null = null;
    if (challenge.actionKey) {
      existingAction = await store.getAction(challenge.actionKey);
      if (!existingAction) throw badRequest('The action of this challenge no longer exists.', 'invalid_challenge');
      if (existingAction.userId !== null && existingAction.userId !== authenticator.userId) {
        throw badRequest('This passkey belongs to another user.', 'invalid_credential');
      }
    }

    const { newCounter } = await verifyAuthentication({
      options,
      response,
      expectedChallenge: challenge.challenge ?? '',
      credential: {
        id: authenticator.credentialId,
        publicKey: authenticator.publicKey,
        counter: authenticator.counter,
        transports: authenticator.transports,
      },
    });

    const now = nowIso(ctx);
    const action: ActionRow = existingAction ?? {
      idempotencyKey: newId(),
      userId: authenticator.userId,
      actionCode: DEFAULT_SIGN_IN_ACTION,
      state: 'CHALLENGE_REQUIRED',
      stateUpdatedAt: now,
      createdAt: now,
      scope: DEFAULT_SCOPE,
      verificationMethod: null,
      authenticatorId: null,
      attributes: deviceId ? { deviceId } : {},
    };
    const recorded = await store.recordSignIn({
      authenticator,
      newCounter,
      action,
      actionExists: existingAction !== null,
      now,
    });
    if (!recorded) throw badRequest('The signature counter did not increase.', 'invalid_credential');
    const accessToken = await tokens.issue({
      userId: authenticator.userId,
      actionCode: action.actionCode,
      idempotencyKey: action.idempotencyKey,
      scope: action.scope,
    });
    return c.json({
      isVerified: true,
      accessToken,
      userId: authenticator.userId,
      userAuthenticatorId: authenticator.id,
      ...(user.username ? { username: user.username } : {}),
      ...(user.displayName ? { userDisplayName: user.displayName } : {}),
    });
  });

  // isAvailableOnDevice(): 2xx when any of the given credentials is still registered.
  app.get('/user-authenticators/passkey', async (c) => {
    await auth(c);
    const ids = (c.req.query('credentialIds') ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '')
      .slice(0, MAX_CREDENTIAL_IDS);
    const found = await store.findAuthenticatorByCredentialIds(ids);
    if (!found) throw notFound('None of these passkeys is registered.');
    return c.json({ credentialId: found.credentialId, verifiedAt: found.lastVerifiedAt ?? found.verifiedAt });
  });

  return app;
}

function parseAttachment(value: unknown): Attachment | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'platform' || value === 'cross-platform') return value;
  throw badRequest('"authenticatorAttachment" must be "platform" or "cross-platform".');
}

/** Authenticator binding: once a user has a passkey, adding another needs add:authenticators. */
function checkBinding(claims: TokenClaims, existingCount: number): void {
  if (existingCount > 0 && !hasScope(claims, ADD_AUTHENTICATORS_SCOPE)) throw bindingError();
}

function bindingError() {
  return forbidden(
    `The user already has an authenticator; adding another needs a token with scope "${ADD_AUTHENTICATORS_SCOPE}".`,
    'insufficient_scope',
  );
}
