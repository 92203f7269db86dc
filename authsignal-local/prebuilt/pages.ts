// The pre-built UI's HTML: one layout and four bodies (enrol, challenge, done, problem). Plain forms that
// work without JavaScript; values are escaped by hono/html; the QR code is an SVG made by uqr.
import { html, raw } from 'hono/html';
import { renderSVG } from 'uqr';
import type { Messages } from './messages.js';

/** What every page needs: language, words, the tenant's origins (popup mode) and the form's hidden fields. */
export interface PageContext {
  lang: string;
  m: Messages;
  popup: boolean;
  origins: string[];
  token: string;
}

export interface Enrolment {
  uri: string;
  secret: string;
}

function layout(p: PageContext, body: unknown, popupData: Record<string, string> = {}) {
  const data = Object.entries(popupData).map(([key, value]) => html` data-${key}="${value}"`);
  return html`<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${p.m.title}</title>
<link rel="stylesheet" href="/prebuilt/style.css">
${p.popup ? html`<script src="/prebuilt/popup.js" defer></script>` : ''}
</head>
<body>
<main>
${body}
</main>
${p.popup ? html`<div id="authsignal-popup" hidden data-origins="${p.origins.join(' ')}"${data}></div>` : ''}
</body>
</html>`;
}

function codeForm(p: PageContext, error: string | undefined) {
  return html`<form method="post" action="/prebuilt/verify">
<input type="hidden" name="token" value="${p.token}">
${p.popup ? html`<input type="hidden" name="mode" value="popup">` : ''}
${error ? html`<p id="error" role="alert">${error}</p>` : ''}
<label for="code">${p.m.codeLabel}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required autofocus${error ? raw(' aria-invalid="true" aria-describedby="error"') : ''}>
<button type="submit">${p.m.submit}</button>
</form>`;
}

/** The secret in groups of four, as authenticator apps show it. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)!.join(' ');

export function enrolPage(p: PageContext, enrolment: Enrolment, error?: string) {
  // uqr's SVG is built from the URI by the library (no markup from the URI reaches it).
  const qr = renderSVG(enrolment.uri, { border: 2 });
  return layout(
    p,
    html`<h1>${p.m.enrolHeading}</h1>
<p>${p.m.enrolIntro}</p>
<div class="qr" role="img" aria-label="${p.m.qrLabel}">${raw(qr)}</div>
<p class="muted">${p.m.manualEntry}</p>
<code id="secret">${grouped(enrolment.secret)}</code>
<p>${p.m.enrolCodeIntro}</p>
${codeForm(p, error)}`,
  );
}

export function challengePage(p: PageContext, error?: string) {
  return layout(
    p,
    html`<h1>${p.m.challengeHeading}</h1>
<p>${p.m.challengeIntro}</p>
${codeForm(p, error)}`,
  );
}

/** After success without a redirect: in popup mode the token goes to the opener (popup.js). */
export function donePage(p: PageContext, token: string) {
  return layout(p, html`<h1>${p.m.doneHeading}</h1>\n<p>${p.m.doneText}</p>`, p.popup ? { token } : {});
}

export function problemPage(p: PageContext, message: string, errorCode: string, status: number) {
  return layout(
    p,
    html`<h1>${p.m.problemHeading}</h1>\n<p role="alert">${message}</p>\n<p class="muted">${p.m.again}</p>`,
    { 'error-code': errorCode, status: String(status) },
  );
}
