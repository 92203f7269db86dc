// Adding a passkey to the user a token names (the browser SDK's signUp). An enrolment token adds at
// most one passkey: its action succeeds with the first one, and a succeeded action adds no more. A
// cancelled prompt consumes only its challenge, so the same token can ask for options again.
import type * as v from 'valibot';
import { type AppContext, nowIso } from '../context.js';
import { asRegistrationResponse } from '../credentials.js';
import { badRequest, conflict, forbidden, unauthorized } from '../errors.js';
import type { AddAuthenticatorBody, RegistrationOptionsBody } from '../schemas.js';
import { type ActionRow, type AuthenticatorRow, newId } from '../store/store.js';
import { ADD_AUTHENTICATORS_SCOPE, hasScope, type TokenClaims } from '../tokens.js';
import { authenticatorName, registrationOptions, verifyRegistration } from '../webauthn.js';
import { checkPermitted, consumeChallenge, issueChallenge, loadTokenAction } from './challenges.js';

export async function startRegistration(ctx: AppContext, claims: TokenClaims, body: v.InferOutput<typeof RegistrationOptionsBody>) {
  const username = body.username || undefined;
  const attachment = body.authenticatorAttachment ?? undefined;
  const action = await loadTokenAction(ctx, claims);
  checkPermitted(ctx, action.actionCode, 'PASSKEY');
  const existing = await ctx.store.listAuthenticators(claims.userId);
  checkBinding(claims, (await ctx.store.methods(claims.userId)).length);
  checkUnused(action);
  const user = await ctx.store.upsertUser(claims.userId, {}, nowIso(ctx));
  const userName = username ?? user.username ?? user.userId;
  const options = await registrationOptions({
    options: ctx.options,
    webauthnUserId: user.webauthnUserId,
    userName,
    displayName: user.displayName ?? userName,
    excludeCredentialIds: existing.map((a) => ({ id: a.credentialId, transports: a.transports })),
    attachment,
  });
  const challengeId = await issueChallenge(ctx, {
    purpose: 'registration',
    challenge: options.challenge,
    actionKey: claims.idempotencyKey,
    userId: claims.userId,
    details: { username: username ?? null, attachment: attachment ?? null },
  });
  return { challengeId, options };
}

export async function addPasskey(
  ctx: AppContext,
  claims: TokenClaims,
  body: v.InferOutput<typeof AddAuthenticatorBody>,
  userAgent: string | undefined,
) {
  const response = asRegistrationResponse(body.registrationCredential);
  // Consumed before anything is verified: a challenge is single-use whatever happens next.
  const challenge = await consumeChallenge(ctx, body.challengeId, 'registration');
  if (challenge.userId !== claims.userId || challenge.actionKey !== claims.idempotencyKey) {
    throw badRequest('The challenge was issued for another token.', 'invalid_challenge');
  }
  const action = await loadTokenAction(ctx, claims);
  checkPermitted(ctx, action.actionCode, 'PASSKEY');
  const mayAddMore = hasScope(claims, ADD_AUTHENTICATORS_SCOPE);
  checkBinding(claims, (await ctx.store.methods(claims.userId)).length);
  checkUnused(action);

  const verified = await verifyRegistration({
    options: ctx.options,
    response,
    expectedChallenge: challenge.challenge ?? '',
    // Conditional create (automatic passkey upgrade after a password sign-in) happens without a gesture, so
    // WebAuthn lets the authenticator leave user presence off; only a request that says so may skip it.
    requireUserPresence: !(body.conditionalCreate ?? false),
  });
  if (await ctx.store.findAuthenticatorByCredentialId(verified.credentialId)) throw credentialExists();
  const now = nowIso(ctx);
  const detail = (key: string) => (typeof challenge.details[key] === 'string' ? (challenge.details[key] as string) : null);
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
    attachment: response.authenticatorAttachment ?? detail('attachment'),
    name: authenticatorName(verified.aaguid),
    username: detail('username'),
    userAgent: userAgent?.slice(0, 512) ?? null,
    deviceId: typeof action.attributes['deviceId'] === 'string' ? action.attributes['deviceId'] : null,
    createdAt: now,
    verifiedAt: now,
    lastVerifiedAt: null,
  };
  let added: boolean;
  try {
    added = await ctx.store.addAuthenticatorAndComplete(row, action.idempotencyKey, mayAddMore);
  } catch (error) {
    if (/UNIQUE/i.test(String((error as Error).message))) throw credentialExists();
    throw error;
  }
  if (!added) {
    // A guard inside the write refused: a racing request used the token, or added the user's first passkey.
    checkUnused((await ctx.store.getAction(action.idempotencyKey)) ?? action);
    throw bindingError();
  }
  const accessToken = await ctx.tokens.issue({
    userId: claims.userId,
    actionCode: action.actionCode,
    idempotencyKey: action.idempotencyKey,
    scope: claims.scope,
  });
  return { isVerified: true, userId: claims.userId, accessToken, userAuthenticatorId: row.id, row };
}

/** Authenticator binding: once a user has an authenticator (passkey or app), adding a passkey needs add:authenticators. */
function checkBinding(claims: TokenClaims, existingCount: number): void {
  if (existingCount > 0 && !hasScope(claims, ADD_AUTHENTICATORS_SCOPE)) throw bindingError();
}

/** An action a passkey already completed adds no other passkey. */
function checkUnused(action: ActionRow): void {
  if (action.state === 'CHALLENGE_SUCCEEDED') {
    throw unauthorized('This token has already been used to add a passkey.', 'invalid_token');
  }
}

const credentialExists = () => conflict('This passkey is already registered.', 'credential_exists');

function bindingError() {
  return forbidden(
    `The user already has an authenticator; adding another needs a token with scope "${ADD_AUTHENTICATORS_SCOPE}".`,
    'insufficient_scope',
  );
}
