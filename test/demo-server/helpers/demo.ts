// Test-only: a demo with its local Authsignal server, in memory on free ports, with movable clocks.
// It is the shared harness (test/helpers/harness.ts) around the demo's own local server, plus a
// browser-like visitor of the demo.
import { type Demo, type DemoOptions, startDemo } from '../../../demo/server/start.js';
import { connect, type Harness } from '../../helpers/harness.js';
import { SoftwareAuthenticator } from '../../helpers/software-authenticator.js';
import { Visitor } from './visitor.js';

export interface DemoHarness extends Harness {
  demo: Demo;
  /** Moves the demo's clock (sessions, rate limits). */
  demoClock: { offsetMs: number };
  /** Moves the local Authsignal server's clock (token expiry). */
  authsignalClock: { offsetMs: number };
  visitor(): Visitor;
  /** Signs `username` in with a password and returns the visitor and its Authsignal user id. */
  signedIn(username: string): Promise<{ visitor: Visitor; userId: string }>;
  /** Gives the user a passkey (a software authenticator of its own) and returns it with the add-passkey proof. */
  addPasskey(visitor: Visitor, username: string): Promise<{ passkey: SoftwareAuthenticator; token: string; userAuthenticatorId: string }>;
}

export async function startDemoHarness(options: DemoOptions = {}): Promise<DemoHarness> {
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
  const clients = connect(demo.local!, demo.url);
  return {
    ...clients,
    demo,
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
      const passkey = new SoftwareAuthenticator(demo.url);
      const added = await clients.client.signUp(passkey, body.token, username);
      return { passkey, token: added['accessToken'] as string, userAuthenticatorId: added['userAuthenticator'].userAuthenticatorId as string };
    },
    stop: () => demo.stop(),
  };
}
