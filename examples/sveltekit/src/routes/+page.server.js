import { redirect } from '@sveltejs/kit';
import { sessionOf } from '$lib/server/session.js';

export const load = ({ cookies }) => redirect(303, sessionOf(cookies) ? '/account' : '/login');
