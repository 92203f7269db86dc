/**
 * Evaluated first in the bundle. On a page that has a passkey autofill input in its HTML, the sign-in options are
 * asked for, and the browser is asked whether it offers passkeys in autofill, before lit and the elements have
 * even been evaluated: the input takes the answer when it connects (see conditional.ts). Only the element's
 * attributes and `<meta>` tags can configure this early request; an input configured otherwise fetches its own.
 * Pages without an autofill input do nothing here.
 */
import { resolveConfig } from './client.js';
import { fetchSignInOptionsEarly, jsonWebAuthn } from './conditional.js';
import { supportsAutofill } from './support.js';

const input = typeof document === 'undefined' ? null : document.querySelector('passkey-autofill-input');
if (input && !input.hasAttribute('unsupported') && jsonWebAuthn()) {
  void supportsAutofill();
  const attribute = (name: string) => input.getAttribute(name) ?? undefined;
  const config = resolveConfig({
    tenantId: attribute('tenant-id'),
    baseUrl: attribute('base-url'),
    requestTimeout: Number(attribute('request-timeout')) || undefined,
  });
  if (config) fetchSignInOptionsEarly(config);
}
