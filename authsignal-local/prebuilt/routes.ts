// The pre-built UI at the url track returns (/prebuilt/?token=…[&mode=popup]): enrol an authenticator
// app or answer its challenge, then back to the redirectUrl given to track with `token` appended, or,
// in popup mode, the token posted to the opener (popup.js). Plain forms, one POST per code; the form
// carries the track token, which is what makes a forged POST useless (CSRF). Mistakes are 4xx pages.
import { readFileSync } from 'node:fs';
import { type Context, Hono } from 'hono';
import { languageDetector } from 'hono/language';
import { secureHeaders } from 'hono/secure-headers';
import * as v from 'valibot';
import type { AppContext } from '../context.js';
import { ApiError, badRequest, unauthorized } from '../errors.js';
import { loadTokenAction } from '../services/challenges.js';
import { openTotpAction, startTotpEnrolment, verifyTotpCode } from '../services/totp.js';
import type { TokenClaims } from '../tokens.js';
import { describe, LANGUAGES, messagesFor } from './messages.js';
import { challengePage, donePage, enrolPage, type PageContext, problemPage } from './pages.js';

type Env = { Variables: { language: string; page: { token: string; popup: boolean } } };
type PrebuiltContext = Context<Env>;

const asset = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const STYLE = asset('style.css');
const POPUP_SCRIPT = asset('popup.js');

const VerifyForm = v.object({
  token: v.optional(v.pipe(v.string(), v.maxLength(8192)), ''),
  code: v.optional(v.pipe(v.string(), v.maxLength(16)), ''),
  mode: v.optional(v.string(), ''),
});

export function prebuiltRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const origins = ctx.options.origins;
  app.use('*', languageDetector({ order: ['header'], supportedLanguages: [...LANGUAGES], fallbackLanguage: 'en', caches: false }));
  // Framed (popup mode) by the tenant's pages and opened as a window with an opener: no X-Frame-Options,
  // no Cross-Origin-Opener-Policy; CSP below says who may frame. No HSTS: it would pin localhost to https.
  app.use('*', secureHeaders({
    xFrameOptions: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    strictTransportSecurity: false,
    referrerPolicy: 'no-referrer',
  }));

  const pageContext = (c: PrebuiltContext): PageContext => {
    const { token, popup } = c.get('page') ?? { token: '', popup: false };
    return { lang: c.get('language'), m: messagesFor(c.get('language')), popup, origins, token };
  };

  /**
   * HTML with this UI's CSP; a form page also allows the redirect that follows its POST, and the tenant's
   * other origins: Chromium checks every hop of that redirect, and a login server (an OpenID Connect
   * provider) goes on from its callback to its app. The cloud's UI leaves by script, which form-action
   * does not govern.
   */
  const send = (c: PrebuiltContext, status: number, content: ReturnType<typeof donePage>, redirectUrl?: unknown) => {
    const redirectOrigin = originOf(redirectUrl);
    const formTargets = redirectOrigin ? [redirectOrigin, ...origins.filter((origin) => origin !== redirectOrigin)] : [];
    c.header('Cache-Control', 'no-store');
    c.header(
      'Content-Security-Policy',
      [
        "default-src 'none'",
        "style-src 'self'",
        "script-src 'self'",
        "img-src 'self' data:",
        ["form-action 'self'", ...formTargets].join(' '),
        `frame-ancestors 'self' ${origins.join(' ')}`,
        "base-uri 'none'",
      ].join('; '),
    );
    return c.html(content, status as 200);
  };

  /** The enrolment or challenge page for a token, with an error sentence when a code was refused. */
  const codePage = async (c: PrebuiltContext, claims: TokenClaims, error?: { code: string; status: number }) => {
    const p = pageContext(c);
    const action = await openTotpAction(ctx, claims);
    const message = error ? describe(p.m, error.code) : undefined;
    const status = error?.status ?? 200;
    const redirectUrl = action.attributes['redirectUrl'];
    if (await ctx.store.totp.verified(claims.userId)) return send(c, status, challengePage(p, message), redirectUrl);
    return send(c, status, enrolPage(p, await startTotpEnrolment(ctx, claims, { reuse: true }), message), redirectUrl);
  };

  const readToken = (token: string) =>
    token ? ctx.tokens.verify(token) : Promise.reject(unauthorized('This page needs a token.', 'token_required'));

  const show = async (c: PrebuiltContext) => {
    c.set('page', { token: c.req.query('token') ?? '', popup: c.req.query('mode') === 'popup' });
    return codePage(c, await readToken(c.get('page').token));
  };
  app.get('/', show);

  app.post('/verify', async (c) => {
    const type = c.req.header('Content-Type') ?? '';
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) throw badRequest('Not a form.', 'invalid_request');
    const parsed = v.safeParse(VerifyForm, await c.req.parseBody());
    if (!parsed.success) throw badRequest('Malformed form.', 'invalid_request');
    const form = parsed.output;
    c.set('page', { token: form.token, popup: form.mode === 'popup' });
    const claims = await readToken(form.token);
    const code = form.code.replace(/\s+/g, '');
    if (!code) return codePage(c, claims, { code: 'code_required', status: 400 });
    let verdict;
    try {
      verdict = await verifyTotpCode(ctx, claims, code);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) return codePage(c, claims, { code: error.code, status: 429 });
      throw error;
    }
    if (!verdict.isVerified) return codePage(c, claims, { code: verdict.failureReason, status: 400 });
    const action = await loadTokenAction(ctx, claims);
    // Only the redirectUrl that track was given; never anything from this request.
    const target = withToken(action.attributes['redirectUrl'], verdict.accessToken);
    if (form.mode === 'popup' || !target) return send(c, 200, donePage(pageContext(c), verdict.accessToken));
    return c.redirect(target, 303);
  });

  app.get('/style.css', (c) => c.body(STYLE, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/popup.js', (c) => c.body(POPUP_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));

  app.notFound((c) => send(c, 404, problemPage(pageContext(c), messagesFor(c.get('language')).error, 'not_found', 404)));
  app.onError((error, c) => {
    const p = pageContext(c);
    if (error instanceof ApiError) return send(c, error.status, problemPage(p, describe(p.m, error.code), error.code, error.status));
    if (ctx.options.log) ctx.options.log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return send(c, 500, problemPage(p, p.m.error, 'internal_error', 500));
  });
  return app;
}

function httpUrl(value: unknown): URL | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

const originOf = (value: unknown): string | undefined => httpUrl(value)?.origin;

/** The URL with `token` appended to its own query (kept as it was). */
function withToken(value: unknown, token: string): string | null {
  const url = httpUrl(value);
  if (!url) return null;
  url.search = `${url.search ? `${url.search}&` : '?'}token=${encodeURIComponent(token)}`;
  return url.toString();
}
