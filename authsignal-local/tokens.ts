// Action tokens: HS256 JWTs signed with the tenant's API secret, as the cloud historically issued
// them. Both SDKs treat them as opaque; the server is the only reader. A token names one action
// (idempotencyKey) of one user; its scope decides what the browser may do with it.
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { unauthorized } from './errors.js';

export interface TokenClaims {
  tenantId: string;
  userId: string;
  actionCode: string;
  idempotencyKey: string;
  /** Space-separated scopes, e.g. "read:authenticators" or "add:authenticators". */
  scope: string;
}

export const DEFAULT_SCOPE = 'read:authenticators';
export const ADD_AUTHENTICATORS_SCOPE = 'add:authenticators';

export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly tenantId: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: Omit<TokenClaims, 'tenantId'>): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    return new SignJWT({ ...claims, tenantId: this.tenantId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .sign(this.key);
  }

  /**
   * Verifies signature (HS256 only: "alg":"none" and other algorithms are refused), expiry and
   * tenant. Throws ApiError 401 "expired_token" (the browser SDK's onTokenExpired trigger) or
   * 401 "invalid_token"; /validate re-labels these as 400, the token being a body parameter there.
   */
  async verify(token: string): Promise<TokenClaims> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
        requiredClaims: ['exp', 'iat'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthorized('The token has expired.', 'expired_token');
      throw unauthorized('The token is invalid.', 'invalid_token');
    }
    const claims = {
      tenantId: payload['tenantId'],
      userId: payload['userId'],
      actionCode: payload['actionCode'],
      idempotencyKey: payload['idempotencyKey'],
      scope: payload['scope'],
    };
    for (const [name, value] of Object.entries(claims)) {
      if (typeof value !== 'string' || (name !== 'scope' && value === '')) {
        throw unauthorized('The token is invalid.', 'invalid_token');
      }
    }
    if (claims.tenantId !== this.tenantId) throw unauthorized('The token belongs to another tenant.', 'invalid_token');
    return claims as TokenClaims;
  }
}

export function hasScope(claims: TokenClaims, scope: string): boolean {
  return claims.scope.split(/\s+/).includes(scope);
}
