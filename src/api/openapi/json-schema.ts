import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema (2020-12, the dialect of OpenAPI 3.1) of what a route accepts: the input side of
 * the zod schema, so fields with defaults are optional. Checks zod cannot express (refinements,
 * transforms) stay in the route's validation and are left out here.
 */
export function requestJsonSchema(schema: z.ZodType): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    reused: 'inline',
  }) as JsonSchema;
  const { $schema: _dialect, ...schemaOnly } = generated;
  return schemaOnly;
}

/** The output side, for schemas that describe what the service writes. */
export function responseJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...schemaOnly } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  return schemaOnly;
}
