// RFC 6238 with the otpauth library: SHA-1, 6 digits, 30 s steps (what every authenticator app
// assumes), codes accepted one step either side of now.
import { Secret, TOTP } from 'otpauth';

export const PERIOD_SECONDS = 30;
export const WINDOW_STEPS = 1;
const DIGITS = 6;

function totp(secret: string, label = '', issuer = ''): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secret), label, issuer, algorithm: 'SHA1', digits: DIGITS, period: PERIOD_SECONDS });
}

/** A new random secret (160 bits, as RFC 4226 recommends), base32. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// URI an authenticator app scans. */
export const totpUri = (secret: string, label: string, issuer: string): string => totp(secret, label, issuer).toString();

/** The 30 s step whose code `code` is (within the window around `nowMs`), or null when it is none. */
export function matchStep(secret: string, code: string, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: nowMs, window: WINDOW_STEPS });
  return delta === null ? null : Math.floor(nowMs / 1000 / PERIOD_SECONDS) + delta;
}
