import { dateTimeFormat } from './intl-formats';

/**
 * Whether `timeZone` is an IANA time zone this runtime knows (e.g. "America/New_York"). Every order
 * is checked at admission: the formatter the check builds is kept by the formatter cache, so a known
 * zone costs a lookup the next time.
 */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0) return false;
  try {
    dateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone itself when known, else UTC. */
export const knownTimeZoneOrUtc = (timeZone: string): string =>
  isKnownTimeZone(timeZone) ? timeZone : 'UTC';
