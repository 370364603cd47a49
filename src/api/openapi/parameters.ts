import { requestJsonSchema, type JsonSchema } from './json-schema';
import { pathText, type ApiOperation } from './operation';

const PATH_PARAMETER = /:(\w+)/g;

/** A path or query value as the type its schema names, so that the example matches the schema. */
function typed(value: string, property: JsonSchema): string | number {
  return property.type === 'integer' || property.type === 'number' ? Number(value) : value;
}

function pathParameters(operation: ApiOperation): JsonSchema[] {
  return [...operation.path.matchAll(PATH_PARAMETER)].map(([, name = '']) => {
    const schema = requestJsonSchema(operation.params?.[name] ?? pathText);
    const example = operation.example?.params?.[name];
    return {
      name,
      in: 'path',
      required: true,
      schema,
      ...(example ? { example: typed(example, schema) } : {}),
    };
  });
}

function queryParameters(operation: ApiOperation): JsonSchema[] {
  if (!operation.query) return [];
  const schema = requestJsonSchema(operation.query);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
    ...(operation.example?.query?.[name] ? { example: typed(operation.example.query[name], property) } : {}),
  }));
}

function headerParameters(operation: ApiOperation): JsonSchema[] {
  return Object.entries(operation.headers ?? {}).map(([name, header]) => ({
    name,
    in: 'header',
    required: header.required ?? false,
    description: header.description,
    schema: { type: 'string' },
  }));
}

/** The operation's parameters: every path segment, the query schema's fields, the headers it reads. */
export function requestParameters(operation: ApiOperation): JsonSchema[] {
  return [...pathParameters(operation), ...queryParameters(operation), ...headerParameters(operation)];
}
