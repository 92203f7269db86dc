// A user's authenticators as both APIs list them: the server API's getAuthenticators and the client API's
// GET /client/user-authenticators (which newer browser SDKs read to signal the accepted passkeys).
import type { AppContext } from '../context.js';
import { presentAuthenticator, presentTotp } from '../present.js';

export async function listUserAuthenticators({ store }: AppContext, userId: string) {
  const passkeys = (await store.listAuthenticators(userId)).map(presentAuthenticator);
  const app = await store.totp.verified(userId);
  const all = [...passkeys, ...(app ? [presentTotp(app)] : [])];
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
