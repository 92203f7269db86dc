// SQLite storage (libsql, async). Every multi-row write goes through `batch`, which libsql runs
// as one transaction on one connection; interactive transactions are avoided on purpose: an
// in-memory database has a single connection, and an open interactive transaction would make
// concurrent requests fail instead of wait.
import { randomBytes } from 'node:crypto';
import type { Client, InStatement } from '@libsql/client';
import { openSqlite } from '../server-kit/index.js';
import { migrate } from './migrations.js';
import { type ActionRow, type AuthenticatorRow, type ChallengeRow, type UserRow, toAction, toAuthenticator, toChallenge, toUser } from './rows.js';
import { completeActionStatement, insertActionStatement, insertAuthenticatorStatement } from './statements.js';
import { TotpStore } from './totp.js';

export * from './rows.js';
export { insertActionStatement } from './statements.js';


export class Store {
  /** Authenticator apps (store/totp.ts). */
  readonly totp: TotpStore;

  private constructor(private readonly client: Client) {
    this.totp = new TotpStore(client);
  }

  /** Opens (and migrates) the database. `path` is a file path, a `file:` URL or ':memory:'. */
  static async open(path: string): Promise<Store> {
    const client = await openSqlite(path);
    try {
      await migrate(client);
    } catch (error) {
      client.close();
      throw error;
    }
    return new Store(client);
  }

  close(): void {
    this.client.close();
  }

  // ---- users ----

  async getUser(userId: string): Promise<UserRow | null> {
    const rs = await this.client.execute({ sql: 'SELECT * FROM users WHERE user_id = ?', args: [userId] });
    return rs.rows[0] ? toUser(rs.rows[0]) : null;
  }

  async getUserByWebauthnId(webauthnUserId: string): Promise<UserRow | null> {
    const rs = await this.client.execute({
      sql: 'SELECT * FROM users WHERE webauthn_user_id = ?',
      args: [webauthnUserId],
    });
    return rs.rows[0] ? toUser(rs.rows[0]) : null;
  }

  /** Creates the user if new; given non-empty attributes overwrite stored ones. */
  async upsertUser(
    userId: string,
    attrs: { username?: string | undefined; email?: string | undefined; displayName?: string | undefined },
    now: string,
  ): Promise<UserRow> {
    const rs = await this.client.execute({
      sql: `INSERT INTO users (user_id, webauthn_user_id, username, email, display_name, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE SET
              username = COALESCE(excluded.username, users.username),
              email = COALESCE(excluded.email, users.email),
              display_name = COALESCE(excluded.display_name, users.display_name)
            RETURNING *`,
      args: [
        userId,
        randomBytes(32).toString('base64url'),
        attrs.username || null,
        attrs.email || null,
        attrs.displayName || null,
        now,
      ],
    });
    return toUser(rs.rows[0]!);
  }

  // ---- authenticators ----

  async listAuthenticators(userId: string): Promise<AuthenticatorRow[]> {
    const rs = await this.client.execute({
      sql: 'SELECT * FROM authenticators WHERE user_id = ? ORDER BY created_at, id',
      args: [userId],
    });
    return rs.rows.map(toAuthenticator);
  }

  /** The kinds of authenticator the user has (a pending authenticator app does not count). */
  async methods(userId: string): Promise<('PASSKEY' | 'AUTHENTICATOR_APP')[]> {
    const rs = await this.client.execute({
      sql: `SELECT EXISTS (SELECT 1 FROM authenticators WHERE user_id = ?) AS passkey,
              EXISTS (SELECT 1 FROM totp_authenticators WHERE user_id = ? AND verified_at IS NOT NULL) AS app`,
      args: [userId, userId],
    });
    const row = rs.rows[0]!;
    return [
      ...(Number(row['passkey']) ? (['PASSKEY'] as const) : []),
      ...(Number(row['app']) ? (['AUTHENTICATOR_APP'] as const) : []),
    ];
  }

  async findAuthenticatorByCredentialId(credentialId: string): Promise<AuthenticatorRow | null> {
    const rs = await this.client.execute({
      sql: 'SELECT * FROM authenticators WHERE credential_id = ?',
      args: [credentialId],
    });
    return rs.rows[0] ? toAuthenticator(rs.rows[0]) : null;
  }

  async findAuthenticatorByCredentialIds(credentialIds: string[]): Promise<AuthenticatorRow | null> {
    if (credentialIds.length === 0) return null;
    const rs = await this.client.execute({
      sql: `SELECT * FROM authenticators WHERE credential_id IN (${credentialIds.map(() => '?').join(', ')})
            ORDER BY created_at LIMIT 1`,
      args: credentialIds,
    });
    return rs.rows[0] ? toAuthenticator(rs.rows[0]) : null;
  }

  /**
   * Stores a new passkey and marks the enrolment action succeeded, atomically. Two guards ride inside
   * the write, so racing requests cannot both pass them: the action must not have succeeded already
   * (an enrolment token adds at most one passkey), and unless `mayAddMore` the user must have no
   * authenticator yet (authenticator binding). Returns false when a guard refused the insert.
   */
  async addAuthenticatorAndComplete(row: AuthenticatorRow, actionKey: string, mayAddMore: boolean): Promise<boolean> {
    const results = await this.client.batch(
      [
        insertAuthenticatorStatement(row, actionKey, mayAddMore),
        completeActionStatement(actionKey, row.userId, row.id, row.createdAt),
        {
          sql: 'UPDATE users SET username = COALESCE(username, ?) WHERE user_id = ?',
          args: [row.username, row.userId],
        },
      ],
      'write',
    );
    return results[0]!.rowsAffected === 1;
  }

  /**
   * Records a verified sign-in. First the counter moves forward, guarded so that two assertions
   * racing with the same counter cannot both win (authenticators that do not count, counter 0,
   * always pass). Only then is the action (existing or new) marked succeeded, in one batch.
   * Returns false when the counter guard refused.
   */
  async recordSignIn(input: {
    authenticator: AuthenticatorRow;
    newCounter: number;
    action: ActionRow;
    actionExists: boolean;
    now: string;
  }): Promise<boolean> {
    const { authenticator, newCounter, action, now } = input;
    const guard = await this.client.execute({
      sql: `UPDATE authenticators SET counter = ?, last_verified_at = ?
            WHERE id = ? AND (counter < ? OR (counter = 0 AND ? = 0))`,
      args: [newCounter, now, authenticator.id, newCounter, newCounter],
    });
    if (guard.rowsAffected !== 1) return false;
    const statements: InStatement[] = [];
    if (!input.actionExists) statements.push(insertActionStatement(action));
    statements.push(completeActionStatement(action.idempotencyKey, authenticator.userId, authenticator.id, now));
    await this.client.batch(statements, 'write');
    return true;
  }

  async deleteAuthenticator(userId: string, authenticatorId: string): Promise<boolean> {
    const rs = await this.client.execute({
      sql: 'DELETE FROM authenticators WHERE user_id = ? AND id = ?',
      args: [userId, authenticatorId],
    });
    return rs.rowsAffected === 1;
  }

  // ---- actions ----

  async insertAction(row: ActionRow): Promise<void> {
    await this.client.execute(insertActionStatement(row));
  }

  async getAction(idempotencyKey: string): Promise<ActionRow | null> {
    const rs = await this.client.execute({
      sql: 'SELECT * FROM actions WHERE idempotency_key = ?',
      args: [idempotencyKey],
    });
    return rs.rows[0] ? toAction(rs.rows[0]) : null;
  }

  /**
   * Marks an action CHALLENGE_SUCCEEDED by a non-passkey method of its own user, unless it already
   * succeeded or is blocked. False when it was not open any more (a racing request won).
   */
  async completeAction(actionKey: string, userId: string, method: string, authenticatorId: string, now: string): Promise<boolean> {
    const rs = await this.client.execute({
      sql: `UPDATE actions SET state = 'CHALLENGE_SUCCEEDED', state_updated_at = ?, verification_method = ?, authenticator_id = ?
            WHERE idempotency_key = ? AND user_id = ? AND state NOT IN ('CHALLENGE_SUCCEEDED', 'BLOCK')`,
      args: [now, method, authenticatorId, actionKey, userId],
    });
    return rs.rowsAffected === 1;
  }

  // ---- challenges ----

  /** Stores a challenge, with any statements that must land with it. */
  async insertChallenge(row: ChallengeRow, extra: InStatement[] = []): Promise<void> {
    await this.client.batch(
      [
        ...extra,
        {
          sql: `INSERT INTO challenges (id, purpose, challenge, action_key, user_id, details, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)`,
          args: [row.id, row.purpose, row.challenge, row.actionKey, row.userId, JSON.stringify(row.details), row.expiresAt],
        },
      ],
      'write',
    );
  }

  /**
   * Removes and returns a challenge in one statement, so a challenge can be used at most once
   * even by concurrent requests: whoever deletes it owns it. Callers consume BEFORE verifying.
   */
  async consumeChallenge(id: string): Promise<ChallengeRow | null> {
    const rs = await this.client.execute({ sql: 'DELETE FROM challenges WHERE id = ? RETURNING *', args: [id] });
    return rs.rows[0] ? toChallenge(rs.rows[0]) : null;
  }

  // ---- bounded growth ----

  /**
   * Drops expired challenges and actions created before `actionsBefore` (ISO time). Both deletes use
   * an index, and SQLite reuses the freed pages, so the file stops growing once traffic is steady.
   */
  async prune(nowMs: number, actionsBefore: string): Promise<void> {
    await this.client.batch(
      [
        { sql: 'DELETE FROM challenges WHERE expires_at < ?', args: [nowMs] },
        { sql: 'DELETE FROM actions WHERE created_at < ?', args: [actionsBefore] },
        // Enrolments of an authenticator app that were never finished.
        { sql: 'DELETE FROM totp_authenticators WHERE verified_at IS NULL AND created_at < ?', args: [actionsBefore] },
      ],
      'write',
    );
  }
}
