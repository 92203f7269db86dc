// Compile-only: the Vue typings in types/vue.d.ts register the three tags as global components.
import type {} from '../../types/vue.d.ts';
import type { GlobalComponents } from 'vue';

type Props<T> = T extends new (...args: never[]) => { $props: infer P } ? P : never;

export const signin: Props<GlobalComponents['passkey-signin-button']> = { action: 'checkout', 'callback-url': '/login/callback' };
export const add: Props<GlobalComponents['add-passkey-button']> = { 'token-url': '/t', 'authenticator-attachment': 'any', 'csrf-field': '_token', 'request-timeout': 5000 };
// @ts-expect-error: not one of platform, cross-platform, any
export const wrong: Props<GlobalComponents['add-passkey-button']> = { 'authenticator-attachment': 'usb' };
