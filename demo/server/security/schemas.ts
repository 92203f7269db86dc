// JSON bodies of the demo's API, as valibot schemas (readJson checks them; a mismatch is a 400).
import * as v from 'valibot';
import { hasControlCharacters } from '../../../authsignal-local/server-kit/index.js';

const NAME = '"name" must be 1 to 64 characters.';

/** PATCH /api/passkeys/:id — a passkey name: 1–64 characters once trimmed, no control characters. */
export const RenameBody = v.object({
  name: v.pipe(
    v.string(NAME),
    v.trim(),
    v.minLength(1, NAME),
    v.maxLength(64, NAME),
    v.check((name) => !hasControlCharacters(name), NAME),
  ),
});
