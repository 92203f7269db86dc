// Test-only: a browser-like HTTP client for the demo — one cookie jar (the session cookie and the
// anti-forgery cookie), the Origin header a same-origin form or fetch would send, and no automatic
// redirects, so tests see every 303 and its Location. `elementPost` / `elementFetch` send what the
// passkey elements send: the page's csrf-token meta as a form field or as the X-CSRF-Token header.
import { SESSION_COOKIE } from '../../../demo/server/auth/sessions.js';

export interface RequestInit {
  method?: string;
  form?: Record<string, string>;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

/** The `<meta name="csrf-param">` and `<meta name="csrf-token">` of a page. */
export interface PageAntiForgery {
  param: string;
  token: string;
}

/** Reads the csrf-param / csrf-token meta tags the way the elements do; undefined when absent. */
export function antiForgeryMeta(page: string): PageAntiForgery | undefined {
  const param = /<meta name="csrf-param" content="([^"]*)">/.exec(page)?.[1];
  const token = /<meta name="csrf-token" content="([^"]*)">/.exec(page)?.[1];
  return param && token ? { param, token } : undefined;
}

/** Completes a second sign-in step at `url` (off the demo's origin) and returns the demo's answer to its end. */
export type SecondStep = (visitor: Visitor, url: string, username: string) => Promise<Response>;

export class Visitor {
  /** Cookies the demo set, by name (the session cookie is also `session`). */
  readonly cookies = new Map<string, string>();
  /** The raw Set-Cookie of the last session cookie the demo set. */
  lastSetCookie?: string;
  /** The anti-forgery meta of the last page read by `antiForgery()` (dropped when its cookie changes). */
  private meta?: PageAntiForgery;

  /** `secondStep`: how `signIn` gets through the pre-built UI when the demo sends it there. */
  constructor(
    readonly base: string,
    private readonly secondStep?: SecondStep,
  ) {}

  /** The session id (cookie value), when the demo set one. */
  get session(): string | undefined {
    return this.cookies.get(SESSION_COOKIE);
  }
  set session(value: string | undefined) {
    if (value === undefined) this.cookies.delete(SESSION_COOKIE);
    else this.cookies.set(SESSION_COOKIE, value);
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers: Record<string, string> = { Origin: this.base, ...init.headers };
    if (this.cookies.size > 0) headers['Cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    let body: string | undefined = init.body;
    if (init.form) {
      headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      body = JSON.stringify(init.json);
    }
    const method = init.method ?? (body === undefined ? 'GET' : 'POST');
    if (method === 'GET' || method === 'HEAD') delete headers['Origin'];
    const response = await fetch(new URL(path, this.base), { method, headers, body, redirect: 'manual' });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = ''] = setCookie.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(name.length + 1);
      if (name === SESSION_COOKIE) this.lastSetCookie = setCookie;
      else if (value !== this.cookies.get(name)) this.meta = undefined; // a new anti-forgery secret
      if (value && !/Max-Age=0/i.test(setCookie)) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    return response;
  }

  /** Reads a page with passkey elements (which sets the anti-forgery cookie) and keeps its meta tags. */
  async antiForgery(page = '/login'): Promise<PageAntiForgery> {
    if (this.meta) return this.meta;
    const response = await this.request(page);
    const meta = antiForgeryMeta(await response.text());
    if (!meta) throw new Error(`${page} (${response.status}) has no csrf-param / csrf-token meta`);
    this.meta = meta;
    return meta;
  }

  /** A form post as an element's callback-url makes it: the fields plus the page's token field. */
  async elementPost(path: string, form: Record<string, string>): Promise<Response> {
    const { param, token } = await this.antiForgery();
    return this.post(path, { ...form, [param]: token });
  }

  /** A POST as an element's token-url fetch makes it: no body, JSON wanted, the token in X-CSRF-Token. */
  async elementFetch<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }> {
    const { token } = await this.antiForgery();
    return this.json<T>(path, { method: 'POST', headers: { Accept: 'application/json', 'X-CSRF-Token': token } });
  }

  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response> {
    return this.request(path, { form, ...(headers ? { headers } : {}) });
  }

  /**
   * Signs in with a password and, when the demo sends the visitor to the pre-built UI (another origin),
   * through it (see `secondStep`): the answer is the demo's last one, e.g. 303 to the passkey offer.
   */
  async signIn(username: string, password = username, returnUrl?: string): Promise<Response> {
    const response = await this.passwordOnly(username, password, returnUrl);
    const next = response.headers.get('Location');
    if (response.status !== 303 || !next || !this.secondStep || new URL(next, this.base).origin === new URL(this.base).origin) {
      return response;
    }
    const last = await this.secondStep(this, next, username);
    await last.body?.cancel();
    return last;
  }

  /** POST /login alone: its answer as is (303 to the pre-built UI, a page, or a redirect). */
  async passwordOnly(username: string, password = username, returnUrl?: string): Promise<Response> {
    const response = await this.post('/login', { username, password, ...(returnUrl ? { returnUrl } : {}) });
    await response.body?.cancel();
    return response;
  }

  async json<T = Record<string, unknown>>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
    const response = await this.request(path, init);
    return { status: response.status, body: (await response.json()) as T };
  }
}
