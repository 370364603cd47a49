// Building an Intl formatter costs far more than formatting with one (a tenth to half a millisecond),
// and messages, deadlines and quiet hours format many times per order: each is built once per
// locale and options. Locales and zones come from callers' text, so the cache is bounded.
const MAX_FORMATTERS = 1_000;
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(
  key: string,
  build: () => T,
): T {
  const held = formatters.get(key);
  if (held) return held as T;
  const built = build();
  if (formatters.size >= MAX_FORMATTERS) formatters.clear();
  formatters.set(key, built);
  return built;
}

/** Throws as the constructor does for an unknown time zone or a bad option. */
export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached(
    `date\u0000${locale}\u0000${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(locale, options),
  );

/** Throws as the constructor does for an unknown currency. */
export const numberFormat = (locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat =>
  cached(
    `number\u0000${locale}\u0000${JSON.stringify(options)}`,
    () => new Intl.NumberFormat(locale, options),
  );

export const pluralRules = (locale: string): Intl.PluralRules =>
  cached(`plural\u0000${locale}`, () => new Intl.PluralRules(locale));
