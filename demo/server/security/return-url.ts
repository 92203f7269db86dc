// Open-redirect guard: the demo only ever redirects to a path on its own origin. A return URL is
// resolved with the WHATWG URL parser (the browser's own) against the origin, and followed only when
// the result is still on it and its path cannot be read as another host once it is a Location header
// ("//evil.com", which "/..//evil.com" becomes). The same holds for the value percent-decoded, in case
// something on the way decodes it. Anything else falls back to the account page.
import { hasControlCharacters } from '../../../authsignal-local/server-kit/index.js';

export const DEFAULT_RETURN_URL = '/account';

/** Any origin works: only "is it still this origin?" is asked. */
const ORIGIN = 'http://demo.invalid';

/** The normalised path (with query and fragment) when `value` resolves on the origin, else undefined. */
function sameOriginPath(value: string): string | undefined {
  // A path, never a scheme or a relative reference: "account" or "evil.com" would depend on the page.
  // Control characters are refused outright: the parser drops tabs and newlines, and no honest return
  // URL carries them.
  if (!value.startsWith('/') || hasControlCharacters(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== ORIGIN) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? undefined : path;
}

/** The value, normalised, if it is a path on this origin (also once percent-decoded), else undefined. */
export function localPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  const path = sameOriginPath(value);
  return path !== undefined && sameOriginPath(decoded) !== undefined ? path : undefined;
}

/** Where to send someone after a step: the requested local path, or the account page. */
export function returnTo(value: unknown): string {
  return localPath(value) ?? DEFAULT_RETURN_URL;
}
