import type { Request, RequestHandler } from 'express';
import type { z } from 'zod';
import { unsafeTextProblems } from '../validation/safe-text';
import { HttpError, validationError } from './http-errors';

/** Validates a JSON body against a schema; a missing or non-JSON body is a 415/400, not a crash. */
export function parseBody<Schema extends z.ZodType>(req: Request, schema: Schema): z.output<Schema> {
  if (req.body === undefined) {
    if (!req.is('application/json')) {
      throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
    }
    throw new HttpError(400, 'missing_body', 'The request needs a JSON body.');
  }
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/**
 * Refuses a parsed JSON body holding text no field may hold (NUL, an unpaired surrogate), whatever
 * the route's schema: 400 naming each place, before any handler sees it.
 */
export const unsafeTextGuard: RequestHandler = (req, _res, next) => {
  const problems = req.body === undefined ? [] : unsafeTextProblems(req.body);
  if (problems.length === 0) return next();
  next(
    new HttpError(400, 'validation_failed', 'The request body holds text that cannot be accepted.', {
      errors: problems,
    }),
  );
};
