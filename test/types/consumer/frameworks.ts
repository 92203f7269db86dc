// The Vue and Svelte typings, from the installed package (their templates are checked in test/types/vue and
// test/types/svelte; this proves the published files resolve and compile on their own).
import type {} from 'authsignal-passkey-elements/vue';
import type {} from 'authsignal-passkey-elements/svelte';
import type { GlobalComponents } from 'vue';
import type { SvelteHTMLElements } from 'svelte/elements';

export const vueProps: InstanceType<GlobalComponents['add-passkey-button']>['$props'] = { tokenUrl: '/t', authenticatorAttachment: 'any' };
export const svelteAttributes: SvelteHTMLElements['add-passkey-button'] = { 'token-url': '/t', 'authenticator-attachment': 'any' };
