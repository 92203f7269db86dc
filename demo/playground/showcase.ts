/**
 * The state grid: every element in every state, rendered by the elements themselves. Each state is reached
 * through the public API only — attributes, `signIn()` / `addPasskey()`, and a `client` that is a scripted
 * fake (never the real SDK), so no tile here ever talks to a server or an authenticator.
 */
import type { AddPasskeyButton, PasskeyAutofillInput, PasskeyClient, PasskeySigninButton } from '../../src/index.js';
import { EVENT_TYPES, formatDetail } from './format.js';
import { STATE_ATTRIBUTES as STATES } from './manifest.js';

const STATE_ATTRIBUTES = [...STATES];

type Answer =
  | { data: Record<string, unknown> }
  | { error: string; errorCode: string; errorDescription: string }
  | { throws: string; message: string }
  | 'never';

/**
 * A fake SDK client that answers `passkey.signIn` / `passkey.signUp` with a scripted result.
 * `once`: later calls never settle — an autofill input re-arms after a cancel or error, and a second scripted
 * answer would only loop.
 */
export class ScriptedClient {
  calls = 0;
  readonly passkey = {
    signIn: () => this.answer(),
    signUp: () => this.answer(),
  };

  constructor(
    private readonly script: Answer,
    private readonly options: { delayMs?: number; once?: boolean } = {},
  ) {}

  /** Typed as the elements' client: the elements only call signIn and signUp. */
  get asClient(): PasskeyClient {
    return this as unknown as PasskeyClient;
  }

  private answer(): Promise<unknown> {
    const script = this.options.once && this.calls > 0 ? 'never' : this.script;
    this.calls++;
    if (script === 'never') return new Promise(() => {});
    return new Promise((resolve, reject) =>
      setTimeout(() => {
        if ('throws' in script) reject(Object.assign(new Error(script.message), { name: script.throws }));
        else resolve(script);
      }, this.options.delayMs ?? 0),
    );
  }
}

const neverAnswers = () => new ScriptedClient('never').asClient;
const cancelled: Answer = { throws: 'NotAllowedError', message: 'The operation either timed out or was not allowed.' };
const signedIn: Answer = {
  data: { isVerified: true, token: 'scripted.eyJzdWIiOiJhZGEifQ.signature', userId: 'ada', username: 'ada@example.com' },
};
const added: Answer = {
  data: { token: 'scripted.eyJhZGQiOnRydWV9.signature', userAuthenticator: { userAuthenticatorId: 'uat_scripted_1' } },
};

export type StateId = 'idle' | 'busy' | 'success' | 'cancel' | 'error' | 'unsupported' | 'disabled';

interface StateSpec {
  state: StateId;
  label: string;
  note: string;
  /** Before the element is connected. */
  create(element: HTMLElement): void;
  /** After it is connected. */
  start?(element: HTMLElement): void;
  /** Ceremonies that hold the page's modal lock forever start last: see `startShowcase`. */
  late?: boolean;
}

type ButtonElement = PasskeySigninButton | AddPasskeyButton;
const run = (el: HTMLElement) => void ('signIn' in el ? (el as PasskeySigninButton).signIn() : (el as AddPasskeyButton).addPasskey());
const method = (tag: string) => (tag === 'add-passkey-button' ? 'addPasskey()' : 'signIn()');

function buttonStates(tag: string): StateSpec[] {
  const isAdd = tag === 'add-passkey-button';
  const scripted = (answer: Answer) => (el: HTMLElement) => ((el as ButtonElement).client = new ScriptedClient(answer).asClient);
  const error: Answer = isAdd
    ? { error: 'expired_token', errorCode: 'expired_token', errorDescription: 'The enrollment token has expired.' }
    : { error: 'invalid_credential', errorCode: 'invalid_credential', errorDescription: 'This passkey is not registered here.' };
  return [
    {
      state: 'idle',
      label: 'Idle',
      note: 'Try it: a scripted client answers after 1.5 s.',
      create: (el) => ((el as ButtonElement).client = new ScriptedClient(isAdd ? added : signedIn, { delayMs: 1500 }).asClient),
    },
    {
      state: 'busy',
      label: 'Busy',
      note: `${method(tag)} is waiting on a client that never answers.`,
      create: scripted('never'),
      start: run,
      late: true,
    },
    { state: 'success', label: 'After success', note: '', create: scripted(isAdd ? added : signedIn), start: run },
    { state: 'cancel', label: 'After cancel', note: '', create: scripted(cancelled), start: run },
    { state: 'error', label: 'After error', note: '', create: scripted(error), start: run },
    {
      state: 'unsupported',
      label: 'Unsupported',
      note: 'unsupported: this browser has no WebAuthn.',
      create: (el) => {
        (el as ButtonElement).client = neverAnswers();
        el.setAttribute('unsupported', ''); // what the element sets by itself in a browser without WebAuthn
      },
    },
    {
      state: 'disabled',
      label: 'Disabled',
      note: 'disabled attribute.',
      create: (el) => {
        (el as ButtonElement).client = neverAnswers();
        el.setAttribute('disabled', '');
      },
    },
  ];
}

function autofillStates(): StateSpec[] {
  const scripted = (answer: Answer) => (el: HTMLElement) =>
    ((el as PasskeyAutofillInput).client = new ScriptedClient(answer, { once: true }).asClient);
  return [
    { state: 'idle', label: 'Idle (armed)', note: 'A passkey autofill request is pending.', create: scripted('never') },
    {
      state: 'unsupported',
      label: 'Unsupported',
      note: 'unsupported: a plain input.',
      create: (el) => {
        scripted('never')(el);
        el.setAttribute('unsupported', ''); // what the element sets by itself in a browser without WebAuthn
      },
    },
    {
      state: 'disabled',
      label: 'Disabled',
      note: 'Your input, disabled.',
      create: (el) => {
        scripted('never')(el);
        el.querySelector('input')!.disabled = true;
      },
    },
    { state: 'success', label: 'After success', note: '', create: scripted(signedIn) },
    { state: 'cancel', label: 'After cancel', note: '', create: scripted(cancelled) },
    {
      state: 'error',
      label: 'After error',
      note: '',
      create: scripted({ error: 'invalid_credential', errorCode: 'invalid_credential', errorDescription: 'This passkey is not registered here.' }),
    },
  ];
}

export interface Tile {
  tag: string;
  state: StateId;
  element: HTMLElement;
  /** Attributes the tile needs whatever the controls say (the scripted add button's token). */
  baseline: Record<string, string>;
}

export interface Showcase {
  tiles: Tile[];
  /** Runs the post-connection steps in an order that keeps every tile in its state. */
  start(): Promise<void>;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

/**
 * One section per element: a grid with a row per state and a light and a dark column (`color-scheme`), so each
 * state can be compared across schemes at a glance.
 */
export function buildShowcase(container: HTMLElement, elements: { tag: string; summary: string }[]): Showcase {
  const tiles: (Tile & { spec: StateSpec })[] = [];
  for (const { tag, summary } of elements) {
    const specs = tag === 'passkey-autofill-input' ? autofillStates() : buttonStates(tag);
    const headingId = `showcase-${tag}`;
    const section = el('section', { className: 'element' });
    section.setAttribute('aria-labelledby', headingId);
    section.dataset.tag = tag;
    section.append(
      el('h3', { id: headingId }, el('code', {}, `<${tag}>`), ' ', el('span', { className: 'summary' }, summary)),
    );
    const matrix = el('div', { className: 'matrix' });
    matrix.append(
      el('div', { className: 'corner', ariaHidden: 'true' }),
      el('div', { className: 'column light', ariaHidden: 'true' }, 'Light'),
      el('div', { className: 'column dark', ariaHidden: 'true' }, 'Dark'),
    );
    for (const spec of specs) {
      const rowId = `${headingId}-${spec.state}`;
      const row = el('div', { className: 'row' });
      row.setAttribute('role', 'group');
      row.setAttribute('aria-labelledby', rowId);
      row.dataset.state = spec.state;
      const label = el('div', { className: 'row-head' }, el('span', { className: 'state', id: rowId }, spec.label));
      if (spec.note) label.append(el('span', { className: 'note' }, spec.note));
      row.append(label);
      for (const scheme of ['light', 'dark'] as const) {
        const element = document.createElement(tag);
        const baseline: Record<string, string> = {};
        let stage: HTMLElement = element;
        if (tag === 'passkey-autofill-input') {
          element.append(el('input', { name: 'username', autocomplete: 'username', placeholder: 'you@example.com' }));
          stage = el('label', { className: 'field' }, el('span', { className: 'field-label' }, 'Username'), element);
        } else if (tag === 'add-passkey-button') {
          // addPasskey() needs a token before it calls the client; the scripted client accepts any.
          baseline.token = 'scripted-enrollment-token';
        }
        for (const [name, value] of Object.entries(baseline)) element.setAttribute(name, value);
        spec.create(element);

        // The state attributes a page can style, as the element reflects them right now.
        const attrs = el('code', { className: 'attrs' });
        const showAttrs = () =>
          (attrs.textContent = STATE_ATTRIBUTES.filter((a) => element.hasAttribute(a)).map((a) => `[${a}]`).join(' '));
        new MutationObserver(showAttrs).observe(element, { attributes: true, attributeFilter: [...STATE_ATTRIBUTES] });
        showAttrs();
        const caption = el('p', { className: 'caption' });
        const cell = el(
          'div',
          { className: `cell ${scheme}` },
          el('div', { className: 'cell-head' }, el('span', { className: 'scheme' }, scheme === 'light' ? 'Light' : 'Dark'), attrs),
          el('div', { className: 'stage' }, stage),
          caption,
        );
        cell.dataset.scheme = scheme;
        cell.dataset.tag = tag;
        cell.dataset.state = spec.state;
        for (const type of EVENT_TYPES) {
          element.addEventListener(type, (event) => {
            // A showcase tile never posts to a callback-url the controls may have set.
            if (event.cancelable) event.preventDefault();
            caption.replaceChildren(
              el('code', { className: 'event' }, type),
              el('code', { className: 'detail' }, formatDetail((event as Event & { detail?: unknown }).detail)),
            );
          });
        }
        row.append(cell);
        tiles.push({ tag, state: spec.state, element, baseline, spec });
      }
      matrix.append(row);
    }
    section.append(matrix);
    container.append(section);
  }

  return {
    tiles,
    async start() {
      for (const tile of tiles) if (!tile.spec.late) tile.spec.start?.(tile.element);
      // The busy buttons hold the elements' page-wide modal lock for good, and an autofill input waits for that
      // lock before it arms: let every autofill tile arm (or answer) first.
      await Promise.all(tiles.filter((t) => t.tag === 'passkey-autofill-input').map((t) => armedOrAnswered(t.element)));
      for (const tile of tiles) if (tile.spec.late) tile.spec.start?.(tile.element);
    },
  };
}

/** Resolves once an autofill input is armed or has dispatched an event (or after 1.5 s: no autofill here). */
function armedOrAnswered(element: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new MutationObserver(() => element.hasAttribute('armed') && done());
    observer.observe(element, { attributes: true, attributeFilter: ['armed'] });
    for (const type of EVENT_TYPES) element.addEventListener(type, done, { once: true });
    const timer = setTimeout(done, 1500);
    if (element.hasAttribute('armed')) done();
  });
}
