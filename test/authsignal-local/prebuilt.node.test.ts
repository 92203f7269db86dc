// The local pre-built UI driven over HTTP like a browser without JavaScript: enrolment (secret read from
// the page, codes from otpauth), challenge, the redirect back with a token that validates, popup mode,
// language, and the answers to every mistake (4xx pages, never a 5xx, never a foreign redirect).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionRules } from '../../authsignal-local/index.js';
import { ORIGIN, startHarness, type Harness } from '../helpers/harness.js';
import { open, submit } from '../helpers/prebuilt.js';
import { codeFor, enrollTotp } from '../helpers/totp.js';

const actions: ActionRules = {
  'identity-server-login': { outcome: 'CHALLENGE', authenticators: ['AUTHENTICATOR_APP'] },
  blocked: { outcome: 'BLOCK', authenticators: ['AUTHENTICATOR_APP'] },
  'passkeys-only': { outcome: 'CHALLENGE', authenticators: ['PASSKEY'] },
};
const CALLBACK = `${ORIGIN}/callback?returnUrl=%2Faccount`;
const T0 = Date.parse('2030-01-01T00:00:15Z');

const login = (h: Harness, userId: string, redirectUrl: string | null = CALLBACK) =>
  h.authsignal.track({ userId, action: 'identity-server-login', attributes: { ...(redirectUrl ? { redirectUrl } : {}), username: `${userId}@example.com` } });

function returnedToken(location: string | null): string {
  assert.ok(location, 'a Location header');
  const url = new URL(location);
  assert.equal(`${url.origin}${url.pathname}`, `${ORIGIN}/callback`);
  assert.equal(url.searchParams.get('returnUrl'), '/account', 'the callback keeps its own query');
  return url.searchParams.get('token')!;
}

test('enrolment: QR code and secret, a wrong first code refused in the page, the right one redirects with a token that validates', async () => {
  const clock = T0;
  const h = await startHarness({ actions, now: () => clock });
  try {
    const tracked = await login(h, 'alice');
    assert.equal(tracked.isEnrolled, false);
    const page = await open(tracked.url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(page.html, /<svg[^>]*>/);
    assert.match(page.html, /<html lang="en"/);
    assert.match(page.html, /authenticator app/i);
    assert.match(page.html, /autocomplete="one-time-code"/);
    assert.match(page.html, /inputmode="numeric"/);
    assert.match(page.html, /<label for="code"/);
    assert.match(page.secret ?? '', /^[A-Z2-7]{32}$/);
    assert.match(page.html, /<code id="secret"[^>]*>([A-Z2-7]{4} ){7}[A-Z2-7]{4}<\/code>/, 'the secret in groups of four');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, new RegExp(`frame-ancestors 'self' ${ORIGIN}`));
    assert.match(csp, new RegExp(`form-action 'self' ${ORIGIN}`), 'the redirect after the form is a form action');
    // A reload shows the same secret (the enrolment is the action's).
    assert.equal((await open(tracked.url)).secret, page.secret);

    const wrong = await submit(page, String((Number(codeFor(page.secret!, clock)) + 1) % 1e6).padStart(6, '0'));
    assert.equal(wrong.status, 400);
    assert.match(wrong.html, /role="alert"[^>]*>[^<]*(wrong|expired)/i);
    assert.equal(wrong.secret, page.secret, 'the same secret is shown again');

    const done = await submit(wrong, codeFor(page.secret!, clock));
    assert.equal(done.status, 303);
    const token = returnedToken(done.headers.get('location'));
    const validated = await h.authsignal.validateChallenge({ token, action: 'identity-server-login', userId: 'alice' });
    assert.equal(validated.isValid, true);
    assert.equal(validated.state, 'CHALLENGE_SUCCEEDED');
    assert.equal(validated.verificationMethod, 'AUTHENTICATOR_APP');
    assert.equal((await login(h, 'alice')).state, 'CHALLENGE_REQUIRED');
  } finally {
    await h.stop();
  }
});

test('challenge: no secret shown; wrong code refused, right code accepted, the same code refused the second time', async () => {
  let clock = T0;
  const h = await startHarness({ actions, now: () => clock });
  try {
    const { secret } = await enrollTotp(h, 'alice', 'identity-server-login', T0);
    clock += 30_000;
    const tracked = await login(h, 'alice');
    assert.equal(tracked.state, 'CHALLENGE_REQUIRED');
    const page = await open(tracked.url);
    assert.equal(page.status, 200);
    assert.equal(page.secret, undefined);
    assert.doesNotMatch(page.html, /<svg/);
    assert.equal((await submit(page, '000000')).status, 400);
    const code = codeFor(secret, clock);
    const done = await submit(page, code);
    assert.equal(done.status, 303);
    assert.equal((await h.authsignal.validateChallenge({ token: returnedToken(done.headers.get('location')) })).isValid, true);

    const again = await open((await login(h, 'alice')).url);
    const reused = await submit(again, code);
    assert.equal(reused.status, 400);
    assert.match(reused.html, /role="alert"[^>]*>[^<]*already (been )?used/i);
    // The page posted once more after success: the first token's action is complete, a clear 4xx.
    const late = await submit(page, codeFor(secret, clock, 1));
    assert.ok(late.status >= 400 && late.status < 500, String(late.status));
  } finally {
    await h.stop();
  }
});

test('the only redirect target is the redirectUrl given to track; none given, none followed', async () => {
  const h = await startHarness({ actions, now: () => T0 });
  try {
    const { secret } = await enrollTotp(h, 'alice', 'identity-server-login', T0 - 30_000);
    const evil = 'https://evil.example/steal';
    const tracked = await login(h, 'alice');
    const page = await open(`${tracked.url}&redirectUrl=${encodeURIComponent(evil)}&redirect_uri=${encodeURIComponent(evil)}`);
    const done = await submit(page, codeFor(secret, T0), { redirectUrl: evil, redirect_uri: evil, returnUrl: evil });
    assert.equal(done.status, 303);
    returnedToken(done.headers.get('location'));

    const bob = await enrollTotp(h, 'bob', 'identity-server-login', T0 - 30_000);
    const untracked = await login(h, 'bob', null);
    const finished = await submit(await open(`${untracked.url}&redirectUrl=${encodeURIComponent(evil)}`), codeFor(bob.secret, T0), { redirectUrl: evil });
    assert.equal(finished.status, 200);
    assert.equal(finished.headers.get('location'), null);
    assert.doesNotMatch(finished.html, /evil\.example/);
  } finally {
    await h.stop();
  }
});

test('popup mode: the last page posts the token to the opener instead of redirecting', async () => {
  const h = await startHarness({ actions, now: () => T0 });
  try {
    const tracked = await login(h, 'alice');
    // launch(url, { mode: 'popup' }) opens url + "&mode=popup".
    const page = await open(`${tracked.url}&mode=popup`);
    assert.equal(page.status, 200);
    assert.equal(page.form?.fields['mode'], 'popup');
    assert.match(page.html, /<script src="\/prebuilt\/popup\.js"/);
    const done = await submit(page, codeFor(page.secret!, T0));
    assert.equal(done.status, 200);
    assert.equal(done.headers.get('location'), null);
    const token = /data-token="([^"]+)"/.exec(done.html)?.[1];
    assert.ok(token);
    assert.match(done.html, new RegExp(`data-origins="[^"]*${ORIGIN.replace(/\//g, '\\/')}`));
    assert.equal((await h.authsignal.validateChallenge({ token })).isValid, true);
    const script = await fetch(`${new URL(tracked.url).origin}/prebuilt/popup.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.match(await script.text(), /AUTHSIGNAL_CLOSE_POPUP/);
  } finally {
    await h.stop();
  }
});

test('the page follows Accept-Language: German', async () => {
  const h = await startHarness({ actions, now: () => T0 });
  try {
    const page = await open((await login(h, 'alice')).url, 'de-DE,de;q=0.9,en;q=0.5');
    assert.match(page.html, /<html lang="de"/);
    assert.match(page.html, /Authenticator-App/);
    const wrong = await submit(page, '000000', {}, 'de');
    assert.match(wrong.html, /role="alert"[^>]*>[^<]*(falsch|abgelaufen)/i);
  } finally {
    await h.stop();
  }
});

test('mistakes are 4xx pages in HTML, never a 5xx or JSON', async () => {
  let clock = T0;
  const h = await startHarness({ actions, now: () => clock });
  try {
    const base = new URL(h.local.url).origin;
    const cases: [string, Awaited<ReturnType<typeof open>>, number][] = [];
    cases.push(['no token', await open(`${base}/prebuilt/`), 401]);
    cases.push(['garbage token', await open(`${base}/prebuilt/?token=nope`), 401]);
    const blocked = await h.authsignal.track({ userId: 'alice', action: 'blocked' });
    cases.push(['blocked', await open(blocked.url), 403]);
    const passkeys = await h.authsignal.track({ userId: 'alice', action: 'passkeys-only' });
    cases.push(['passkeys only', await open(passkeys.url), 403]);
    const page = await open((await login(h, 'carol')).url);
    cases.push(['no code', await submit(page, ''), 400]);
    cases.push(['forged token in the form', await submit(page, '123456', { token: 'forged' }), 401]);
    const raw = await fetch(`${base}/prebuilt/verify`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    cases.push(['not a form', { status: raw.status, headers: raw.headers, html: await raw.text() }, 400]);
    for (let i = 0; i < 5; i++) await submit(page, '000000');
    cases.push(['too many wrong codes', await submit(page, codeFor(page.secret!, clock)), 429]);
    const dave = await login(h, 'dave');
    clock += 601_000;
    cases.push(['expired token', await open(dave.url), 401]);
    for (const [name, answer, status] of cases) {
      assert.equal(answer.status, status, name);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html/, name);
      assert.match(answer.html, /<main/, name);
    }
    assert.match(cases.find(([name]) => name === 'too many wrong codes')![1].html, /minute/i);
  } finally {
    await h.stop();
  }
});

test("the browser's icon request from a pre-built UI page gets an empty answer, not a JSON 404 in its console", async () => {
  const h = await startHarness({ actions });
  try {
    const icon = await fetch(new URL('/favicon.ico', h.local.url));
    assert.equal(icon.status, 204);
    assert.equal(await icon.text(), '');
  } finally {
    await h.stop();
  }
});
