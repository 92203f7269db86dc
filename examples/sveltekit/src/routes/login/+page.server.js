import { fail, redirect } from '@sveltejs/kit';
import { signInActions, USERS, validate } from '$lib/server/authsignal.js';
import { sessionOf, startSession } from '$lib/server/session.js';

export const load = ({ cookies }) => {
  if (sessionOf(cookies)) redirect(303, '/account');
};

export const actions = {
  password: async ({ request, cookies }) => {
    const form = await request.formData();
    const username = form.get('username');
    if (typeof username !== 'string' || USERS.get(username) !== form.get('password')) {
      return fail(401, { error: 'Wrong username or password.' });
    }
    startSession(cookies, username);
    redirect(303, '/account');
  },

  // Passkey autofill and the passkey button post their token here (callback-url="/login?/passkey").
  passkey: async ({ request, cookies }) => {
    const result = await validate((await request.formData()).get('token'));
    // An add-passkey or step-up proof validates too: only a sign-in action, for a user you know, signs in.
    if (!result || !signInActions.includes(result.action) || !USERS.has(result.userId)) {
      return fail(401, { error: 'That passkey could not sign you in.' });
    }
    startSession(cookies, result.userId);
    redirect(303, '/account');
  },
};
