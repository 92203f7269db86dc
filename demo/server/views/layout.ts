// The page frame every view shares: one stylesheet, light/dark through `color-scheme`, a skip link,
// the header navigation and, on pages with passkey elements, the Authsignal settings and the
// anti-forgery token as <meta> (csrf-param / csrf-token: the Rails names the elements read).
// Every interpolated value goes through hono/html's escaping; nothing user-controlled is raw.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { AntiForgery } from '../security/anti-forgery.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What the browser needs to talk to Authsignal: the tenant and its client API URL. */
export interface ClientConfig {
  tenantId: string;
  baseUrl: string;
}

export interface PageInput {
  title: string;
  body: Html;
  /** Loads the passkey elements and configures them for this tenant and this visitor's token. */
  passkeys?: { config: ClientConfig; antiForgery: AntiForgery };
  /** Signed-in person, for the header. */
  username?: string;
}

export function page({ title, body, passkeys, username }: PageInput): Html {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>${title} · Passkey elements demo</title>
    <link rel="stylesheet" href="/static/style.css">
    ${passkeys
      ? html`<meta name="authsignal-tenant-id" content="${passkeys.config.tenantId}">
    <meta name="authsignal-base-url" content="${passkeys.config.baseUrl}">
    <meta name="csrf-param" content="${passkeys.antiForgery.param}">
    <meta name="csrf-token" content="${passkeys.antiForgery.token}">
    <script type="module" src="/elements/passkey-elements.js"></script>
    <script type="module" src="/static/messages.js"></script>`
      : ''}
  </head>
  <body>
    <a class="skip" href="#main">Skip to content</a>
    <header class="site">
      <a class="brand" href="/">Passkey elements demo</a>
      <nav aria-label="Main">
        <a href="/account">Account</a>
        ${username
          ? html`<form method="post" action="/logout" class="inline">
              <button type="submit" class="link">Sign out <span class="visually-hidden">${username}</span></button>
            </form>`
          : html`<a href="/login">Sign in</a>`}
      </nav>
    </header>
    <main id="main">
      <h1>${title}</h1>
      ${body}
    </main>
  </body>
</html>`;
}

/** A server-side message: errors are announced (role="alert"), notices are polite (role="status"). */
export function message(kind: 'error' | 'notice', text: string | undefined): Html | '' {
  if (!text) return '';
  return kind === 'error'
    ? html`<p class="message error" role="alert">${text}</p>`
    : html`<p class="message notice" role="status">${text}</p>`;
}

/** Where passkey elements report failures (static/messages.js fills it from their error events). */
export const passkeyMessageRegion = html`<p class="message error" role="alert" id="passkey-message" hidden></p>`;

/** A page that only says what went wrong and where to go next (403, 404, 429, 502…). */
export function messagePage(title: string, text: string, link = { href: '/', label: 'Go to the start page' }): Html {
  return page({
    title,
    body: html`<p>${text}</p>
      <p><a href="${link.href}">${link.label}</a></p>`,
  });
}

export const formatDate = (iso: string | null | undefined): string => {
  if (!iso) return 'Never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'Unknown';
  return date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
};
