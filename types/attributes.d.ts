/**
 * The three tags' attributes and event handlers, written once for every framework's typings
 * (react.d.ts and vue.d.ts add only what their framework needs). `On` is the framework's prefix for an
 * event listener prop: React 19 uses `on` + the exact event name, Vue `on` + the name with a capital.
 */
import type {
  PasskeyAddCancelEvent,
  PasskeyAddErrorEvent,
  PasskeyAddSuccessEvent,
  PasskeySigninCancelEvent,
  PasskeySigninErrorEvent,
  PasskeySigninSuccessEvent,
  PasskeyMessages,
} from 'authsignal-passkey-elements';

export interface CommonAttributes {
  'tenant-id'?: string;
  'base-url'?: string;
  'callback-url'?: string;
  'return-url'?: string;
  /** Milliseconds per request before the `timeout` error (default 10000, at most 30000). */
  'request-timeout'?: number | string;
  'csrf-token'?: string;
  'csrf-field'?: string;
  'csrf-header'?: string;
  /** Set by the element when the browser has no passkeys; set it yourself only to preview that state. */
  unsupported?: boolean;
  /** Replaces strings this element shows or announces (set as a property). */
  messages?: Partial<PasskeyMessages>;
}

export type SigninEvents<On extends string> = {
  [K in `${On}-signin-success`]?: (event: PasskeySigninSuccessEvent) => void;
} & { [K in `${On}-signin-cancel`]?: (event: PasskeySigninCancelEvent) => void } & {
  [K in `${On}-signin-error`]?: (event: PasskeySigninErrorEvent) => void;
};

export type AddEvents<On extends string> = {
  [K in `${On}-add-success`]?: (event: PasskeyAddSuccessEvent) => void;
} & { [K in `${On}-add-cancel`]?: (event: PasskeyAddCancelEvent) => void } & {
  [K in `${On}-add-error`]?: (event: PasskeyAddErrorEvent) => void;
};

export type PasskeyAutofillInputAttributes<On extends string> = CommonAttributes & SigninEvents<On>;

export type PasskeySigninButtonAttributes<On extends string> = CommonAttributes &
  SigninEvents<On> & {
    action?: string;
    /** Step-up: re-authenticates the person this token was tracked for. */
    token?: string;
    'token-url'?: string;
    disabled?: boolean;
    /** Reshapes the `token-url` request (set as a property). */
    tokenRequest?: (init: RequestInit) => RequestInit | Promise<RequestInit>;
  };

export type AddPasskeyButtonAttributes<On extends string> = CommonAttributes &
  AddEvents<On> & {
    token?: string;
    'token-url'?: string;
    username?: string;
    'display-name'?: string;
    'authenticator-attachment'?: 'platform' | 'cross-platform' | 'any';
    /** Automatic passkey upgrade after a password sign-in (conditional create, where supported). */
    'auto-upgrade'?: boolean;
    disabled?: boolean;
    /** Reshapes the `token-url` request (set as a property). */
    tokenRequest?: (init: RequestInit) => RequestInit | Promise<RequestInit>;
  };
