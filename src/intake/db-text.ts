// PostgreSQL text cannot hold NUL, and jsonb rejects NUL and unpaired surrogate escapes; hostile
// payloads contain all three, and they must still be recorded rather than fail the request.
const LONE_SURROGATE_ESCAPE =
  /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2})|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/gi;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function dbText(value: string, max?: number): string;
export function dbText(value: string | null | undefined, max?: number): string | null;
export function dbText(value: string | null | undefined, max = 500): string | null {
  if (value === null || value === undefined) return null;
  return value.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATE, '\ufffd').slice(0, max);
}

export function dbJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\\u0000/g, '\\ufffd')
    .replace(LONE_SURROGATE_ESCAPE, '\\ufffd');
}

/** An ISO timestamp PostgreSQL accepts, or null: JavaScript's Date.parse accepts far more than timestamptz does. */
export function dbTimestamp(value: string | null | undefined): string | null {
  if (
    !value ||
    !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/.test(value.trim())
  )
    return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  const iso = new Date(time).toISOString();
  return /^\d{4}-/.test(iso) ? iso : null;
}
