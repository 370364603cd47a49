import { API_OPERATIONS } from './catalogue';
import { requestParameters } from './parameters';
import {
  PROBLEM_STATUS_FROM,
  type ApiOperation,
  type RequestContent,
  type ResponseContent,
} from './operation';
import { doorLimitResponses } from './door-limit-docs';
import { problemDetailsSchema } from './problem-schema';
import { accessResponses, operationSecurity, SECURITY_SCHEMES } from './security-schemes';
import { requestJsonSchema, responseJsonSchema, type JsonSchema } from './json-schema';

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

export const API_VERSION = '0.1.0';
const PROBLEM_REF = { $ref: '#/components/schemas/ProblemDetails' };
const PROBLEM_MEDIA = { 'application/problem+json': { schema: PROBLEM_REF } };

const RESPONSE_MEDIA_TYPES: Record<ResponseContent, string> = {
  json: 'application/json',
  html: 'text/html',
  text: 'text/plain',
  css: 'text/css',
  javascript: 'text/javascript',
  'event-stream': 'text/event-stream',
  xml: 'text/xml',
};

const REQUEST_MEDIA_TYPES: Record<RequestContent, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  any: '*/*',
};

/** `/orders/:id` → `/orders/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function operationId({ method, path }: ApiOperation): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return [method, ...words].join('_');
}

function responses(operation: ApiOperation): JsonSchema {
  const all = {
    ...accessResponses(operation.access),
    ...operation.responses,
    ...doorLimitResponses(operation),
  };
  const documented = Object.entries(all).map(([status, response]) => {
    const media = response.content
      ? { [RESPONSE_MEDIA_TYPES[response.content]]: {} }
      : Number(status) >= PROBLEM_STATUS_FROM
        ? PROBLEM_MEDIA
        : undefined;
    return [status, { description: response.description, ...(media ? { content: media } : {}) }];
  });
  const otherErrors = { description: 'Any other error, as problem details.', content: PROBLEM_MEDIA };
  return { ...Object.fromEntries(documented), default: otherErrors };
}

function requestBody(operation: ApiOperation): JsonSchema | undefined {
  const body = operation.body;
  if (!body) return undefined;
  const media = {
    schema: body.schema ? requestJsonSchema(body.schema) : {},
    ...(operation.example?.body !== undefined ? { example: operation.example.body } : {}),
  };
  return {
    required: body.required ?? true,
    ...(body.description ? { description: body.description } : {}),
    content: { [REQUEST_MEDIA_TYPES[body.content ?? 'json']]: media },
  };
}

function operationObject(operation: ApiOperation): JsonSchema {
  const parameters = requestParameters(operation);
  const body = requestBody(operation);
  return {
    operationId: operationId(operation),
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [operation.tag],
    'x-audience': operation.audience,
    ...operationSecurity(operation.access),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: responses(operation),
  };
}

/** The OpenAPI 3.1 document of the HTTP API, from the route catalogue and the routes' own schemas. */
export function buildOpenApiDocument(operations: readonly ApiOperation[] = API_OPERATIONS): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const operation of operations) {
    const path = openApiPath(operation.path);
    paths[path] = { ...paths[path], [operation.method]: operationObject(operation) };
  }
  const tags = [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Order Status Tracking API',
      version: API_VERSION,
      description:
        'Orders from every sales channel, their lifecycle, carriers, customer notifications and ops. ' +
        'Every error is RFC 9457 problem details with a stable `code`.',
    },
    tags,
    paths,
    components: {
      schemas: { ProblemDetails: responseJsonSchema(problemDetailsSchema) },
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
