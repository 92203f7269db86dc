// Test-only: a demo with its local Authsignal server, in memory on free ports, with movable clocks.
// It is the shared harness (test/helpers/harness.ts) around the demo's own local server, plus a
// browser-like visitor of the demo.
import { type Demo, type DemoOptions, startDemo } from '../../../demo/server/start.js';
import { connect, type Harness } from '../../helpers/harness.js';
import { open, submit } from '../../helpers/prebuilt.js';
import { SoftwareAuthenticator } from '../../helpers/software-authenticator.js';
import { codeFor } from '../../helpers/totp.js';
import { Visitor } from './visitor.js';

export interface DemoHarness extends Harness {
  demo: Demo;
  /** Moves the demo's clock (sessions, rate limits). */
  demoClock: { offsetMs: number };
  /** Moves the local Authsignal server's clock (token expiry). */
  authsignalClock: { offsetMs: number };
  /** A visitor whose `signIn` goes through the pre-built UI (enrolling an app the first time). */
  visitor(): Visitor;
  /** Authenticator-app secrets read from the pre-built UI's enrolment page, by username. */
  secrets: Map<string, string>;
  /** A fresh code for the user's app: a later 30 s step than any used (moves the Authsignal clock if need be). */
  nextCode(username: string): string;
  /** Passes the pre-built UI at `url` (enrols or answers the challenge); returns where it redirects (the demo's callback). */
  passPrebuilt(url: string, username: string): Promise<string>;
  /** Signs `username` in with a password (and the app) and returns the visitor and its Authsignal user id. */
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
  const secrets = new Map<string, string>();
  const lastSteps = new Map<string, number>();
  // Each code is accepted once per app, and never one of an older step: sign-ins in one 30 s step
  // move the local server's clock on (it only times tokens, codes and pruning).
  const nextCode = (username: string) => {
    const secret = secrets.get(username);
    if (!secret) throw new Error(`${username} has no authenticator app yet`);
    const step = () => Math.floor((Date.now() + authsignalClock.offsetMs) / 30_000);
    const last = lastSteps.get(username) ?? -Infinity;
    if (step() <= last) authsignalClock.offsetMs += (last + 1 - step()) * 30_000;
    lastSteps.set(username, step());
    return codeFor(secret, Date.now() + authsignalClock.offsetMs);
  };
  const passPrebuilt = async (url: string, username: string) => {
    const page = await open(url);
    if (page.secret) secrets.set(username, page.secret); // the enrolment page
    const answer = await submit(page, nextCode(username));
    const next = answer.headers.get('Location');
    if (answer.status !== 303 || !next) throw new Error(`pre-built UI answered ${answer.status}:\n${answer.html}`);
    return next;
  };
  const newVisitor = () =>
    new Visitor(demo.url, async (v, url, username) => v.request(await passPrebuilt(url, username)));
  return {
    ...clients,
    demo,
    demoClock,
    authsignalClock,
    secrets,
    nextCode,
    passPrebuilt,
    visitor: newVisitor,
    async signedIn(username) {
      const visitor = newVisitor();
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
