/**
 * The elements on real pages: a broken or hanging API (broken by routing the page's requests, never in our code),
 * frameworks that replace elements, a page that is leaving, server frameworks' anti-forgery tokens, state the page
 * cannot overwrite, assistive technology and languages.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/passkey-autofill-input/define.js';
import '../../src/passkey-signin-button/define.js';
import '../../src/add-passkey-button/define.js';
import type { PasskeyAutofillInput } from '../../src/passkey-autofill-input/passkey-autofill-input.js';
import type { PasskeySigninButton } from '../../src/passkey-signin-button/passkey-signin-button.js';
import type { AddPasskeyButton } from '../../src/add-passkey-button/add-passkey-button.js';
import type { PasskeyAddErrorEvent, PasskeySigninErrorEvent, PasskeySigninSuccessEvent } from '../../src/events.js';
import { configurePasskeyElements } from '../../src/internal/client.js';
import { authsignal, network, uniqueUser, webauthn } from '../helpers/commands.js';
import { captureCallbackPost, enrolledUser, recordEvents, sleep, useTestServer, waitFor } from '../helpers/setup.js';

const SIGNIN = ['passkey-signin-success', 'passkey-signin-error', 'passkey-signin-cancel'];
const optionsRequests = (paths: string[]) => paths.filter((path) => path.endsWith('/authentication-options'));
/** Waits until an options request has reached the proxy (it may be held there). */
const optionsInFlight = () => waitFor(async () => optionsRequests(await network.seen()).length > 0);


const inner = (el: Element) => el.shadowRoot!.querySelector('button')!;
const announced = (el: Element) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

describe('on real pages', () => {
  beforeEach(() => useTestServer());
  afterEach(() => network.fault('none'));

  describe('recovery: the API fails, then comes back, and nobody reloads', () => {
    for (const fault of ['down', 'html-502'] as const) {
      it(`autofill signs in after the API was ${fault === 'down' ? 'unreachable' : 'a 502 HTML page without CORS'} at load`, async () => {
        const { userId } = await enrolledUser();
        await network.fault(fault);
        const events = recordEvents(document, SIGNIN);
        const el = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input><input /></passkey-autofill-input>`);
        const error = (await events.next('passkey-signin-error')) as PasskeySigninErrorEvent;
        expect(error.detail.code).to.equal('network');
        expect(error.detail.message).to.equal('Could not reach the server. Check your connection and try again.');
        expect(error.detail.cause).to.match(/TypeError/);
        await events.next('passkey-signin-error'); // the automatic retry 2 s later fails too; the next waits 4 s
        await network.fault('none');
        // The person comes back to the field: autofill is offered again at once, without waiting out the pause.
        await sleep(2100); // the subject: a focus retries at most every 2 s
        el.input!.focus();
        const success = (await events.next('passkey-signin-success', 1500)) as PasskeySigninSuccessEvent;
        expect(success.detail.userId).to.equal(userId);
        expect((await authsignal.validate(success.detail.token)).isValid).to.be.true;
      });
    }

    it('a down API sees a handful of autofill attempts a minute, not a storm', async () => {
      await network.fault('down');
      await network.seen();
      const events = recordEvents(document, SIGNIN);
      await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input><input /></passkey-autofill-input>`);
      await sleep(6500); // the subject: how many attempts the back-off makes in 6.5 s
      // Attempts at 0, 2 and 6 s (then 14, 30, 62: five in the first minute, then one a minute).
      expect(events.types()).to.deep.equal(['passkey-signin-error', 'passkey-signin-error', 'passkey-signin-error']);
      // Chromium may retry a dropped request once on a fresh connection by itself.
      expect(optionsRequests(await network.seen()).length).to.be.within(3, 6);
    });

    it('the button works again after the API was down', async () => {
      const { userId } = await enrolledUser();
      await network.fault('html-502');
      const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
      const events = recordEvents(el, SIGNIN);
      await el.signIn();
      expect((events.events[0] as PasskeySigninErrorEvent).detail.code).to.equal('network');
      await network.fault('none');
      await el.signIn();
      expect((events.events[1] as PasskeySigninSuccessEvent).detail.userId).to.equal(userId);
    });
  });

  describe('timeouts', () => {
    it('a hanging API ends in a timeout error within the limit, and the button is usable again', async () => {
      const { userId } = await enrolledUser();
      await network.fault('hang');
      const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button request-timeout="800"></passkey-signin-button>`);
      const events = recordEvents(el, SIGNIN);
      const started = performance.now();
      await el.signIn();
      const elapsed = performance.now() - started;
      const { detail } = events.events[0] as PasskeySigninErrorEvent;
      expect(detail.code).to.equal('timeout');
      expect(detail.message).to.equal('The server took too long to answer. Try again.');
      expect(elapsed).to.be.within(700, 3000);
      expect(el.busy).to.be.false;
      await network.fault('none');
      await el.signIn();
      expect((events.events[1] as PasskeySigninSuccessEvent).detail.userId).to.equal(userId);
    });

    it('a hanging API: autofill is not offered while it waits, and the timeout is reported', async () => {
      await network.fault('hang');
      await network.seen();
      const events = recordEvents(document, SIGNIN);
      const el = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input request-timeout="500"><input /></passkey-autofill-input>`);
      await optionsInFlight();
      expect(el.armed).to.be.false;
      const error = (await events.next('passkey-signin-error', 3000)) as PasskeySigninErrorEvent;
      expect(error.detail.code).to.equal('timeout');
      expect(el.armed).to.be.false;
    });

    it('a hanging token-url ends in a timeout error', async () => {
      const el = await fixture<AddPasskeyButton>(
        html`<add-passkey-button request-timeout="500" token-url="/__test/enrollment-token?user=x&delay=3000"></add-passkey-button>`,
      );
      const events = recordEvents(el, ['passkey-add-error']);
      await el.addPasskey();
      expect((events.events[0] as PasskeyAddErrorEvent).detail.code).to.equal('timeout');
      expect(el.busy).to.be.false;
    });
  });

  describe('one owner of the page’s autofill request', () => {
    type ReactModule = { React: any; ReactDOMClient: any };
    const react = () => import('/__react.js' as string) as Promise<ReactModule>;
    const createInput = () => {
      const el = document.createElement('passkey-autofill-input');
      el.append(document.createElement('input'));
      return el;
    };

    it('React StrictMode’s double mount: the element it keeps signs in, the one it unmounted is silent', async () => {
      const { userId } = await enrolledUser();
      const { React, ReactDOMClient } = await react();
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const events = recordEvents(document, SIGNIN);
      await network.seen();
      const mounted: PasskeyAutofillInput[] = [];
      // A wrapper that mounts the element in an effect, as wrappers of imperative widgets do: StrictMode runs the
      // effect, its cleanup and the effect again, so one element is connected, removed, and a second one connected.
      function Autofill() {
        const ref = React.useRef(null);
        React.useEffect(() => {
          const el = createInput();
          ref.current.append(el);
          mounted.push(el);
          return () => el.remove();
        }, []);
        return React.createElement('div', { ref });
      }
      const root = ReactDOMClient.createRoot(host);
      root.render(React.createElement(React.StrictMode, null, React.createElement(Autofill)));
      const success = (await events.next('passkey-signin-success')) as PasskeySigninSuccessEvent;
      expect(mounted).to.have.length(2);
      expect(success.target).to.equal(mounted[1]);
      expect(success.detail.userId).to.equal(userId);
      expect(events.events.map((event) => event.target)).to.deep.equal([mounted[1]]);
      expect(optionsRequests(await network.seen())).to.have.length(1);
      root.unmount();
    });

    it('a keyed re-render while the request is in flight: the new element signs in, the old one is silent', async () => {
      const { userId } = await enrolledUser();
      const { React, ReactDOMClient } = await react();
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const events = recordEvents(document, SIGNIN);
      const root = ReactDOMClient.createRoot(host);
      const form = (key: string) =>
        React.createElement('passkey-autofill-input', { key, 'data-key': key }, React.createElement('input'));
      await network.fault('hang');
      await network.seen();
      root.render(form('a'));
      await optionsInFlight();
      const first = host.querySelector<PasskeyAutofillInput>('[data-key="a"]')!;
      root.render(form('b'));
      await waitFor(() => !!host.querySelector('[data-key="b"]'));
      const second = host.querySelector<PasskeyAutofillInput>('[data-key="b"]')!;
      expect(first.isConnected).to.be.false;
      await network.fault('none'); // the held options request goes on, for the new element
      const success = (await events.next('passkey-signin-success')) as PasskeySigninSuccessEvent;
      expect(success.target).to.equal(second);
      expect(success.detail.userId).to.equal(userId);
      expect(events.events.map((event) => event.target)).to.deep.equal([second]);
      // The new element took the request over rather than asking again.
      expect(optionsRequests(await network.seen())).to.deep.equal([]);
      root.unmount();
    });

    it('remove, then insert a fresh element later: the fresh one signs in, the removed one is silent', async () => {
      const { userId } = await enrolledUser();
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const events = recordEvents(document, SIGNIN);
      await network.fault('hang');
      await network.seen();
      const first = host.appendChild(createInput());
      await optionsInFlight();
      first.remove();
      await sleep(100); // the subject: the fresh element comes later, in another task, not as a move
      const second = host.appendChild(createInput());
      await network.fault('none');
      const success = (await events.next('passkey-signin-success')) as PasskeySigninSuccessEvent;
      expect(success.target).to.equal(second);
      expect(success.detail.userId).to.equal(userId);
      expect(events.events.map((event) => event.target)).to.deep.equal([second]);
      // The new element took the request over rather than asking again.
      expect(optionsRequests(await network.seen())).to.deep.equal([]);
    });

    it('a removed element whose request ends with nobody on the page says nothing', async () => {
      await enrolledUser();
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const events = recordEvents(document, SIGNIN);
      await network.fault('hang');
      await network.seen();
      const only = host.appendChild(createInput());
      await optionsInFlight();
      only.remove();
      await network.fault('none');
      // The subject is an absence: the released request runs to its end (options, the authenticator's answer,
      // verify) with nobody to tell; give it that window.
      await sleep(500);
      expect(events.types()).to.deep.equal([]);
    });
  });

  describe('one WebAuthn request at a time: the elements wait their turn and leave nothing open', () => {
    /** Errors the elements reported, as `element: code (cause)`. */
    const errorsOf = (events: ReturnType<typeof recordEvents>) =>
      (events.events.filter((e) => e.type === 'passkey-signin-error') as PasskeySigninErrorEvent[]).map(
        (e) => `${(e.target as Element).localName}: ${e.detail.code} (${e.detail.cause})`,
      );

    it("autofill options that arrive during a button's ceremony wait for it: no error while its prompt is open", async () => {
      const short = await authsignal.shortLivedConfig(); // the button's prompt, left open, ends with its 3 s challenge
      await network.seen();
      const button = await fixture<PasskeySigninButton>(
        html`<passkey-signin-button tenant-id=${short.tenantId} base-url=${short.baseUrl}></passkey-signin-button>`,
      );
      await optionsInFlight(); // the button's, fetched ahead
      await sleep(300);
      await webauthn.presence(false); // the person is still looking at the button's prompt
      await network.slow('/authentication-options', 400);
      const events = recordEvents(document, SIGNIN);
      const input = Object.assign(document.createElement('passkey-autofill-input'), { tenantId: short.tenantId, baseUrl: short.baseUrl });
      document.body.append(input);
      await optionsInFlight(); // autofill's options are on their way…
      const click = button.signIn(); // …when the person clicks the button
      await sleep(1500);
      const seen = errorsOf(events);
      await webauthn.presence(true);
      await click;
      input.remove();
      expect(seen).to.deep.equal([]);
    });

    it("autofill options that arrive during the page's own WebAuthn call wait for it: no error", async () => {
      await webauthn.presence(false); // the page's own prompt stays open
      await network.seen();
      await network.slow('/authentication-options', 600);
      const events = recordEvents(document, SIGNIN);
      const input = document.body.appendChild(document.createElement('passkey-autofill-input'));
      await optionsInFlight();
      const own = new AbortController();
      const call = navigator.credentials
        .get({ publicKey: { challenge: new Uint8Array(32), userVerification: 'preferred' }, signal: own.signal })
        .catch((e: Error) => e.name);
      await sleep(1500);
      const seen = errorsOf(events);
      own.abort();
      await call;
      input.remove();
      expect(seen).to.deep.equal([]);
    });

    it("a removed auto-upgrade button leaves no request open: the next page's autofill signs in", async () => {
      // Chromium's virtual authenticator never completes a conditional create: it stays open until aborted.
      const { userId } = await enrolledUser('upgrade');
      const { token } = await authsignal.track(uniqueUser('upgrade'), { action: 'add-passkey', scope: 'add:authenticators' });
      await network.seen();
      const button = await fixture<AddPasskeyButton>(html`<add-passkey-button auto-upgrade token=${token}></add-passkey-button>`);
      await waitFor(async () => (await network.seen()).some((path) => path.endsWith('/registration-options')));
      await sleep(500); // the conditional create is open
      button.remove(); // a single-page app signs the person out: its login form comes next
      const events = recordEvents(document, SIGNIN);
      const input = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input><input /></passkey-autofill-input>`);
      const outcome = await Promise.race([
        events.next('passkey-signin-success', 4000).then((e) => `success ${(e as PasskeySigninSuccessEvent).detail.userId === userId}`),
        events.next('passkey-signin-error', 4000).then((e) => `error ${(e as PasskeySigninErrorEvent).detail.cause}`),
      ]);
      input.remove();
      expect(outcome).to.equal('success true');
    });

    it('autofill removed with its request open (a password sign-in, then the next page): auto-upgrade gets the browser', async () => {
      await enrolledUser();
      await webauthn.presence(false); // nobody picks a passkey: the autofill request stays open
      const input = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input><input /></passkey-autofill-input>`);
      await waitFor(() => input.armed);
      input.remove(); // signed in with the password; the app routes to its next page
      // A spy, not a fake: what the browser answers the add button's conditional create (the element is silent
      // about a refusal, as an upgrade that does not happen should be).
      const create = navigator.credentials.create;
      const answers: string[] = [];
      navigator.credentials.create = function (this: CredentialsContainer, options?: CredentialCreationOptions) {
        const call = create.call(this, options);
        call.then(() => answers.push('created'), (e: Error) => answers.push(`${e.name}: ${e.message}`));
        return call;
      } as typeof create;
      try {
        const { token } = await authsignal.track(uniqueUser('upgrade'), { action: 'add-passkey', scope: 'add:authenticators' });
        await network.seen();
        const button = await fixture<AddPasskeyButton>(html`<add-passkey-button auto-upgrade token=${token}></add-passkey-button>`);
        await waitFor(async () => (await network.seen()).some((path) => path.endsWith('/registration-options')));
        await sleep(1000); // the subject is an absence: a refusal comes at once
        button.remove();
      } finally {
        navigator.credentials.create = create;
        await webauthn.presence(true);
      }
      expect(answers.filter((answer) => !answer.startsWith('AbortError')), 'the conditional create was refused').to.deep.equal([]);
    });
  });

  describe('leaving is final', () => {
    it('after autofill posts to callback-url, no element starts another ceremony', async () => {
      await enrolledUser();
      await network.seen();
      // The post is caught (as Turbo or htmx would catch it) so the page stays and can be watched.
      const posted = captureCallbackPost();
      const form = await fixture(html`<div>
        <passkey-autofill-input callback-url="/login/callback"><input /></passkey-autofill-input>
        <passkey-signin-button callback-url="/login/callback"></passkey-signin-button>
      </div>`);
      await posted;
      expect((await network.seen()).filter((path) => path.endsWith('/verify/passkey'))).to.have.length(1);
      const button = form.querySelector<PasskeySigninButton>('passkey-signin-button')!;
      const input = form.querySelector<PasskeyAutofillInput>('passkey-autofill-input')!;
      await button.signIn();
      await input.arm();
      await sleep(500); // what must not come: any request of a ceremony (a re-armed autofill, a second post)
      // Not seen(): the sign-in's own Signal API read runs in the background and may arrive after the post.
      expect(await network.ceremony()).to.deep.equal([]);
    });

    it('after a button posts to callback-url, autofill is not re-armed', async () => {
      await enrolledUser();
      await webauthn.presence(false);
      const posted = captureCallbackPost();
      const form = await fixture(html`<div>
        <passkey-autofill-input callback-url="/login/callback"><input /></passkey-autofill-input>
        <passkey-signin-button callback-url="/login/callback"></passkey-signin-button>
      </div>`);
      const input = form.querySelector<PasskeyAutofillInput>('passkey-autofill-input')!;
      await waitFor(() => input.armed);
      // Not a condition: nothing tells when the pending request has reached the virtual authenticator, and one that
      // reaches it after presence is on stays pending for ever (../shared/browser-testing.md).
      await sleep(100);
      await webauthn.presence(true);
      await form.querySelector<PasskeySigninButton>('passkey-signin-button')!.signIn();
      await posted;
      await network.seen();
      // The subject is an absence: a re-arm would start on its own once the button's ceremony ended (the
      // authenticator answers it at once), so give it that window.
      await sleep(500);
      expect(input.armed).to.be.false;
      expect(optionsRequests(await network.seen())).to.deep.equal([]);
    });
  });

  describe('anti-forgery tokens', () => {
    const addMeta = (name: string, content: string) => {
      const meta = document.head.appendChild(document.createElement('meta'));
      meta.name = name;
      meta.content = content;
      return meta;
    };

    it('a Rails page (csrf-param / csrf-token meta tags) needs no configuration: the callback post carries authenticity_token', async () => {
      await enrolledUser();
      const metas = [addMeta('csrf-param', 'authenticity_token'), addMeta('csrf-token', 'rails-token-123')];
      try {
        const posted = captureCallbackPost();
        const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button callback-url="/login/callback"></passkey-signin-button>`);
        await el.signIn();
        const { fields } = await posted;
        expect(fields.authenticity_token).to.equal('rails-token-123');
        expect(fields.token).to.be.a('string');
      } finally {
        metas.forEach((meta) => meta.remove());
      }
    });

    it('a Rails page’s token-url request carries X-CSRF-Token', async () => {
      const metas = [addMeta('csrf-param', 'authenticity_token'), addMeta('csrf-token', 'rails-token-123')];
      try {
        const userId = uniqueUser();
        const el = await fixture<AddPasskeyButton>(
          html`<add-passkey-button token-url="/__test/enrollment-token?user=${userId}&header=X-CSRF-Token&value=rails-token-123"></add-passkey-button>`,
        );
        const events = recordEvents(el, ['passkey-add-success', 'passkey-add-error']);
        await el.addPasskey();
        expect(events.types()).to.deep.equal(['passkey-add-success']);
      } finally {
        metas.forEach((meta) => meta.remove());
      }
    });

    it('ASP.NET: field and header names by attribute, on the callback post and the token-url request', async () => {
      const userId = uniqueUser();
      const el = await fixture<AddPasskeyButton>(html`<add-passkey-button
        csrf-field="__RequestVerificationToken" csrf-header="RequestVerificationToken" csrf-token="aspnet-456"
        callback-url="/passkeys/created"
        token-url="/__test/enrollment-token?user=${userId}&header=RequestVerificationToken&value=aspnet-456"
      ></add-passkey-button>`);
      const posted = captureCallbackPost();
      await el.addPasskey();
      const { fields } = await posted;
      expect(fields.__RequestVerificationToken).to.equal('aspnet-456');
    });

    it('without the token the server’s anti-forgery check refuses token-url: token-fetch-failed', async () => {
      const el = await fixture<AddPasskeyButton>(
        html`<add-passkey-button token-url="/__test/enrollment-token?user=x&header=X-CSRFToken&value=django-789"></add-passkey-button>`,
      );
      const events = recordEvents(el, ['passkey-add-error']);
      await el.addPasskey();
      expect((events.events[0] as PasskeyAddErrorEvent).detail.code).to.equal('token-fetch-failed');
    });

    it('page-wide settings and the tokenRequest hook shape the token-url request', async () => {
      const userId = uniqueUser();
      configurePasskeyElements({
        csrfHeader: 'X-CSRFToken',
        csrfToken: 'django-789',
        tokenRequest: (init) => ({ ...init, headers: { ...(init.headers as Record<string, string>), 'X-Requested-With': 'fetch' } }),
      });
      try {
        const el = await fixture<AddPasskeyButton>(
          html`<add-passkey-button token-url="/__test/enrollment-token?user=${userId}&header=X-CSRFToken&value=django-789"></add-passkey-button>`,
        );
        const hooked = await fixture<AddPasskeyButton>(
          html`<add-passkey-button token-url="/__test/enrollment-token?user=${userId}-2&header=X-Requested-With&value=fetch"></add-passkey-button>`,
        );
        const events = recordEvents(document, ['passkey-add-success', 'passkey-add-error']);
        await el.addPasskey();
        await webauthn.reset();
        await hooked.addPasskey();
        expect(events.types()).to.deep.equal(['passkey-add-success', 'passkey-add-success']);
      } finally {
        configurePasskeyElements({ csrfHeader: undefined, csrfToken: undefined, tokenRequest: undefined });
      }
    });
  });

  describe('state the page reads but cannot set', () => {
    it('setting busy from outside changes nothing; the element shows its own state as :state(busy) too', async () => {
      const { userId } = await enrolledUser();
      const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
      expect(() => ((el as unknown as { busy: boolean }).busy = true)).to.throw(TypeError);
      el.setAttribute('busy', '');
      await el.updateComplete;
      expect(el.busy).to.be.false;
      expect(el.hasAttribute('busy')).to.be.false;
      expect(inner(el).getAttribute('aria-busy')).to.equal('false');
      const events = recordEvents(el, SIGNIN);
      const done = el.signIn();
      await el.updateComplete;
      expect(el.matches(':state(busy)')).to.be.true;
      expect(el.hasAttribute('busy')).to.be.true;
      el.removeAttribute('busy');
      expect(el.hasAttribute('busy')).to.be.true;
      await done;
      expect(el.matches(':state(busy)')).to.be.false;
      expect((events.events[0] as PasskeySigninSuccessEvent).detail.userId).to.equal(userId);
    });

    it('armed is read-only and shown as :state(armed)', async () => {
      await webauthn.presence(false);
      const el = await fixture<PasskeyAutofillInput>(html`<passkey-autofill-input><input /></passkey-autofill-input>`);
      await waitFor(() => el.armed);
      expect(el.matches(':state(armed)')).to.be.true;
      expect(() => ((el as unknown as { armed: boolean }).armed = false)).to.throw(TypeError);
      el.removeAttribute('armed');
      expect(el.hasAttribute('armed')).to.be.true;
      expect(el.armed).to.be.true;
    });
  });

  describe('assistive technology', () => {
    it('an aria-label or aria-labelledby on the element names its inner button', async () => {
      const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button aria-label="Sign in with a passkey to Example Bank"></passkey-signin-button>`);
      expect(inner(el).getAttribute('aria-label')).to.equal('Sign in with a passkey to Example Bank');
      await expect(el).to.be.accessible();
      const wrapper = await fixture(html`<div><span id="pk-label">Add a passkey to this account</span>
        <add-passkey-button aria-labelledby="pk-label" token="t"></add-passkey-button></div>`);
      const add = wrapper.querySelector('add-passkey-button')!;
      await add.updateComplete;
      expect(inner(add).getAttribute('aria-label')).to.equal('Add a passkey to this account');
      await expect(wrapper).to.be.accessible();
    });

    it('announces that it waits for the passkey, then the outcome; focus stays on the button', async () => {
      await network.fault('down');
      const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button></passkey-signin-button>`);
      el.focus();
      const done = el.signIn();
      await el.updateComplete;
      expect(announced(el)).to.equal('Waiting for your passkey…');
      await done;
      await el.updateComplete;
      expect(announced(el)).to.equal('Could not reach the server. Check your connection and try again.');
      expect(el.shadowRoot!.activeElement).to.equal(inner(el));
      await expect(el).to.be.accessible();
    });

    for (const scheme of ['light', 'dark']) {
      it(`is axe-clean in every state, ${scheme}`, async () => {
        const client = { passkey: { signIn: () => new Promise(() => {}), signUp: () => new Promise(() => {}) } };
        const page = await fixture<HTMLDivElement>(html`<div style="color-scheme: ${scheme}">
          <label>Username <passkey-autofill-input><input /></passkey-autofill-input></label>
          <passkey-signin-button></passkey-signin-button>
          <passkey-signin-button disabled></passkey-signin-button>
          <passkey-signin-button unsupported></passkey-signin-button>
          <passkey-signin-button class="busy" .client=${client}></passkey-signin-button>
          <add-passkey-button token="t"></add-passkey-button>
          <add-passkey-button class="busy" token="t" .client=${client}></add-passkey-button>
        </div>`);
        for (const el of page.querySelectorAll<PasskeySigninButton | AddPasskeyButton>('.busy')) {
          void ('signIn' in el ? el.signIn() : el.addPasskey());
          await el.updateComplete;
        }
        await expect(page).to.be.accessible();
      });
    }
  });

  describe('languages', () => {
    it('lang="de" gives German labels and messages; the raw reason stays in cause', async () => {
      await network.fault('down');
      const page = await fixture(html`<div lang="de-AT">
        <passkey-signin-button></passkey-signin-button>
        <add-passkey-button token="t"></add-passkey-button>
        <passkey-autofill-input></passkey-autofill-input>
      </div>`);
      const button = page.querySelector<PasskeySigninButton>('passkey-signin-button')!;
      await button.updateComplete;
      expect(button.shadowRoot!.querySelector('slot:not([name])')!.textContent).to.equal('Mit Passkey anmelden');
      expect(page.querySelector('add-passkey-button')!.shadowRoot!.textContent).to.contain('Passkey hinzufügen');
      expect(page.querySelector('passkey-autofill-input input')!.getAttribute('aria-label')).to.equal('Benutzername');
      const events = recordEvents(button, ['passkey-signin-error']);
      await button.signIn();
      const { detail } = events.events[0] as PasskeySigninErrorEvent;
      expect(detail.code).to.equal('network');
      expect(detail.message).to.equal('Der Server ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.');
      expect(detail.cause).to.match(/TypeError/);
    });

    for (const [lang, label] of [['fr', 'Se connecter avec une clé d’accès'], ['es', 'Iniciar sesión con una llave de acceso'], ['ja', 'パスキーでサインイン']]) {
      it(`ships ${lang}`, async () => {
        const el = await fixture<PasskeySigninButton>(html`<passkey-signin-button lang=${lang}></passkey-signin-button>`);
        expect(el.shadowRoot!.querySelector('slot:not([name])')!.textContent).to.equal(label);
      });
    }

    it('strings can be replaced per page and per element, and languages added', async () => {
      const { registerPasskeyMessages } = await import('../../src/internal/messages.js');
      registerPasskeyMessages('it', { signIn: 'Accedi con una passkey' });
      registerPasskeyMessages('en', { addPasskey: 'Create a passkey' });
      const page = await fixture(html`<div>
        <passkey-signin-button lang="it"></passkey-signin-button>
        <add-passkey-button token="t"></add-passkey-button>
        <passkey-signin-button .messages=${{ signIn: 'Passkey, please' }}></passkey-signin-button>
      </div>`);
      const [italian, , own] = [...page.children] as PasskeySigninButton[];
      await own!.updateComplete;
      expect(italian!.shadowRoot!.textContent).to.contain('Accedi con una passkey');
      expect(page.children[1]!.shadowRoot!.textContent).to.contain('Create a passkey');
      expect(own!.shadowRoot!.textContent).to.contain('Passkey, please');
      registerPasskeyMessages('en', { addPasskey: undefined });
    });
  });
});
