/**
 * The test's side of an Authsignal server (the local one by default): the server API calls a test makes as
 * the app's back end would, with the secret, over plain HTTP (`Authorization: Basic base64(secret + ":")`,
 * as @authsignal/node sends it).
 */

/** Where the Authsignal API is and its secret: `npx authsignal-local`'s defaults, or `startAuthsignalLocal()`'s result. */
export type AuthsignalServer =
  | { url: string; secret: string; tenantId?: string }
  | { url: string; options: { secret: string; tenantId: string } };

/** `npx authsignal-local` with no flags. */
export const LOCAL_SERVER = { url: 'http://localhost:5050/v1', secret: 'local-secret', tenantId: 'local-tenant' } as const;

export function serverConfig(server: AuthsignalServer = LOCAL_SERVER): { url: string; secret: string; tenantId: string } {
  return 'options' in server
    ? { url: server.url, secret: server.options.secret, tenantId: server.options.tenantId }
    : { url: server.url, secret: server.secret, tenantId: server.tenantId ?? LOCAL_SERVER.tenantId };
}

async function call<T>(server: AuthsignalServer | undefined, path: string, body: unknown): Promise<T> {
  const { url, secret } = serverConfig(server);
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${secret}:`).toString('base64')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as T & { error?: string; errorDescription?: string };
  if (!response.ok) {
    throw new Error(`Authsignal ${path} answered ${response.status}: ${json.errorDescription ?? json.error ?? 'no JSON'}`);
  }
  return json;
}

/** What `validateChallenge` answers (the wire's `actionCode`, as the Node SDK renames it: `action`). */
export interface ValidatedToken {
  isValid: boolean;
  state: string;
  userId?: string;
  action?: string;
  verificationMethod?: string;
}

/** Tracks `action` for the user as the app's server would (`track`); returns the action's token. */
export async function trackAction(
  server: AuthsignalServer | undefined,
  { userId, action, attributes = {} }: { userId: string; action: string; attributes?: Record<string, unknown> },
): Promise<{ token: string; state: string }> {
  const path = `/users/${encodeURIComponent(userId)}/actions/${encodeURIComponent(action)}`;
  return call(server, path, attributes);
}

/** Validates a token as the app's server does (`validateChallenge`): check `isValid`, `state`, `action`, `userId`. */
export async function validateToken(server: AuthsignalServer | undefined, token: string): Promise<ValidatedToken> {
  const { actionCode, ...rest } = await call<ValidatedToken & { actionCode?: string }>(server, '/validate', { token });
  return { ...rest, ...(actionCode !== undefined ? { action: actionCode } : {}) };
}
