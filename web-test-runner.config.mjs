// Browser tests: real Debian Chromium, real WebAuthn (virtual authenticator), real HTTP to the local
// Authsignal-compatible server. Run through `npm test` (which loads tsx so the TypeScript helpers import).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter } from '@web/test-runner';
import { ensureChromium, CHROMIUM_ARGS } from './scripts/chromium.ts';
import { authsignalTestServer } from './test/helpers/server-commands.ts';
import { summaryReporter } from './test/helpers/summary-reporter.ts';
import { reactModule } from './test/helpers/react-module.ts';
import { prebuiltCommands } from './test/helpers/prebuilt-commands.ts';
import { passkeyCommands } from './testing/index.ts';
import { createServer } from 'node:net';

/** A port nobody listens on (WTR_PORT to choose one): two runs on one machine must not collide. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
const port = Number(process.env.WTR_PORT || (await freePort()));
const testServer = authsignalTestServer({ origin: `http://localhost:${port}` });

export default {
  files: ['test/**/*.test.ts', '!test/**/*.node.test.ts', '!test/e2e/**', '!test/types/**', '!test/package/**'],
  nodeResolve: true,
  port,
  // One page at a time: Chromium allows a single platform authenticator per browser.
  concurrency: 1,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    testServer.plugin,
    prebuiltCommands(),
    // The package's own plugin for integrators (authsignal-passkey-elements/testing), tested in test/testing/.
    passkeyCommands({ server: testServer.server }),
    reactModule(),
  ],
  middleware: [testServer.middleware],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
  reporters: [defaultReporter(), summaryReporter()],
};
