// Authorization for both APIs, as middleware: a route declares what it needs and gets it in c.var.
//  - Client API (browser): `Bearer <action token>` or `Basic base64(encodeURIComponent(tenantId))`
//    (the web SDK sends no colon; other SDKs send `tenantId:`; both are accepted).
//  - Server API (Node SDK): `Basic base64(secret + ":")`.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppContext, ClientAuth, ClientEnv, TokenEnv } from './context.js';
import { unauthorized } from './errors.js';
import type { TokenService } from './tokens.js';

/** Client API: a tenant (Basic) or a token holder (Bearer); sets c.var.who. */
export const clientAuth =
  (ctx: AppContext): MiddlewareHandler<ClientEnv> =>
  async (c, next) => {
    c.set('who', await authenticateClient(c.req.header('Authorization'), ctx.options.tenantId, ctx.tokens));
    await next();
  };

/** Client API calls that act on a tracked action: a Bearer token is required; sets c.var.claims. */
export const tokenRequired: MiddlewareHandler<TokenEnv> = async (c, next) => {
  const who = c.get('who');
  if (who.kind !== 'token') throw unauthorized('This call needs a Bearer token from track.', 'token_required');
  c.set('claims', who.claims);
  await next();
};

/** Server API: HTTP Basic with the API secret as user name; the cloud answers 401 { error: "unauthorized" }. */
export const secretRequired =
  (secret: string): MiddlewareHandler =>
  async (c, next) => {
    if (!isServerAuthorized(c.req.header('Authorization'), secret)) {
      throw unauthorized('The API secret key is missing or invalid.');
    }
    await next();
  };

async function authenticateClient(
  header: string | undefined,
  tenantId: string,
  tokens: TokenService,
): Promise<ClientAuth> {
  const [scheme, value] = splitHeader(header);
  if (scheme === 'bearer' && value) {
    return { kind: 'token', claims: await tokens.verify(value) };
  }
  if (scheme === 'basic' && value) {
    let decoded = decodeBasic(value);
    if (decoded === null) throw unauthorized('Malformed Basic credentials.');
    if (decoded.endsWith(':')) decoded = decoded.slice(0, -1);
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      throw unauthorized('Malformed Basic credentials.');
    }
    if (decoded !== tenantId) throw unauthorized('Unknown tenant.');
    return { kind: 'tenant' };
  }
  throw unauthorized('Missing or unsupported Authorization header.');
}

/** True when the header carries the API secret as Basic user name (password ignored, as the cloud). */
function isServerAuthorized(header: string | undefined, secret: string): boolean {
  const [scheme, value] = splitHeader(header);
  if (scheme !== 'basic' || !value) return false;
  const decoded = decodeBasic(value);
  if (decoded === null) return false;
  const user = decoded.endsWith(':') ? decoded.slice(0, -1) : decoded;
  return constantTimeEqual(user, secret);
}

function splitHeader(header: string | undefined): [string, string] {
  if (!header) return ['', ''];
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header);
  return match ? [match[1]!.toLowerCase(), match[2]!] : ['', ''];
}

function decodeBasic(value: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  return Buffer.from(value, 'base64').toString('utf8');
}

// Hashing first gives equal-length inputs, so the comparison time does not reveal the secret's length.
function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
