/**
 * Serves the playground in-process for its end-to-end test and the screenshots: the real demo server
 * (`startDemo`, which mounts `playgroundRoutes`) on a free port, with its own local Authsignal server.
 */
import { fileURLToPath } from 'node:url';
import { startDemo } from './start.js';

export const PLAYGROUND_DIST = fileURLToPath(new URL('../../dist/playground/', import.meta.url));

export interface PlaygroundServer {
  /** Origin of the page, e.g. http://localhost:40123 (the playground is at /playground). */
  url: string;
  stop(): Promise<void>;
}

export async function startPlaygroundServer(): Promise<PlaygroundServer> {
  const demo = await startDemo({ port: 0, dataDir: ':memory:', log: false });
  return { url: demo.url, stop: () => demo.stop() };
}
