import type { Response } from 'express';
import type { z } from 'zod';

/** Parses input with a zod schema; on failure answers 400 naming every bad field and returns undefined. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  input: unknown,
  res: Response,
): z.infer<S> | undefined {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  res.status(400).json({
    error: 'invalid_request',
    issues: result.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(body)',
      message: issue.message,
    })),
  });
  return undefined;
}
