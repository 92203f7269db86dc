import type { PasskeyErrorCode } from '../events.js';

/**
 * Every string a person may see: default labels, what is announced, and one sentence per error code.
 * English ships inside the elements; other languages are separate modules, loaded only by pages in them.
 */
export interface PasskeyMessages extends Record<PasskeyErrorCode, string> {
  /** `<passkey-signin-button>`'s default label. */
  signIn: string;
  /** `<add-passkey-button>`'s default label. */
  addPasskey: string;
  /** Accessible name of the input `<passkey-autofill-input>` creates when it wraps none. */
  username: string;
  /** Announced when a button's ceremony starts. */
  waiting: string;
  /** Announced after a button sign-in. */
  signedIn: string;
  /** Announced after a passkey was added. */
  added: string;
  /** Announced when the person dismissed the prompt. */
  cancelled: string;
}

/** English, the strings shown without the ceremonies' chunk; engine.ts adds the other error sentences. */
export const en: Partial<PasskeyMessages> = {
  signIn: 'Sign in with a passkey',
  addPasskey: 'Add a passkey',
  username: 'Username',
  waiting: 'Waiting for your passkey…',
  signedIn: 'Signed in.',
  added: 'Passkey added.',
  cancelled: 'No passkey was used.',
  unsupported: 'This browser does not support passkeys.',
  'not-configured': 'Passkeys are not set up on this page.',
  network: 'Could not reach the server. Check your connection and try again.',
  timeout: 'The server took too long to answer. Try again.',
};

/** Some of the strings: what a language, a page or an element replaces. */
type SomeMessages = Partial<PasskeyMessages>;

/** Shipped translations, each its own module. */
const shipped: Record<string, () => Promise<{ default: SomeMessages }>> = {
  de: () => import('../locales/de.js'),
  es: () => import('../locales/es.js'),
  fr: () => import('../locales/fr.js'),
  ja: () => import('../locales/ja.js'),
};

const loaded: Record<string, SomeMessages> = { en };
const loading: Record<string, Promise<unknown>> = {};
const registered: Record<string, SomeMessages> = {};

/**
 * Replaces strings for every element on the page, in one language (`'de'`, `'pt-BR'`…), or adds a language the
 * elements do not ship. Per element, the `messages` property takes precedence.
 */
export function registerPasskeyMessages(lang: string, messages: SomeMessages): void {
  const key = lang.toLowerCase();
  registered[key] = { ...registered[key], ...messages };
}

/** The language of an element: its nearest `lang` attribute, then the document's. */
export function languageOf(element: Element): string {
  return (element.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en').toLowerCase();
}

/** Loads a shipped language when needed; resolves at once when there is nothing to load. A failed load means English. */
export function loadLanguage(lang: string): Promise<unknown> | undefined {
  const base = lang.split('-')[0]!;
  if (loaded[base] || !shipped[base]) return undefined;
  return (loading[base] ??= shipped[base]().then(
    (module) => (loaded[base] = module.default),
    () => delete loading[base],
  ));
}

/** The string for `key` in `lang`: element overrides, page registrations (exact, then base language), shipped, English. */
export function message(key: keyof PasskeyMessages, lang: string, own?: SomeMessages): string {
  const base = lang.split('-')[0]!;
  return own?.[key] ?? registered[lang]?.[key] ?? registered[base]?.[key] ?? loaded[base]?.[key] ?? en[key] ?? '';
}
