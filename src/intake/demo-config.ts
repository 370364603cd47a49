import type { IntakeConfigInput } from './config';

/**
 * Channel accounts `npm start` accepts when no INTAKE_CONFIG_FILE / INTAKE_CONFIG_JSON is given, so
 * signed Shopify and WooCommerce webhooks can be tried locally (secrets are for the demo only).
 */
export const DEMO_INTAKE_CONFIG: IntakeConfigInput = {
  shopify: { 'demo-shop': { webhookSecret: 'demo-shopify-webhook-secret' } },
  woocommerce: { 'demo-store': { webhookSecret: 'demo-woocommerce-webhook-secret' } },
};
