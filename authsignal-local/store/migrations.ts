// Ordered schema migrations; PRAGMA user_version records how many ran. Every statement is idempotent
// (IF NOT EXISTS), so two processes opening a fresh file at once cannot trip over each other.
import type { Client } from '@libsql/client';

// Ordered migrations; PRAGMA user_version records how many ran.
export const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE IF NOT EXISTS users (
      user_id TEXT PRIMARY KEY,
      webauthn_user_id TEXT NOT NULL UNIQUE,
      username TEXT,
      email TEXT,
      display_name TEXT,
      created_at TEXT NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS authenticators (
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
    `CREATE INDEX IF NOT EXISTS authenticators_by_user ON authenticators (user_id)`,
    `CREATE TABLE IF NOT EXISTS actions (
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
    `CREATE INDEX IF NOT EXISTS actions_by_user ON actions (user_id, action_code)`,
    `CREATE TABLE IF NOT EXISTS challenges (
      id TEXT PRIMARY KEY,
      purpose TEXT NOT NULL CHECK (purpose IN ('action', 'registration', 'authentication')),
      challenge TEXT,
      action_key TEXT,
      user_id TEXT,
      details TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS challenges_by_expiry ON challenges (expires_at)`,
  ],
  // Old actions are pruned by age (Store.prune).
  [`CREATE INDEX IF NOT EXISTS actions_by_creation ON actions (created_at)`],
  // Authenticator apps (TOTP). A row is pending (verified_at NULL) from enrolment until its first code;
  // at most one verified app per user. last_step is the newest 30 s step whose code was accepted (a code
  // is accepted once); failures/window_start count wrong codes per minute.
  [
    `CREATE TABLE IF NOT EXISTS totp_authenticators (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      secret TEXT NOT NULL,
      action_key TEXT,
      created_at TEXT NOT NULL,
      verified_at TEXT,
      last_verified_at TEXT,
      last_step INTEGER NOT NULL DEFAULT -1,
      failures INTEGER NOT NULL DEFAULT 0,
      window_start INTEGER NOT NULL DEFAULT 0
    )`,
    `CREATE INDEX IF NOT EXISTS totp_by_user ON totp_authenticators (user_id)`,
    `CREATE INDEX IF NOT EXISTS totp_by_action ON totp_authenticators (action_key)`,
    `CREATE UNIQUE INDEX IF NOT EXISTS totp_one_verified_per_user ON totp_authenticators (user_id) WHERE verified_at IS NOT NULL`,
  ],
];

export async function migrate(client: Client): Promise<void> {
  const version = Number((await client.execute('PRAGMA user_version')).rows[0]?.[0] ?? 0);
  for (let i = version; i < MIGRATIONS.length; i++) {
    // The version bump rides in the same transaction as the migration it records.
    await client.batch([...MIGRATIONS[i]!, `PRAGMA user_version = ${i + 1}`], 'write');
  }
}
