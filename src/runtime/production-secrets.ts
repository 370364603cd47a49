import { readFileSync } from 'node:fs';
import { DEMO_WEBHOOK_SECRETS } from '../carriers/config/demo';
import { DEMO_INTAKE_CONFIG } from '../intake/demo-config';
import { DEMO_CREDENTIALS } from '../notifications/demo-providers';
import { DEVELOPMENT_LINK_SECRET, customerLinkKeysFromEnv } from '../security/customer-link-keys';
import { DEVELOPMENT_CUSTOMER_SEARCH_KEY } from '../security/customer-search-id';
import { payloadKeysFromEnv } from '../security/payload-keys';
import { DEFAULT_SIMULATOR_CREDENTIALS } from '../simulators/carriers/carrier-simulator';

type Env = Record<string, string | undefined>;

/**
 * One secret an operator sets. With NODE_ENV=production every process refuses to start while a
 * required one is missing or any of them holds a value that ships with the code (a demo, simulator
 * or development default). Add a row for every new secret.
 */
export interface ProductionSecret {
  /** What the operator sets, as the refusal names it. */
  variable: string;
  /** Production does not run without it. */
  required: boolean;
  /** Values from the code: the local demo's, the simulators', the development defaults. */
  demoValues?: readonly string[];
  /** Whether it is set, when that is more than `variable` being non-empty. */
  isSet?: (env: Env) => boolean;
  /** Why the value set is a demo one, for secrets that are not one plain value. */
  demoReason?: (env: Env) => string | undefined;
}

/** Every string in a demo configuration object: the secrets it carries. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

function intakeConfigText(env: Env): string {
  if (env.INTAKE_CONFIG_JSON) return env.INTAKE_CONFIG_JSON;
  if (!env.INTAKE_CONFIG_FILE) return '';
  try {
    return readFileSync(env.INTAKE_CONFIG_FILE, 'utf8');
  } catch {
    return ''; // the intake configuration's own loader reports an unreadable file
  }
}

export const PRODUCTION_SECRETS: readonly ProductionSecret[] = [
  {
    variable: 'TEMPORAL_PAYLOAD_KEYS',
    required: true,
    demoReason: (env) => (payloadKeysFromEnv(env).demo ? 'lists the built-in demo key' : undefined),
  },
  {
    variable: 'NOTIFY_UNSUBSCRIBE_SECRET',
    required: true,
    demoValues: ['development-unsubscribe-secret', 'change-me-unsubscribe-secret'],
  },
  {
    variable: 'CUSTOMER_LINK_KEYS or CUSTOMER_LINK_SECRET',
    required: true,
    isSet: (env) => Boolean(env.CUSTOMER_LINK_KEYS?.trim() || env.CUSTOMER_LINK_SECRET),
    demoReason: (env) =>
      [...customerLinkKeysFromEnv(env).verifying.values()].includes(DEVELOPMENT_LINK_SECRET)
        ? 'holds the development secret'
        : undefined,
  },
  { variable: 'CUSTOMER_SEARCH_ID_KEY', required: true, demoValues: [DEVELOPMENT_CUSTOMER_SEARCH_KEY] },
  {
    variable: 'SENDGRID_API_KEY',
    required: true,
    demoValues: ['SG.development', DEMO_CREDENTIALS.SENDGRID_API_KEY],
  },
  {
    variable: 'TWILIO_ACCOUNT_SID',
    required: true,
    demoValues: ['ACdevelopment', DEMO_CREDENTIALS.TWILIO_ACCOUNT_SID],
  },
  {
    variable: 'TWILIO_AUTH_TOKEN',
    required: true,
    demoValues: ['development-auth-token', DEMO_CREDENTIALS.TWILIO_AUTH_TOKEN],
  },
  {
    variable: 'FCM_ACCESS_TOKEN',
    required: true,
    demoValues: ['development-token', DEMO_CREDENTIALS.FCM_ACCESS_TOKEN],
  },
  {
    variable: 'FEDEX_CLIENT_SECRET',
    required: false,
    demoValues: [DEFAULT_SIMULATOR_CREDENTIALS.fedex.clientSecret],
  },
  {
    variable: 'UPS_CLIENT_SECRET',
    required: false,
    demoValues: [DEFAULT_SIMULATOR_CREDENTIALS.ups.clientSecret],
  },
  {
    variable: 'FEDEX_WEBHOOK_SECRET',
    required: false,
    demoValues: [DEMO_WEBHOOK_SECRETS.fedex.securityToken],
  },
  { variable: 'UPS_WEBHOOK_CREDENTIAL', required: false, demoValues: [DEMO_WEBHOOK_SECRETS.ups.credential] },
  { variable: 'UPS_WEBHOOK_CLIENT_SECRET', required: false },
  {
    variable: 'EASYPOST_WEBHOOK_SECRET',
    required: false,
    demoValues: [DEMO_WEBHOOK_SECRETS.easypost.webhookSecret],
  },
  {
    variable: 'AFTERSHIP_WEBHOOK_SECRET',
    required: false,
    demoValues: [DEMO_WEBHOOK_SECRETS.aftership.webhookSecret],
  },
  {
    variable: 'INTAKE_CONFIG_JSON or INTAKE_CONFIG_FILE',
    required: false,
    isSet: (env) => Boolean(env.INTAKE_CONFIG_JSON || env.INTAKE_CONFIG_FILE),
    demoReason: (env) => {
      const text = intakeConfigText(env);
      return stringsIn(DEMO_INTAKE_CONFIG).some((secret) => text.includes(JSON.stringify(secret)))
        ? 'holds a secret of the demo channel accounts'
        : undefined;
    },
  },
  { variable: 'OPS_BOOTSTRAP_TOKEN', required: false },
];

const isSetIn = (secret: ProductionSecret, env: Env) =>
  secret.isSet ? secret.isSet(env) : Boolean(env[secret.variable]?.trim());

/** What is wrong with one secret for production, or undefined when nothing is. */
function problemOf(secret: ProductionSecret, env: Env): string | undefined {
  if (!isSetIn(secret, env)) return secret.required ? `${secret.variable} is not set` : undefined;
  const value = env[secret.variable];
  if (value !== undefined && secret.demoValues?.includes(value)) {
    return `${secret.variable} is a demo value that ships with the code`;
  }
  const reason = secret.demoReason?.(env);
  return reason ? `${secret.variable} ${reason}` : undefined;
}

/** Every secret that is missing or a demo value, each named; empty when production may start. */
export function productionSecretProblems(env: Env, table = PRODUCTION_SECRETS): string[] {
  return table.flatMap((secret) => problemOf(secret, env) ?? []);
}

/** The secrets running on demo values (or unset, so on the code's defaults): what the banner lists. */
export function demoSecretsInUse(env: Env, table = PRODUCTION_SECRETS): string[] {
  return table.filter((secret) => problemOf(secret, env) !== undefined).map((secret) => secret.variable);
}

/** With NODE_ENV=production, throws naming every missing or demo secret. */
export function assertProductionSecrets(env: Env = process.env): void {
  if (env.NODE_ENV !== 'production') return;
  const problems = productionSecretProblems(env);
  if (problems.length === 0) return;
  throw new Error(
    `NODE_ENV=production refuses to start with missing or demo secrets (see README "Before production"):\n` +
      problems.map((problem) => `  - ${problem}`).join('\n'),
  );
}
