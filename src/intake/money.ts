import { currencyExponent } from '../domain/money';

export { currencyExponent };

/**
 * "199.90" in USD → 19990. Parsed as text, never through a float, so no cent is lost. Amounts with
 * more decimals than the currency has are rounded half up. Undefined when it is not a decimal amount.
 */
export function toMinorUnits(amount: unknown, currency: string): number | undefined {
  const exponent = currencyExponent(currency.toUpperCase()) ?? 2;
  const text = typeof amount === 'number' ? (Number.isFinite(amount) ? amount.toFixed(6) : '') : amount;
  if (typeof text !== 'string') return undefined;
  const match = /^\s*(-)?(\d{1,15})(?:\.(\d{1,12}))?\s*$/.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  const padded = fraction.padEnd(exponent + 1, '0');
  let minor = Number(whole) * 10 ** exponent + Number(padded.slice(0, exponent) || '0');
  if (Number(padded[exponent] ?? '0') >= 5) minor += 1;
  return sign ? -minor : minor;
}
