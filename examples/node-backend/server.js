// The backend of the React, Vue and plain-HTML examples: serves the built page (argument: its folder) and a
// small JSON API: password sign-in, who is signed in, sign out, and the passkey routes (passkeys.js).
//
//   AUTHSIGNAL_SECRET=local-secret AUTHSIGNAL_URL=http://localhost:5050/v1 PORT=3000 node server.js ../react-vite/dist
import { resolve } from 'node:path';
import express from 'express';
import session from 'express-session';
import { passkeyRoutes } from './passkeys.js';

const env = process.env;
const port = Number(env.PORT ?? 3000);
const root = resolve(process.argv[2] ?? 'dist');

// Example users. Yours come from your user store, with password hashes.
const USERS = new Map([
  ['alice', 'alice'],
  ['bob', 'bob'],
]);

const app = express();
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

app.post('/api/login', express.json(), (req, res) => {
  const { username, password } = req.body ?? {};
  if (typeof username !== 'string' || typeof password !== 'string') return res.status(400).json({ error: 'Username and password, please.' });
  if (USERS.get(username) !== password) return res.status(401).json({ error: 'Wrong username or password.' });
  req.session.regenerate((error) => {
    if (error) return res.status(500).json({ error: 'Could not sign you in.' });
    req.session.username = username;
    req.session.signedInAt = Date.now();
    res.json({ username });
  });
});

app.get('/api/session', (req, res) => {
  if (!req.session.username) return res.status(401).json({ error: 'Not signed in.' });
  res.json({ username: req.session.username });
});

app.post('/api/logout', (req, res) => {
  req.session.destroy(() => res.json({}));
});

app.use(
  passkeyRoutes({
    secret: env.AUTHSIGNAL_SECRET ?? 'local-secret',
    apiUrl: env.AUTHSIGNAL_URL ?? 'http://localhost:5050/v1',
    signInActions: (env.AUTHSIGNAL_SIGN_IN_ACTIONS ?? 'signInWithPasskey').split(','),
    userExists: (username) => USERS.has(username),
  }),
);

app.use('/api', (req, res) => res.status(404).json({ error: 'Not found.' }));
app.use(express.static(root));
// The single-page app answers every other GET.
app.get('/{*path}', (req, res) => res.sendFile('index.html', { root }));
// Errors of the API in JSON, without details; bad JSON is the client's mistake.
app.use((error, req, res, _next) => {
  const status = error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) console.error(error);
  res.status(status).json({ error: status === 500 ? 'Something went wrong.' : 'Bad request.' });
});

app.listen(port, () => console.log(`Example backend on http://localhost:${port} (serving ${root})`));
