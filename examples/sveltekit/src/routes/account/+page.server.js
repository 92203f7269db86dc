import { fail, redirect } from '@sveltejs/kit';
import { enrollmentToken, validate } from '$lib/server/authsignal.js';
import { endSession, sessionOf } from '$lib/server/session.js';

export const load = async ({ cookies, url }) => {
  const session = sessionOf(cookies);
  if (!session) redirect(303, '/login');
  // Adding a passkey is sensitive: an enrollment token for a recent sign-in (10 minutes) only.
  const recent = Date.now() - session.signedInAt < 10 * 60_000;
  return {
    username: session.username,
    token: recent ? await enrollmentToken(session.username) : '',
    added: url.searchParams.get('added') === '1',
  };
};

export const actions = {
  // <add-passkey-button callback-url="?/passkeyCreated">: confirms the new passkey; starts no session.
  passkeyCreated: async ({ request, cookies }) => {
    const session = sessionOf(cookies);
    if (!session) redirect(303, '/login');
    const result = await validate((await request.formData()).get('token'));
    if (!result || result.action !== 'add-passkey' || result.userId !== session.username) {
      return fail(400, { error: 'That passkey could not be confirmed.' });
    }
    redirect(303, '/account?added=1');
  },

  logout: ({ cookies }) => {
    endSession(cookies);
    redirect(303, '/login');
  },
};
