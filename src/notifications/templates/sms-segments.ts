/**
 * SMS segment counting as carriers do it: GSM 03.38 7-bit text when every character is in the GSM
 * alphabet (extension characters take two septets), otherwise UCS-2 counted in UTF-16 code units.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegmentCount {
  encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

export function countSmsSegments(text: string): SmsSegmentCount {
  let septets = 0;
  for (const char of text) {
    if (basic.has(char)) septets += 1;
    else if (extension.has(char)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

export const MAX_SMS_SEGMENTS = 2;

/**
 * Cuts text to at most `maxSegments`, ending in an ellipsis, when templates meet unusually long
 * values (a very long carrier reason). Templates are tested to fit without this.
 */
export function fitSmsSegments(text: string, maxSegments = MAX_SMS_SEGMENTS): string {
  if (countSmsSegments(text).segments <= maxSegments) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && countSmsSegments(`${chars.join('')}…`).segments > maxSegments) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
