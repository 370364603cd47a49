import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parsePromiseConfig, type PromiseConfig } from '../domain/promise/promise-policy';

/**
 * The promise and stage-deadline configuration: ORDER_PROMISE_CONFIG_FILE (a JSON file) or
 * ORDER_PROMISE_CONFIG_JSON (the same JSON inline); neither set, the built-in defaults.
 */
export function loadPromiseConfig(env: NodeJS.ProcessEnv = process.env): PromiseConfig {
  const file = env.ORDER_PROMISE_CONFIG_FILE;
  const text = file ? readFileSync(file, 'utf8') : env.ORDER_PROMISE_CONFIG_JSON;
  const where = file ?? 'ORDER_PROMISE_CONFIG_JSON';
  let json: unknown = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch (error) {
    throw new Error(`Invalid promise configuration in ${where}: not JSON (${String(error)})`);
  }
  try {
    return parsePromiseConfig(json);
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    const problems = error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid promise configuration in ${where}:\n${problems}`);
  }
}

let processConfig: PromiseConfig | undefined;

/** This process's configuration, read once. */
export function processPromiseConfig(): PromiseConfig {
  processConfig ??= loadPromiseConfig();
  return processConfig;
}
