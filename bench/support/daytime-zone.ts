/**
 * A time zone where it is about noon now: benchmark customers are outside quiet hours, so their SMS
 * and push go out at once instead of waiting for the morning.
 */
export function daytimeZone(now = new Date()): string {
  let offset = (12 - now.getUTCHours() + 24) % 24;
  if (offset > 12) offset -= 24;
  // Etc/GMT-5 is UTC+5 (POSIX sign convention).
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
