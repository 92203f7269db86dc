// Serves two folders read-only with Hono's serveStatic (which refuses paths that climb out of its
// root): the elements' browser bundle (dist/cdn, built by `npm run build`) and the demo's stylesheet
// and script. Only .js, .css and .map files are served; anything else is the app's 404.
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

const SERVED = /^\/[A-Za-z0-9_][A-Za-z0-9_.-]*\.(js|css|map)$/;

/** Mount on `${prefix}/*`. */
export function serveFolder(prefix: string, folder: string): MiddlewareHandler {
  const files = serveStatic({
    root: folder,
    rewriteRequestPath: (path) => path.slice(prefix.length),
    // Rebuilt bundles keep their entry name: revalidate instead of caching forever.
    onFound: (_path, c) => c.header('Cache-Control', 'no-cache'),
  });
  return async (c, next) => (SERVED.test(c.req.path.slice(prefix.length)) ? files(c, next) : next());
}
