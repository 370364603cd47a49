/**
 * Calendar dates (YYYY-MM-DD) and business days, purely: weekends and a country's holidays are not
 * business days. Wall-clock conversions go through Intl, which the workflow sandbox also provides.
 */

import { dateTimeFormat } from '../intl-formats';

const DAY_MS = 24 * 3600 * 1000;

/** A calendar date as a UTC midnight, for day arithmetic only. */
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

export function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export interface BusinessCalendar {
  /** Dates (YYYY-MM-DD) no parcel is handed over or delivered. */
  holidays: ReadonlySet<string>;
}

export function isBusinessDay(date: string, calendar: BusinessCalendar): boolean {
  return !isWeekend(date) && !calendar.holidays.has(date);
}

/** The date itself when it is a business day, else the next one. */
export function nextBusinessDayFrom(date: string, calendar: BusinessCalendar): string {
  let day = date;
  while (!isBusinessDay(day, calendar)) day = addDays(day, 1);
  return day;
}

/** The business day `count` business days after `date` (count 0: the date itself). */
export function addBusinessDays(date: string, count: number, calendar: BusinessCalendar): string {
  let day = date;
  for (let left = count; left > 0;) {
    day = addDays(day, 1);
    if (isBusinessDay(day, calendar)) left -= 1;
  }
  return day;
}

export interface WallClock {
  date: string;
  /** HH:MM, 24-hour. */
  time: string;
}

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  return dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** The date and time an instant shows on a wall clock in the time zone. */
export function wallClockAt(instantMs: number, timeZone: string): WallClock {
  const parts = wallClockFormat(timeZone).formatToParts(instantMs);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '00';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** The instant a wall clock in the time zone shows `time` on `date` (DST gaps resolve forward). */
export function instantOfWallClock(date: string, time: string, timeZone: string): number {
  const asIfUtc = Date.parse(`${date}T${time}:00Z`);
  let guess = asIfUtc;
  for (let round = 0; round < 3; round += 1) {
    const shown = wallClockAt(guess, timeZone);
    const drift = Date.parse(`${shown.date}T${shown.time}:00Z`) - asIfUtc;
    if (drift === 0) break;
    guess -= drift;
  }
  return guess;
}
