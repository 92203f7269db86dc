// SQLite storage (libsql, async). Every multi-row write goes through `batch`, which libsql runs
// as one transaction on one connection; interactive transactions are avoided on purpose: an
// in-memory database has a single connection, and an open interactive transaction would make
// concurrent requests fail instead of wait.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { createClient, type Client, type InStatement, type Row } from '@libsql/client';

export interface UserRow {
  userId: string;
  /** Random WebAuthn user handle (base64url), stable per user; never the user id itself. */
  webauthnUserId: string;
  username: string | null;
  email: string | null;
  displayName: string | null;
  createdAt: string;
}

export interface AuthenticatorRow {
  id: string;
  userId: string;
  credentialId: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  aaguid: string;
  backedUp: boolean;
  deviceType: string;
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

// Ordered migrations; PRAGMA user_version records how many ran.
const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE users (
      user_id TEXT PRIMARY KEY,
      webauthn_user_id TEXT NOT NULL UNIQUE,
      username TEXT,
      email TEXT,
      display_name TEXT,
      created_at TEXT NOT NULL
    )`,
    `CREATE TABLE authenticators (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      credential_id TEXT NOT NULL UNIQUE,
      public_key TEXT NOT NULL,
      counter INTEGER NOT NULL,
      transports TEXT NOT NULL,
      aaguid TEXT NOT NULL,
      backed_up INTEGER NOT NULL,
      device_type TEXT NOT NULL,
      attachment TEXT,
      name TEXT NOT NULL,
      username TEXT,
      user_agent TEXT,
      device_id TEXT,
      created_at TEXT NOT NULL,
      verified_at TEXT NOT NULL,
      last_verified_at TEXT
    )`,
    `CREATE INDEX authenticators_by_user ON authenticators (user_id)`,
    `CREATE TABLE actions (
      idempotency_key TEXT PRIMARY KEY,
      user_id TEXT,
      action_code TEXT NOT NULL,
      state TEXT NOT NULL,
      state_updated_at TEXT NOT NULL,
      created_at TEXT NOT NULL,
      scope TEXT NOT NULL,
      verification_method TEXT,
      authenticator_id TEXT,
      attributes TEXT NOT NULL
    )`,
    `CREATE INDEX actions_by_user ON actions (user_id, action_code)`,
    `CREATE TABLE challenges (
      id TEXT PRIMARY KEY,
      purpose TEXT NOT NULL CHECK (purpose IN ('action', 'registration', 'authentication')),
      challenge TEXT,
      action_key TEXT,
      user_id TEXT,
      details TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    )`,
    `CREATE INDEX challenges_by_expiry ON challenges (expires_at)`,
  ],
];

export class Store {
  private constructor(private readonly client: Client) {}

  /** Opens (and migrates) the database. `path` is a file path, a `file:` URL or ':memory:'. */
  static async open(path: string): Promise<Store> {
    let url: string;
    if (path === ':memory:') {
      url = ':memory:';
    } else {
      // A `file:` URL is taken as is; a plain path is made absolute. Either way the folder is created.
      url = path.startsWith('file:') ? path : `file:${resolve(path)}`;
      const filePath = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '').split('?')[0]!;
      if (filePath && filePath !== ':memory:') mkdirSync(dirname(resolve(filePath)), { recursive: true });
    }
    const client = createClient({ url });
    const store = new Store(client);
    try {
      await store.migrate(url !== ':memory:' && !url.includes(':memory:'));
    } catch (error) {
      client.close();
      throw error;
    }
    return store;
  }

  private async migrate(isFile: boolean): Promise<void> {
    // WAL lets readers proceed during a write; it is a property of the file, so set it once.
    if (isFile) await this.client.execute('PRAGMA journal_mode = WAL');
    const version = Number((await this.client.execute('PRAGMA user_version')).rows[0]?.[0] ?? 0);
    for (let i = version; i < MIGRATIONS.length; i++) {
      // The version bump rides in the same transaction as the migration it records.
      await this.client.batch([...MIGRATIONS[i]!, `PRAGMA user_version = ${i + 1}`], 'write');
    }
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
   * Stores a new passkey and marks the enrolment action succeeded, atomically.
   * Authenticator binding is re-checked inside the write: unless `mayAddMore`, the insert only
   * happens while the user has no authenticator, so two racing enrolments cannot both pass.
   * Returns false when the binding check refused the insert.
   */
  async addAuthenticatorAndComplete(
    row: AuthenticatorRow,
    actionKey: string,
    mayAddMore: boolean,
  ): Promise<boolean> {
    const results = await this.client.batch(
      [
        {
          sql: `INSERT INTO authenticators (id, user_id, credential_id, public_key, counter, transports, aaguid,
                  backed_up, device_type, attachment, name, username, user_agent, device_id, created_at,
                  verified_at, last_verified_at)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                WHERE ? OR NOT EXISTS (SELECT 1 FROM authenticators WHERE user_id = ?)`,
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
          ],
        },
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

  // ---- challenges ----

  /** Stores a challenge and drops expired ones in the same write. */
  async insertChallenge(row: ChallengeRow, nowMs: number, extra: InStatement[] = []): Promise<void> {
    await this.client.batch(
      [
        { sql: 'DELETE FROM challenges WHERE expires_at < ?', args: [nowMs] },
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
}

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
function completeActionStatement(
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

export function newId(): string {
  return randomUUID();
}

// ---- row mapping ----

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toUser(r: Row): UserRow {
  return {
    userId: str(r['user_id']),
    webauthnUserId: str(r['webauthn_user_id']),
    username: strOrNull(r['username']),
    email: strOrNull(r['email']),
    displayName: strOrNull(r['display_name']),
    createdAt: str(r['created_at']),
  };
}

function toAuthenticator(r: Row): AuthenticatorRow {
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

function toAction(r: Row): ActionRow {
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

function toChallenge(r: Row): ChallengeRow {
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
