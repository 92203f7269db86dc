/**
 * Moved to testing/ (the package's `/testing` helpers): use `addVirtualAuthenticator(page)` from there. This
 * CDP-session form stays for code written against it before the move.
 */
export { attachVirtualAuthenticator as addVirtualAuthenticator } from '../testing/virtual-authenticator.js';
