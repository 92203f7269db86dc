/**
 * @web/test-runner plugin: runs a real local Authsignal-compatible server for the browser tests and gives
 * them commands to drive Chromium's WebAuthn virtual authenticator over CDP and to act as the page's server
 * (track, validate) with the unmodified Authsignal Node SDK.
 */
import type { TestRunnerPlugin } from '@web/test-runner';
import type { Middleware } from '@web/dev-server-core';
import type { PlaywrightLauncher } from '@web/test-runner-playwright';
import type { Authsignal } from '@authsignal/node';
import { addVirtualAuthenticator, type VirtualAuthenticator } from '../../testing/index.js';
import { startFaultyProxy, type Fault, type FaultyProxy } from './faulty-proxy.js';
import type { AuthsignalLocal } from '../../authsignal-local/index.js';
import { startHarness } from './harness.js';
import { SoftwareAuthenticator } from './software-authenticator.js';

export interface TestServerConfig {
  baseUrl: string;
  tenantId: string;
}

export function authsignalTestServer({ origin }: { origin: string }): {
  plugin: TestRunnerPlugin;
  middleware: Middleware;
  /** The running local server (for the package's own wtr plugin, testing/web-test-runner.ts). */
  server: () => AuthsignalLocal;
} {
  let local: AuthsignalLocal;
  let server: Authsignal;
  // A second tenant server that does not expect the test page's origin, started on demand.
  let foreign: AuthsignalLocal | undefined;
  // A third whose WebAuthn challenges live 3 s, for prefetched options that expire; started on demand, behind a
  // proxy of its own that takes the same faults and reports what it saw to `network:seen` too.
  let shortLived: { local: AuthsignalLocal; server: Authsignal; proxy: FaultyProxy } | undefined;
  // Chromium allows one "internal" authenticator per browser: the newest test page owns it.
  let current: VirtualAuthenticator | undefined;
  // The pages reach the local server through a proxy that can break the network on purpose.
  let proxy: FaultyProxy;
  // The project's software authenticator, for what the virtual one cannot do (a conditional create completes).
  const software = new SoftwareAuthenticator(origin);

  async function authenticator(): Promise<VirtualAuthenticator> {
    if (!current) throw new Error('Call webauthn:reset first.');
    return current;
  }

  /**
   * Stands in for a page's server behind `token-url`: POST /__test/enrollment-token?user=ID answers
   * `{ token }` tracked with scope add:authenticators (or, with ?action=CODE, a step-up token for that action);
   * ?status=403 answers like a server refusing a stale session;
   * ?header=NAME&value=V refuses (403) a request whose NAME header is not V, as an anti-forgery check does;
   * ?delay=MS answers that late (a hanging server).
   */
  const middleware: Middleware = async (context, next) => {
    if (context.path !== '/__test/enrollment-token') return next();
    const { header, value, delay } = context.query as Record<string, string | undefined>;
    if (delay) await new Promise((resolve) => setTimeout(resolve, Number(delay)));
    if (header && context.get(header) !== value) {
      context.status = 403;
      context.body = { error: 'Anti-forgery token missing or wrong.' };
      return;
    }
    const status = Number(context.query.status ?? 200);
    if (context.method !== 'POST' || status !== 200) {
      context.status = context.method !== 'POST' ? 405 : status;
      context.body = { error: 'Sign in again to add a passkey.' };
      return;
    }
    const stepUp = context.query.action as string | undefined;
    const { token } = await server.track({
      userId: String(context.query.user),
      action: stepUp ?? 'add-passkey',
      attributes: stepUp ? {} : { scope: 'add:authenticators' },
    });
    context.body = { token };
  };

  const plugin: TestRunnerPlugin = {
    name: 'authsignal-test-commands',
    async serverStart() {
      ({ local, authsignal: server } = await startHarness({ origins: [origin] }));
      proxy = await startFaultyProxy(local.url);
    },
    async serverStop() {
      await proxy?.close();
      await local?.stop();
      await foreign?.stop();
      await shortLived?.proxy.close();
      await shortLived?.local.stop();
    },
    async executeCommand({ command, payload, session }) {
      if (!/^(webauthn|authsignal|network|softauth):/.test(command)) return undefined;
      const args = (payload ?? {}) as Record<string, any>;
      switch (command) {
        case 'authsignal:config':
          return { baseUrl: proxy.url, tenantId: local.options.tenantId } satisfies TestServerConfig;
        case 'authsignal:foreign-config':
          foreign ??= (await startHarness({ origins: ['https://app.example.test'] })).local;
          return { baseUrl: foreign.url, tenantId: foreign.options.tenantId } satisfies TestServerConfig;
        case 'authsignal:short-lived-config': {
          if (!shortLived) {
            const { local, authsignal } = await startHarness({ origins: [origin], challengeTtlSeconds: 3 });
            shortLived = { local, server: authsignal, proxy: await startFaultyProxy(local.url) };
          }
          return { baseUrl: shortLived.proxy.url, tenantId: shortLived.local.options.tenantId } satisfies TestServerConfig;
        }
        case 'authsignal:track':
          return await (args.shortLived && shortLived ? shortLived.server : server).track({
            userId: args.userId,
            action: args.action ?? 'add-passkey',
            attributes: { scope: args.scope, username: args.username },
          });
        case 'authsignal:validate':
          return await server.validateChallenge({ token: args.token });
        case 'authsignal:authenticators':
          return await server.getAuthenticators({ userId: args.userId });
        case 'authsignal:delete-authenticator':
          // What the account page (or an administrator) does when a passkey is removed.
          await server.deleteAuthenticator({ userId: args.userId, userAuthenticatorId: args.userAuthenticatorId });
          return true;
        case 'network:fault':
          proxy.setFault(args.fault as Fault);
          shortLived?.proxy.setFault(args.fault as Fault);
          return true;
        case 'network:slow':
          proxy.slow(String(args.pathEnd), Number(args.ms));
          shortLived?.proxy.slow(String(args.pathEnd), Number(args.ms));
          return true;
        case 'network:seen':
          return [...proxy.seen(), ...(shortLived?.proxy.seen() ?? [])];
        case 'webauthn:reset': {
          await current?.remove().catch(() => {});
          const page = (session.browser as PlaywrightLauncher).getPage(session.id);
          current = await addVirtualAuthenticator(page, { presence: args.presence ?? true });
          return true;
        }
        case 'softauth:create':
          // A credential made by the project's software authenticator from the page's creation options.
          return software.createCredential(args.options, { userPresent: args.userPresent ?? true });
        case 'softauth:import': {
          // Hands the software authenticator's newest passkey to the virtual one, so the browser can sign in with it.
          const { cdp, id: authenticatorId } = await authenticator();
          const credential = software.credentials.at(-1)!;
          await cdp.send('WebAuthn.addCredential', {
            authenticatorId,
            credential: {
              credentialId: Buffer.from(credential.id, 'base64url').toString('base64'),
              isResidentCredential: true,
              rpId: credential.rpId,
              privateKey: (credential.privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64'),
              userHandle: Buffer.from(credential.userHandle, 'base64url').toString('base64'),
              signCount: credential.counter,
            },
          });
          return credential.id;
        }
        default:
          throw new Error(`Unknown test command ${command}`);
      }
    },
  };
  return { plugin, middleware, server: () => local };
}
