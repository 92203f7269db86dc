import { tenant } from '$lib/server/authsignal.js';

export const load = () => ({ tenant });
