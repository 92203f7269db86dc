// The demo's SQLite file across versions: a file written before sessions kept their `amr` opens, gains the
// column, and its sessions read as what the demo asked for then (a password always came with a code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../authsignal-local/server-kit/index.js';
import { Store, sha256 } from '../../demo/server/db/store.js';

test('a file from before `amr` was kept opens, and its sessions keep their meaning', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-store-'));
  try {
    const old = await openSqlite(join(dir, 'demo.db'));
    await old.batch(
      [
        `CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE, display_name TEXT NOT NULL,
           password_hash TEXT NOT NULL, created_at INTEGER NOT NULL)`,
        `CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
           method TEXT NOT NULL CHECK (method IN ('password', 'passkey')), created_at INTEGER NOT NULL,
           authenticated_at INTEGER NOT NULL, expires_at INTEGER NOT NULL)`,
        { sql: `INSERT INTO users VALUES ('u1', 'alice', 'Alice', 'x', 0)`, args: [] },
        { sql: `INSERT INTO sessions VALUES (?, 'u1', 'password', 0, 0, 9e15)`, args: [sha256('old-password-session')] },
        { sql: `INSERT INTO sessions VALUES (?, 'u1', 'passkey', 0, 0, 9e15)`, args: [sha256('old-passkey-session')] },
      ],
      'write',
    );
    old.close();
    const store = await Store.open(dir, { seed: false });
    try {
      assert.deepEqual((await store.getSession('old-password-session', 1))?.amr, ['pwd', 'otp', 'mfa']);
      assert.deepEqual((await store.getSession('old-passkey-session', 1))?.amr, ['hwk', 'user']);
      const id = await store.createSession('u1', 'password', 1, 60_000, 1, ['pwd']);
      assert.deepEqual((await store.getSession(id, 2))?.amr, ['pwd'], 'a new session keeps what was proved');
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
