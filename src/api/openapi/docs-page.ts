import type { JsonSchema } from './json-schema';
import type { OpenApiDocument } from './document';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 2rem;color:#1d2330}
h2{border-bottom:2px solid #d8dde6;margin-top:2.5rem}
details{border:1px solid #d8dde6;border-radius:6px;margin:.5rem 0;padding:.25rem .75rem}
summary{cursor:pointer} code,pre{font:13px/1.4 ui-monospace,monospace}
pre{background:#f4f6f9;padding:.75rem;overflow:auto;max-height:28rem}
.method{display:inline-block;min-width:4rem;font-weight:700;text-transform:uppercase}
.get{color:#1565c0}.post{color:#2e7d32}.put,.patch{color:#ef6c00}.delete{color:#c62828}
.audience{color:#5f6b7a;font-size:.85em;margin-left:.5rem}
table{border-collapse:collapse}td,th{border:1px solid #d8dde6;padding:.2rem .5rem;text-align:left}`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function block(title: string, value: unknown): string {
  return `<h4>${title}</h4><pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

function parameterTable(parameters: JsonSchema[]): string {
  const rows = parameters.map(
    (parameter) =>
      `<tr><td><code>${escapeHtml(String(parameter.name))}</code></td><td>${escapeHtml(String(parameter.in))}</td>` +
      `<td>${parameter.required ? 'required' : 'optional'}</td>` +
      `<td><code>${escapeHtml(JSON.stringify(parameter.schema))}</code></td></tr>`,
  );
  return `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th></th><th>schema</th></tr>${rows.join('')}</table>`;
}

function requestSection(requestBody: JsonSchema | undefined): string {
  if (!requestBody) return '';
  const content = requestBody.content as Record<string, JsonSchema>;
  return Object.entries(content)
    .map(
      ([mediaType, media]) =>
        block(
          `Request body (${escapeHtml(mediaType)}${requestBody.required ? '' : ', optional'})`,
          media.schema,
        ) + (media.example !== undefined ? block('Example', media.example) : ''),
    )
    .join('');
}

function responseList(responses: Record<string, JsonSchema>): string {
  const items = Object.entries(responses).map(([status, response]) => {
    const types = Object.keys((response.content ?? {}) as object).join(', ');
    return `<li><b>${escapeHtml(status)}</b> ${escapeHtml(String(response.description))} <code>${escapeHtml(types)}</code></li>`;
  });
  return `<h4>Responses</h4><ul>${items.join('')}</ul>`;
}

function operationHtml(method: string, path: string, operation: JsonSchema): string {
  const parameters = (operation.parameters ?? []) as JsonSchema[];
  return (
    `<details id="${escapeHtml(String(operation.operationId))}"><summary><span class="method ${method}">${method}</span>` +
    `<code>${escapeHtml(path)}</code> — ${escapeHtml(String(operation.summary))}` +
    `<span class="audience">${escapeHtml(String(operation['x-audience']))}</span></summary>` +
    (operation.description ? `<p>${escapeHtml(String(operation.description))}</p>` : '') +
    (parameters.length > 0 ? parameterTable(parameters) : '') +
    requestSection(operation.requestBody as JsonSchema | undefined) +
    responseList(operation.responses as Record<string, JsonSchema>) +
    `</details>`
  );
}

/** A self-contained page of the document: operations grouped by tag, with schemas and examples. */
export function renderDocsPage(document: OpenApiDocument): string {
  const sections = document.tags.map(({ name }) => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => (item[method]?.tags as string[] | undefined)?.includes(name)).map((method) =>
        operationHtml(method, path, item[method]!),
      ),
    );
    return `<h2>${escapeHtml(name)}</h2>${operations.join('')}`;
  });
  const problem = block('ProblemDetails (every error)', document.components.schemas.ProblemDetails);
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(document.info.title)}</title>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head><body>` +
    `<h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>` +
    `<p>${escapeHtml(document.info.description)}</p><p>The machine-readable document: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escapeHtml(document.openapi)}).</p>` +
    problem +
    sections.join('') +
    `</body></html>`
  );
}
