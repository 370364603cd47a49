import { z } from 'zod';

/**
 * The shape of `problemDetails` (./problem.ts) for the document: RFC 9457 members, the stable `code`
 * and the bad fields. A unit test holds it to what `problemDetails` writes.
 */
export const problemDetailsSchema = z
  .looseObject({
    type: z
      .string()
      .meta({ description: 'A URI naming the problem type; about:blank for plain HTTP statuses.' }),
    title: z.string().meta({ description: 'The HTTP status phrase.' }),
    status: z.number().int(),
    detail: z.string().meta({ description: 'What went wrong, for a person to read.' }),
    code: z.string().meta({ description: 'The stable machine-readable reason clients branch on.' }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'Every bad field, when the input is at fault.' }),
  })
  .meta({ title: 'ProblemDetails' });
