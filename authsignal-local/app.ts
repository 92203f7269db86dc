// Assembles the Hono app: logging, CORS for the client API, body limit, routes, JSON errors, and
// pruning. Pure: no port, no signal, no console unless `log` says so; `index.ts` listens.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext } from './context.js';
import { clientCors } from './cors.js';
import { ApiError, errorBody } from './errors.js';
import { type AuthsignalLocalOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { prebuiltRoutes } from './prebuilt/routes.js';
import { pruneOldRecords } from './prune.js';
import { clientRoutes } from './routes/client.js';
import { serverRoutes } from './routes/server.js';
import { requestLog } from './server-kit/index.js';
import { Store } from './store/store.js';
import { TokenService } from './tokens.js';

/** Largest accepted request body. WebAuthn responses are a few KB; anything bigger is refused. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface AuthsignalLocalApp {
  /** The Hono app; `app.fetch` / `app.request` serve it in-process, no socket needed. */
  app: Hono;
  options: ResolvedOptions;
  /** Closes the database. */
  close(): Promise<void>;
}

/** Builds the app over its database (opened and migrated here). */
export async function createAuthsignalLocalApp(input: AuthsignalLocalOptions = {}): Promise<AuthsignalLocalApp> {
  const options = resolveOptions(input);
  const store = await Store.open(options.data);
  const ctx: AppContext = {
    options,
    store,
    tokens: new TokenService(options.secret, options.tenantId, options.tokenTtlSeconds, options.now),
  };

  const app = new Hono();
  app.use('*', requestLog(options.log));
  // CORS first, so that every client API answer (413s included) is readable by the page.
  app.use('/v1/client/*', ...clientCors(options.origins));
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody('payload_too_large', `The request body exceeds ${MAX_BODY_BYTES} bytes.`), 413),
    }),
  );
  app.use('*', pruneOldRecords(ctx));
  app.route('/v1/client', clientRoutes(ctx));
  app.route('/v1', serverRoutes(ctx));

  // Where track's `url` points: HTML pages for the authenticator app (prebuilt/).
  app.route('/prebuilt/', prebuiltRoutes(ctx));
  // Browsers ask every page's origin for an icon; the pages have none, and a 404 would be an error in their console.
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.toBody(), error.status);
    // Anything else is a bug in this server, never a verdict on the input.
    if (options.log) options.log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return c.json(errorBody('internal_error', 'The local Authsignal server failed unexpectedly.'), 500);
  });

  let closed = false;
  return {
    app,
    options,
    async close() {
      if (closed) return;
      closed = true;
      store.close();
    },
  };
}
