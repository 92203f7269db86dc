// The login server as an OpenID Connect provider (oidc-provider, OpenID Certified): authorization code
// flow with PKCE only, for the clients registered here (redirect URIs compared exactly). Its interactions
// are the demo's own pages (routes/interaction.ts sends the person to /login, with its password, second
// factor, passkey autofill and button); consent is skipped for the first-party clients. Sessions, grants
// and codes live in SQLite (adapter.ts); signing and cookie keys are kept in the data folder (keys.ts).
import Provider, { type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { html, raw } from 'hono/html';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { hostCookieName } from '../security/host-cookies.js';
import type { Store } from '../db/store.js';
import { page } from '../views/layout.js';
import type { OidcStore } from './adapter.js';
import type { ProviderKeys } from './keys.js';

/** A relying party of this login server: the app (demo/server/app/) is the first-party one. */
export interface OidcClient {
  clientId: string;
  /** Shown to the person (the sign-out page); the client id when absent. */
  clientName?: string;
  clientSecret: string;
  /** Exactly as the client sends them, e.g. http://localhost:5002/auth/callback. */
  redirectUris: string[];
  /** Where the end-session endpoint may send the person back to, exactly. */
  postLogoutRedirectUris: string[];
  /** First-party: no consent screen (the guides' WebClient). */
  firstParty?: boolean;
}

/** The provider's routes (oidc-provider's defaults): the login server hands these paths to it. */
export const PROVIDER_PATHS = ['/.well-known/openid-configuration', '/auth', '/token', '/me', '/jwks', '/session/end'];

export const isProviderPath = (path: string): boolean =>
  PROVIDER_PATHS.some((route) => path === route || path.startsWith(`${route}/`));

export interface ProviderOptions {
  issuer: string;
  clients: OidcClient[];
  store: Store;
  oidcStore: OidcStore;
  keys: ProviderKeys;
  /** Behind a proxy that sets X-Forwarded-Proto (same as the demo's trustProxy). */
  trustProxy: boolean;
}

const toMetadata = (client: OidcClient): ClientMetadata => ({
  client_id: client.clientId,
  ...(client.clientName ? { client_name: client.clientName } : {}),
  client_secret: client.clientSecret,
  redirect_uris: client.redirectUris,
  post_logout_redirect_uris: client.postLogoutRedirectUris,
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
});

/** Origins the provider redirects to (the clients'): the CSP's form-action must allow them. */
export const clientOrigins = (clients: OidcClient[]): string[] => [
  ...new Set(clients.flatMap((client) => [...client.redirectUris, ...client.postLogoutRedirectUris].map((uri) => new URL(uri).origin))),
];

export function createProvider(options: ProviderOptions): Provider {
  const firstParty = new Set(options.clients.filter((client) => client.firstParty !== false).map((client) => client.clientId));
  const formAction = ["'self'", ...clientOrigins(options.clients)].join(' ');

  const configuration: Configuration = {
    adapter: options.oidcStore.adapter,
    clients: options.clients.map(toMetadata),
    jwks: options.keys.jwks as Configuration['jwks'],
    cookies: { keys: options.keys.cookieKeys },
    // The authorization code flow only (no implicit or hybrid: nothing travels in a URL fragment).
    responseTypes: ['code'],
    // PKCE for every client, confidential ones too (S256 is the only method oidc-provider accepts).
    pkce: { required: () => true },
    scopes: ['openid', 'profile'],
    // How and when the person signed in travel with the openid scope: the app shows it, and times
    // its "recent sign-in" checks from auth_time.
    claims: { openid: ['sub', 'amr', 'auth_time'], profile: ['preferred_username', 'name'], sid: null, acr: null },
    // The app reads who signed in from the ID token alone (no userinfo round trip).
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      userinfo: { enabled: true },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const user = await options.store.findUserById(sub);
      if (!user) return undefined;
      return { accountId: sub, claims: () => ({ sub, preferred_username: user.username, name: user.displayName }) };
    },
    // First-party clients get their grant without a consent screen (as the guides' WebClient does).
    async loadExistingGrant(ctx) {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.['consent']?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) {
        const grant = await ctx.oidc.provider.Grant.find(grantId);
        if (grant) return grant;
      }
      if (!firstParty.has(client.clientId)) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    ttl: {
      Session: 12 * 60 * 60,
      Interaction: 10 * 60,
      Grant: 12 * 60 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      AccessToken: 60 * 60,
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      const detail = typeof out['error_description'] === 'string' ? out['error_description'] : 'The sign-in request was refused.';
      ctx.body = await render('Sign-in request refused', html`<p>${detail}</p><p><a href="/">Go to the start page</a></p>`);
    },
  };

  const provider = new Provider(options.issuer, configuration);
  provider.proxy = options.trustProxy;

  provider.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      // oidc-provider's own error handler fails (a TypeError) on a resume URL it has no record of, `/auth/:uid`
      // with a made-up or stale uid: the visitor's mistake (an old link, a guess), not the server's.
      if (!/^\/auth\/[^/]+$/.test(ctx.path)) throw error;
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = await render('Sign-in expired', html`<p>This sign-in request has expired or was already completed. Start again from the app.</p>`);
    }
    // Signing out of the provider (the end-session confirmation) ends the login server's own session too:
    // "sign out" from the app signs out of both. Only once the provider has accepted it (its own anti-forgery
    // token checked): a forged confirmation, refused, signs nobody out.
    if (ctx.method === 'POST' && ctx.path === '/session/end/confirm' && ctx.status < 400) {
      const name = hostCookieName(SESSION_COOKIE, ctx.secure);
      const id = ctx.cookies.get(name);
      if (id && /^[A-Za-z0-9_-]{43}$/.test(id)) await options.store.deleteSession(id);
      ctx.cookies.set(name, null, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.secure });
    }
    // The provider's pages get the same headers as the demo's (no inline script, no framing).
    if (ctx.response.is('html')) {
      ctx.set('Content-Security-Policy', `default-src 'self'; script-src 'self'; style-src 'self'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`);
      ctx.set('X-Frame-Options', 'DENY');
      ctx.set('Referrer-Policy', 'same-origin');
      ctx.set('X-Content-Type-Options', 'nosniff');
    }
    ctx.set('Cache-Control', 'no-store');
  });
  return provider;
}

const render = async (title: string, body: ReturnType<typeof html>) => (await page({ title, body })).toString();

/** The end-session confirmation (the app's "Sign out" lands here): one button signs out of both. */
async function logoutSource(ctx: KoaContextWithOIDC, form: string) {
  ctx.type = 'html';
  const client = ctx.oidc.client && (ctx.oidc.client.clientName ?? ctx.oidc.client.clientId);
  ctx.body = await render(
    'Sign out',
    html`<p>${client ? html`You signed out of <strong>${client}</strong>. ` : ''}Sign out of the login server too?</p>
      ${raw(form)}
      <button type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button>`,
  );
}

async function postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
  ctx.type = 'html';
  ctx.body = await render('Signed out', html`<p>You are signed out.</p><p><a href="/login">Sign in again</a></p>`);
}
