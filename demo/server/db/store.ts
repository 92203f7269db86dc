// The demo's own storage: its users, their sessions, the names people give their passkeys, and the
// login tokens already spent. SQLite through @libsql/client (async, ships its binary in the npm
// package, so nothing compiles on install). Authsignal keeps the passkeys themselves; the demo only
// keeps what Authsignal does not know about.
//
// No interactive transactions: an in-memory libsql database has a single connection, and an open
// interactive transaction would make concurrent requests fail. Single statements (with UNIQUE
// constraints doing the race-free checks) and `batch` are enough here.
import { join } from 'node:path';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Client, Row } from '@libsql/client';
import { openSqlite } from '../../../authsignal-local/server-kit/index.js';
import { hashPassword } from '../auth/passwords.js';

/** How the session began: a password (with a code from the authenticator app, unless the action's rule allowed it without), or a passkey. */
export type SignInMethod = 'password' | 'passkey';

/**
 * What the person proved, as OpenID Connect's `amr` says it (RFC 8176): `pwd otp mfa` for a password and a code,
 * `pwd` for a password alone, `hwk user` for a passkey (a key on a device, unlocked by the person).
 */
export const AMR = { passwordAndCode: ['pwd', 'otp', 'mfa'], password: ['pwd'], passkey: ['hwk', 'user'] } as const;

export interface User {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
}

export interface Session {
  userId: string;
  method: SignInMethod;
  /** What the person proved (see `AMR`). */
  amr: string[];
  createdAt: number;
  /** When the person last proved who they are (password or passkey): gates sensitive actions. */
  authenticatedAt: number;
  expiresAt: number;
}

/** The demo users of the Duende sample: username = password. */
export const DEMO_USERS = [
  { username: 'alice', password: 'alice', displayName: 'Alice' },
  { username: 'bob', password: 'bob', displayName: 'Bob' },
] as const;

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE COLLATE NOCASE,
     display_name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL)`,
  // Only a hash of the session id is stored: a leaked database does not hand out live sessions.
  `CREATE TABLE IF NOT EXISTS sessions (
     id_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     method TEXT NOT NULL CHECK (method IN ('password', 'passkey')),
     amr TEXT,
     created_at INTEGER NOT NULL,
     authenticated_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions (expires_at)`,
  `CREATE TABLE IF NOT EXISTS passkey_names (
     user_authenticator_id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     name TEXT NOT NULL,
     updated_at INTEGER NOT NULL)`,
  // One row per Authsignal action (or token hash) already turned into a sign-in or a new passkey.
  `CREATE TABLE IF NOT EXISTS used_tokens (
     key TEXT PRIMARY KEY,
     used_at INTEGER NOT NULL)`,
];

/** Spent-token records are kept well past any token lifetime (10 minutes by default), then pruned. */
const USED_TOKEN_RETENTION_MS = 24 * 60 * 60 * 1000;

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');

export class Store {
  private constructor(private readonly db: Client) {}

  /**
   * Opens `<dataDir>/demo.db` (created with its folder), or an in-memory database for ':memory:'.
   * The app (demo/server/app/) opens its own file without the demo users: it learns people from the
   * login server's ID tokens (upsertUser).
   */
  static async open(dataDir: string, { file = 'demo.db', seed = true }: { file?: string; seed?: boolean } = {}): Promise<Store> {
    // WAL, busy timeout and one connection (so foreign_keys holds for every statement): see openSqlite.
    const db = await openSqlite(dataDir === ':memory:' ? ':memory:' : join(dataDir, file), ['foreign_keys = ON']);
    const store = new Store(db);
    try {
      await db.batch(SCHEMA, 'write');
      // Files from before `amr` was kept: their sessions read as `pwd otp mfa` / `hwk user` (the demo asked for a
      // code with every password then).
      const columns = await db.execute('PRAGMA table_info(sessions)');
      if (!columns.rows.some((column) => column['name'] === 'amr')) await db.execute('ALTER TABLE sessions ADD COLUMN amr TEXT');
      if (seed) await store.seed();
    } catch (error) {
      db.close();
      throw error;
    }
    return store;
  }

  close(): void {
    this.db.close();
  }

  private async seed(): Promise<void> {
    for (const user of DEMO_USERS) {
      if (await this.findUserByUsername(user.username)) continue;
      // A random id, not the username: it is the userId Authsignal knows the person by.
      await this.db.execute({
        sql: `INSERT OR IGNORE INTO users (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)`,
        args: [randomUUID(), user.username, user.displayName, await hashPassword(user.password), Date.now()],
      });
    }
  }

  // ---- users ----

  async findUserByUsername(username: string): Promise<User | null> {
    const { rows } = await this.db.execute({ sql: 'SELECT * FROM users WHERE username = ?', args: [username] });
    return rows[0] ? toUser(rows[0]) : null;
  }

  async findUserById(id: string): Promise<User | null> {
    const { rows } = await this.db.execute({ sql: 'SELECT * FROM users WHERE id = ?', args: [id] });
    return rows[0] ? toUser(rows[0]) : null;
  }

  /** Records (or updates) a person the login server vouched for; they have no password here. */
  async upsertUser(id: string, username: string, displayName: string): Promise<User> {
    await this.db.execute({
      sql: `INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, '', ?)
            ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name`,
      args: [id, username, displayName, Date.now()],
    });
    return { id, username, displayName, passwordHash: '' };
  }

  // ---- sessions ----

  /** Creates a session and returns its id (32 random bytes): the only place the raw id exists. */
  async createSession(
    userId: string,
    method: SignInMethod,
    now: number,
    ttlMs: number,
    authenticatedAt = now,
    amr: readonly string[] = method === 'passkey' ? AMR.passkey : AMR.passwordAndCode,
  ): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.db.batch(
      [
        { sql: 'DELETE FROM sessions WHERE expires_at <= ?', args: [now] },
        {
          sql: `INSERT INTO sessions (id_hash, user_id, method, amr, created_at, authenticated_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)`,
          args: [sha256(id), userId, method, amr.join(' '), now, Math.min(authenticatedAt, now), now + ttlMs],
        },
      ],
      'write',
    );
    return id;
  }

  async getSession(id: string, now: number): Promise<Session | null> {
    const { rows } = await this.db.execute({
      sql: 'SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?',
      args: [sha256(id), now],
    });
    const row = rows[0];
    if (!row) return null;
    const method = row['method'] === 'passkey' ? 'passkey' : 'password';
    return {
      userId: String(row['user_id']),
      method,
      amr: row['amr'] ? String(row['amr']).split(' ') : [...(method === 'passkey' ? AMR.passkey : AMR.passwordAndCode)],
      createdAt: Number(row['created_at']),
      authenticatedAt: Number(row['authenticated_at']),
      expiresAt: Number(row['expires_at']),
    };
  }

  /** The person proved who they are again (step-up): sensitive actions are allowed for a while. */
  async reauthenticated(id: string, now: number): Promise<void> {
    await this.db.execute({ sql: 'UPDATE sessions SET authenticated_at = ? WHERE id_hash = ?', args: [now, sha256(id)] });
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.execute({ sql: 'DELETE FROM sessions WHERE id_hash = ?', args: [sha256(id)] });
  }

  // ---- passkey names ----

  async passkeyNames(userId: string): Promise<Map<string, string>> {
    const { rows } = await this.db.execute({
      sql: 'SELECT user_authenticator_id, name FROM passkey_names WHERE user_id = ?',
      args: [userId],
    });
    return new Map(rows.map((row) => [String(row['user_authenticator_id']), String(row['name'])]));
  }

  async setPasskeyName(userId: string, userAuthenticatorId: string, name: string, now: number): Promise<void> {
    await this.db.execute({
      sql: `INSERT INTO passkey_names (user_authenticator_id, user_id, name, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (user_authenticator_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at
            WHERE passkey_names.user_id = excluded.user_id`,
      args: [userAuthenticatorId, userId, name, now],
    });
  }

  async deletePasskeyName(userId: string, userAuthenticatorId: string): Promise<void> {
    await this.db.execute({
      sql: 'DELETE FROM passkey_names WHERE user_authenticator_id = ? AND user_id = ?',
      args: [userAuthenticatorId, userId],
    });
  }

  // ---- single-use tokens ----

  /**
   * Records a token (by its Authsignal action key, or a hash) as spent. Returns false when it was spent
   * before: the UNIQUE key makes this race-free, so two concurrent posts of one token sign in once.
   */
  async spendToken(key: string, now: number): Promise<boolean> {
    const results = await this.db.batch(
      [
        { sql: 'DELETE FROM used_tokens WHERE used_at < ?', args: [now - USED_TOKEN_RETENTION_MS] },
        { sql: 'INSERT OR IGNORE INTO used_tokens (key, used_at) VALUES (?, ?)', args: [key, now] },
      ],
      'write',
    );
    return results[1]!.rowsAffected === 1;
  }
}

function toUser(row: Row): User {
  return {
    id: String(row['id']),
    username: String(row['username']),
    displayName: String(row['display_name']),
    passwordHash: String(row['password_hash']),
  };
}
