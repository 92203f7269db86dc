// Response headers owed to every page: a Content-Security-Policy that allows only this origin's own
// scripts and styles (no inline script) and lets the page call the Authsignal client API, no framing,
// no referrer to other sites, no MIME sniffing; HSTS only over HTTPS; and no caching of pages (they carry tokens).
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

// form-action also governs where a form post may be redirected: POST /login goes on to the pre-built UI.
// `formActions`: more origins a form post may end on (an OpenID Connect provider's redirect to its apps).
export function securityHeaders(authsignalClientUrl: string, prebuiltUrl = authsignalClientUrl, formActions: string[] = []): MiddlewareHandler {
  const authsignalOrigin = new URL(authsignalClientUrl).origin;
  const prebuiltOrigin = new URL(prebuiltUrl).origin;
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", authsignalOrigin],
      formAction: ["'self'", prebuiltOrigin, ...formActions],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    // Sent below, and only over HTTPS: a browser pinning HTTPS for "localhost" would break other projects.
    strictTransportSecurity: false,
    // Full referrer only within the site; other sites learn nothing (no path, no query).
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    permissionsPolicy: { publickeyCredentialsGet: ['self'], camera: [], microphone: [], geolocation: [] },
  });
}

export function noStoreAndHsts(isHttps: (c: Context) => boolean): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (isHttps(c)) c.header('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
    const type = c.res.headers.get('Content-Type') ?? '';
    if (type.startsWith('text/html') || type.startsWith('application/json')) c.header('Cache-Control', 'no-store');
  };
}
