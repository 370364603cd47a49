import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadNotificationConfig } from '../../../src/notifications/config';
import { startDemoProviders } from '../../../src/notifications/demo-providers';
import { DEMO_INTAKE_CONFIG } from '../../../src/intake/demo-config';
import {
  assertProductionSecrets,
  demoSecretsInUse,
  productionSecretProblems,
} from '../../../src/runtime/production-secrets';
import { DEMO_PAYLOAD_KEYS } from '../../../src/security/payload-keys';

const root = path.resolve(__dirname, '..', '..', '..');
const secret = () => randomBytes(24).toString('base64url');

/** What an operator sets before production: every required secret, none from the code. */
function productionEnv(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    TEMPORAL_PAYLOAD_KEYS: `2026-11:${randomBytes(32).toString('base64')}`,
    NOTIFY_UNSUBSCRIBE_SECRET: secret(),
    CUSTOMER_LINK_SECRET: secret(),
    CUSTOMER_SEARCH_ID_KEY: secret(),
    SENDGRID_API_KEY: `SG.${secret()}`,
    TWILIO_ACCOUNT_SID: `AC${randomBytes(16).toString('hex')}`,
    TWILIO_AUTH_TOKEN: secret(),
    FCM_ACCESS_TOKEN: secret(),
  };
}

describe('production secrets', () => {
  it('lets production start when every required secret is set and none is a demo value', () => {
    assert.deepEqual(productionSecretProblems(productionEnv()), []);
    assert.doesNotThrow(() => assertProductionSecrets(productionEnv()));
  });

  it('names every required secret that is missing', () => {
    const problems = productionSecretProblems({ NODE_ENV: 'production' });
    for (const variable of [
      'TEMPORAL_PAYLOAD_KEYS',
      'NOTIFY_UNSUBSCRIBE_SECRET',
      'CUSTOMER_LINK_KEYS or CUSTOMER_LINK_SECRET',
      'CUSTOMER_SEARCH_ID_KEY',
      'SENDGRID_API_KEY',
      'TWILIO_ACCOUNT_SID',
      'TWILIO_AUTH_TOKEN',
      'FCM_ACCESS_TOKEN',
    ])
      assert.ok(problems.includes(`${variable} is not set`), variable);
    assert.ok(
      !problems.some((problem) => problem.startsWith('FEDEX_WEBHOOK_SECRET')),
      'optional ones may be unset',
    );
  });

  it('refuses each demo value the code ships, naming the variable', () => {
    const demo: Record<string, string> = {
      TEMPORAL_PAYLOAD_KEYS: `${productionEnv().TEMPORAL_PAYLOAD_KEYS},${DEMO_PAYLOAD_KEYS}`,
      NOTIFY_UNSUBSCRIBE_SECRET: 'development-unsubscribe-secret',
      CUSTOMER_LINK_SECRET: 'development-customer-link-secret',
      CUSTOMER_SEARCH_ID_KEY: 'development-customer-search-id-key',
      SENDGRID_API_KEY: 'SG.demo-key',
      TWILIO_AUTH_TOKEN: 'demo-twilio-token',
      FEDEX_CLIENT_SECRET: 'sim-fedex-secret',
      FEDEX_WEBHOOK_SECRET: 'demo-fedex-security-token',
      UPS_WEBHOOK_CREDENTIAL: 'demo-ups-track-alert-credential',
      EASYPOST_WEBHOOK_SECRET: 'demo-easypost-secret',
      AFTERSHIP_WEBHOOK_SECRET: 'demo-aftership-secret',
      INTAKE_CONFIG_JSON: JSON.stringify(DEMO_INTAKE_CONFIG),
    };
    for (const [variable, value] of Object.entries(demo)) {
      const problems = productionSecretProblems({ ...productionEnv(), [variable]: value });
      assert.equal(problems.length, 1, `${variable}: ${problems.join('; ')}`);
      assert.match(problems[0]!, new RegExp(variable));
    }
  });

  it('knows every default the notification configuration falls back to, and the demo providers’ credentials', async () => {
    const defaults = loadNotificationConfig({});
    const env = {
      ...productionEnv(),
      NOTIFY_UNSUBSCRIBE_SECRET: defaults.unsubscribeSecret,
      SENDGRID_API_KEY: defaults.sendgrid.apiKey,
      TWILIO_ACCOUNT_SID: defaults.twilio.accountSid,
      TWILIO_AUTH_TOKEN: defaults.twilio.authToken,
      FCM_ACCESS_TOKEN: defaults.fcm.accessToken,
    };
    assert.equal(productionSecretProblems(env).length, 5);
    const demo = await startDemoProviders('http://127.0.0.1:1');
    try {
      const simulated = Object.fromEntries(
        ['SENDGRID_API_KEY', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'FCM_ACCESS_TOKEN'].map((name) => [
          name,
          demo.env[name]!,
        ]),
      );
      assert.equal(productionSecretProblems({ ...productionEnv(), ...simulated }).length, 4);
    } finally {
      await demo.close();
    }
  });

  it('outside production nothing is refused, and the demo secrets in use are listed', () => {
    assert.doesNotThrow(() => assertProductionSecrets({}));
    assert.doesNotThrow(() => assertProductionSecrets({ NODE_ENV: 'development' }));
    const inUse = demoSecretsInUse({ FEDEX_WEBHOOK_SECRET: 'demo-fedex-security-token' });
    assert.ok(inUse.includes('TEMPORAL_PAYLOAD_KEYS'));
    assert.ok(inUse.includes('FEDEX_WEBHOOK_SECRET'));
    assert.deepEqual(demoSecretsInUse(productionEnv()), []);
  });

  it('a process started with NODE_ENV=production and demo secrets exits 1, naming each one', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/worker/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        NOTIFY_UNSUBSCRIBE_SECRET: 'development-unsubscribe-secret',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /TEMPORAL_PAYLOAD_KEYS is not set/);
    assert.match(result.stderr, /NOTIFY_UNSUBSCRIBE_SECRET is a demo value/);
    assert.doesNotMatch(result.stderr, /development-unsubscribe-secret/);
  });
});
