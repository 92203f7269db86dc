// The second factor of a password sign-in (the Duende guide's step 1), through the unmodified Node SDK:
// `track` the sign-in action with the demo's own callback as `redirectUrl`, and read what it decides.
import { Authsignal } from '@authsignal/node';
import { type AuthsignalTenant, nodeSdk } from './passkeys.js';

/** The action a password sign-in tracks; its rule (authsignal-local/actions.json) asks for the app. */
export const PASSWORD_SIGN_IN_ACTION = 'identity-server-login';

/**
 * What to do after the password: send the person to the pre-built UI (`url`: enrol an app the first
 * time, or answer a challenge), let them in, or refuse.
 */
export type SecondFactor = { next: 'prebuilt'; url: string } | { next: 'allow' } | { next: 'block' } | { next: 'review' };

/** The person's authenticator app, as the account page shows it. */
export interface AuthenticatorApp {
  id: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export class MfaService {
  private readonly sdk: Authsignal;

  constructor(tenant: AuthsignalTenant) {
    this.sdk = nodeSdk(tenant);
  }

  /** Tracks the sign-in; `redirectUrl` is where the pre-built UI sends the person back (with `token=`). */
  async afterPassword(userId: string, username: string, redirectUrl: string): Promise<SecondFactor> {
    const answer = await this.sdk.track({
      userId,
      action: PASSWORD_SIGN_IN_ACTION,
      attributes: { redirectUrl, username },
    });
    // The guide: challenged, or not enrolled (yet) → the pre-built UI; allowed → in directly. Anything else
    // (BLOCK, REVIEW_REQUIRED, a state added later) keeps the person out: a second factor never fails open.
    if (answer.state === 'CHALLENGE_REQUIRED' || (answer.state === 'ALLOW' && !answer.isEnrolled)) {
      if (!answer.url) throw new Error('track asked for a challenge but gave no url');
      return { next: 'prebuilt', url: answer.url };
    }
    if (answer.state === 'ALLOW') return { next: 'allow' };
    return answer.state === 'REVIEW_REQUIRED' ? { next: 'review' } : { next: 'block' };
  }

  /** The user's authenticator app, or null when they have none (yet). */
  async app(userId: string): Promise<AuthenticatorApp | null> {
    const authenticators = await this.sdk.getAuthenticators({ userId });
    const app = authenticators.find((a) => a.verificationMethod === 'AUTHENTICATOR_APP');
    return app ? { id: app.userAuthenticatorId, createdAt: app.createdAt, lastUsedAt: app.lastVerifiedAt ?? null } : null;
  }

  /** Removes it: the next password sign-in enrols an app again (`!isEnrolled`). */
  async removeApp(userId: string, userAuthenticatorId: string): Promise<void> {
    await this.sdk.deleteAuthenticator({ userId, userAuthenticatorId });
  }
}
