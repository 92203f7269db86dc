/**
 * Serves the built playground (dist/playground) under /playground, and the enrollment tokens its workbench
 * asks for. Mount with `app.route('/', playgroundRoutes({ ... }))`.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { serveStatic } from '@hono/node-server/serve-static';

export interface PlaygroundRoutesOptions {
  /** The Vite build output, e.g. `dist/playground`. */
  distDir: string;
  tenantId: string;
  /** The client API URL the browser SDK calls, e.g. `http://localhost:5050/v1`. */
  baseUrl: string;
  /** Present only with the local Authsignal server: a token with `scope: "add:authenticators"` for `userId`. */
  issueEnrollmentToken?: (userId: string) => Promise<string>;
}

/** The throwaway user the workbench adds passkeys for; one per browser session. */
const USER_COOKIE = 'playground_user';
const USER_ID = /^playground-[0-9a-f]{32}$/;

export function playgroundRoutes(options: PlaygroundRoutesOptions): Hono {
  const { distDir, tenantId, baseUrl, issueEnrollmentToken } = options;
  const app = new Hono();
  // hono/html escapes the interpolated values.
  const meta = String(html`<meta name="authsignal-tenant-id" content="${tenantId}">
    <meta name="authsignal-base-url" content="${baseUrl}">`);

  // Read per request (it is small): a rebuild while the server runs is picked up without a restart.
  const page = (file: string) => async (c: Context) => {
    let source: string;
    try {
      source = await readFile(join(distDir, file), 'utf8');
    } catch {
      return c.text('The playground is not built: run `npm run build:playground`.', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(source.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n    ${meta}`));
  };

  app.get('/playground', page('index.html'));
  app.get('/playground/', page('index.html'));
  app.get('/playground/index.html', page('index.html'));
  app.get('/playground/workbench.html', page('workbench.html'));

  app.post('/playground/api/enrollment-token', async (c) => {
    if (!issueEnrollmentToken) {
      return c.json({ error: 'The playground cannot create users on a real tenant: sign in on /account to add a passkey with a real tenant.' }, 404);
    }
    // The user id is chosen here, never by the caller, so nobody can ask for a token for someone else's user.
    let userId = getCookie(c, USER_COOKIE);
    if (!userId || !USER_ID.test(userId)) {
      userId = `playground-${randomBytes(16).toString('hex')}`;
      setCookie(c, USER_COOKIE, userId, { path: '/playground', httpOnly: true, sameSite: 'Strict' });
    }
    try {
      const token = await issueEnrollmentToken(userId);
      c.header('Cache-Control', 'no-store');
      return c.json({ token });
    } catch {
      return c.json({ error: 'The Authsignal server did not issue an enrollment token.' }, 502);
    }
  });

  app.use(
    '/playground/*',
    serveStatic({
      root: distDir,
      rewriteRequestPath: (path) => path.replace(/^\/playground/, ''),
      onFound: (path, c) => {
        // Vite's hashed bundles: cacheable for good.
        if (/[\\/]assets[\\/]/.test(path)) c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  return app;
}
