// How the demo answers a failure: a small page, or `{ "error": "…" }` on its JSON routes (/api/* and
// /playground/api/*), whatever refused the request (a route, a middleware, or Node's HTTP parser).
import { AuthsignalError } from '@authsignal/node';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { RequestError } from './context.js';
import type { LogFn } from '../../authsignal-local/server-kit/index.js';
import { messagePage } from './views/layout.js';

export const isJsonPath = (path: string): boolean => /^\/(playground\/)?api(\/|$)/.test(path);

/** The body of an error answer written before any route runs (listen's errorBody). */
export const parserErrorBody = (_status: number, message: string) => ({ error: message });

export const notFound: NotFoundHandler = (c) =>
  isJsonPath(c.req.path)
    ? c.json({ error: 'Not found.' }, 404)
    : c.html(messagePage('Page not found', 'There is nothing at this address.'), 404);

export function onError(log: LogFn | false): ErrorHandler {
  return (error: Error, c: Context) => {
    let failure: RequestError;
    if (error instanceof RequestError) {
      failure = error;
    } else if (error instanceof HTTPException) {
      failure = new RequestError(error.status as RequestError['status'], error.message || 'The request was refused.');
    } else if (error instanceof AuthsignalError) {
      // The service behind the demo failed or is unreachable: a gateway error, not the visitor's fault.
      if (log) log(`authsignal error: ${error.statusCode} ${error.errorCode}`);
      failure = new RequestError(502, 'The passkey service could not be reached. Try again shortly.', 'Service unavailable');
    } else {
      if (log) log(`error: ${error instanceof Error ? error.message : String(error)}`);
      failure = new RequestError(500, 'The server failed unexpectedly. Try again.', 'Server error');
    }
    if (isJsonPath(c.req.path)) return c.json({ error: failure.message }, failure.status, failure.headers);
    return c.html(messagePage(failure.title, failure.message), failure.status, failure.headers);
  };
}
