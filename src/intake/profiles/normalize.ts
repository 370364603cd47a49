import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import de from 'i18n-iso-countries/langs/de.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import es from 'i18n-iso-countries/langs/es.json';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

const NAME_LANGUAGES = ['en', 'de', 'fr', 'es'];
for (const locale of [en, de, fr, es]) countries.registerLocale(locale);

// Spellings storefronts commonly let through that are not in the ISO name lists.
const COUNTRY_ALIASES: Record<string, string> = {
  'u.s.': 'US',
  'u.s.a.': 'US',
  america: 'US',
  uk: 'GB',
  'u.k.': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'great britain': 'GB',
  holland: 'NL',
};

/** "Germany", "deutschland", "DEU", "276", "de" → "DE". Undefined when no country matches. */
export function toCountryCode(raw: string): string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const upper = text.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper) && countries.isValid(upper)) return countries.alpha3ToAlpha2(upper);
  if (/^\d{3}$/.test(upper) && countries.isValid(upper)) return countries.numericToAlpha2(upper);
  const alias = COUNTRY_ALIASES[text.toLowerCase()];
  if (alias) return alias;
  for (const language of NAME_LANGUAGES) {
    const code = countries.getAlpha2Code(text, language);
    if (code) return code;
  }
  return undefined;
}

/** A phone number in any common notation → E.164, using the address country for national numbers. */
export function toE164(raw: string, countryHint?: string): string | undefined {
  const hint = countryHint && /^[A-Z]{2}$/.test(countryHint) ? (countryHint as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(raw, hint);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** "en_US", "EN-us", "en-US" → "en-US"; "EN" → "en". Undefined when it is not a locale. */
export function toLocale(raw: string): string | undefined {
  const match = /^\s*([A-Za-z]{2})(?:[-_]([A-Za-z]{2}))?\s*$/.exec(raw);
  if (!match) return undefined;
  const [, language = '', region] = match;
  return region ? `${language.toLowerCase()}-${region.toUpperCase()}` : language.toLowerCase();
}
