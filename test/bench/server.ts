/**
 * Server-side cost of passkey sign-in on the local Authsignal-compatible server.
 *   ceremoniesPerSecond  complete sign-ins (options → assertion → verify, answered isVerified: true) over real HTTP,
 *                        with 1, 8 and 32 clients doing ceremonies back to back
 *   rawVerifyPerSecond   @simplewebauthn/server's verifyAuthenticationResponse alone, on the same kind of assertion:
 *                        the floor under which no server doing real WebAuthn verification can go
 *   memory               heap, RSS and the SQLite file's size (with its WAL) after each slice of sustained
 *                        sign-ins against a file, on a clock running 100× fast so that the slices span hours
 *                        of simulated traffic and the pruning of old actions shows: flat figures mean bounded growth
 * Client and server share this process (and its CPU): the numbers include the browser side's signing and fetch,
 * so they are a lower bound for the server alone. `npx tsx test/bench/server.ts` prints them.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import type { AuthsignalLocalOptions } from '../../authsignal-local/index.js';
import { enroll, ORIGIN, startHarness, type Harness } from '../helpers/harness.js';
import { SoftwareAuthenticator } from '../helpers/software-authenticator.js';

export interface ServerBench {
  ceremoniesPerSecond: { clients: number; perSecond: number }[]; // 1, 8 and 32 concurrent clients
  rawVerifyPerSecond: number; // @simplewebauthn/server verifyAuthenticationResponse alone, same kind of assertion
  memory: { ceremonies: number; simulatedMinutes: number; heapMB: number; rssMB: number; diskMB: number }[];
}

const CLIENT_COUNTS = [1, 8, 32] as const;
const MEMORY_CLIENTS = 8;
const PREPARED_ASSERTIONS = 2000;
const RP_ID = 'localhost';

export async function benchServer(options: { durationMs?: number; memoryCeremonies?: number } = {}): Promise<ServerBench> {
  const durationMs = options.durationMs ?? 3000;
  const memoryCeremonies = options.memoryCeremonies ?? 40_000;
  const warmUpMs = Math.min(500, durationMs);

  // V8 keeps optimising the ceremony's code for several seconds: without this, whichever level runs first
  // (1 client) would pay for it and look slower than it is.
  await withServer(':memory:', MEMORY_CLIENTS, (h, ids) => runFor(h, ids, durationMs));

  // A fresh in-memory server per client count, so each level starts from the same (empty) tables rather than
  // inheriting the actions and spent challenges of the previous one.
  const ceremoniesPerSecond: ServerBench['ceremoniesPerSecond'] = [];
  for (const clients of CLIENT_COUNTS) {
    const perSecond = await withServer(':memory:', clients, async (h, ids) => {
      await runFor(h, ids, warmUpMs);
      const { completed, seconds } = await runFor(h, ids, durationMs);
      return Math.round(completed / seconds);
    });
    ceremoniesPerSecond.push({ clients, perSecond });
  }

  const rawVerifyPerSecond = await benchRawVerify(durationMs);
  const memory = await benchMemory(memoryCeremonies, warmUpMs);
  return { ceremoniesPerSecond, rawVerifyPerSecond, memory };
}

/**
 * Runs `body` against a new server holding one user and one passkey per client (so that clients never share
 * a signature counter), then stops the server whatever happens.
 */
async function withServer<T>(
  data: string,
  clients: number,
  body: (h: Harness, credentialIds: string[]) => Promise<T>,
  extra: AuthsignalLocalOptions = {},
): Promise<T> {
  const h = await startHarness({ data, log: false, ...extra });
  try {
    const credentialIds: string[] = [];
    for (let i = 0; i < clients; i++) {
      const { signUp } = await enroll(h, `bench-user-${i}`);
      credentialIds.push(signUp.credential.id);
    }
    return await body(h, credentialIds);
  } finally {
    await h.stop();
  }
}

/** passkey.signIn() without action, pinned to one credential; throws unless the server verified it. */
async function signIn(h: Harness, credentialId: string): Promise<void> {
  // The authenticator is shared: credentialId makes it sign with this client's passkey, not the newest one.
  const { result } = await h.client.signIn(h.authenticator, { overrides: { credentialId } });
  if (result.status !== 200 || result.body['isVerified'] !== true) {
    throw new Error(`sign-in not verified (${result.status}): ${JSON.stringify(result.body)}`);
  }
}

/** One worker per credential, each doing ceremonies back to back until the deadline. */
async function runFor(h: Harness, credentialIds: string[], ms: number): Promise<{ completed: number; seconds: number }> {
  let completed = 0;
  const start = performance.now();
  const deadline = start + ms;
  await Promise.all(
    credentialIds.map(async (id) => {
      while (performance.now() < deadline) {
        await signIn(h, id);
        completed++;
      }
    }),
  );
  // Measured to the last ceremony's end: the ones still in flight at the deadline are counted, so is their time.
  return { completed, seconds: (performance.now() - start) / 1000 };
}

/** A fixed number of ceremonies spread over the workers (each takes the next one when free). */
async function runCount(h: Harness, credentialIds: string[], total: number): Promise<void> {
  let started = 0;
  await Promise.all(
    credentialIds.map(async (id) => {
      while (started < total) {
        started++;
        await signIn(h, id);
      }
    }),
  );
}

async function benchRawVerify(durationMs: number): Promise<number> {
  const authenticator = new SoftwareAuthenticator(ORIGIN);
  // One real registration, verified by the library, gives the public key exactly as the server stores it.
  const registrationOptions = await generateRegistrationOptions({
    rpName: 'bench',
    rpID: RP_ID,
    userName: 'raw@example.com',
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  const registration = await verifyRegistrationResponse({
    response: authenticator.createCredential(registrationOptions),
    expectedChallenge: registrationOptions.challenge,
    expectedOrigin: [ORIGIN],
    expectedRPID: RP_ID,
    requireUserVerification: true,
  });
  if (!registration.verified) throw new Error('raw bench: registration not verified');
  const credential: WebAuthnCredential = registration.registrationInfo.credential;

  // Signing is the authenticator's cost, not the server's: done ahead. One challenge for all (the server would
  // check a fresh one the same way); each assertion's counter is one above the previous.
  const challenge = Buffer.from('bench-raw-verify-challenge').toString('base64url');
  const assertions: AuthenticationResponseJSON[] = [];
  for (let i = 0; i < PREPARED_ASSERTIONS; i++) {
    assertions.push(authenticator.getAssertion({ challenge, rpId: RP_ID }));
  }

  const verify = async (response: AuthenticationResponseJSON, counter: number) => {
    // Same arguments as authsignal-local/webauthn.ts's verifyAuthentication.
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: [ORIGIN],
      expectedRPID: RP_ID,
      requireUserVerification: true,
      credential: { ...credential, counter },
    });
    if (!result.verified) throw new Error('raw bench: assertion not verified');
  };

  // Warm-up (JIT, WebCrypto key import paths) on the first hundred, untimed.
  for (let i = 0; i < 100; i++) await verify(assertions[i]!, i);
  // Cycling through the pool: the stored counter passed is always the one before the assertion's, as on a server.
  let calls = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  while (performance.now() < deadline) {
    const i = calls % PREPARED_ASSERTIONS;
    await verify(assertions[i]!, i);
    calls++;
  }
  return Math.round(calls / ((performance.now() - start) / 1000));
}

/** Simulated time runs this much faster than real time in the memory bench. */
const CLOCK_SPEED = 100;
const MEMORY_SLICES = 8;

async function benchMemory(ceremonies: number, warmUpMs: number): Promise<ServerBench['memory']> {
  // A SQLite file, as a real deployment uses (WAL, page cache), not ':memory:' whose data would itself be heap.
  const dir = mkdtempSync(join(tmpdir(), 'authsignal-local-bench-'));
  const file = join(dir, 'bench.db');
  const started = Date.now();
  const now = () => started + (Date.now() - started) * CLOCK_SPEED;
  try {
    return await withServer(
      file,
      MEMORY_CLIENTS,
      async (h, ids) => {
        await runFor(h, ids, warmUpMs);
        const samples: ServerBench['memory'] = [];
        for (let slice = 1; slice <= MEMORY_SLICES; slice++) {
          await runCount(h, ids, ceremonies / MEMORY_SLICES);
          samples.push({
            ceremonies: (ceremonies / MEMORY_SLICES) * slice,
            simulatedMinutes: Math.round((now() - started) / 60_000),
            ...sampleMemory(),
            diskMB: mb(['', '-wal'].reduce((sum, suffix) => sum + (existsSync(file + suffix) ? statSync(file + suffix).size : 0), 0)),
          });
        }
        return samples;
      },
      // The shortest retention the server allows (a token's life), so pruning shows within the run.
      { now, actionRetentionSeconds: 600 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function sampleMemory(): { heapMB: number; rssMB: number } {
  // With --expose-gc the numbers show what is retained, without it they include garbage not yet collected.
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMB: mb(heapUsed), rssMB: mb(rss) };
}

/** The memory slices as a table: ceremonies so far, simulated time, heap, RSS, file. */
export function memoryTable(memory: ServerBench['memory']): Record<string, Record<string, string | number>> {
  return Object.fromEntries(
    memory.map((m) => [
      `after ${m.ceremonies} sign-ins`,
      { 'simulated min': m.simulatedMinutes, 'heap MB': m.heapMB, 'RSS MB': m.rssMB, 'SQLite file + WAL MB': m.diskMB },
    ]),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const result = await benchServer();
  console.table({
    ...Object.fromEntries(
      result.ceremoniesPerSecond.map(({ clients, perSecond }) => [
        `sign-in ceremonies/s, ${clients} client${clients === 1 ? '' : 's'}`,
        perSecond,
      ]),
    ),
    'verifyAuthenticationResponse alone, calls/s': result.rawVerifyPerSecond,
    // Without --expose-gc the heap figures include garbage not yet collected, which can make "after" smaller.
    'heap measured after a full gc': 'gc' in globalThis ? 'yes' : 'no (run node --expose-gc --import tsx …)',
    'total run time, s': Math.round((performance.now() - started) / 100) / 10,
  });
  console.table(memoryTable(result.memory));
}
