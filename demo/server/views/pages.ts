// The demo's pages. Plain forms do the work (they function without JavaScript); the passkey elements
// add passkeys on top and post their tokens back as forms too.
import { html } from 'hono/html';
import type { Passkey } from '../authsignal/passkeys.js';
import type { SignInMethod } from '../db/store.js';
import type { AntiForgery } from '../security/anti-forgery.js';
import type { AuthenticatorApp } from '../authsignal/mfa.js';
import { type ClientConfig, type Html, formatDate, message, page, passkeyMessageRegion } from './layout.js';

export function homePage(username: string | undefined): Html {
  return page({
    title: 'Welcome',
    username,
    body: html`<p>
        Sign in with a password, add a passkey, then sign in with it from the username field's autofill or
        with one button. Tokens from Authsignal are validated on this server.
      </p>
      <ul class="links">
        <li><a href="/login">Sign in</a> <span class="hint">(alice / alice or bob / bob)</span></li>
        <li><a href="/account">Your account and passkeys</a></li>
        <li><a href="/playground">Element playground</a></li>
      </ul>`,
  });
}

/** The app's start page (demo/server/app/): it has no sign-in form of its own; the login server has. */
export function appHomePage(username: string | undefined, loginServer: string): Html {
  return page({
    title: 'The app',
    username,
    body: html`<p>
        This app signs you in through the login server at <code>${loginServer}</code> (OpenID Connect). A passkey
        you add here, on the app's origin, signs you in there.
      </p>
      <ul class="links">
        ${username
          ? html`<li>Signed in as <strong>${username}</strong></li>`
          : html`<li><a href="/login">Sign in</a> <span class="hint">(alice / alice or bob / bob)</span></li>`}
        <li><a href="/account">Your account and passkeys</a></li>
      </ul>`,
  });
}

export interface LoginInput {
  config: ClientConfig;
  antiForgery: AntiForgery;
  returnUrl: string | undefined;
  username?: string;
  error?: string;
  notice?: string;
  signedInAs?: string;
}

export function loginPage({ config, antiForgery, returnUrl, username, error, notice, signedInAs }: LoginInput): Html {
  return page({
    title: 'Sign in',
    passkeys: { config, antiForgery },
    username: signedInAs,
    body: html`${message('error', error)} ${message('notice', notice)} ${passkeyMessageRegion}
      <form method="post" action="/login" class="card" novalidate>
        ${returnUrl ? html`<input type="hidden" name="returnUrl" value="${returnUrl}">` : ''}
        <label for="username">Username</label>
        <passkey-autofill-input callback-url="/login/callback"${returnAttr(returnUrl)}>
          <input id="username" name="username" type="text" autocomplete="username webauthn" autocapitalize="none"
            spellcheck="false" required maxlength="64" value="${username ?? ''}">
        </passkey-autofill-input>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
        <button type="submit">Sign in</button>
      </form>
      <div class="alternative">
        <p>Or, if you have a passkey for this site:</p>
        <passkey-signin-button callback-url="/login/callback"${returnAttr(returnUrl)}></passkey-signin-button>
      </div>`,
  });
}

export interface EnrollInput {
  config: ClientConfig;
  antiForgery: AntiForgery;
  username: string;
  token: string;
  returnUrl: string;
}

/** Progressive enrollment, right after a password sign-in (WSO2 guide). */
export function enrollPage({ config, antiForgery, username, token, returnUrl }: EnrollInput): Html {
  return page({
    title: 'Sign in faster next time',
    passkeys: { config, antiForgery },
    username,
    body: html`${passkeyMessageRegion}
      <p>
        Create a passkey for <strong>${username}</strong>: next time, sign in with your fingerprint, face or screen
        lock instead of a password. Your biometrics never leave your device.
      </p>
      <div class="actions">
        <add-passkey-button token="${token}" username="${username}" callback-url="/passkeys/created"
          return-url="${returnUrl}" auto-upgrade>Create a passkey</add-passkey-button>
        <a class="button secondary" href="${returnUrl}">Not now</a>
      </div>`,
  });
}

export interface NameInput {
  username: string;
  passkey: Passkey;
  returnUrl: string;
  error?: string;
}

export function namePasskeyPage({ username, passkey, returnUrl, error }: NameInput): Html {
  return page({
    title: 'Name your passkey',
    username,
    body: html`${message('notice', 'Your passkey is ready.')} ${message('error', error)}
      <form method="post" action="/passkeys/name" class="card">
        <input type="hidden" name="id" value="${passkey.id}">
        <input type="hidden" name="returnUrl" value="${returnUrl}">
        <label for="passkey-name">Name</label>
        <input id="passkey-name" name="name" type="text" required minlength="1" maxlength="64"
          value="${passkey.name}" aria-describedby="passkey-name-hint">
        <p class="hint" id="passkey-name-hint">So you can tell your passkeys apart, e.g. "Work laptop".</p>
        <button type="submit">Save and continue</button>
      </form>`,
  });
}

export interface AccountInput {
  config: ClientConfig;
  antiForgery: AntiForgery;
  username: string;
  displayName: string;
  method: SignInMethod;
  /** A password sign-in with a code from the authenticator app (amr `otp`). */
  withCode: boolean;
  authenticatedAt: number;
  /** Signed in (or confirmed) within 10 minutes: adding and removing need no confirmation. */
  recent: boolean;
  /** undefined when Authsignal could not be asked. */
  passkeys: Passkey[] | undefined;
  /** The authenticator app: null when there is none, undefined when Authsignal could not be asked. */
  app: AuthenticatorApp | null | undefined;
  error?: string;
  notice?: string;
}

export function accountPage(input: AccountInput): Html {
  const { config, antiForgery, username, displayName, method, withCode, passkeys, error, notice } = input;
  return page({
    title: 'Your account',
    passkeys: { config, antiForgery },
    username,
    body: html`${message('error', error)} ${message('notice', notice)} ${passkeyMessageRegion}
      <p id="signed-in-as">
        Signed in as <strong>${displayName}</strong> (${username}) with
        <strong data-method="${method}">${method === 'passkey' ? 'a passkey' : withCode ? 'a password and a code' : 'a password'}</strong>
        at ${formatDate(new Date(input.authenticatedAt).toISOString())}.
      </p>
      ${input.recent || !passkeys?.length ? '' : stepUp}
      <section aria-labelledby="passkeys-heading">
        <h2 id="passkeys-heading">Passkeys</h2>
        ${passkeys === undefined
          ? html`<p class="message error" role="alert">Your passkeys could not be loaded. Try again later.</p>`
          : passkeys.length === 0
            ? html`<p>You have no passkey yet.</p>`
            : html`<ul class="passkeys">
                ${passkeys.map((passkey) => passkeyItem(passkey))}
              </ul>`}
        <add-passkey-button token-url="/api/passkeys/enrollment-token" username="${username}"
          callback-url="/passkeys/created" return-url="/account">Add a passkey</add-passkey-button>
      </section>
      ${appSection(input.app)}`,
  });
}

/** On a session that is not fresh: confirm with a passkey, in place, before adding or removing. */
const stepUp = html`<div class="card step-up">
  <p>To add or remove a passkey or your authenticator app, confirm it is you.</p>
  <passkey-signin-button token-url="/api/step-up-token" callback-url="/account/step-up">Confirm with your passkey</passkey-signin-button>
</div>`;

function appSection(app: AuthenticatorApp | null | undefined): Html {
  return html`<section aria-labelledby="app-heading">
    <h2 id="app-heading">Authenticator app</h2>
    ${app === undefined
      ? html`<p class="message error" role="alert">Your authenticator app could not be loaded. Try again later.</p>`
      : app === null
        ? html`<p>No authenticator app yet: you will set one up the next time you sign in with your password.</p>`
        : html`<div class="card authenticator-app">
            <dl>
              <dt>Added</dt>
              <dd>${formatDate(app.createdAt)}</dd>
              <dt>Last used</dt>
              <dd>${formatDate(app.lastUsedAt)}</dd>
            </dl>
            <form method="post" action="/account/authenticator-app/remove" class="remove">
              <button type="submit" class="danger">Remove the authenticator app</button>
            </form>
          </div>`}
  </section>`;
}

/** ` return-url="…"` when there is one: the elements then post it back with the token. */
const returnAttr = (returnUrl: string | undefined) => (returnUrl ? html` return-url="${returnUrl}"` : '');

function passkeyItem(passkey: Passkey): Html {
  const id = passkey.id;
  const path = `/account/passkeys/${encodeURIComponent(id)}`;
  return html`<li class="passkey card" data-passkey-id="${id}">
    <h3>${passkey.name}</h3>
    <dl>
      <dt>Created</dt>
      <dd>${formatDate(passkey.createdAt)}</dd>
      <dt>Last used</dt>
      <dd>${formatDate(passkey.lastUsedAt)}</dd>
      <dt>Device</dt>
      <dd>${passkey.device}</dd>
    </dl>
    <form method="post" action="${path}/rename" class="rename">
      <label for="rename-${id}">New name</label>
      <input id="rename-${id}" name="name" type="text" required minlength="1" maxlength="64" value="${passkey.name}">
      <button type="submit">Rename</button>
    </form>
    <form method="post" action="${path}/remove" class="remove">
      <button type="submit" class="danger">Remove <span class="visually-hidden">${passkey.name}</span></button>
    </form>
  </li>`;
}
