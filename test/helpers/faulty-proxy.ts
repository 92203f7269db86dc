/**
 * A proxy in front of the real local Authsignal server that breaks the network on purpose, as a dead API, a load
 * balancer's error page or a hanging upstream would: the elements and the server stay untouched.
 *   none      pass every request through
 *   down      drop the connection (the browser's fetch rejects: TypeError)
 *   html-502  answer 502 with an HTML page and no CORS headers, preflights included (a CORS failure: TypeError)
 *   hang      hold the request; it goes on (none) or is dropped when the fault changes
 * `delayMs` holds every answer that long, preflights included (a far-away server, for the benchmark);
 * `slow(pathEnd, ms)` holds the answers to the requests whose path ends so (a slow endpoint), until the next fault.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'none' | 'down' | 'html-502' | 'hang';

export interface FaultyProxy {
  /** The same API path as the target, on the proxy's port. */
  url: string;
  setFault(fault: Fault): void;
  /** Answers requests whose path ends with `pathEnd` `ms` late (the request reaches the server at once). */
  slow(pathEnd: string, ms: number): void;
  /** Paths requested since the last call (CORS preflights aside). */
  seen(): string[];
  close(): Promise<void>;
}

export async function startFaultyProxy(target: string, { delayMs = 0 } = {}): Promise<FaultyProxy> {
  const upstream = new URL(target);
  let fault: Fault = 'none';
  const seen: string[] = [];
  const held: [IncomingMessage, ServerResponse][] = [];
  let slow: { pathEnd: string; ms: number } | undefined;

  const pass = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const late = delayMs + (slow && req.method !== 'OPTIONS' && path.endsWith(slow.pathEnd) ? slow.ms : 0);
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        setTimeout(() => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        }, late);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  };

  const route = (req: IncomingMessage, res: ServerResponse) => {
    switch (fault) {
      case 'down':
        return req.socket.destroy();
      case 'html-502':
        return res.writeHead(502, { 'Content-Type': 'text/html' }).end('<h1>502 Bad Gateway</h1>');
      case 'hang':
        return void held.push([req, res]);
      default:
        return pass(req, res);
    }
  };

  const server = createServer((req, res) => {
    if (req.method !== 'OPTIONS') seen.push(new URL(req.url ?? '/', 'http://proxy').pathname);
    route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  const url = new URL(target);
  url.port = String(port);

  return {
    url: url.href.replace(/\/$/, ''),
    setFault(next) {
      fault = next;
      slow = undefined;
      if (next === 'hang') return;
      for (const [req, res] of held.splice(0)) route(req, res); // seen once, on arrival
    },
    slow(pathEnd, ms) {
      slow = { pathEnd, ms };
    },
    seen: () => seen.splice(0),
    close: () => {
      for (const [req] of held.splice(0)) req.socket.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
