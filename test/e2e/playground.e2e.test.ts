// The designers' playground (/playground) in Chromium: every element in every state from the elements' own
// rendering, axe-clean, keyboard reachable, live restyling, the copied snippet, and one real ceremony pair
// (add a passkey, sign in by button) in its workbench with a WebAuthn virtual authenticator.
// Builds dist/playground first and serves it through the demo server (demo/server/playground.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.js';
import { addVirtualAuthenticator } from '../../testing/index.js';
import { build } from 'vite';
import { playgroundRoutes } from '../../demo/playground/routes.js';
import { PLAYGROUND_DIST, type PlaygroundServer, startPlaygroundServer } from '../../demo/server/playground.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeResult = { id: string; impact: string; nodes: { target: unknown[] }[] }[];

/** Runs axe-core in one frame only (the workbench frame is checked on its own). Evaluated, not injected as a
 *  <script>: the page's CSP allows only its own scripts. */
async function axeViolations(frame: Page | Frame): Promise<string[]> {
  await frame.evaluate(AXE);
  const violations = await frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeResult }> } }).axe;
    return (await axe.run(document, { iframes: false, resultTypes: ['violations'] })).violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
}

describe('playground', { timeout: 60_000 }, () => {
  let server: PlaygroundServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const workbench = async (p: Page): Promise<Frame> => {
    await p.waitForFunction(() => {
      const doc = document.querySelector<HTMLIFrameElement>('#workbench')?.contentDocument;
      return Boolean(doc?.querySelector('add-passkey-button')?.shadowRoot);
    });
    return p.frames().find((f) => f !== p.mainFrame())!;
  };

  before(async () => {
    await build({ configFile: `${ROOT}demo/playground/vite.config.ts`, logLevel: 'warn' });
    server = await startPlaygroundServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${server.url}/playground`);
    // Started: the busy tiles start last, after every autofill tile has armed or answered.
    await page.waitForFunction(() => document.querySelectorAll('[data-state="busy"] [busy]').length === 4);
    await workbench(page);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('loads without console errors, configured from the injected <meta>', async () => {
    assert.deepEqual(problems, []);
    const tenant = await page.locator('meta[name="authsignal-tenant-id"]').getAttribute('content');
    assert.ok(tenant);
  });

  it('renders every element in every state, light and dark, from the elements themselves', async () => {
    const seen = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#showcase .cell')].map((cell) => {
        const tag = cell.dataset['tag']!;
        const element = cell.querySelector<HTMLElement>(tag)!;
        const inner = element.shadowRoot?.querySelector<HTMLButtonElement>('[part="button"]');
        const input = element.querySelector('input');
        return {
          key: `${tag} ${cell.dataset['state']} ${cell.dataset['scheme']}`,
          busy: element.hasAttribute('busy'),
          disabled: element.hasAttribute('disabled'),
          unsupported: element.hasAttribute('unsupported'),
          armed: element.hasAttribute('armed'),
          spinner: Boolean(element.shadowRoot?.querySelector('[part="spinner"]')),
          ariaBusy: inner?.getAttribute('aria-busy') ?? null,
          innerDisabled: inner?.disabled ?? null,
          inputDisabled: input?.disabled ?? null,
          autocomplete: input?.getAttribute('autocomplete') ?? null,
          event: cell.querySelector('.caption .event')?.textContent ?? null,
          detail: cell.querySelector('.caption .detail')?.textContent ?? null,
        };
      }),
    );
    const byKey = new Map(seen.map((s) => [s.key, s]));
    assert.equal(seen.length, 2 * (7 + 7 + 6));
    for (const scheme of ['light', 'dark']) {
      for (const [tag, kind] of [['passkey-signin-button', 'signin'], ['add-passkey-button', 'add']] as const) {
        const at = (state: string) => byKey.get(`${tag} ${state} ${scheme}`)!;
        assert.deepEqual([at('idle').busy, at('idle').innerDisabled, at('idle').event], [false, false, null], `${tag} idle`);
        assert.deepEqual([at('busy').busy, at('busy').spinner, at('busy').ariaBusy], [true, true, 'true'], `${tag} busy`);
        assert.equal(at('success').event, `passkey-${kind}-success`);
        assert.match(at('success').detail!, /token: "scripted.eyJ…"/, 'tokens are masked');
        assert.equal(at('cancel').event, `passkey-${kind}-cancel`);
        assert.equal(at('error').event, `passkey-${kind}-error`);
        assert.match(at('error').detail!, /code: "(server|token-expired|unknown-passkey)"/);
        for (const state of ['success', 'cancel', 'error']) assert.equal(at(state).busy, false, `${tag} back to idle after ${state}`);
        assert.deepEqual([at('unsupported').unsupported, at('unsupported').innerDisabled], [true, true], `${tag} unsupported`);
        assert.deepEqual([at('disabled').disabled, at('disabled').innerDisabled], [true, true], `${tag} disabled`);
      }
      const auto = (state: string) => byKey.get(`passkey-autofill-input ${state} ${scheme}`)!;
      assert.equal(auto('idle').armed, true, 'autofill idle is armed');
      assert.equal(auto('idle').autocomplete, 'username webauthn');
      assert.equal(auto('unsupported').unsupported, true);
      assert.equal(auto('disabled').inputDisabled, true);
      assert.equal(auto('success').event, 'passkey-signin-success');
      assert.equal(auto('cancel').event, 'passkey-signin-cancel');
      assert.equal(auto('error').event, 'passkey-signin-error');
    }
  });

  it('is axe-clean, the workbench frame too', async () => {
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(await axeViolations(await workbench(page)), []);
  });

  it('is reachable by keyboard in reading order, with a visible focus ring', async () => {
    await page.locator('body').focus();
    const stops: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return `${el.localName}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} ${el.textContent?.trim().slice(0, 30) ?? ''}|${getComputedStyle(el).outlineStyle}`;
        }),
      );
    }
    assert.match(stops[0]!, /^a Skip to the states\|solid/);
    assert.match(stops[1]!, /^a ← Passkey elements demo\|solid/);
    assert.match(stops[2]!, /^summary Style and configure\|solid/);
    assert.match(stops[3]!, /^button\[reset\] Reset all\|solid/);
    assert.match(stops[4]!, /^input\[color\] \|solid/, 'then the first generated control');
  });

  it('restyles every instance live from a custom-property control', async () => {
    const background = (scheme: string) =>
      page.evaluate(
        (s) =>
          getComputedStyle(
            document.querySelector(`.cell[data-tag="passkey-signin-button"][data-state="idle"][data-scheme="${s}"] passkey-signin-button`)!
              .shadowRoot!.querySelector('[part="button"]')!,
          ).backgroundColor,
        scheme,
      );
    assert.equal(await background('light'), 'rgb(29, 78, 216)');
    await page.locator('input[type="color"][data-property="--passkey-button-background"][data-scheme="light"]').fill('#be123c');
    assert.equal(await background('light'), 'rgb(190, 18, 60)');
    assert.equal(await background('dark'), 'rgb(147, 180, 255)', 'the dark value stays');
    const radius = page.locator('input[data-property="--passkey-button-radius"]');
    await radius.fill('999px');
    const corner = await page.evaluate(
      () => getComputedStyle(document.querySelector('add-passkey-button')!.shadowRoot!.querySelector('[part="button"]')!).borderTopLeftRadius,
    );
    assert.equal(corner, '999px');
  });

  it('copies a snippet that matches the controls', async () => {
    await page.locator('textarea[data-part="button"]').fill('text-transform: uppercase;');
    await page.locator('input[data-slot="passkey-signin-button|"]').fill('Continue with a passkey');
    await page.locator('select[data-attribute="add-passkey-button|authenticator-attachment"]').selectOption('cross-platform');
    await page.locator('#copy').click();
    await page.locator('#copy-status', { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page.locator('#snippet').textContent());
    for (const line of [
      '--passkey-button-background: light-dark(#be123c, #93b4ff);',
      '--passkey-button-radius: 999px;',
      'passkey-signin-button::part(button)',
      '  text-transform: uppercase;',
      '<passkey-signin-button>Continue with a passkey</passkey-signin-button>',
      '<add-passkey-button authenticator-attachment="cross-platform"></add-passkey-button>',
      '<input name="username" autocomplete="username webauthn" aria-label="Username">',
    ]) {
      assert.ok(copied.includes(line), `snippet has ${line}\n${copied}`);
    }
    // And the page shows what the snippet says.
    const shown = await page.evaluate(() => {
      const button = document.querySelector('.cell[data-state="idle"] passkey-signin-button')!;
      return [button.textContent, getComputedStyle(button.shadowRoot!.querySelector('[part="button"]')!).textTransform];
    });
    assert.deepEqual(shown, ['Continue with a passkey', 'uppercase']);
    await page.locator('button[type="reset"]').click();
    await page.waitForFunction(() => !document.querySelector('#snippet')!.textContent!.includes('<style>'));
  });

  it('shows every state in another language from its language control', async () => {
    const german = await context.newPage();
    await german.goto(`${server.url}/playground`);
    await german.locator('#language').selectOption('de');
    await german.waitForURL(/\?lang=de$/);
    await german.locator('#showcase passkey-signin-button').first().waitFor();
    const labels = await german.locator('#showcase passkey-signin-button, #showcase add-passkey-button').evaluateAll((elements) =>
      elements.map((element) => element.shadowRoot?.querySelector('slot:not([name])')?.textContent ?? ''),
    );
    assert.ok(labels.includes('Mit Passkey anmelden') && labels.includes('Passkey hinzufügen'), labels.join(', '));
    assert.equal(await german.locator('#language').inputValue(), 'de');
    await german.close();
  });

  it('runs real ceremonies in the workbench: add a passkey, then sign in by button', async () => {
    // A page of its own: the virtual authenticator lives on its CDP session.
    const real = await context.newPage();
    const errors: string[] = [];
    real.on('pageerror', (e) => errors.push(e.message));
    const authenticator = await addVirtualAuthenticator(real);
    await real.goto(`${server.url}/playground`);
    const frame = await workbench(real);
    const log = real.locator('#log li');

    await frame.locator('#bench-add').click();
    await real.locator('#log li[data-type="passkey-add-success"]').waitFor();
    assert.equal((await authenticator.credentials()).length, 1);

    await frame.locator('#bench-signin').click();
    await real.locator('#log li[data-type="passkey-signin-success"][data-source="passkey-signin-button"]').waitFor();

    const entries = await log.evaluateAll((items) => items.map((li) => `${li.getAttribute('data-source')} ${li.getAttribute('data-type')} ${li.querySelector('.detail')?.textContent}`));
    const added = entries.findIndex((e) => e.startsWith('add-passkey-button passkey-add-success'));
    const signedIn = entries.findIndex((e) => e.startsWith('passkey-signin-button passkey-signin-success'));
    assert.ok(added >= 0 && signedIn > added, entries.join('\n'));
    assert.match(entries[signedIn]!, /token: "[^"]{12}…", userId: "playground-[0-9a-f]{32}"/, 'masked token, the session user');
    assert.ok(!entries.some((e) => e.includes('error')), entries.join('\n'));
    assert.deepEqual(errors, []);
    await real.close();
  });
});

describe('playground routes', () => {
  const routes = (issue?: (userId: string) => Promise<string>) =>
    playgroundRoutes({ distDir: PLAYGROUND_DIST, tenantId: 't"<x>', baseUrl: 'http://localhost:5050/v1', ...(issue ? { issueEnrollmentToken: issue } : {}) });

  it('injects the tenant and API URL into the page, escaped', async () => {
    const body = await (await routes().request('/playground')).text();
    assert.ok(body.includes('<meta name="authsignal-tenant-id" content="t&quot;&lt;x&gt;">'), body.slice(0, 600));
    assert.ok(body.includes('<meta name="authsignal-base-url" content="http://localhost:5050/v1">'));
  });

  it('issues tokens for one throwaway user per session, chosen by the server', async () => {
    const users: string[] = [];
    const app = routes(async (userId) => (users.push(userId), `token-for-${userId}`));
    const first = await app.request('/playground/api/enrollment-token', { method: 'POST' });
    const cookie = first.headers.get('set-cookie')!;
    assert.match(cookie, /^playground_user=playground-[0-9a-f]{32}; Path=\/playground; HttpOnly; SameSite=Strict$/);
    const again = await app.request('/playground/api/enrollment-token', { method: 'POST', headers: { cookie: cookie.split(';')[0]! } });
    assert.deepEqual(await again.json(), { token: `token-for-${users[0]}` });
    assert.equal(users[1], users[0]);
    // A chosen id is not honoured.
    await app.request('/playground/api/enrollment-token', { method: 'POST', headers: { cookie: 'playground_user=alice' } });
    assert.notEqual(users[2], 'alice');
  });

  it('answers 404 with the reason when there is no local server', async () => {
    const response = await routes().request('/playground/api/enrollment-token', { method: 'POST' });
    assert.equal(response.status, 404);
    assert.match(((await response.json()) as { error: string }).error, /sign in on \/account to add a passkey with a real tenant/);
  });
});
