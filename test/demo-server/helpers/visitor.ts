// Test-only: a browser-like HTTP client for the demo — one cookie jar (the session cookie), the
// Origin header a same-origin form or fetch would send, and no automatic redirects, so tests see
// every 303 and its Location.
import { SESSION_COOKIE } from '../../../demo/server/auth/sessions.js';

export interface RequestInit {
  method?: string;
  form?: Record<string, string>;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

export class Visitor {
  /** The session id (cookie value), when the demo set one. */
  session?: string;
  /** The raw Set-Cookie of the last response that had one. */
  lastSetCookie?: string;

  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers: Record<string, string> = { Origin: this.base, ...init.headers };
    if (this.session) headers['Cookie'] = `${SESSION_COOKIE}=${this.session}`;
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
    const setCookie = response.headers.get('Set-Cookie');
    if (setCookie?.startsWith(`${SESSION_COOKIE}=`)) {
      this.lastSetCookie = setCookie;
      const value = setCookie.slice(SESSION_COOKIE.length + 1).split(';')[0]!;
      this.session = value && !/Max-Age=0/i.test(setCookie) ? value : undefined;
    }
    return response;
  }

  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response> {
    return this.request(path, { form, ...(headers ? { headers } : {}) });
  }

  async signIn(username: string, password = username, returnUrl?: string): Promise<Response> {
    const response = await this.post('/login', { username, password, ...(returnUrl ? { returnUrl } : {}) });
    await response.body?.cancel();
    return response;
  }

  async json<T = Record<string, unknown>>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
    const response = await this.request(path, init);
    return { status: response.status, body: (await response.json()) as T };
  }
}
