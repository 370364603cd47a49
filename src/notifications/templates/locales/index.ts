import type { LocaleCatalog } from './catalog';
import { de } from './de';
import { en } from './en';

export const CATALOGS: Readonly<Record<string, LocaleCatalog>> = { en, de };
export const FALLBACK_LOCALE = 'en';

/** The catalog for a customer locale such as "de-AT": exact, then language, then English. */
export function catalogFor(locale: string): LocaleCatalog {
  const normalized = locale.trim().toLowerCase().replace('_', '-');
  const language = normalized.split('-')[0] ?? '';
  return CATALOGS[normalized] ?? CATALOGS[language] ?? en;
}
