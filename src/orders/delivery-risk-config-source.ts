import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseDeliveryRiskConfig, type DeliveryRiskConfig } from '../domain/promise/delivery-risk-config';

/**
 * When orders count as at risk and whether the prediction chooses the service:
 * ORDER_DELIVERY_RISK_CONFIG_FILE (a JSON file) or ORDER_DELIVERY_RISK_CONFIG_JSON; neither, the defaults.
 */
export function loadDeliveryRiskConfig(env: NodeJS.ProcessEnv = process.env): DeliveryRiskConfig {
  const file = env.ORDER_DELIVERY_RISK_CONFIG_FILE;
  const text = file ? readFileSync(file, 'utf8') : env.ORDER_DELIVERY_RISK_CONFIG_JSON;
  const where = file ?? 'ORDER_DELIVERY_RISK_CONFIG_JSON';
  try {
    return parseDeliveryRiskConfig(text ? JSON.parse(text) : {});
  } catch (error) {
    const problems =
      error instanceof z.ZodError
        ? error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')
        : String(error);
    throw new Error(`Invalid delivery risk configuration in ${where}:\n${problems}`);
  }
}

let processConfig: DeliveryRiskConfig | undefined;

/** This process's configuration, read once. */
export function processDeliveryRiskConfig(): DeliveryRiskConfig {
  processConfig ??= loadDeliveryRiskConfig();
  return processConfig;
}
