import type { Request } from 'express';
import type { z } from 'zod';
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
