// What the app knows about who is logged in, shared by the pages.
import { lang } from './i18n.js';
import { currencyOf, formatMoney, formatDate, formatInstant, formatDecimal, formatMonth } from './format.js';

export const state = {
  user: null,        // { id, email, display_name, language }
  companies: [],     // memberships: company fields + role, import_right, allowed
  company: null,     // the chosen one
  unread: 0,
  notifications: [],
};

// Actions are the API's names (auth::action_name): "change the kontoplan", …
export function can(action) {
  return Boolean(state.company && (state.company.allowed || []).includes(action));
}

export const companyKey = () => (state.company ? state.company.slug || String(state.company.id) : '');
export const money = (v) => formatMoney(v, lang(), currencyOf(state.company && state.company.country));
export const date = (v) => formatDate(v, lang());
export const month = (v) => formatMonth(v, lang());
export const instant = (v) => formatInstant(v, lang(), state.company && state.company.timezone);
export const decimal = (v) => formatDecimal(v, lang());
