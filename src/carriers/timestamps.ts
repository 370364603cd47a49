/** Turns UPS's YYYYMMDD + HHMMSS (GMT) into an ISO instant; UPS sometimes drops the leading zero of the hour. */
export function upsGmtToIso(date: string | undefined, time: string | undefined): string | undefined {
  if (!date || !/^\d{8}$/.test(date.trim())) return undefined;
  const d = date.trim();
  const t = (time ?? '000000').trim().padStart(6, '0');
  if (!/^\d{6}$/.test(t)) return undefined;
  const iso = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}Z`;
  const instant = Date.parse(iso);
  return Number.isNaN(instant) ? undefined : new Date(instant).toISOString();
}

/** Local UPS date + time with the GMT offset ("-05:00" or "-05.00") into an ISO instant. */
export function upsLocalToIso(
  date: string | undefined,
  time: string | undefined,
  offset: string | undefined,
): string | undefined {
  const naive = upsGmtToIso(date, time);
  if (!naive) return undefined;
  const match = /^([+-])(\d{2})[:.](\d{2})$/.exec(offset?.trim() ?? '');
  if (!match) return naive;
  const withOffset = `${naive.slice(0, 19)}${match[1]}${match[2]}:${match[3]}`;
  const instant = Date.parse(withOffset);
  return Number.isNaN(instant) ? naive : new Date(instant).toISOString();
}

/** UPS YYYYMMDD date into ISO YYYY-MM-DD. */
export function upsDateToIsoDate(date: string | undefined): string | undefined {
  if (!date || !/^\d{8}$/.test(date.trim())) return undefined;
  const d = date.trim();
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

/** ISO date-time (any offset, or none, read as UTC) into a UTC ISO instant; undefined when unparseable. */
export function toIsoInstant(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const instant = Date.parse(hasZone || !trimmed.includes('T') ? trimmed : `${trimmed}Z`);
  return Number.isNaN(instant) ? undefined : new Date(instant).toISOString();
}
