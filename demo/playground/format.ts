/** How events are shown on the page: type plus detail, with tokens cut short. */
import type { PasskeyEventType } from '../../testing/events.js';

/** Tokens are credentials: the page shows their first 12 characters only, and sends them nowhere. */
export const maskToken = (token: string) => (token.length > 12 ? `${token.slice(0, 12)}…` : token);

/** `{ token: "eyJhbGciOiJI…", userId: "…" }`, keys in dispatch order, `undefined` left out. */
export function formatDetail(detail: unknown): string {
  if (!detail || typeof detail !== 'object') return '{}';
  const entries = Object.entries(detail as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const shown = entries.map(([key, value]) => {
    const v = key === 'token' && typeof value === 'string' ? maskToken(value) : value;
    return `${key}: ${JSON.stringify(v)}`;
  });
  return `{ ${shown.join(', ')} }`;
}

/** Every event the elements dispatch: the list the package's test helpers record (`recordPasskeyEvents`). */
export { PASSKEY_EVENT_TYPES as EVENT_TYPES } from '../../testing/events.js';

// tsc fails here when the elements dispatch an event the list lacks, or the list names one they do not.
type Dispatched = Extract<keyof GlobalEventHandlersEventMap, `passkey-${string}`>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
void (true satisfies Same<Dispatched, PasskeyEventType>);
