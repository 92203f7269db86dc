// The two routes a passkey integration adds to your server (README: "Your server's part"), on Express with
// the Authsignal Node SDK. The README shows the regions below as they are: a test keeps them identical.
import { Authsignal, AuthsignalError } from '@authsignal/node';
import express from 'express';

/**
 * @param {object} options
 * @param {string} options.secret  Your Authsignal secret (server side only).
 * @param {string} options.apiUrl  https://api.authsignal.com/v1, or the local server's http://localhost:5050/v1.
 * @param {string[]} options.signInActions  Action codes a passkey sign-in may carry.
 * @param {(username: string) => boolean} options.userExists
 */
export function passkeyRoutes({ secret, apiUrl, signInActions, userExists }) {
  const authsignal = new Authsignal({ apiSecretKey: secret, apiUrl });
  const router = express.Router();

  // #region enrollment-token
  // <add-passkey-button token-url="/api/passkeys/enrollment-token">: a signed-in person may add a passkey.
  router.post('/api/passkeys/enrollment-token', async (req, res) => {
    const username = req.session.username;
    if (!username) return res.status(401).json({ error: 'Sign in first.' });
    // Adding a passkey is sensitive: ask for a recent sign-in (10 minutes), not just any session.
    if (Date.now() - req.session.signedInAt > 10 * 60_000) return res.status(403).json({ error: 'Sign in again.' });
    const { token } = await authsignal.track({
      userId: username,
      action: 'add-passkey',
      attributes: { scope: 'add:authenticators', username },
    });
    res.json({ token });
  });
  // #endregion enrollment-token

  // #region callback
  // A token is spent once. Kept in memory here; in production, a table with the key and an expiry.
  const spent = new Set();

  // The sign-in callback: the page posts the token of `passkey-signin-success` (never in a URL).
  router.post('/api/login/passkey', express.json(), async (req, res) => {
    const token = req.body?.token;
    if (typeof token !== 'string' || !token) return res.status(400).json({ error: 'Missing token.' });
    let result;
    try {
      result = await authsignal.validateChallenge({ token });
    } catch (error) {
      // A forged or expired token is the client's mistake (4xx); Authsignal being down is not.
      if (error instanceof AuthsignalError && error.statusCode < 500) return res.status(401).json({ error: 'Invalid token.' });
      throw error;
    }
    const ok =
      result.isValid &&
      result.state === 'CHALLENGE_SUCCEEDED' &&
      // An add-passkey or step-up proof validates as CHALLENGE_SUCCEEDED too: only a sign-in action signs in.
      signInActions.includes(result.action) &&
      userExists(result.userId);
    if (!ok) return res.status(401).json({ error: 'That passkey could not sign you in.' });
    const key = result.idempotencyKey ?? token;
    if (spent.has(key)) return res.status(401).json({ error: 'That sign-in was already used.' });
    spent.add(key);
    // Sign in as the user Authsignal names, in a new session.
    req.session.regenerate((error) => {
      if (error) return res.status(500).json({ error: 'Could not sign you in.' });
      req.session.username = result.userId;
      req.session.signedInAt = Date.now();
      res.json({ username: result.userId });
    });
  });
  // #endregion callback

  return router;
}
