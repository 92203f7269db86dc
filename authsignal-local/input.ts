// Hand-written input checks (no schema library): every client-supplied value is checked for type
// and size before use, and every failure is a 400 JSON answer instead of an exception deeper in.
import type { Context } from 'hono';
import { badRequest } from './errors.js';

export type JsonObject = Record<string, unknown>;

/** Parses the request body as a JSON object. An empty body counts as `{}` (the Node SDK may send none). */
export async function readJsonObject(c: Context): Promise<JsonObject> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.', 'invalid_json');
  }
  if (!isObject(value)) throw badRequest('The request body must be a JSON object.', 'invalid_json');
  return value;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalString(body: JsonObject, key: string, maxLength = 256): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`"${key}" must be a string.`);
  if (value.length > maxLength) throw badRequest(`"${key}" is longer than ${maxLength} characters.`);
  return value;
}

export function requiredString(body: JsonObject, key: string, maxLength = 256): string {
  const value = optionalString(body, key, maxLength);
  if (value === undefined || value === '') throw badRequest(`"${key}" is required.`);
  return value;
}

export function optionalBoolean(body: JsonObject, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`"${key}" must be a boolean.`);
  return value;
}

export function requiredObject(body: JsonObject, key: string): JsonObject {
  const value = body[key];
  if (!isObject(value)) throw badRequest(`"${key}" must be an object.`);
  return value;
}

/** Authsignal's action code rule. */
export const ACTION_CODE = /^[a-zA-Z0-9_-]{1,64}$/;

/** User ids are opaque to us; refuse only what cannot be sensible (empty, huge, control characters). */
export function checkUserId(userId: string): string {
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (!userId || userId.length > 256 || /[\u0000-\u001f\u007f]/.test(userId)) {
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
