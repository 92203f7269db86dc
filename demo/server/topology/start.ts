// The guides' topology in one call: the login server (an OpenID Connect provider, with the local
// Authsignal server unless given a tenant) and the app on another origin, registered at the login server
// as a first-party client, both origins expected by the local Authsignal server (one relying party ID,
// `localhost`). The app listens first: its URL is what the login server registers.
import type { LogFn } from '../../../authsignal-local/server-kit/index.js';
import { appClient, type RunningApp, startApp } from '../app/start.js';
import { type Demo, type DemoOptions, startDemo } from '../start.js';

export interface TopologyOptions {
  /** The login server's options (port default 5001, dataDir, authsignal, now…); `oidc` is set here. */
  login?: Omit<DemoOptions, 'oidc' | 'log' | 'dataDir'>;
  /** The app's port (default 5002, 0 for a free one) and clock. */
  app?: { port?: number; now?: () => number };
  /** One folder for both servers' files. Default '.data'. */
  dataDir?: string;
  /** The app's client secret at the login server. */
  clientSecret: string;
  /** Lines of both servers, prefixed [login] / [app]; false for none. */
  log?: LogFn | false;
}

export interface Topology {
  login: Demo;
  app: RunningApp;
  stop(): Promise<void>;
}

export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const log = options.log === undefined ? (line: string) => console.log(line) : options.log;
  const prefixed = (name: string): LogFn | false => (log ? (line) => log(`[${name}] ${line}`) : false);
  let login: Demo | undefined;
  const app = await startApp({
    ...options.app,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    log: prefixed('app'),
    connection: async (appUrl) => {
      login = await startDemo({
        ...options.login,
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
        log: prefixed('login'),
        oidc: {
          clients: [appClient(appUrl, options.clientSecret)],
        },
      });
      return { issuer: login.url, clientSecret: options.clientSecret, authsignal: login.tenant };
    },
  });
  const started = login!;
  return {
    login: started,
    app,
    async stop() {
      await app.stop();
      await started.stop();
    },
  };
}
