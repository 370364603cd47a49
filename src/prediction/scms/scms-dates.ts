const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Two-digit years in the dataset are all this century; four-digit ones are kept as they are. */
function fullYear(text: string): number {
  const year = Number(text);
  return text.length <= 2 ? 2000 + year : year;
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

/**
 * A date as the SCMS export writes it, `2-Jun-06` or `11/13/06` (month first), or ISO `2006-06-02`,
 * to `YYYY-MM-DD`. Anything else (`Date Not Captured`, `N/A - From RDC`, an impossible day) is null.
 */
export function parseScmsDate(text: string): string | null {
  const value = text.trim();
  let match = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})$/.exec(value);
  if (match) {
    const month = MONTHS[match[2]!.toLowerCase()];
    return month ? isoDate(fullYear(match[3]!), month, Number(match[1])) : null;
  }
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(value);
  if (match) return isoDate(fullYear(match[3]!), Number(match[1]), Number(match[2]));
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return null;
}

/** A plain number such as `358` or `4521.5`; text like `Weight Captured Separately` is null. */
export function parseScmsNumber(text: string): number | null {
  const value = text.trim().replaceAll(',', '');
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : null;
}
