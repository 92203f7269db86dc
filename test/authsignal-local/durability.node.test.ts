// Two processes on one data file (the CLI next to the demo's server, say) under concurrent writes, one
// killed with SIGKILL in the middle: every enrollment and sign-in that was answered 2xx must still be there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authsignal } from '@authsignal/node';
import { BrowserClient, ORIGIN } from '../helpers/harness.js';
import { startLocalServerProcess } from '../helpers/processes.js';
import { SoftwareAuthenticator } from '../helpers/software-authenticator.js';

interface Acknowledged {
  userId: string;
  credentialId: string;
  signInToken?: string;
}

test('two processes on one file: no acknowledged enrollment or sign-in is lost, and none fails, when one is SIGKILLed mid-load', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'authsignal-local-durability-'));
  const data = join(dir, 'shared.db');
  const first = await startLocalServerProcess(data, ORIGIN);
  const second = await startLocalServerProcess(data, ORIGIN);
  const servers = [first, second].map((p) => ({
    process: p,
    sdk: new Authsignal({ apiSecretKey: 'local-secret', apiUrl: p.url, retries: 0 }),
    client: new BrowserClient(p.url, 'local-tenant', ORIGIN),
  }));
  const acknowledged: Acknowledged[] = [];
  const failures: string[] = [];
  let killed = false;
  let stop = false;

  // One worker: enroll a new user on one process, sign in on the other, alternating, until told to stop.
  const worker = async (w: number) => {
    for (let n = 0; !stop; n++) {
      const [enrollOn, signInOn] = killed ? [servers[1]!, servers[1]!] : n % 2 ? [servers[0]!, servers[1]!] : [servers[1]!, servers[0]!];
      const userId = `user-${w}-${n}`;
      const authenticator = new SoftwareAuthenticator(ORIGIN);
      const inFlightOnKilled = () => killed && (enrollOn === servers[0] || signInOn === servers[0]);
      try {
        const { token } = await enrollOn.sdk.track({ userId, action: 'add-passkey', attributes: { scope: 'add:authenticators' } });
        const added = await enrollOn.client.signUp(authenticator, token);
        const record: Acknowledged = { userId, credentialId: added.credential.id };
        acknowledged.push(record);
        const { result } = await signInOn.client.signIn(authenticator);
        if (result.status !== 200) throw new Error(`verify answered ${result.status}: ${JSON.stringify(result.body)}`);
        record.signInToken = result.body['accessToken'];
      } catch (error) {
        // Requests to the process being killed may fail (nothing was acknowledged); any other failure counts.
        if (!inFlightOnKilled()) failures.push(`${userId}: ${(error as Error).message}`);
      }
    }
  };

  try {
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    // Mid-load: once both processes have acknowledged enough work, kill the first without warning.
    await until(() => acknowledged.filter((a) => a.signInToken).length >= 40, () => failures);
    first.child.kill('SIGKILL');
    killed = true;
    assert.equal(await first.exited, 'SIGKILL');
    const atKill = acknowledged.length;
    await until(() => acknowledged.length >= atKill + 20, () => failures);
    stop = true;
    await Promise.all(workers);

    assert.deepEqual(failures, [], 'no request to a live process may fail');
    const survivor = servers[1]!;
    for (const record of acknowledged) {
      const authenticators = await survivor.sdk.getAuthenticators({ userId: record.userId });
      assert.deepEqual(
        authenticators.map((a) => a.webauthnCredential?.credentialId),
        [record.credentialId],
        `the passkey acknowledged for ${record.userId}`,
      );
      if (record.signInToken) {
        const validated = await survivor.sdk.validateChallenge({ token: record.signInToken });
        assert.equal(validated.isValid, true, `the sign-in acknowledged for ${record.userId}`);
      }
    }
  } finally {
    stop = true;
    for (const p of [first, second]) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all([first.exited, second.exited]);
    await rm(dir, { recursive: true, force: true });
  }
});

/** Resolves when the condition holds, checking after each turn of the event loop's I/O (at most 60 s). */
async function until(condition: () => boolean, failures: () => string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    const seen = failures();
    if (seen.length > 0 || Date.now() > deadline) {
      throw new Error(`stopped waiting: ${seen.length} failed requests, e.g.\n${seen.slice(0, 3).join('\n')}`);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
