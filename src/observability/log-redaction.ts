/** What a log line never shows: credentials and customers' personal data. */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'idToken',
  'bootstrapToken',
  'apiKey',
  'api_key',
  'password',
  'secret',
  'clientSecret',
  'client_secret',
  'webhookSecret',
  'authToken',
  'credential',
  'unsubscribeSecret',
  'signature',
];

const PERSONAL_FIELDS = [
  'email',
  'phone',
  'recipient',
  'fullName',
  'firstName',
  'lastName',
  'customerName',
  'line1',
  'line2',
  'street',
  'postalCode',
  'shippingAddress',
  'billingAddress',
];

/** `name` is too common a key (errors, processes) to hide everywhere: only where it is a person's. */
const PERSONAL_PATHS = ['customer.name', 'recipient.name', 'shippingAddress.name', 'billingAddress.name'];

/** Up to this many objects deep; deeper fields are not looked at (pino's redaction needs paths). */
const DEPTH = 4;

function atEveryDepth(path: string): string[] {
  return Array.from({ length: DEPTH }, (_, depth) => [...Array<string>(depth).fill('*'), path].join('.'));
}

const quoted = (field: string) => (/^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`);

/** Paths for pino's `redact`: every field above, at the top of a log object and nested in it. */
export const REDACTED_PATHS: string[] = [
  ...[...SECRET_FIELDS, ...PERSONAL_FIELDS].map(quoted).flatMap(atEveryDepth),
  ...PERSONAL_PATHS.flatMap((path) => atEveryDepth(path).slice(0, DEPTH - 1)),
];

export const REDACTED = '[redacted]';
