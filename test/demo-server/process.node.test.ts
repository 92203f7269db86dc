// The demo as `npm start` runs it: one server process under npm. Killing npm with SIGKILL (nothing can
// catch it) leaves no server behind holding the ports, and SIGTERM stops the server cleanly.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcess } from '../helpers/processes.js';

// The first URL (the app's for `npm run serve`, the login server's for main.ts alone), the Authsignal URL last.
const READY = /(?:App|Login server):\s+(http:\/\/\S+)[\s\S]*Authsignal:\s+(http:\/\/\S+)/;
const LOGIN = /Login server:\s+(http:\/\/\S+)/;

/** Resolves once nothing answers at `url` any more (within 10 s). */
async function refused(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await (await fetch(url, { signal: AbortSignal.timeout(1000) })).body?.cancel();
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`${url} still answers 10 s after its parent was killed`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // polling a port: there is no event to await
  }
}

describe('the demo process', () => {
  it('leaves no orphan server when npm is killed with SIGKILL', async () => {
    const data = await mkdtemp(join(tmpdir(), 'demo-process-'));
    const npm = await startProcess('npm', ['run', '--silent', 'serve'], READY, { PORT: '0', APP_PORT: '0', AUTHSIGNAL_LOCAL_PORT: '0', DEMO_DATA: data });
    try {
      const authsignal = READY.exec(npm.output())![2]!;
      const login = LOGIN.exec(npm.output())![1]!;
      assert.equal((await fetch(`${npm.url}/`)).status, 200, 'the app');
      assert.equal((await fetch(`${login}/login`)).status, 200, 'the login server');
      npm.child.kill('SIGKILL');
      await npm.exited;
      await refused(`${npm.url}/login`);
      await refused(`${login}/login`);
      await refused(authsignal);
    } finally {
      if (npm.child.exitCode === null && npm.child.signalCode === null) npm.child.kill('SIGKILL');
      await rm(data, { recursive: true, force: true });
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    const data = await mkdtemp(join(tmpdir(), 'demo-process-'));
    const server = await startProcess(process.execPath, ['--import', 'tsx', 'demo/server/main.ts'], READY, { PORT: '0', AUTHSIGNAL_LOCAL_PORT: '0', DEMO_DATA: data });
    try {
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, '0', server.output());
      assert.match(server.output(), /demo: SIGTERM, stopping/);
      await refused(`${server.url}/login`);
    } finally {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
      await rm(data, { recursive: true, force: true });
    }
  });
});
