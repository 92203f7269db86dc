// Authorization header parsing for both APIs.
//  - Client API (browser): `Bearer <action token>` or `Basic base64(encodeURIComponent(tenantId))`
//    (the web SDK sends no colon; other SDKs send `tenantId:`; both are accepted).
//  - Server API (Node SDK): `Basic base64(secret + ":")`.
import { createHash, timingSafeEqual } from 'node:crypto';
import { unauthorized } from './errors.js';
import type { TokenClaims, TokenService } from './tokens.js';

export type ClientAuth = { kind: 'tenant' } | { kind: 'token'; claims: TokenClaims };

export async function authenticateClient(
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
export function isServerAuthorized(header: string | undefined, secret: string): boolean {
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
