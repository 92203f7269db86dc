// Test-only: a demo with its local Authsignal server, in memory on free ports, with movable clocks.
import { Authsignal } from '@authsignal/node';
import { type Demo, type DemoOptions, startDemo } from '../../../demo/server/start.js';
import { ClientApi, SoftwarePasskey } from './software-passkey.js';
import { Visitor } from './visitor.js';

export interface Harness {
  demo: Demo;
  /** The local server's Node SDK client (the demo's own secret). */
  sdk: Authsignal;
  /** The browser SDK's calls, for ceremonies without a browser. */
  client: ClientApi;
  /** Moves the demo's clock (sessions, rate limits). */
  demoClock: { offsetMs: number };
  /** Moves the local Authsignal server's clock (token expiry). */
  authsignalClock: { offsetMs: number };
  visitor(): Visitor;
  /** Signs `username` in with a password and returns the visitor and its Authsignal user id. */
  signedIn(username: string): Promise<{ visitor: Visitor; userId: string }>;
  /** Gives the user a passkey (software) and returns it with the add-passkey proof. */
  addPasskey(visitor: Visitor, username: string): Promise<{ passkey: SoftwarePasskey; token: string; userAuthenticatorId: string }>;
  stop(): Promise<void>;
}

export async function startHarness(options: DemoOptions = {}): Promise<Harness> {
  const demoClock = { offsetMs: 0 };
  const authsignalClock = { offsetMs: 0 };
  const demo = await startDemo({
    port: 0,
    dataDir: ':memory:',
    log: false,
    now: () => Date.now() + demoClock.offsetMs,
    authsignal: { port: 0, data: ':memory:', now: () => Date.now() + authsignalClock.offsetMs },
    ...options,
  });
  const local = demo.local!;
  const sdk = new Authsignal({ apiSecretKey: local.options.secret, apiUrl: local.url, retries: 0 });
  const client = new ClientApi(local.url, local.options.tenantId);
  const harness: Harness = {
    demo,
    sdk,
    client,
    demoClock,
    authsignalClock,
    visitor: () => new Visitor(demo.url),
    async signedIn(username) {
      const visitor = new Visitor(demo.url);
      const response = await visitor.signIn(username);
      if (response.status !== 303) throw new Error(`sign-in of ${username} answered ${response.status}`);
      const { body } = await visitor.json<{ userId: string }>('/api/session');
      return { visitor, userId: body.userId };
    },
    async addPasskey(visitor, username) {
      const { status, body } = await visitor.elementFetch<{ token: string }>('/api/passkeys/enrollment-token');
      if (status !== 200) throw new Error(`enrollment token: ${status}`);
      const passkey = new SoftwarePasskey(demo.url);
      return { passkey, ...(await client.register(passkey, body.token, username)) };
    },
    stop: () => demo.stop(),
  };
  return harness;
}
