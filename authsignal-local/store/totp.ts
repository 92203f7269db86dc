// Authenticator apps (TOTP) in SQLite. The secret is stored like the passkeys' public keys: this is a
// local development server, and the file is the tenant's. Guards that must hold under concurrent
// requests (one code per step, the wrong-code budget, one verified app per user) ride inside the writes.
import type { Client } from '@libsql/client';
import { type TotpRow, toTotp } from './rows.js';

export class TotpStore {
  constructor(private readonly client: Client) {}

  /** The user's verified authenticator app, if any. */
  async verified(userId: string): Promise<TotpRow | null> {
    const rs = await this.client.execute({
      sql: 'SELECT * FROM totp_authenticators WHERE user_id = ? AND verified_at IS NOT NULL',
      args: [userId],
    });
    return rs.rows[0] ? toTotp(rs.rows[0]) : null;
  }

  /** The pending enrolment a token's action started, if any. */
  async pending(actionKey: string): Promise<TotpRow | null> {
    const rs = await this.client.execute({
      sql: 'SELECT * FROM totp_authenticators WHERE action_key = ? AND verified_at IS NULL ORDER BY created_at DESC LIMIT 1',
      args: [actionKey],
    });
    return rs.rows[0] ? toTotp(rs.rows[0]) : null;
  }

  /** A new pending enrolment; it replaces the action's earlier pending one (a new secret each time). */
  async insertPending(row: TotpRow): Promise<void> {
    await this.client.batch(
      [
        { sql: 'DELETE FROM totp_authenticators WHERE action_key = ? AND verified_at IS NULL', args: [row.actionKey] },
        {
          sql: `INSERT INTO totp_authenticators (id, user_id, secret, action_key, created_at) VALUES (?, ?, ?, ?, ?)`,
          args: [row.id, row.userId, row.secret, row.actionKey, row.createdAt],
        },
      ],
      'write',
    );
  }

  /**
   * Spends one attempt from the wrong-code budget (`max` per `windowMs`); false when it is spent.
   * An accepted code gives the budget back (useStep).
   */
  async reserveAttempt(id: string, nowMs: number, max: number, windowMs: number): Promise<boolean> {
    const rs = await this.client.execute({
      sql: `UPDATE totp_authenticators SET
              failures = CASE WHEN window_start + ? <= ? THEN 1 ELSE failures + 1 END,
              window_start = CASE WHEN window_start + ? <= ? THEN ? ELSE window_start END
            WHERE id = ? AND NOT (window_start + ? > ? AND failures >= ?)`,
      args: [windowMs, nowMs, windowMs, nowMs, nowMs, id, windowMs, nowMs, max],
    });
    return rs.rowsAffected === 1;
  }

  /**
   * Accepts the code of `step`, once: only when no code of this or a later step was accepted before.
   * Verifies a pending app (and drops the user's other pending ones). Returns the row, or null when the
   * step was already used. Throws a UNIQUE error when the user verified another app meanwhile.
   */
  async useStep(id: string, step: number, now: string): Promise<TotpRow | null> {
    const rs = await this.client.execute({
      sql: `UPDATE totp_authenticators SET last_step = ?, failures = 0, last_verified_at = ?,
              verified_at = COALESCE(verified_at, ?), action_key = NULL
            WHERE id = ? AND last_step < ? RETURNING *`,
      args: [step, now, now, id, step],
    });
    const row = rs.rows[0] ? toTotp(rs.rows[0]) : null;
    if (row) {
      await this.client.execute({
        sql: 'DELETE FROM totp_authenticators WHERE user_id = ? AND verified_at IS NULL',
        args: [row.userId],
      });
    }
    return row;
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const rs = await this.client.execute({
      sql: 'DELETE FROM totp_authenticators WHERE user_id = ? AND id = ? AND verified_at IS NOT NULL',
      args: [userId, id],
    });
    return rs.rowsAffected === 1;
  }
}
