// A fixed-window counter: at most `limit` attempts per key per window. Enough to slow password
// guessing against one account (key = username) or from one address (key = IP) in a demo; a real
// deployment would share it between instances (Redis, the database) or let a proxy do it.
//
// O(1) per request, whatever the number of keys: windows live in a Map in the order they opened, so
// the expired ones are always at its front, and each request drops the expired ones it finds there
// (each window is dropped once: amortised O(1)). A flood of distinct keys costs memory only for the
// keys of the current window, and never more than `maxKeys` (then the oldest windows go first).
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly maxKeys = 1_000_000,
  ) {}

  /** Seconds to wait when the key is at its limit, else 0. Counts nothing. */
  retryAfter(key: string): number {
    const now = this.now();
    this.sweep(now);
    const window = this.live(key, now);
    if (!window || window.count < this.limit) return 0;
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }

  /** Counts one attempt for the key. */
  count(key: string): void {
    const now = this.now();
    this.sweep(now);
    const window = this.live(key, now);
    if (window) {
      window.count += 1;
      return;
    }
    if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(key, { start: now, count: 1 });
  }

  /** Forgets a key (after a successful sign-in, the account's counter starts over). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  /** How many keys are held (for the bench). */
  get size(): number {
    return this.windows.size;
  }

  /** The key's window while it is open (a clock set back can leave an expired one behind a live one). */
  private live(key: string, now: number): { start: number; count: number } | undefined {
    const window = this.windows.get(key);
    if (window && now - window.start >= this.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start < this.windowMs) return;
      this.windows.delete(key);
    }
  }
}
