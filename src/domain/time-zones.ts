// Building an Intl.DateTimeFormat to test a zone costs about half a millisecond, and every order is
// checked at admission: a zone found valid is remembered. Unknown ones are not (callers' text).
const knownZones = new Set<string>();

/** Whether `timeZone` is an IANA time zone this runtime knows (e.g. "America/New_York"). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (knownZones.has(timeZone)) return true;
  if (timeZone.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    return false;
  }
  knownZones.add(timeZone);
  return true;
}

/** The zone itself when known, else UTC. */
export const knownTimeZoneOrUtc = (timeZone: string): string =>
  isKnownTimeZone(timeZone) ? timeZone : 'UTC';
