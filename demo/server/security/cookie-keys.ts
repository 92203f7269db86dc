// Keys for Hono's signed cookies (the pending MFA step, the app's pending OpenID Connect sign-in): each derived
// from the server's key for one purpose alone, so a cookie signed for one purpose is refused by another.
import { createHmac } from 'node:crypto';
import type { Deps } from '../context.js';

const derived = new WeakMap<Buffer, Map<string, string>>();

export function cookieKey(deps: Deps, purpose: string): string {
  let keys = derived.get(deps.antiForgeryKey);
  if (!keys) derived.set(deps.antiForgeryKey, (keys = new Map()));
  let key = keys.get(purpose);
  if (!key) keys.set(purpose, (key = createHmac('sha256', deps.antiForgeryKey).update(purpose).digest('base64url')));
  return key;
}
