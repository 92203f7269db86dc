// Passkey sign-in: an optional pending action (signIn with `action`), authentication options, and
// the verification that completes the action (or records a new one) and issues the access token.
import type * as v from 'valibot';
import { type AppContext, type ClientAuth, nowIso } from '../context.js';
import { asAuthenticationResponse } from '../credentials.js';
import { badRequest } from '../errors.js';
import type { VerifyBody } from '../schemas.js';
import { type ActionRow, insertActionStatement, newId } from '../store/store.js';
import { DEFAULT_SCOPE } from '../tokens.js';
import { authenticationOptions, verifyAuthentication } from '../webauthn.js';
import { checkPermitted, consumeChallenge, issueChallenge, loadTokenAction } from './challenges.js';

/**
 * Action code recorded for a passkey sign-in that the browser started without `action`
 * (autofill, or a sign-in button without an action). The cloud's name for it is not documented;
 * validateChallenge reports this code, so a server can check it.
 */
export const DEFAULT_SIGN_IN_ACTION = 'signInWithPasskey';

const newAction = (userId: string | null, actionCode: string, now: string, attributes: Record<string, unknown> = {}): ActionRow => ({
  idempotencyKey: newId(),
  userId,
  actionCode,
  state: 'CHALLENGE_REQUIRED',
  stateUpdatedAt: now,
  createdAt: now,
  scope: DEFAULT_SCOPE,
  verificationMethod: null,
  authenticatorId: null,
  attributes,
});

/** A pending action the passkey will complete; only when signIn() is given an `action`. */
export async function startActionChallenge(ctx: AppContext, actionCode: string): Promise<string> {
  checkPermitted(ctx, actionCode, 'PASSKEY');
  const action = newAction(null, actionCode, nowIso(ctx));
  return issueChallenge(
    ctx,
    { purpose: 'action', challenge: null, actionKey: action.idempotencyKey, userId: null, details: {} },
    [insertActionStatement(action)],
  );
}

export async function startAuthentication(ctx: AppContext, who: ClientAuth, previousId: string | undefined) {
  let actionKey: string | null = null;
  let userId: string | null = null;
  if (who.kind === 'token') {
    // Re-authentication with a server-issued token: the passkey must be that user's.
    if (previousId) throw badRequest('A challengeId cannot be combined with a token.', 'invalid_challenge');
    checkPermitted(ctx, (await loadTokenAction(ctx, who.claims)).actionCode, 'PASSKEY');
    actionKey = who.claims.idempotencyKey;
    userId = who.claims.userId;
  } else if (previousId) {
    actionKey = (await consumeChallenge(ctx, previousId, 'action')).actionKey;
  }
  const options = await authenticationOptions(ctx.options);
  const challengeId = await issueChallenge(ctx, { purpose: 'authentication', challenge: options.challenge, actionKey, userId, details: {} });
  return { challengeId, options };
}

export async function verifySignIn(ctx: AppContext, who: ClientAuth, body: v.InferOutput<typeof VerifyBody>) {
  const { store } = ctx;
  const response = asAuthenticationResponse(body.authenticationCredential);
  // Consumed before anything is verified: a challenge is single-use whatever happens next.
  const challenge = await consumeChallenge(ctx, body.challengeId, 'authentication');
  if (who.kind === 'token' && challenge.actionKey !== who.claims.idempotencyKey) {
    throw badRequest('The challenge was issued for another token.', 'invalid_challenge');
  }
  // The cloud's code for a credential it does not know (read from @authsignal/browser's sources, which call
  // signalUnknownCredential on it); a bad signature, counter or user handle stays invalid_credential.
  const notRegistered = () => badRequest('This passkey is not registered.', 'unknown_credential');
  const anotherUser = () => badRequest('This passkey belongs to another user.', 'invalid_credential');
  const authenticator = await store.findAuthenticatorByCredentialId(response.id);
  if (!authenticator) throw notRegistered();
  const user = await store.getUser(authenticator.userId);
  if (!user) throw notRegistered();
  // Discoverable credentials always return the user handle; it must name the passkey's owner.
  if (response.response.userHandle !== user.webauthnUserId) {
    throw badRequest('The user handle does not match the passkey.', 'invalid_credential');
  }
  if (challenge.userId !== null && challenge.userId !== authenticator.userId) throw anotherUser();
  let existingAction: ActionRow | null = null;
  if (challenge.actionKey) {
    existingAction = await store.getAction(challenge.actionKey);
    if (!existingAction) throw badRequest('The action of this challenge no longer exists.', 'invalid_challenge');
    if (existingAction.userId !== null && existingAction.userId !== authenticator.userId) throw anotherUser();
  }

  const { newCounter } = await verifyAuthentication({
    options: ctx.options,
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
  const deviceId = body.deviceId;
  const action = existingAction ?? newAction(authenticator.userId, DEFAULT_SIGN_IN_ACTION, now, deviceId ? { deviceId } : {});
  const recorded = await store.recordSignIn({ authenticator, newCounter, action, actionExists: existingAction !== null, now });
  if (!recorded) throw badRequest('The signature counter did not increase.', 'invalid_credential');
  const accessToken = await ctx.tokens.issue({
    userId: authenticator.userId,
    actionCode: action.actionCode,
    idempotencyKey: action.idempotencyKey,
    scope: action.scope,
  });
  return {
    isVerified: true,
    accessToken,
    userId: authenticator.userId,
    userAuthenticatorId: authenticator.id,
    ...(user.username ? { username: user.username } : {}),
    ...(user.displayName ? { userDisplayName: user.displayName } : {}),
  };
}
