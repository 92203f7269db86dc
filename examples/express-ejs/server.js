// Server-rendered passkeys with Express and EJS, and no JavaScript of the page's own: the elements post their
// token as a form (`callback-url`), the server validates it with Authsignal and redirects.
//   AUTHSIGNAL_TENANT_ID=local-tenant AUTHSIGNAL_SECRET=local-secret AUTHSIGNAL_URL=http://localhost:5050/v1 npm start
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Authsignal, AuthsignalError } from '@authsignal/node';
import express from 'express';
import session from 'express-session';

const env = process.env;
const port = Number(env.PORT ?? 3000);
const tenant = {
  tenantId: env.AUTHSIGNAL_TENANT_ID ?? 'local-tenant',
  url: env.AUTHSIGNAL_URL ?? 'http://localhost:5050/v1',
};
const signInActions = (env.AUTHSIGNAL_SIGN_IN_ACTIONS ?? 'signInWithPasskey').split(',');
const authsignal = new Authsignal({ apiSecretKey: env.AUTHSIGNAL_SECRET ?? 'local-secret', apiUrl: tenant.url });

// Example users. Yours come from your user store, with password hashes.
const USERS = new Map([
  ['alice', 'alice'],
  ['bob', 'bob'],
]);
// Each token is spent once. In memory here; in production, a table with the key and an expiry.
const spent = new Set();

const app = express();
app.set('view engine', 'ejs');
app.set('views', fileURLToPath(new URL('views', import.meta.url)));
app.locals.tenant = tenant;
// The package's CDN folder, as is: the elements, then their ceremonies and the SDK, loaded after the page.
app.use('/assets', express.static(dirname(fileURLToPath(import.meta.resolve('authsignal-passkey-elements/cdn/passkey-elements.js')))));
app.use(express.urlencoded({ extended: false }));
app.use(
  session({
    // MemoryStore: fine for an example, not for production (use a store for your database).
    secret: env.SESSION_SECRET ?? 'example-only-session-secret',
    resave: false,
    saveUninitialized: false,
    // SameSite=Lax: another site cannot post to these routes with the person's session.
    cookie: { httpOnly: true, sameSite: 'lax' },
  }),
);

/** Starts a new session for this user (a fresh id: no session fixation). */
const signIn = (req, res, username) =>
  req.session.regenerate((error) => {
    if (error) return res.status(500).send('Could not sign you in.');
    req.session.username = username;
    req.session.signedInAt = Date.now();
    res.redirect(303, '/account');
  });

/** validateChallenge, spending the token; undefined for a forged, expired or already used one. */
async function validate(token) {
  if (typeof token !== 'string' || !token) return undefined;
  let result;
  try {
    result = await authsignal.validateChallenge({ token });
  } catch (error) {
    if (error instanceof AuthsignalError && error.statusCode < 500) return undefined;
    throw error;
  }
  if (!result.isValid || result.state !== 'CHALLENGE_SUCCEEDED') return undefined;
  const key = result.idempotencyKey ?? token;
  if (spent.has(key)) return undefined;
  spent.add(key);
  return result;
}

app.get('/', (req, res) => res.redirect(303, req.session.username ? '/account' : '/login'));

app.get('/login', (req, res) => res.render('login', { error: '' }));

app.post('/login', (req, res) => {
  const { username, password } = req.body ?? {}; // no body, or not a form: the same refusal
  if (typeof username !== 'string' || USERS.get(username) !== password) {
    return res.status(401).render('login', { error: 'Wrong username or password.' });
  }
  signIn(req, res, username);
});

// Passkey autofill and the passkey button post their token here (form field `token`).
app.post('/login/callback', async (req, res) => {
  const result = await validate(req.body?.token);
  // An add-passkey or step-up proof validates too: only a sign-in action, for a user you know, signs in.
  if (!result || !signInActions.includes(result.action) || !USERS.has(result.userId)) {
    return res.status(401).render('login', { error: 'That passkey could not sign you in.' });
  }
  signIn(req, res, result.userId);
});

app.get('/account', async (req, res) => {
  const username = req.session.username;
  if (!username) return res.redirect(303, '/login');
  // An enrollment token, rendered into the page, for a recent sign-in only (adding a passkey is sensitive).
  let token = '';
  if (Date.now() - req.session.signedInAt < 10 * 60_000) {
    ({ token } = await authsignal.track({ userId: username, action: 'add-passkey', attributes: { scope: 'add:authenticators', username } }));
  }
  res.render('account', { username, token, added: req.query.added === '1' });
});

// <add-passkey-button callback-url> posts here after creating a passkey. Confirms it; starts no session.
app.post('/passkeys/created', async (req, res) => {
  const username = req.session.username;
  if (!username) return res.redirect(303, '/login');
  const result = await validate(req.body?.token);
  if (!result || result.action !== 'add-passkey' || result.userId !== username) return res.status(400).send('That passkey could not be confirmed.');
  res.redirect(303, '/account?added=1');
});

app.post('/logout', (req, res) => req.session.destroy(() => res.redirect(303, '/login')));

app.listen(port, () => console.log(`Express + EJS example on http://localhost:${port}`));
