import { randomBytes } from 'node:crypto';
import { operatorAuthFromEnv, type OperatorAuthSettings } from './operator-auth-config';

/**
 * `npm start`'s operator credentials: the environment's, with a bootstrap admin token generated for
 * this run when OPS_BOOTSTRAP_TOKEN is unset (printed in the ready banner, valid until the process stops).
 */
export function localOperatorAuth(env: NodeJS.ProcessEnv = process.env): {
  settings: OperatorAuthSettings;
  bootstrapToken: string;
  generated: boolean;
} {
  const settings = operatorAuthFromEnv(env);
  if (settings.bootstrapToken) return { settings, bootstrapToken: settings.bootstrapToken, generated: false };
  const bootstrapToken = `ops_${randomBytes(32).toString('base64url')}`;
  return { settings: { ...settings, bootstrapToken }, bootstrapToken, generated: true };
}
