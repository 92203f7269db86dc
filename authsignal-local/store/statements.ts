// Statements that several store methods put into one batch (one transaction).
import type { InStatement } from '@libsql/client';
import type { ActionRow, AuthenticatorRow } from './rows.js';

export function insertActionStatement(row: ActionRow): InStatement {
  return {
    sql: `INSERT INTO actions (idempotency_key, user_id, action_code, state, state_updated_at, created_at, scope,
            verification_method, authenticator_id, attributes)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      row.idempotencyKey,
      row.userId,
      row.actionCode,
      row.state,
      row.stateUpdatedAt,
      row.createdAt,
      row.scope,
      row.verificationMethod,
      row.authenticatorId,
      JSON.stringify(row.attributes),
    ],
  };
}

/**
 * Marks an action CHALLENGE_SUCCEEDED by a passkey. The user id is filled in when the action had
 * none yet (browser-started sign-in) and must otherwise match: an action never changes owner.
 * It only applies when the authenticator exists and is the user's, so in the enrolment batch an
 * insert refused by the binding check leaves the action untouched.
 */
export function completeActionStatement(
  actionKey: string,
  userId: string,
  authenticatorId: string,
  now: string,
): InStatement {
  return {
    sql: `UPDATE actions SET state = 'CHALLENGE_SUCCEEDED', state_updated_at = ?, verification_method = 'PASSKEY',
            authenticator_id = ?, user_id = ?
          WHERE idempotency_key = ? AND (user_id IS NULL OR user_id = ?)
            AND EXISTS (SELECT 1 FROM authenticators WHERE id = ? AND user_id = ?)`,
    args: [now, authenticatorId, userId, actionKey, userId, authenticatorId, userId],
  };
}


/**
 * Inserts a passkey only while its enrolment action has not succeeded yet (one passkey per enrolment
 * token) and, unless `mayAddMore`, only while the user has no authenticator, passkey or app (binding).
 */
export function insertAuthenticatorStatement(row: AuthenticatorRow, actionKey: string, mayAddMore: boolean): InStatement {
  return {
    sql: `INSERT INTO authenticators (id, user_id, credential_id, public_key, counter, transports, aaguid,
            backed_up, device_type, attachment, name, username, user_agent, device_id, created_at,
            verified_at, last_verified_at)
          SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
          WHERE (? OR (NOT EXISTS (SELECT 1 FROM authenticators WHERE user_id = ?)
                       AND NOT EXISTS (SELECT 1 FROM totp_authenticators WHERE user_id = ? AND verified_at IS NOT NULL)))
            AND NOT EXISTS (SELECT 1 FROM actions WHERE idempotency_key = ? AND state = 'CHALLENGE_SUCCEEDED')`,
    args: [
      row.id,
      row.userId,
      row.credentialId,
      row.publicKey,
      row.counter,
      JSON.stringify(row.transports),
      row.aaguid,
      row.backedUp ? 1 : 0,
      row.deviceType,
      row.attachment,
      row.name,
      row.username,
      row.userAgent,
      row.deviceId,
      row.createdAt,
      row.verifiedAt,
      row.lastVerifiedAt,
      mayAddMore ? 1 : 0,
      row.userId,
      row.userId,
      actionKey,
    ],
  };
}
