// Listening and stopping, the same way for both servers: @hono/node-server on one port, request
// headers bounded, and every answer JSON-shaped by the server's own error body, including the ones
// Node's HTTP parser writes by itself before any route runs (a malformed request line, headers over
// the limit): those would otherwise be a bare "400 Bad Request" / "431" with no body.
import type { AddressInfo, Socket } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';

/** Largest request head (request line + headers). Tokens and cookies here are well under 2 KB. */
export const MAX_HEADER_BYTES = 8 * 1024;

/** What Node's parser answers by itself: a malformed request, a request too slow to arrive, headers too large. */
export type ParserErrorStatus = 400 | 408 | 431;

const PARSER_ERRORS: Record<string, [ParserErrorStatus, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request took too long to arrive.'],
};
const MALFORMED: [ParserErrorStatus, string, string] = [400, 'Bad Request', 'The request could not be parsed as HTTP.'];

export interface ListenOptions {
  fetch: (request: Request, env: unknown) => Response | Promise<Response>;
  port: number;
  host: string;
  /** The JSON body of an error answer written before any route runs. */
  errorBody: (status: ParserErrorStatus, message: string) => unknown;
}

export interface Listening {
  server: Server;
  /** The port actually bound (useful with port 0). */
  port: number;
  /** Stops accepting, ends open (keep-alive) connections, resolves when the server is closed. */
  close(): Promise<void>;
}

export async function listen(options: ListenOptions): Promise<Listening> {
  const { server, port } = await new Promise<{ server: Server; port: number }>((resolve, reject) => {
    const s = serve(
      {
        fetch: options.fetch,
        port: options.port,
        hostname: options.host,
        serverOptions: { maxHeaderSize: MAX_HEADER_BYTES },
      },
      (info: AddressInfo) => resolve({ server: s as Server, port: info.port }),
    ) as Server;
    s.once('error', reject);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A reset or a timeout leaves nobody to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, message] = PARSER_ERRORS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify(options.errorBody(status, message));
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=UTF-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  let closing: Promise<void> | undefined;
  return {
    server,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets (browsers, axios) would hold close() open; end them.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
