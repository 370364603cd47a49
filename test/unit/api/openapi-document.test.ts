import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { problemDetails } from '../../../src/api/problem';
import { API_OPERATIONS } from '../../../src/api/openapi/catalogue';
import { buildOpenApiDocument, openApiPath } from '../../../src/api/openapi/document';
import { renderDocsPage } from '../../../src/api/openapi/docs-page';
import { problemDetailsSchema } from '../../../src/api/openapi/problem-schema';
import type { JsonSchema } from '../../../src/api/openapi/json-schema';
import { appWithEveryRoute, registeredRoutes } from '../../support/registered-routes';

const document = buildOpenApiDocument();
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
const operationsOf = (item: Record<string, JsonSchema>) =>
  Object.entries(item).filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method));

describe('the API document covers every route', () => {
  const registered = registeredRoutes(appWithEveryRoute()).map((route) => key(route.method, route.path));

  test('the walk finds the routes of nested routers under their mount paths', () => {
    assert.ok(registered.includes('GET /ops/intake/dead-letters/:id'), registered.join('\n'));
    assert.ok(registered.includes('POST /webhooks/fedex'), registered.join('\n'));
  });

  test('every route the app registers is documented', () => {
    const documented = new Set(API_OPERATIONS.map((operation) => key(operation.method, operation.path)));
    assert.deepEqual(
      registered.filter((route) => !documented.has(route)),
      [],
      'routes missing from the catalogue in src/api/openapi/catalogue',
    );
  });

  test('every documented route is registered, once', () => {
    const documented = API_OPERATIONS.map((operation) => key(operation.method, operation.path));
    assert.deepEqual(
      documented.filter((route) => !registered.includes(route)),
      [],
    );
    assert.equal(new Set(documented).size, documented.length, 'a route is documented twice');
  });
});

describe('every documented request example passes the route’s own validation', () => {
  test('each operation that validates input has an example', () => {
    const without = API_OPERATIONS.filter(
      (operation) => (operation.body?.schema || operation.query || operation.params) && !operation.example,
    );
    assert.deepEqual(
      without.map((operation) => key(operation.method, operation.path)),
      [],
    );
  });

  for (const operation of API_OPERATIONS.filter((candidate) => candidate.example)) {
    test(key(operation.method, operation.path), () => {
      const example = operation.example!;
      for (const [name, schema] of Object.entries(operation.params ?? {})) {
        const parsed = schema.safeParse(example.params?.[name]);
        assert.ok(parsed.success, `path ${name}: ${JSON.stringify(parsed.error?.issues)}`);
      }
      if (operation.query) {
        const parsed = operation.query.safeParse(example.query ?? {});
        assert.ok(parsed.success, `query: ${JSON.stringify(parsed.error?.issues)}`);
      }
      if (operation.body?.schema) {
        const parsed = operation.body.schema.safeParse(example.body ?? {});
        assert.ok(parsed.success, `body: ${JSON.stringify(parsed.error?.issues)}`);
      }
    });
  }
});

describe('the document has the OpenAPI 3.1 shape', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);

  test('version, info, tags and paths', () => {
    assert.match(document.openapi, /^3\.1\.\d+$/);
    assert.equal(typeof document.info.title, 'string');
    assert.equal(typeof document.info.version, 'string');
    assert.ok(Object.keys(document.paths).length > 0);
    const tagNames = document.tags.map((tag) => tag.name);
    for (const [path, item] of Object.entries(document.paths)) {
      assert.match(path, /^\/[^:]*$/, `${path} is not an OpenAPI path template`);
      for (const [method, operation] of operationsOf(item)) {
        assert.ok(
          Object.keys(operation.responses as object).length > 0,
          `${method} ${path} has no responses`,
        );
        for (const tag of operation.tags as string[]) assert.ok(tagNames.includes(tag), tag);
      }
    }
  });

  test('operation IDs are unique and every path template names a required path parameter', () => {
    const ids = Object.values(document.paths).flatMap((item) =>
      operationsOf(item).map(([, operation]) => operation.operationId),
    );
    assert.equal(new Set(ids).size, ids.length);
    for (const [path, item] of Object.entries(document.paths)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort();
      for (const [method, operation] of operationsOf(item)) {
        const inPath = ((operation.parameters ?? []) as JsonSchema[]).filter((p) => p.in === 'path');
        assert.deepEqual(inPath.map((p) => p.name).sort(), templated, `${method} ${path}`);
        assert.ok(
          inPath.every((p) => p.required === true),
          `${method} ${path}`,
        );
      }
    }
  });

  test('every schema is valid JSON Schema 2020-12 and every example matches its schema', () => {
    const components = { components: document.components };
    for (const operation of API_OPERATIONS) {
      const item = document.paths[openApiPath(operation.path)]![operation.method]!;
      const body = item.requestBody as { content: Record<string, JsonSchema> } | undefined;
      for (const media of Object.values(body?.content ?? {})) {
        const validate = ajv.compile(media.schema as JsonSchema);
        if (media.example !== undefined && operation.body?.content !== 'form') {
          assert.ok(
            validate(media.example),
            `${key(operation.method, operation.path)}: ${ajv.errorsText(validate.errors)}`,
          );
        }
      }
      for (const parameter of (item.parameters ?? []) as JsonSchema[]) {
        const validate = ajv.compile(parameter.schema as JsonSchema);
        if (parameter.example !== undefined) assert.ok(validate(parameter.example), `${parameter.name}`);
      }
    }
    assert.ok(ajv.validateSchema({ ...components.components.schemas.ProblemDetails }));
  });

  test('the problem-details schema describes what the service writes', () => {
    const written = problemDetails(400, 'validation_failed', 'The request body is not valid.', {
      errors: [{ field: 'lines.0.quantity', message: 'must be at least 1' }],
      deadLetterId: 7,
    });
    assert.ok(problemDetailsSchema.safeParse(written).success);
    const validate = ajv.compile(document.components.schemas.ProblemDetails!);
    assert.ok(validate(written), ajv.errorsText(validate.errors));
    assert.ok(!validate({ status: 400 }), 'a body without code and detail is not problem details');
  });
});

describe('GET /openapi.json and GET /docs', () => {
  test('are served anonymously; the page lists every operation and loads nothing from elsewhere', async () => {
    const server = appWithEveryRoute().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const json = await fetch(`${base}/openapi.json`);
      assert.equal(json.status, 200);
      assert.deepEqual(await json.json(), JSON.parse(JSON.stringify(document)));
      const page = await fetch(`${base}/docs`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      const html = await page.text();
      assert.equal(html, renderDocsPage(document));
      assert.doesNotMatch(html, /<script|<link|src=|https?:\/\//i);
      for (const item of Object.values(document.paths)) {
        for (const [, operation] of operationsOf(item)) {
          assert.ok(html.includes(`id="${String(operation.operationId)}"`), String(operation.operationId));
        }
      }
    } finally {
      server.close();
    }
  });
});
