// The wizard's step logic (web/js/pages/wizard_steps.js) in node, with cards
// shaped as GET …/integrations gives them: the e-mail card as the server
// describes it, and an accounting card as a connector with credentials,
// lists from the other side and account settings would describe it (no such
// kind is needed in the product for this).
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  wizardSteps, nextStep, previousStep, fieldsOf, stepOf, choiceListsOf, settingsBody, missingOf, parseSchedule,
  scheduleBody, activationBody, editableSettings, startDateEditable, settingsChanges,
} from '../../web/js/pages/wizard_steps.js';

const f = (name, more = {}) => ({ name, secret: false, frozen: false, values: [], input: 'text', choices: null, step: 'options', ...more });

const EMAIL = [f('address', { input: 'email' }), f('format', { values: ['sie4', 'csv', 'xlsx', 'pdf'] })];
const ACCOUNTING = [
  f('username', { step: 'credentials' }),
  f('password', { step: 'credentials', secret: true, input: 'password' }),
  f('identity', { step: 'company', choices: 'companies', frozen: true }),
  f('department', { step: 'company', choices: 'departments' }),
  f('voucher_type', { step: 'accounts', choices: 'voucher_types' }),
  f('vat_code', { step: 'accounts', choices: 'vat_codes' }),
  f('rounding_account', { step: 'accounts', choices: 'accounts' }),
  f('z_report', { values: ['on', 'off'] }),
];

test('the e-mail card: intro, its options, schedule, summary; no credentials, company or accounts step', () => {
  assert.deepEqual(wizardSteps(EMAIL), ['intro', 'options', 'schedule', 'summary', 'done']);
});

test('an accounting card walks every step its fields name, in the wizard order', () => {
  const shuffled = [ACCOUNTING[7], ACCOUNTING[4], ACCOUNTING[2], ACCOUNTING[0]];
  assert.deepEqual(wizardSteps(shuffled), ['intro', 'credentials', 'company', 'accounts', 'options', 'schedule', 'summary', 'done']);
  assert.deepEqual(wizardSteps(ACCOUNTING.slice(0, 4)), ['intro', 'credentials', 'company', 'schedule', 'summary', 'done']);
  assert.deepEqual(wizardSteps([]), ['intro', 'schedule', 'summary', 'done']);
  // A kind that connects through OAuth (the card's oauth) asks for consent first.
  assert.deepEqual(wizardSteps([], { connected: false, reconnect: false }), ['intro', 'connect', 'schedule', 'summary', 'done']);
});

test('an unknown or missing step is "options"', () => {
  assert.equal(stepOf(f('x', { step: 'weird' })), 'options');
  assert.equal(stepOf({ name: 'x' }), 'options');
  assert.deepEqual(fieldsOf([f('x', { step: undefined })], 'options').map((x) => x.name), ['x']);
});

test('next and previous follow the computed steps', () => {
  const steps = wizardSteps(EMAIL);
  assert.equal(nextStep(steps, 'intro'), 'options');
  assert.equal(nextStep(steps, 'done'), null);
  assert.equal(previousStep(steps, 'schedule'), 'options');
  assert.equal(previousStep(steps, 'intro'), null);
});

test('the lists a step reads from the other side, once each', () => {
  const dup = [...ACCOUNTING, f('other_department', { step: 'company', choices: 'departments' }), f('bad', { step: 'company', choices: 'nonsense' })];
  assert.deepEqual(choiceListsOf(dup, 'company'), ['companies', 'departments']);
  assert.deepEqual(choiceListsOf(ACCOUNTING, 'accounts'), ['voucher_types', 'vat_codes', 'accounts']);
  assert.deepEqual(choiceListsOf(EMAIL, 'options'), []);
});

test('the body of a list request carries the credentials typed, not empty ones, and nothing that is not a setting', () => {
  const body = settingsBody(ACCOUNTING, { username: 'kari', password: 'hemmelig', identity: '', stray: 'x' });
  assert.deepEqual(body, { username: 'kari', password: 'hemmelig' });
});

test('what still needs a value: credentials, the company step, and any list field', () => {
  assert.deepEqual(missingOf(ACCOUNTING, 'credentials', { username: 'kari' }), ['password']);
  assert.deepEqual(missingOf(ACCOUNTING, 'credentials', { username: 'kari' }, true), []);
  assert.deepEqual(missingOf(ACCOUNTING, 'company', { identity: '7' }), ['department']);
  assert.deepEqual(missingOf(ACCOUNTING, 'options', {}), []);
});

test('the schedule: read from the card, sent as the API takes it, 05:00 by default', () => {
  assert.deepEqual(parseSchedule(null), { kind: 'after_close', at: '05:00' });
  assert.deepEqual(parseSchedule('weekly (Monday) 06:30'), { kind: 'weekly', at: '06:30' });
  assert.deepEqual(parseSchedule('daily 05:00'), { kind: 'daily', at: '05:00' });
  assert.deepEqual(scheduleBody('after_close', '07:00'), { schedule: 'after_close' });
  assert.deepEqual(scheduleBody('monthly', ''), { schedule: 'monthly', at: '05:00' });
  assert.deepEqual(scheduleBody('bogus', '07:00'), { schedule: 'after_close' });
});

test('the activation body: settings, start date, schedule and lock', () => {
  const b = activationBody(EMAIL, { address: 'a@b.se', format: 'pdf' }, { startDate: '2026-11-01', schedule: 'daily', at: '04:15', lock: true });
  assert.deepEqual(b, { address: 'a@b.se', format: 'pdf', start_date: '2026-11-01', schedule: 'daily', at: '04:15', lock_start_date: true });
});

test('Inställningar: a frozen setting once saved is read-only and never sent; the start date only when it may change', () => {
  const card = {
    state: 'active', fields: ACCOUNTING, has_secret: true, from_date: '2026-11-01', from_date_locked: false,
    start_date_frozen: false, schedule: 'after_close', settings: { username: 'kari', identity: '7', department: '1', z_report: 'on' },
  };
  const ro = Object.fromEntries(editableSettings(card).map((e) => [e.field.name, e.readOnly]));
  assert.equal(ro.identity, true);
  assert.equal(ro.department, false);
  assert.equal(startDateEditable(card), true);
  const changes = settingsChanges(card, { identity: '8', department: '2', z_report: 'on', password: '' },
    { startDate: '2026-10-01', schedule: 'daily', at: '05:00' });
  assert.deepEqual(changes, { department: '2', start_date: '2026-10-01', schedule: 'daily', at: '05:00' });
  for (const locked of [{ from_date_locked: true }, { start_date_frozen: true }]) {
    const c = { ...card, ...locked };
    assert.equal(startDateEditable(c), false);
    assert.equal(settingsChanges(c, {}, { startDate: '2026-10-01', schedule: 'after_close' }).start_date, undefined);
  }
  assert.deepEqual(settingsChanges(card, {}, { startDate: '2026-11-01', schedule: 'after_close', at: '09:00' }), {});
});
