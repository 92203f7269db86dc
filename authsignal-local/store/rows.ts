// Stored records as the services see them, and their mapping from SQLite rows.
import { randomUUID } from 'node:crypto';
import type { Row } from '@libsql/client';
import type { VerifiedRegistration } from '../webauthn.js';

export interface UserRow {
  userId: string;
  /** Random WebAuthn user handle (base64url), stable per user; never the user id itself. */
  webauthnUserId: string;
  username: string | null;
  email: string | null;
  displayName: string | null;
  createdAt: string;
}

/** A stored passkey: what its registration verified, plus who, where and when. */
export interface AuthenticatorRow extends VerifiedRegistration {
  id: string;
  userId: string;
  attachment: string | null;
  name: string;
  username: string | null;
  userAgent: string | null;
  deviceId: string | null;
  createdAt: string;
  verifiedAt: string;
  lastVerifiedAt: string | null;
}

export type ActionState =
  | 'ALLOW'
  | 'BLOCK'
  | 'CHALLENGE_REQUIRED'
  | 'CHALLENGE_SUCCEEDED'
  | 'CHALLENGE_FAILED'
  | 'REVIEW_REQUIRED'
  | 'REVIEW_SUCCEEDED'
  | 'REVIEW_FAILED';

export interface ActionRow {
  idempotencyKey: string;
  /** NULL for a sign-in the browser started with /client/challenge, until a passkey names the user. */
  userId: string | null;
  actionCode: string;
  state: ActionState;
  stateUpdatedAt: string;
  createdAt: string;
  scope: string;
  verificationMethod: string | null;
  authenticatorId: string | null;
  attributes: Record<string, unknown>;
}

export type ChallengePurpose = 'action' | 'registration' | 'authentication';

export interface ChallengeRow {
  id: string;
  purpose: ChallengePurpose;
  /** WebAuthn challenge, base64url; NULL for an 'action' challenge (no ceremony yet). */
  challenge: string | null;
  actionKey: string | null;
  userId: string | null;
  details: Record<string, unknown>;
  expiresAt: number;
}

export interface TotpRow {
  id: string;
  userId: string;
  /** Base32 secret, as authenticator apps take it. */
  secret: string;
  /** The action whose token started the enrolment; NULL once irrelevant. */
  actionKey: string | null;
  createdAt: string;
  /** NULL while pending: the first accepted code verifies the app. */
  verifiedAt: string | null;
  lastVerifiedAt: string | null;
}

export function newId(): string {
  return randomUUID();
}

// ---- row mapping ----

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function toUser(r: Row): UserRow {
  return {
    userId: str(r['user_id']),
    webauthnUserId: str(r['webauthn_user_id']),
    username: strOrNull(r['username']),
    email: strOrNull(r['email']),
    displayName: strOrNull(r['display_name']),
    createdAt: str(r['created_at']),
  };
}

export function toAuthenticator(r: Row): AuthenticatorRow {
  return {
    id: str(r['id']),
    userId: str(r['user_id']),
    credentialId: str(r['credential_id']),
    publicKey: str(r['public_key']),
    counter: Number(r['counter']),
    transports: JSON.parse(str(r['transports'])) as string[],
    aaguid: str(r['aaguid']),
    backedUp: Number(r['backed_up']) === 1,
    deviceType: str(r['device_type']),
    attachment: strOrNull(r['attachment']),
    name: str(r['name']),
    username: strOrNull(r['username']),
    userAgent: strOrNull(r['user_agent']),
    deviceId: strOrNull(r['device_id']),
    createdAt: str(r['created_at']),
    verifiedAt: str(r['verified_at']),
    lastVerifiedAt: strOrNull(r['last_verified_at']),
  };
}

export function toAction(r: Row): ActionRow {
  return {
    idempotencyKey: str(r['idempotency_key']),
    userId: strOrNull(r['user_id']),
    actionCode: str(r['action_code']),
    state: str(r['state']) as ActionState,
    stateUpdatedAt: str(r['state_updated_at']),
    createdAt: str(r['created_at']),
    scope: str(r['scope']),
    verificationMethod: strOrNull(r['verification_method']),
    authenticatorId: strOrNull(r['authenticator_id']),
    attributes: JSON.parse(str(r['attributes'])) as Record<string, unknown>,
  };
}

export function toChallenge(r: Row): ChallengeRow {
  return {
    id: str(r['id']),
    purpose: str(r['purpose']) as ChallengePurpose,
    challenge: strOrNull(r['challenge']),
    actionKey: strOrNull(r['action_key']),
    userId: strOrNull(r['user_id']),
    details: JSON.parse(str(r['details'])) as Record<string, unknown>,
    expiresAt: Number(r['expires_at']),
  };
}

export function toTotp(r: Row): TotpRow {
  return {
    id: str(r['id']),
    userId: str(r['user_id']),
    secret: str(r['secret']),
    actionKey: strOrNull(r['action_key']),
    createdAt: str(r['created_at']),
    verifiedAt: strOrNull(r['verified_at']),
    lastVerifiedAt: strOrNull(r['last_verified_at']),
  };
}
