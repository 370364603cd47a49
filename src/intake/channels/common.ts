import { z } from 'zod';
import type { ServiceLevel } from '../../domain/order';
import { toMinorUnits } from '../money';
import { fieldProblemsFrom } from '../../validation/field-problems';
import { problem, type AdapterResult } from '../types';

export type Headers = Record<string, string | undefined>;

/** Money as channels send it: "19.90" or 19.9. */
export const amountSchema = z.union([z.string(), z.number()]);
export const optionalText = z.string().nullish();

/**
 * Reads a channel payload with its schema; what does not fit is named under `root`, the part of the
 * delivery it came from ("body", "order", "orderItems").
 */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown, root: string): AdapterResult<T> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: fieldProblemsFrom(parsed.error, { prefix: `${root}.`, whole: root }) };
}

/** The order's amount in minor units, NaN when it is not a decimal amount (the profile then names it). */
export function minorOrNaN(amount: unknown, currency: string): number {
  return toMinorUnits(amount, currency) ?? Number.NaN;
}

/** A per-unit price from a price for the whole quantity. */
export function unitPriceOf(lineTotalMinor: number, quantity: number): number {
  return quantity > 0 ? Math.round(lineTotalMinor / quantity) : Number.NaN;
}

/** Parses a body as JSON, or names why it is not. */
export function parseJson(rawBody: Buffer): AdapterResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(rawBody.toString('utf8')) as unknown };
  } catch (error) {
    return { ok: false, problems: [problem('body', `is not valid JSON: ${(error as Error).message}`)] };
  }
}

/** Service level from a carrier or shipping-method label ("UPS Next Day Air", "Express"). */
export function serviceLevelFromLabel(label: string | null | undefined): ServiceLevel {
  const text = (label ?? '').toLowerCase();
  if (/overnight|next ?day|same ?day|nextday|sameday/.test(text)) return 'overnight';
  if (/express|expedited|priority|second ?day|2 ?day/.test(text)) return 'express';
  if (/economy|free|saver|ground/.test(text)) return 'economy';
  return 'standard';
}

export function joinName(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => part.trim())
    .join(' ');
}

/** Best-effort read of a dotted path from an unknown JSON value, for dead-letter impact hints. */
export function peek(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function peekText(value: unknown, path: string): string | undefined {
  const found = peek(value, path);
  return typeof found === 'string' || typeof found === 'number' ? String(found) : undefined;
}

/**
 * A line's identity: its SKU, or, for products without one (channels do not require SKUs), one derived
 * from the channel's product and variant IDs, stable for the same product: "woo-812-815".
 */
export function lineSku(
  sku: string | null | undefined,
  prefix: string,
  ...ids: Array<string | number | null | undefined>
): string {
  const given = sku?.trim();
  if (given) return given;
  const parts = ids.map((id) => (id === null || id === undefined ? '' : String(id).trim()));
  const known = parts.filter((part) => part !== '' && part !== '0');
  return known.length > 0 ? [prefix, ...known].join('-') : '';
}
