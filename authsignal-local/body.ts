// Request bodies: JSON parsed once, then checked against a valibot schema (schemas.ts). Any failure
// is a 400 in the cloud's error shape, never an exception deeper in, and the handler gets typed values.
import type { Context } from 'hono';
import * as v from 'valibot';
import { badRequest } from './errors.js';
import { hasControlCharacters } from './server-kit/index.js';

type AnySchema = v.GenericSchema<unknown, unknown>;

/** Parses the body as a JSON object and checks it. An empty body counts as `{}` (the Node SDK may send none). */
export async function readBody<S extends AnySchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const text = await c.req.text();
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw badRequest('The request body is not valid JSON.', 'invalid_json');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('The request body must be a JSON object.', 'invalid_json');
  }
  return check(schema, value);
}

/** The value if it fits the schema, else a 400 with the first issue's message and the given code. */
export function check<S extends AnySchema>(schema: S, value: unknown, code = 'invalid_request'): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw badRequest(result.issues[0].message, code);
  return result.output;
}

// ---- field schemas with the messages every route shares ----

/** A string of at most `max` characters, or absent (null and undefined read as absent). */
export const optionalString = (key: string, max = 256) =>
  v.nullish(
    v.pipe(v.string(`"${key}" must be a string.`), v.maxLength(max, `"${key}" is longer than ${max} characters.`)),
  );

/** A non-empty string of at most `max` characters. */
export const requiredString = (key: string, max = 256) =>
  v.pipe(
    v.unknown(),
    v.check((value) => value !== undefined && value !== null && value !== '', `"${key}" is required.`),
    v.string(`"${key}" must be a string.`),
    v.maxLength(max, `"${key}" is longer than ${max} characters.`),
  );

export const optionalBoolean = (key: string) => v.nullish(v.boolean(`"${key}" must be a boolean.`));

/** Authsignal's action code rule. */
export const ACTION_CODE = /^[a-zA-Z0-9_-]{1,64}$/;

/** User ids are opaque to us; refuse only what cannot be sensible (empty, huge, control characters). */
export function checkUserId(userId: string): string {
  if (!userId || userId.length > 256 || hasControlCharacters(userId)) {
    throw badRequest('The user id is invalid.', 'invalid_user_id');
  }
  return userId;
}

export function checkActionCode(action: string): string {
  if (!ACTION_CODE.test(action)) {
    throw badRequest('The action code must match ^[a-zA-Z0-9_-]{1,64}$.', 'invalid_action_code');
  }
  return action;
}
