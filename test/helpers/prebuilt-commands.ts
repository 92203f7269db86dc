/**
 * @web/test-runner plugin: reads and fills the local pre-built UI where a test page cannot, inside the
 * cross-origin iframe that @authsignal/browser's launch(url, { mode: 'popup' }) opens, through Playwright,
 * as a person would: read the secret shown, type a code, press the button.
 */
import type { TestRunnerPlugin } from '@web/test-runner';
import type { PlaywrightLauncher } from '@web/test-runner-playwright';
import type { Frame, Page } from 'playwright-core';

async function prebuiltFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const frame = page.frames().find((f) => new URL(f.url(), 'http://x').pathname.startsWith('/prebuilt/'));
    if (frame) {
      await frame.waitForSelector('#code', { timeout: 5000 });
      return frame;
    }
    if (Date.now() > deadline) throw new Error('No pre-built UI frame on the page.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function prebuiltCommands(): TestRunnerPlugin {
  return {
    name: 'prebuilt-commands',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('prebuilt:')) return undefined;
      const page = (session.browser as PlaywrightLauncher).getPage(session.id);
      const frame = await prebuiltFrame(page);
      switch (command) {
        case 'prebuilt:read': {
          const secret = await frame.$eval('#secret', (el) => el.textContent ?? '').catch(() => null);
          const error = await frame.$eval('[role=alert]', (el) => el.textContent ?? '').catch(() => null);
          return { secret: secret?.replace(/\s+/g, '') ?? null, error, url: frame.url() };
        }
        case 'prebuilt:submit': {
          await frame.fill('#code', String((payload as { code: string }).code));
          await frame.click('button[type=submit]');
          return true;
        }
        default:
          throw new Error(`Unknown test command ${command}`);
      }
    },
  };
}
