// oidc-provider's storage in SQLite (the demo's libsql), so a restart signs nobody out: sessions,
// interactions, grants, authorization codes and tokens are rows of one table, keyed by model and id,
// with the secondary keys the provider looks them up by (a session's uid, a token's grant, a device's
// user code). Expired rows are never returned and are pruned as new ones arrive. The shape follows
// oidc-provider's own memory adapter (the reference for what each method must do).
import type { Client } from '@libsql/client';
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import { openSqlite } from '../../../authsignal-local/server-kit/index.js';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS oidc_models (
     model TEXT NOT NULL,
     id TEXT NOT NULL,
     payload TEXT NOT NULL,
     grant_id TEXT,
     uid TEXT,
     user_code TEXT,
     expires_at INTEGER,
     PRIMARY KEY (model, id))`,
  `CREATE INDEX IF NOT EXISTS oidc_models_grant ON oidc_models (grant_id)`,
  `CREATE INDEX IF NOT EXISTS oidc_models_uid ON oidc_models (model, uid)`,
  `CREATE INDEX IF NOT EXISTS oidc_models_user_code ON oidc_models (model, user_code)`,
  `CREATE INDEX IF NOT EXISTS oidc_models_expiry ON oidc_models (expires_at)`,
];

/** Models whose rows belong to a grant (revoked together when the grant is). */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

export class OidcStore {
  private constructor(
    private readonly db: Client,
    private readonly now: () => number,
  ) {}

  /** `path`: a file, or ':memory:'. */
  static async open(path: string, now: () => number = Date.now): Promise<OidcStore> {
    const db = await openSqlite(path);
    try {
      await db.batch(SCHEMA, 'write');
    } catch (error) {
      db.close();
      throw error;
    }
    return new OidcStore(db, now);
  }

  close(): void {
    this.db.close();
  }

  /** The factory oidc-provider's `adapter` option takes: one adapter per model name. */
  readonly adapter: AdapterFactory = (model) => new SqliteAdapter(model, this.db, this.now);
}

class SqliteAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly db: Client,
    private readonly now: () => number,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const now = this.now();
    const expiresAt = typeof expiresIn === 'number' ? now + expiresIn * 1000 : null;
    await this.db.batch(
      [
        { sql: 'DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at <= ?', args: [now] },
        {
          sql: `INSERT INTO oidc_models (model, id, payload, grant_id, uid, user_code, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
                  uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at`,
          args: [
            this.model,
            id,
            JSON.stringify(payload),
            GRANTABLE.has(this.model) ? (payload.grantId ?? null) : null,
            payload.uid ?? null,
            payload.userCode ?? null,
            expiresAt,
          ],
        },
      ],
      'write',
    );
  }

  private async findWhere(column: 'id' | 'uid' | 'user_code', value: string): Promise<AdapterPayload | undefined> {
    const { rows } = await this.db.execute({
      sql: `SELECT payload FROM oidc_models WHERE model = ? AND ${column} = ? AND (expires_at IS NULL OR expires_at > ?)`,
      args: [this.model, value, this.now()],
    });
    const row = rows[0];
    return row ? (JSON.parse(String(row['payload'])) as AdapterPayload) : undefined;
  }

  find(id: string) {
    return this.findWhere('id', id);
  }

  findByUid(uid: string) {
    return this.findWhere('uid', uid);
  }

  findByUserCode(userCode: string) {
    return this.findWhere('user_code', userCode);
  }

  /** Marks a code or token as used (the provider refuses it, and revokes its grant, if it comes again). */
  async consume(id: string): Promise<void> {
    await this.db.execute({
      sql: `UPDATE oidc_models SET payload = json_set(payload, '$.consumed', ?) WHERE model = ? AND id = ?`,
      args: [Math.floor(this.now() / 1000), this.model, id],
    });
  }

  async destroy(id: string): Promise<void> {
    await this.db.execute({ sql: 'DELETE FROM oidc_models WHERE model = ? AND id = ?', args: [this.model, id] });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.execute({ sql: 'DELETE FROM oidc_models WHERE grant_id = ?', args: [grantId] });
  }
}
