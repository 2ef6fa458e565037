// The UI's words in Swedish, Norwegian (bokmål) and English: one dictionary
// per language with the same keys (tests/browser/i18n.test.mjs checks that).

import sv from './i18n/sv.js';
import nb from './i18n/nb.js';
import en from './i18n/en.js';

export const DICTIONARIES = { sv, nb, en };
export const LANGUAGES = [
  { code: 'sv', name: 'Svenska' },
  { code: 'nb', name: 'Norsk (bokmål)' },
  { code: 'en', name: 'English' },
];

let current = 'sv';

export function setLang(lang) {
  current = DICTIONARIES[lang] ? lang : 'sv';
  document.documentElement.lang = current === 'nb' ? 'nb' : current;
}
export function lang() { return current; }

// t('kontoplan.missing', { n: 3 }) → "3 konton saknas"
export function t(key, params) {
  let s = DICTIONARIES[current][key];
  if (s === undefined) s = DICTIONARIES.sv[key];
  if (s === undefined) return key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (params[k] === undefined ? m : String(params[k])));
  return s;
}

// The default language for a company's country.
export function langForCountry(country) { return country === 'NO' ? 'nb' : 'sv'; }
