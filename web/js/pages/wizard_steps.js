// The activation wizard's logic, without the page: which steps a kind's card
// asks for (from the card's `fields`: each setting's `step` and `choices`),
// what is sent for the other side's lists, the schedule as the API takes it,
// and what Inställningar may change once saved. Pure, so that node tests it
// (tests/browser/wizard_steps.test.mjs) and a new connector's card works
// without a change here.

// The steps that hold settings, in the wizard's order (connector.h SettingSpec::step).
export const SETTING_STEPS = ['credentials', 'company', 'accounts', 'options'];
// The lists the other side may offer (GET/POST …/choices/{list}).
export const CHOICE_LISTS = ['companies', 'departments', 'accounts', 'vat_codes', 'voucher_types'];
// The schedules the API takes (exports/schedule.h), after each close first.
export const SCHEDULES = ['after_close', 'daily', 'weekly', 'monthly'];
export const DEFAULT_AT = '05:00';

// The step a field belongs to: an unknown or empty step is "options".
export function stepOf(f) {
  return SETTING_STEPS.includes(f && f.step) ? f.step : 'options';
}

// The list a field is chosen from, or null (an unknown list is a free field).
export function choiceOf(f) {
  return f && CHOICE_LISTS.includes(f.choices) ? f.choices : null;
}

export function fieldsOf(fields, step) {
  return (fields || []).filter((f) => stepOf(f) === step);
}

// The wizard's steps for a card: the intro, "connect" for a kind that
// connects through the merchant's consent (the card's `oauth` is not null:
// OAuth 2, Fortnox and Visma), each settings step that has fields, the
// schedule and from-date, the summary, and "done".
export function wizardSteps(fields, oauth = null) {
  return ['intro', ...(oauth ? ['connect'] : []), ...SETTING_STEPS.filter((s) => fieldsOf(fields, s).length > 0),
    'schedule', 'summary', 'done'];
}

// Whether the card's kind holds working tokens (the connect step may go on).
export const oauthConnected = (card) => !!(card && card.oauth && card.oauth.connected && !card.oauth.reconnect);

// The step after `step` (null after the last).
export function nextStep(steps, step) {
  const i = steps.indexOf(step);
  return i >= 0 && i + 1 < steps.length ? steps[i + 1] : null;
}

export function previousStep(steps, step) {
  const i = steps.indexOf(step);
  return i > 0 ? steps[i - 1] : null;
}

// The distinct lists the fields of `step` are chosen from, in field order.
export function choiceListsOf(fields, step) {
  const out = [];
  for (const f of fieldsOf(fields, step)) {
    const c = choiceOf(f);
    if (c && !out.includes(c)) out.push(c);
  }
  return out;
}

// What the page sends with "Test integration" and with a list's request: the
// values entered so far (the credentials and what was chosen before), so
// that the other side's lists follow the credentials the merchant typed, not
// the saved ones. Only settings of the kind; empty values left out (an empty
// secret keeps the saved one).
export function settingsBody(fields, values) {
  const out = {};
  for (const f of fields || []) {
    const v = values[f.name];
    if (v === undefined || v === null || v === '') continue;
    out[f.name] = v;
  }
  return out;
}

// A step's fields that still need a value before "Next": a field chosen from
// a list, or a credential. Secrets already saved (`hasSecret`) may stay empty.
export function missingOf(fields, step, values, hasSecret = false) {
  return fieldsOf(fields, step).filter((f) => {
    const v = values[f.name];
    if (v !== undefined && v !== null && String(v).trim() !== '') return false;
    if (f.secret && hasSecret) return false;
    return step === 'credentials' || step === 'company' || choiceOf(f) !== null;
  }).map((f) => f.name);
}

// "daily 05:00", "weekly (Monday) 05:00", "after_close" (the card's
// `schedule`) → { kind, at }; null or unknown → after each close at 05:00.
export function parseSchedule(text) {
  const s = String(text || '');
  const kind = s.split(' ')[0];
  const m = /(\d{2}:\d{2})$/.exec(s);
  return { kind: SCHEDULES.includes(kind) ? kind : 'after_close', at: m ? m[1] : DEFAULT_AT };
}

// The schedule as the API takes it ({ schedule, at }); a time only where the
// schedule has one.
export function scheduleBody(kind, at) {
  const k = SCHEDULES.includes(kind) ? kind : 'after_close';
  return k === 'after_close' ? { schedule: k } : { schedule: k, at: /^\d{2}:\d{2}$/.test(at || '') ? at : DEFAULT_AT };
}

// Whether the schedule has a time of day.
export const hasTime = (kind) => kind !== 'after_close';

// The activation's body: the settings, the start date, the schedule, and the
// lock of the start date (a kind that freezes it locks it anyway).
export function activationBody(fields, values, { startDate, schedule, at, lock }) {
  return { ...settingsBody(fields, values), start_date: startDate, ...scheduleBody(schedule, at), lock_start_date: !!lock };
}

// Inställningar on a saved card: each field editable or read-only (a frozen
// setting once saved), and whether the start date may change (not when the
// card says it is locked or the kind freezes it once saved).
export function editableSettings(card) {
  const saved = card.settings || {};
  const active = card.state !== 'not_activated';
  return (card.fields || []).map((f) => ({
    field: f,
    readOnly: !!(f.frozen && active && (f.secret ? card.has_secret : saved[f.name] !== undefined && saved[f.name] !== null)),
  }));
}

export function startDateEditable(card) {
  if (card.state === 'not_activated') return true;
  return !card.from_date_locked && !card.start_date_frozen;
}

// The settings dialog's body: the changes only (a read-only field is never
// sent; an empty secret keeps the saved one), the start date when it changed
// and may, the schedule when it changed.
export function settingsChanges(card, values, { startDate, schedule, at }) {
  const out = {};
  const saved = card.settings || {};
  for (const { field: f, readOnly } of editableSettings(card)) {
    if (readOnly) continue;
    const v = values[f.name];
    if (v === undefined || v === null) continue;
    if (f.secret && v === '') continue;
    if (!f.secret && saved[f.name] === v) continue;
    out[f.name] = v;
  }
  if (startDate && startDate !== card.from_date && startDateEditable(card)) out.start_date = startDate;
  const was = parseSchedule(card.schedule);
  const now = scheduleBody(schedule, at);
  if (now.schedule !== was.kind || (hasTime(now.schedule) && now.at !== was.at)) Object.assign(out, now);
  return out;
}
