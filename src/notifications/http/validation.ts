import type { Response } from 'express';
import type { z } from 'zod';
import { sendProblem } from '../../api/problem';
import { fieldProblemsFrom } from '../../validation/field-problems';

/** Parses input with a zod schema; on failure answers 400 naming every bad field and returns undefined. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  input: unknown,
  res: Response,
): z.infer<S> | undefined {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  sendProblem(res, 400, 'invalid_request', 'The request is not valid.', {
    errors: fieldProblemsFrom(result.error),
  });
  return undefined;
}
