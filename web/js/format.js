// Amounts and dates the local way, with integer and string arithmetic only
// (never JavaScript floats: 0.1 + 0.2 is not money).
//
// An amount from the API is either an integer count of öre/øre (a JS number
// that is an integer, or a BigInt) or a decimal string ("1234.5", "-12.00").
//
//   formatMoney("1234.50", "sv", "SEK") → "1 234,50 kr"
//   formatMoney(123450, "nb", "NOK")    → "kr 1 234,50"
//   formatMoney("-1234.5", "en", "SEK") → "-SEK 1,234.50"

const NBSP = '\u00a0';
const MINUS = '\u2212';

// → { negative, units: "1234" (digits), cents: "50" } or null when not an amount.
export function parseAmount(value) {
  if (typeof value === 'bigint') value = value.toString();
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return null;
    const neg = value < 0;
    const digits = String(Math.abs(value)).padStart(3, '0');
    return { negative: neg, units: digits.slice(0, -2).replace(/^0+(?=\d)/, ''), cents: digits.slice(-2) };
  }
  if (typeof value !== 'string') return null;
  const m = /^\s*([+-]?)(\d*)(?:[.,](\d*))?\s*$/.exec(value);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return null;
  let cents = (m[3] || '').padEnd(2, '0');
  if (cents.length > 2) {
    if (/[^0]/.test(cents.slice(2))) return null;  // öre are the smallest unit
    cents = cents.slice(0, 2);
  }
  const units = (m[2] || '0').replace(/^0+(?=\d)/, '');
  const negative = m[1] === '-' && (units !== '0' || cents !== '00');
  return { negative, units, cents };
}

function group(units, sep) {
  let out = '';
  for (let i = 0; i < units.length; i++) {
    if (i > 0 && (units.length - i) % 3 === 0) out += sep;
    out += units[i];
  }
  return out;
}

export function currencyOf(country) { return country === 'NO' ? 'NOK' : 'SEK'; }

export function formatMoney(value, lang, currency = 'SEK') {
  const a = parseAmount(value);
  if (!a) return value === null || value === undefined ? '' : String(value);
  if (lang === 'en') {
    return `${a.negative ? '-' : ''}${currency}${NBSP}${group(a.units, ',')}.${a.cents}`;
  }
  const num = `${a.negative ? MINUS : ''}${group(a.units, NBSP)},${a.cents}`;
  if (lang === 'nb') return `kr${NBSP}${num}`;
  return `${num}${NBSP}kr`;
}

// A plain number without currency (quantities, "12.000" → "12"), as a string.
export function formatDecimal(value, lang) {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(String(value ?? ''));
  if (!m) return String(value ?? '');
  const frac = (m[3] || '').replace(/0+$/, '');
  const sep = lang === 'en' ? '.' : ',';
  const neg = m[1] === '-' ? (lang === 'en' ? '-' : MINUS) : '';
  return `${neg}${group(m[2], lang === 'en' ? ',' : NBSP)}${frac ? sep + frac : ''}`;
}

// Parses what a person typed ("1 234,50", "1234.5", "-12") into a decimal
// string for the API ("1234.50"), or null.
export function parseTypedAmount(text) {
  const cleaned = String(text).replace(/[\s\u00a0]/g, '').replace(MINUS, '-').replace(/kr|sek|nok/gi, '');
  const a = parseAmount(cleaned);
  if (!a) return null;
  return `${a.negative ? '-' : ''}${a.units}.${a.cents}`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const MONTH_NAMES = {
  sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  nb: ['jan', 'feb', 'mar', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'des'],
  en: MONTHS_EN,
};

// "2026-05" → sv "maj 2026", nb "mai 2026", en "May 2026".
export function formatMonth(ym, lang) {
  const m = /^(\d{4})-(\d{2})$/.exec(String(ym ?? ''));
  if (!m) return String(ym ?? '');
  return `${(MONTH_NAMES[lang] || MONTH_NAMES.sv)[Number(m[2]) - 1]} ${m[1]}`;
}

// "2026-11-20" → sv "2026-11-20", nb "20.11.2026", en "20 Nov 2026".
export function formatDate(iso, lang) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso ?? ''));
  if (!m) return String(iso ?? '');
  if (lang === 'nb') return `${m[3]}.${m[2]}.${m[1]}`;
  if (lang === 'en') return `${Number(m[3])} ${MONTHS_EN[Number(m[2]) - 1]} ${m[1]}`;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

// An instant ("2026-11-20T09:30:00Z") in the company's time zone.
export function formatInstant(iso, lang, timeZone) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const locale = lang === 'nb' ? 'nb-NO' : lang === 'en' ? 'en-GB' : 'sv-SE';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone }).format(d);
  } catch {
    return d.toISOString();
  }
}
