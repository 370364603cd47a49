import { numberFormat } from './intl-formats';

/** Decimal places of a currency's minor unit (JPY 0, USD 2, KWD 3), from the runtime's ISO 4217 data. */
export function currencyExponent(currency: string): number | undefined {
  try {
    return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return undefined;
  }
}

/** 59894 USD in en → "$598.94"; undefined for a currency the runtime does not know. */
export function formatMoney(minor: number, currency: string, locale = 'en'): string | undefined {
  const exponent = currencyExponent(currency);
  if (exponent === undefined || !Number.isFinite(minor)) return undefined;
  try {
    return numberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** exponent);
  } catch {
    return numberFormat('en', { style: 'currency', currency }).format(minor / 10 ** exponent);
  }
}
