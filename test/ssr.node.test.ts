// Importing the package in Node (server-side rendering, tests, build tools) must not throw or touch the SDK.
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('the package imports in Node without a DOM, and defines its elements', async () => {
  const elements = await import('../src/index.js');
  assert.equal(typeof elements.PasskeySigninButton, 'function');
  assert.equal(typeof elements.configurePasskeyElements, 'function');
  assert.equal(customElements.get('add-passkey-button'), elements.AddPasskeyButton);
  assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
});
