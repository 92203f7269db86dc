// Open-redirect guard: the demo only ever redirects to a path on its own origin. Anything else
// (another host, a scheme, backslash or control-character tricks, or the same tricks percent-encoded)
// falls back to the account page.
export const DEFAULT_RETURN_URL = '/account';

const BASE = 'http://x';

function isLocalPath(value: string): boolean {
  // One leading "/", not "//" or "/\" (both mean "another host" to browsers), no backslash or control
  // character anywhere (browsers treat "\" as "/" and drop tabs and newlines).
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return false;
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    return new URL(value, BASE).origin === BASE;
  } catch {
    return false;
  }
}

/** The value if it is a safe local path (also once percent-decoded), else undefined. */
export function localPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  return isLocalPath(value) && isLocalPath(decoded) ? value : undefined;
}

/** Where to send someone after a step: the requested local path, or the account page. */
export function returnTo(value: unknown): string {
  return localPath(value) ?? DEFAULT_RETURN_URL;
}
