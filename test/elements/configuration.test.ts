import { expect, fixture, html } from '@open-wc/testing';
import {
  configurePasskeyElements,
  PasskeySigninButton,
  type PasskeyAutofillInput,
  type PasskeySigninErrorEvent,
  type PasskeySigninSuccessEvent,
} from '../../src/index.js';
import { resolveConfig } from '../../src/internal/client.js';
import { sharedClient } from '../../src/internal/sdk.js';
import { authsignal } from '../helpers/commands.js';
import { enrolledUser, recordEvents, useTestServer } from '../helpers/setup.js';

function addMeta(name: string, content: string) {
  const meta = Object.assign(document.createElement('meta'), { name, content });
  document.head.append(meta);
  return meta;
}

describe('configuration', () => {
  afterEach(() => {
    document.querySelectorAll('meta[name^="authsignal-"]').forEach((meta) => meta.remove());
    configurePasskeyElements({ tenantId: '', baseUrl: '' });
  });

  it('index defines all three elements, and defining twice does not throw', async () => {
    expect(customElements.get('passkey-signin-button')).to.equal(PasskeySigninButton);
    expect(customElements.get('passkey-autofill-input')).to.exist;
    expect(customElements.get('add-passkey-button')).to.exist;
    // A second copy of the bundle (here: the same module under another URL) must not throw.
    await import('../../src/passkey-signin-button/define.js?second-copy' as string);
    expect(customElements.get('passkey-signin-button')).to.equal(PasskeySigninButton);
  });

  it('reads <meta> tags when nothing else is set', () => {
    configurePasskeyElements({ tenantId: '', baseUrl: '' });
    addMeta('authsignal-tenant-id', 'meta-tenant');
    addMeta('authsignal-base-url', 'https://eu.api.authsignal.com/v1');
    expect(resolveConfig({})).to.deep.equal({
      tenantId: 'meta-tenant',
      baseUrl: 'https://eu.api.authsignal.com/v1',
      requestTimeout: 10000,
    });
  });

  it('bounds the request timeout: attribute, then page, then 10 s; never above 30 s', () => {
    configurePasskeyElements({ requestTimeout: undefined });
    expect(resolveConfig({ tenantId: 't' })!.requestTimeout).to.equal(10000);
    configurePasskeyElements({ requestTimeout: 4000 });
    expect(resolveConfig({ tenantId: 't' })!.requestTimeout).to.equal(4000);
    expect(resolveConfig({ tenantId: 't', requestTimeout: 2500 })!.requestTimeout).to.equal(2500);
    expect(resolveConfig({ tenantId: 't', requestTimeout: 120000 })!.requestTimeout).to.equal(30000);
    configurePasskeyElements({ requestTimeout: undefined });
  });

  it('prefers the element’s attributes, then configurePasskeyElements, then <meta>', () => {
    addMeta('authsignal-tenant-id', 'meta-tenant');
    configurePasskeyElements({ tenantId: 'page-tenant' });
    expect(resolveConfig({})!.tenantId).to.equal('page-tenant');
    expect(resolveConfig({ tenantId: 'own-tenant' })!.tenantId).to.equal('own-tenant');
  });

  it('defaults the API to Authsignal’s cloud', () => {
    expect(resolveConfig({ tenantId: 't' })!.baseUrl).to.equal('https://api.authsignal.com/v1');
  });

  it('shares one SDK client per tenant and URL', async () => {
    const a = await sharedClient({ tenantId: 't1', baseUrl: 'http://localhost:1/v1', requestTimeout: 10000 });
    const b = await sharedClient({ tenantId: 't1', baseUrl: 'http://localhost:1/v1', requestTimeout: 10000 });
    const c = await sharedClient({ tenantId: 't2', baseUrl: 'http://localhost:1/v1', requestTimeout: 10000 });
    expect(a).to.equal(b);
    expect(a).not.to.equal(c);
  });

  it('signs in with configuration from <meta> tags only', async () => {
    const config = await useTestServer();
    const { userId } = await enrolledUser();
    configurePasskeyElements({ tenantId: '', baseUrl: '' });
    addMeta('authsignal-tenant-id', config.tenantId);
    addMeta('authsignal-base-url', config.baseUrl);
    const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
    await expect(el).to.be.accessible();
    const events = recordEvents(el, ['passkey-signin-success', 'passkey-signin-error']);
    await el.signIn();
    await expect(el).to.be.accessible();
    const event = events.events[0] as PasskeySigninSuccessEvent;
    expect(event.type).to.equal('passkey-signin-success');
    expect((await authsignal.validate(event.detail.token)).userId).to.equal(userId);
  });

  describe('set after an autofill input connected (order does not matter)', () => {
    const SIGNIN = ['passkey-signin-success', 'passkey-signin-error'];

    it('configurePasskeyElements() arms it at once', async () => {
      const config = await useTestServer();
      const { userId } = await enrolledUser();
      configurePasskeyElements({ tenantId: '', baseUrl: '' }); // the app's configuration is still on its way
      const events = recordEvents(document, SIGNIN);
      const input = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input><input /></passkey-autofill-input>`);
      expect(((await events.next('passkey-signin-error')) as PasskeySigninErrorEvent).detail.code).to.equal('not-configured');
      configurePasskeyElements(config); // it arrives
      const success = (await events.next('passkey-signin-success', 3000)) as PasskeySigninSuccessEvent;
      expect(success.target).to.equal(input);
      expect(success.detail.userId).to.equal(userId);
    });

    it('<meta> tags added later: the next focus arms it', async () => {
      const config = await useTestServer();
      const { userId } = await enrolledUser();
      configurePasskeyElements({ tenantId: '', baseUrl: '' });
      const events = recordEvents(document, SIGNIN);
      const input = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input><input /></passkey-autofill-input>`);
      expect(((await events.next('passkey-signin-error')) as PasskeySigninErrorEvent).detail.code).to.equal('not-configured');
      input.input!.focus(); // still no tenant: no second error
      input.input!.blur();
      expect(events.types()).to.deep.equal(['passkey-signin-error']);
      addMeta('authsignal-tenant-id', config.tenantId);
      addMeta('authsignal-base-url', config.baseUrl);
      input.input!.focus(); // the person comes to the field
      const success = (await events.next('passkey-signin-success', 3000)) as PasskeySigninSuccessEvent;
      expect(success.detail.userId).to.equal(userId);
    });
  });
});
