// Sessions: a random id in an HttpOnly, SameSite=Lax cookie. In memory here; in production, your database.
import { randomBytes } from 'node:crypto';

const sessions = new Map();

/** Starts a new session for this user (a fresh id: no session fixation). */
export function startSession(cookies, username) {
  endSession(cookies);
  const id = randomBytes(32).toString('base64url');
  sessions.set(id, { username, signedInAt: Date.now() });
  cookies.set('session', id, { path: '/', httpOnly: true, sameSite: 'lax' });
}

export function endSession(cookies) {
  const id = cookies.get('session');
  if (id) sessions.delete(id);
  cookies.delete('session', { path: '/' });
}

/** The session's user, or undefined. */
export const sessionOf = (cookies) => sessions.get(cookies.get('session') ?? '');
