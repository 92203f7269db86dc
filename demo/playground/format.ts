/** How events are shown on the page: type plus detail, with tokens cut short. */

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

export const EVENT_TYPES = [
  'passkey-signin-success',
  'passkey-signin-cancel',
  'passkey-signin-error',
  'passkey-add-success',
  'passkey-add-cancel',
  'passkey-add-error',
] as const;
