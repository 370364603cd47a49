import { dateTimeFormat } from '../../domain/intl-formats';

/**
 * Quiet hours in the customer's own time zone. Pure and free of Node APIs: the notification
 * workflow calls it with workflow time to decide how long an SMS waits.
 */
export interface QuietHours {
  /** Local wall-clock time "HH:MM" when quiet starts (inclusive). */
  start: string;
  /** Local wall-clock time "HH:MM" when quiet ends (exclusive). */
  end: string;
  timeZone: string;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isValidClockTime(value: string): boolean {
  return HH_MM.test(value);
}

function minutesOf(clock: string): number {
  const match = HH_MM.exec(clock);
  if (!match) throw new Error(`"${clock}" is not a time of day as HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes since local midnight of the instant in the given zone. */
export function localMinuteOfDay(instant: Date, timeZone: string): number {
  const parts = dateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? '0');
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? '0');
  return hour * 60 + minute;
}

export function isWithinQuietHours(instant: Date, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const now = localMinuteOfDay(instant, quiet.timeZone);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * The earliest instant at or after `instant` that is outside quiet hours: `instant` itself when it is
 * already allowed. Offsets come from the time-zone database, so a DST change inside the window
 * moves the result with the local clock.
 */
export function quietHoursEnd(instant: Date, quiet: QuietHours): Date {
  if (!isWithinQuietHours(instant, quiet)) return instant;
  const day = 24 * 60;
  const end = minutesOf(quiet.end);
  const now = localMinuteOfDay(instant, quiet.timeZone);
  const minutesAhead = (end - now + day) % day;
  let candidate = new Date(Math.floor(instant.getTime() / 60_000) * 60_000 + minutesAhead * 60_000);
  // A DST change in between shifts the local clock at the candidate; take the drift back out.
  const drift = ((localMinuteOfDay(candidate, quiet.timeZone) - end + day + day / 2) % day) - day / 2;
  candidate = new Date(candidate.getTime() - drift * 60_000);
  // The end time may not exist that day (skipped by DST): the first allowed minute after it.
  for (let step = 0; step < 180 && isWithinQuietHours(candidate, quiet); step += 1) {
    candidate = new Date(candidate.getTime() + 60_000);
  }
  return candidate;
}
