// Error shape shared by every JSON answer of the local server.
// The browser SDK treats any JSON with an `error` key as a failure and reads `errorCode`
// (e.g. "expired_token" triggers onTokenExpired); the Node SDK reads `error` + `errorDescription`.
// So every error carries all three keys.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ErrorBody {
  error: string;
  errorCode: string;
  errorDescription: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly description: string,
  ) {
    super(`${status} ${code}: ${description}`);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return errorBody(this.code, this.description);
  }
}

export function errorBody(code: string, description: string): ErrorBody {
  return { error: code, errorCode: code, errorDescription: description };
}

// Small constructors so routes read as intent rather than status numbers.
export const badRequest = (description: string, code = 'invalid_request') => new ApiError(400, code, description);
export const unauthorized = (description: string, code = 'unauthorized') => new ApiError(401, code, description);
export const forbidden = (description: string, code = 'forbidden') => new ApiError(403, code, description);
export const notFound = (description: string, code = 'not_found') => new ApiError(404, code, description);
export const conflict = (description: string, code = 'conflict') => new ApiError(409, code, description);
