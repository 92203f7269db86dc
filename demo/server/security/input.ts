// Reading request bodies strictly: the expected content type, string fields only, bounded lengths.
// Anything else is a 4xx with a message, never an exception that would surface as a 500.
import * as v from 'valibot';
import { hasControlCharacters } from '../../../authsignal-local/server-kit/index.js';
import type { AppContext } from '../context.js';
import { RequestError } from '../context.js';

/** Largest accepted request body. Forms and JSON here are a few hundred bytes; tokens under 2 KB. */
export const MAX_BODY_BYTES = 16 * 1024;

export type Fields = Record<string, string>;

/** An urlencoded or multipart form, reduced to its string fields (files and repeats are ignored). */
export async function readForm(c: AppContext): Promise<Fields> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    throw new RequestError(415, 'Send this form as application/x-www-form-urlencoded.', 'Unsupported form');
  }
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody();
  } catch {
    throw new RequestError(400, 'The form could not be read.', 'Unreadable form');
  }
  const fields: Fields = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') fields[key] = value;
  return fields;
}

/** A JSON object body that fits `schema`; 415 for another content type, 400 for anything else wrong. */
export async function readJson<S extends v.GenericSchema<unknown, unknown>>(c: AppContext, schema: S): Promise<v.InferOutput<S>> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new RequestError(415, 'Send JSON (Content-Type: application/json).');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new RequestError(400, 'The body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RequestError(400, 'The body must be a JSON object.');
  }
  const result = v.safeParse(schema, body);
  if (!result.success) throw new RequestError(400, result.issues[0].message);
  return result.output;
}

/** A trimmed string of 1..max characters without control characters, or undefined. */
export function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max || hasControlCharacters(trimmed)) return undefined;
  return trimmed;
}

/** A passkey name: 1–64 characters. */
export const passkeyName = (value: unknown): string | undefined => text(value, 64);

/** Authsignal ids (UUIDs and the like). Checked before they go into an SDK call's URL path. */
export const isAuthenticatorId = (value: string): boolean => /^[A-Za-z0-9_-]{1,128}$/.test(value);
