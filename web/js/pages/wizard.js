// The activation wizard of any integration, drawn from its card: intro ("Låt
// oss börja"), then the steps its settings name (credentials with "Test
// integration", the company chosen from the other side's lists, the account
// setup, options), the schedule and from-date, a summary, save and activate.
// Which steps and what they send is wizard_steps.js; this draws them.
import { get, post, co } from '../api.js';
import { h, clear, append, spinner, modal, field } from '../dom.js';
import { t } from '../i18n.js';
import { companyKey, date } from '../state.js';
import {
  wizardSteps, oauthConnected, nextStep, previousStep, fieldsOf, choiceOf, choiceListsOf, settingsBody, missingOf, SCHEDULES,
  DEFAULT_AT, hasTime, activationBody, parseSchedule,
} from './wizard_steps.js';
import { itemLabel } from './kontoplan.js';

// A word if the dictionaries have it, else the fallback.
export const word = (key, fallback) => { const s = t(key); return s === key ? fallback : s; };
export const settingLabel = (f) => word(`wizard.${f.name}`, f.name);
export const valueLabel = (f, v) => word(`${f.name}.${v}`, v);
export const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
export const ipath = (kind, rest = '') => co(companyKey(), `/integrations/${encodeURIComponent(kind)}${rest}`);

export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// The other side's list `list`, read with `body` (the settings the page holds
// over the saved ones; null: the saved ones only).
export async function readChoices(kind, list, body) {
  const path = ipath(kind, `/choices/${encodeURIComponent(list)}`);
  const r = body ? await post(path, body) : await get(path);
  return (r && r.choices) || [];
}

// One setting's control: a select of the other side's list (with a refresh
// button), a select of fixed values, or an input; read-only when frozen.
// `load()` gives the list's choices. Returns { el, input, value(), refresh() }.
export function settingControl(c, f, current, { readOnly = false, load = null, onChange = null } = {}) {
  const testid = `wizard-${f.name}`;
  const list = choiceOf(f);
  let input;
  let refresh = async () => {};
  let row;
  if (list && load) {
    input = h('select', { 'data-testid': testid, disabled: readOnly });
    const status = h('span', { class: 'hint', role: 'status' });
    const again = h('button', { type: 'button', class: 'button small', text: t('wizard.refresh'), 'data-testid': `refresh-${f.name}`,
      disabled: readOnly, 'aria-label': `${t('wizard.refresh')}: ${settingLabel(f)}` });
    refresh = async () => {
      status.textContent = t('wizard.reading');
      again.disabled = true;
      try {
        const choices = await load(list);
        const keep = input.value || current;
        clear(input).append(h('option', { value: '', text: t('wizard.choose') }));
        for (const ch of choices) input.append(h('option', { value: ch.id, text: ch.name && ch.name !== ch.id ? `${ch.name} (${ch.id})` : ch.id }));
        if (keep && !choices.some((ch) => ch.id === keep)) input.append(h('option', { value: keep, text: keep }));
        input.value = keep || '';
        status.textContent = choices.length ? '' : t('wizard.no_choices');
      } catch (e) {
        status.textContent = e.message;  // the service's words, verbatim
        status.classList.add('form-error');
      }
      again.disabled = readOnly;
    };
    again.addEventListener('click', () => refresh());
    row = [again, status];
  } else if (f.values.length) {
    input = h('select', { 'data-testid': testid, disabled: readOnly },
      f.values.map((v) => h('option', { value: v, text: valueLabel(f, v), selected: v === (current || f.values[0]) })));
  } else {
    input = h('input', { type: f.secret ? 'password' : f.input, value: f.secret ? '' : (current ?? ''), disabled: readOnly,
      autocomplete: f.secret ? 'new-password' : (f.input === 'email' ? 'email' : 'off'), 'data-testid': testid });
  }
  if (onChange) { input.addEventListener('change', onChange); input.addEventListener('input', onChange); }
  const hint = readOnly ? t('wizard.frozen_hint') : word(`wizard.${f.name}_hint`, f.secret && c.has_secret ? t('integrations.secret_kept') : '');
  const el = field(settingLabel(f), input, hint ? { hint } : undefined);
  if (row) {
    // The select with its refresh button and what the service said, on one line.
    const line = h('div', { class: 'choice-row' });
    el.replaceChild(line, input);
    line.append(input, ...row);
  }
  // What the merchant read: the chosen entry's name for a list.
  const shown = () => (input.tagName === 'SELECT' && input.selectedOptions[0] && input.value ? input.selectedOptions[0].textContent : input.value.trim());
  return { el, input, f, refresh, value: () => input.value.trim(), shown };
}

// The values of controls, checked where the page can (an e-mail field holds addresses).
export function controlValues(controls) {
  const out = {};
  for (const { f, value } of controls) {
    const v = value();
    if (f.input === 'email' && v && !v.split(/[,;]/).every((a) => EMAIL.test(a.trim()))) throw new Error(t('wizard.bad_address'));
    out[f.name] = v;
  }
  return out;
}

// The schedule's and start date's controls (the wizard and Inställningar).
export function scheduleControls({ kind, at, startDate, startReadOnly, frozenWarning, offerLock }) {
  const sched = h('select', { 'data-testid': 'wizard-schedule' },
    SCHEDULES.map((s) => h('option', { value: s, text: t(`schedule.${s}`), selected: s === kind })));
  const time = h('input', { type: 'time', value: at || DEFAULT_AT, 'data-testid': 'wizard-at' });
  const timeField = field(t('wizard.at'), time);
  const showTime = () => { timeField.hidden = !hasTime(sched.value); };
  sched.addEventListener('change', showTime);
  showTime();
  const start = h('input', { type: 'date', value: startDate || today(), 'data-testid': 'wizard-start', disabled: startReadOnly });
  const lock = h('input', { type: 'checkbox', 'data-testid': 'wizard-lock' });
  const warn = h('div', { class: 'notice notice-warn', 'data-testid': 'wizard-start-frozen', text: t('wizard.start_frozen') });
  warn.hidden = !frozenWarning;
  lock.addEventListener('change', () => { warn.hidden = !(frozenWarning || lock.checked); });
  const els = [field(t('wizard.schedule'), sched, { hint: t('wizard.schedule_hint') }), timeField,
    field(t('wizard.start'), start, { hint: startReadOnly ? t('wizard.start_locked') : t('wizard.start_hint') })];
  if (offerLock) els.push(h('label', { class: 'check' }, lock, ' ', t('wizard.lock')));
  els.push(warn);
  return { els, sched, time, start, lock };
}

export async function openWizard(c) {
  const fields = c.fields || [];
  const steps = wizardSteps(fields, c.oauth);
  const values = {};
  const shownAs = {};  // what the merchant chose, as read (a list entry's name)
  const was = parseSchedule(c.schedule);
  const plan = { startDate: '', schedule: was.kind, at: was.at, lock: false };
  let tested = false;
  const done = await modal((close) => {
    const box = h('div', { class: 'wizard', 'data-testid': 'wizard', dataset: { steps: steps.join(' ') } });
    const progress = h('ol', { class: 'steps' }, steps.map((s) => h('li', { text: t(`wizard.step.${s}`), dataset: { step: s } })));
    const pane = h('div', { class: 'wizard-pane' });
    const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'wizard-error' });
    const actions = h('div', { class: 'dialog-actions' });
    append(box, [h('h2', { text: t('wizard.title', { name: c.title }) }), progress, pane, error, actions]);
    const load = (list) => readChoices(c.kind, list, settingsBody(fields, values));

    const show = (step) => {
      progress.querySelectorAll('li').forEach((li) => li.classList.toggle('current', li.dataset.step === step));
      box.dataset.step = step;
      clear(pane); clear(actions); error.textContent = '';
      const cancel = h('button', { type: 'button', class: 'button', text: t('common.cancel') });
      cancel.addEventListener('click', () => close(false));
      const back = previousStep(steps, step);
      const backButton = back && step !== 'done' && back !== 'intro' ? h('button', { type: 'button', class: 'button', text: t('wizard.back'), 'data-testid': 'wizard-back' }) : null;
      const next = (label, fn) => {
        const b = h('button', { type: 'button', class: 'button primary caps', text: label, 'data-testid': 'wizard-next' });
        b.addEventListener('click', async () => { b.disabled = true; try { await fn(); } catch (e) { error.textContent = e.message; b.disabled = false; } });
        return b;
      };
      let controls = [];
      const keep = () => {
        Object.assign(values, controlValues(controls));
        for (const x of controls) if (choiceOf(x.f)) shownAs[x.f.name] = x.shown();
      };
      if (backButton) backButton.addEventListener('click', () => { try { keep(); } catch { /* kept as typed */ } show(back); });
      const forward = (guard = null) => next(t('common.next'), async () => {
        keep();
        if (guard) guard();
        const missing = missingOf(fields, step, values, c.has_secret);
        if (missing.length) throw new Error(t('wizard.missing', { names: missing.map((n) => settingLabel(fields.find((f) => f.name === n))).join(', ') }));
        show(nextStep(steps, step));
      });

      if (step === 'intro') {
        append(pane, [h('p', { text: word(`int.${c.kind}.intro`, t('wizard.intro_generic', { name: c.title })) }), h('p', { class: 'hint', text: t('wizard.intro_hint') })]);
        append(actions, [cancel, next(t('wizard.start_button'), async () => show(nextStep(steps, step)))]);
      } else if (step === 'connect') {
        // Anslut: the browser goes to the provider and comes back to this page (the callback).
        const ok = oauthConnected(c);
        pane.append(h('div', { class: `notice ${ok ? 'notice-ok' : (c.oauth.reconnect ? 'notice-error' : 'notice-info')}`, 'data-testid': 'wizard-connect-state',
          text: ok ? t('wizard.connected', { name: c.title }) : (c.oauth.reconnect ? t('wizard.reconnect', { name: c.title }) : t('wizard.connect_lead', { name: c.title })) }));
        const go = next(t('wizard.connect', { name: c.title }), async () => {
          const r = await post(ipath(c.kind, '/connect'), {});
          window.location.assign(r.authorize_url);
        });
        go.dataset.testid = 'wizard-connect';
        if (ok) go.classList.remove('primary');
        pane.append(h('div', { class: 'test-row' }, go));
        append(actions, [cancel, ok ? forward() : null]);
      } else if (step === 'credentials' || step === 'company' || step === 'accounts' || step === 'options') {
        if (step !== 'options') pane.append(h('p', { class: 'hint', text: t(`wizard.${step}_lead`) }));
        controls = fieldsOf(fields, step).map((f) => settingControl(c, f, values[f.name], {
          load, onChange: step === 'credentials' ? () => { tested = false; } : null,
        }));
        append(pane, controls.map((x) => x.el));
        for (const x of controls) if (choiceOf(x.f)) x.refresh();
        if (step === 'credentials') {
          const result = h('div', { 'data-testid': 'wizard-test-result', role: 'status' });
          const tryIt = next(t('integrations.test'), async () => {
            keep();
            clear(result);
            try {
              await post(ipath(c.kind, '/test'), settingsBody(fields, values));
              tested = true;
              result.append(h('div', { class: 'notice notice-ok', text: t('wizard.test_ok') }));
            } catch (e) {
              tested = false;
              result.append(h('div', { class: 'notice notice-error', role: 'alert', text: e.message }));
            }
            tryIt.disabled = false;
          });
          tryIt.dataset.testid = 'wizard-test';
          tryIt.classList.remove('primary');
          pane.append(h('div', { class: 'test-row' }, tryIt, result));
          append(actions, [cancel, backButton, forward(() => { if (!tested) throw new Error(t('wizard.test_first')); })]);
        } else {
          if (step === 'accounts') pane.append(kontoplanPane(c, fields, load, close));
          append(actions, [cancel, backButton, forward()]);
        }
        if (controls.length && !choiceOf(controls[0].f)) controls[0].input.focus();
      } else if (step === 'schedule') {
        const s = scheduleControls({ kind: plan.schedule, at: plan.at, startDate: plan.startDate, startReadOnly: false,
          frozenWarning: !!c.start_date_frozen, offerLock: !c.start_date_frozen });
        s.lock.checked = plan.lock;
        s.lock.dispatchEvent(new Event('change'));
        append(pane, s.els);
        const save = () => { plan.schedule = s.sched.value; plan.at = s.time.value || DEFAULT_AT; plan.startDate = s.start.value; plan.lock = s.lock.checked; };
        if (backButton) backButton.addEventListener('click', save, { capture: true });
        append(actions, [cancel, backButton, next(t('common.next'), async () => {
          save();
          if (!plan.startDate) throw new Error(t('wizard.bad_start'));
          show('summary');
        })]);
      } else if (step === 'summary') {
        const shown = (f) => {
          const v = values[f.name];
          if (f.secret) return v ? '••••••' : (c.has_secret ? t('wizard.kept') : '');
          if (choiceOf(f) && v) return shownAs[f.name] || v;
          return f.values.length && v ? valueLabel(f, v) : (v || '—');
        };
        const locked = c.start_date_frozen || plan.lock;
        pane.append(h('dl', { class: 'kv', 'data-testid': 'wizard-summary' },
          fields.map((f) => [h('dt', { text: settingLabel(f) }), h('dd', { text: shown(f) })]),
          h('dt', { text: t('wizard.schedule') }),
          h('dd', { text: hasTime(plan.schedule) ? t('wizard.schedule_at', { schedule: t(`schedule.${plan.schedule}`), at: plan.at }) : t(`schedule.${plan.schedule}`) }),
          h('dt', { text: t('wizard.start') }), h('dd', { text: date(plan.startDate) + (locked ? ` (${t('wizard.locked')})` : '') })));
        if (locked) pane.append(h('div', { class: 'notice notice-warn', text: t('wizard.start_frozen') }));
        const gaps = h('div', {}, spinner());
        pane.append(gaps);
        get(co(companyKey(), '/mapping')).then((m) => {
          clear(gaps);
          const missing = (m.rows || []).filter((r) => r.missing).length;
          gaps.append(missing
            ? h('div', { class: 'notice notice-warn', 'data-testid': 'wizard-gaps' }, t('wizard.gaps', { n: missing }), ' ',
              h('a', { href: '/ekonomi/redovisning', 'data-link': '', text: t('wizard.to_kontoplan'), on: { click: () => close(false) } }))
            : h('div', { class: 'notice notice-ok', text: t('wizard.mapping_ok') }));
        }).catch((e) => { clear(gaps); error.textContent = e.message; });
        append(actions, [cancel, backButton, next(t('wizard.save'), async () => {
          await post(ipath(c.kind, '/activate'), activationBody(fields, values, plan));
          show('done');
        })]);
      } else {
        append(pane, [h('div', { class: 'notice notice-ok', 'data-testid': 'wizard-done', text: t('wizard.done', { name: c.title }) })]);
        const ok = h('button', { type: 'button', class: 'button primary', text: 'OK', 'data-testid': 'wizard-ok' });
        ok.addEventListener('click', () => close(true));
        actions.append(ok);
      }
    };
    show('intro');
    return box;
  }, { label: t('wizard.title', { name: c.title }), wide: steps.includes('accounts') });
  return !!done;
}

// The account setup: the kontoplan per department (company-wide first) with
// each item's account, marked where the other side's chart (the "accounts"
// list, when the kind offers it) has no such account.
function kontoplanPane(c, fields, load, close) {
  const box = h('div', { 'data-testid': 'wizard-kontoplan' }, spinner());
  const offersAccounts = (c.fields || []).some((f) => choiceOf(f) === 'accounts') || choiceListsOf(fields, 'accounts').includes('accounts');
  Promise.all([get(co(companyKey(), '/mapping')), offersAccounts ? load('accounts').catch(() => null) : Promise.resolve(null)])
    .then(([m, remote]) => {
      clear(box);
      const known = remote ? new Set(remote.map((a) => a.id)) : null;
      const parts = [{ department: '', rows: m.rows || [] }, ...(m.departments || [])];
      parts.forEach((p, i) => {
        const missing = (p.rows || []).filter((r) => r.missing).length;
        box.append(h('details', { class: 'group', open: i === 0, dataset: { department: p.department } },
          h('summary', {}, h('span', { class: 'group-name', text: p.department ? t('wizard.department', { name: p.department }) : t('wizard.all_departments') }),
            missing ? h('span', { class: 'tag tag-error', text: t('wizard.gaps_short', { n: missing }) }) : null),
          h('table', { class: 'table small' },
          h('thead', {}, h('tr', {}, [t('wizard.item'), t('wizard.account')].map((x) => h('th', { text: x })))),
          h('tbody', {}, (p.rows || []).map((r) => {
            const gone = known && r.account && !known.has(r.account);
            return h('tr', { dataset: { missing: String(!!r.missing) } },
              h('td', { text: itemLabel(r) }),
              h('td', { class: r.missing || gone ? 'error-cell' : '', text: r.account ? (gone ? t('wizard.not_remote', { account: r.account }) : r.account) : t('wizard.no_account') }));
          })))));
      });
      box.append(h('p', { class: 'hint' }, t('wizard.mapping_hint'), ' ',
        h('a', { href: '/ekonomi/redovisning', 'data-link': '', text: t('wizard.to_kontoplan'), on: { click: () => close(false) } })));
    }).catch((e) => { clear(box).append(h('p', { class: 'form-error', text: e.message })); });
  return box;
}
