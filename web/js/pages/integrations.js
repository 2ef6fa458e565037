// Företag → Integrationer: one card per integration, Aktivera, the three-dot
// menu (Inställningar, Manuell export, Inaktivera), the activation wizard
// and the "Exportera bokföring" dialog.
import { get, post, put, co } from '../api.js';
import { h, clear, append, spinner, modal } from '../dom.js';
import { t } from '../i18n.js';
import { can, companyKey, date } from '../state.js';
import { updateNotifications } from '../bell.js';
import { openExportDialog } from './export_dialog.js';

import { openWizard, settingControl, controlValues, scheduleControls, readChoices, settingLabel, valueLabel, ipath } from './wizard.js';
import { editableSettings, startDateEditable, settingsChanges, settingsBody, parseSchedule, choiceOf, hasTime } from './wizard_steps.js';

function scheduleText(text) {
  const { kind, at } = parseSchedule(text);
  return hasTime(kind) ? t('wizard.schedule_at', { schedule: t(`schedule.${kind}`), at }) : t(`schedule.${kind}`);
}

export async function renderIntegrations(main, ctx) {
  const manage = can('change integrations');
  const exportButton = h('button', { type: 'button', class: 'button primary caps', text: t('export.button'), 'data-testid': 'export-button',
    disabled: !can('export SIE files') });
  exportButton.addEventListener('click', () => openExportDialog());
  const flash = h('div', { role: 'status', 'data-testid': 'integrations-status' });
  const grid = h('div', { class: 'cards' }, spinner());
  append(main, [h('div', { class: 'page-head' },
    h('div', {}, h('h1', { text: t('integrations.title') }), h('p', { class: 'lead', text: t('integrations.lead') })),
    h('div', { class: 'head-actions' }, exportButton)), flash, grid]);

  const say = (cls, text) => { clear(flash).append(h('div', { class: `notice ${cls}`, role: cls === 'notice-error' ? 'alert' : 'status', text })); };

  async function draw() {
    const cards = await get(co(companyKey(), '/integrations'));
    if (!ctx.isCurrent()) return;
    clear(grid);
    grid.append(sieCard());
    // The API lists the SIE export as a card of its own (kind "sie", always
    // there, nothing to activate); this page draws it with its own buttons.
    for (const c of cards) if (c.kind !== 'sie') grid.append(card(c));
  }

  function sieCard() {
    const b = h('button', { type: 'button', class: 'button', text: t('export.button_short'), disabled: !can('export SIE files') });
    b.addEventListener('click', () => openExportDialog());
    return h('article', { class: 'int-card', 'data-kind': 'sie' },
      h('div', { class: 'int-head' }, h('span', { class: 'int-logo', text: 'SIE' }), h('h2', { text: t('int.sie.title') })),
      h('p', { class: 'int-text', text: t('int.sie.text') }),
      h('div', { class: 'int-foot' }, h('span', { class: 'tag tag-ok', text: t('integrations.always') }), b));
  }

  function card(c) {
    const title = c.title;
    const foot = h('div', { class: 'int-foot' });
    const el = h('article', { class: `int-card state-${c.state}`, 'data-kind': c.kind, 'data-testid': `card-${c.kind}` },
      h('div', { class: 'int-head' }, h('span', { class: 'int-logo', text: title.slice(0, 2).toUpperCase() }), h('h2', { text: title })),
      h('p', { class: 'int-text', text: t(`int.${c.kind}.text`) }), foot);
    if (!c.built) {
      foot.append(h('span', { class: 'tag', text: t('integrations.not_built') }));
      el.insertBefore(h('p', { class: 'hint', text: t('integrations.not_built_text') }), foot);
      return el;
    }
    if (c.state === 'active') {
      foot.append(h('span', { class: 'tag tag-ok', text: t('integrations.active') }));
      const s = c.settings || {};
      el.insertBefore(h('dl', { class: 'kv small' },
        (c.fields || []).filter((f) => !f.secret && s[f.name]).map((f) => [h('dt', { text: settingLabel(f) }),
          h('dd', { text: f.values.length ? valueLabel(f, s[f.name]) : String(s[f.name]) })]),
        c.schedule ? [h('dt', { text: t('wizard.schedule') }), h('dd', { 'data-testid': `schedule-${c.kind}`, text: scheduleText(c.schedule) })] : null,
        c.from_date ? [h('dt', { text: t('wizard.start') }),
          h('dd', { 'data-testid': `start-${c.kind}`, text: date(c.from_date) + (c.from_date_locked ? ` (${t('wizard.locked')})` : '') })] : null), foot);
    } else {
      const activate = h('button', { type: 'button', class: 'button primary caps', text: t('integrations.activate'), disabled: !manage, 'data-testid': `activate-${c.kind}` });
      activate.addEventListener('click', () => wizard(c));
      append(foot, [c.state === 'inactive' ? h('span', { class: 'tag', text: t('integrations.inactive') }) : null, activate]);
    }
    if (manage && c.state !== 'not_activated') foot.append(menu(c));
    return el;
  }

  function menu(c) {
    const btn = h('button', { type: 'button', class: 'kebab', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-label': t('integrations.menu'), 'data-testid': `menu-${c.kind}` },
      h('span'), h('span'), h('span'));
    const list = h('div', { class: 'menu', role: 'menu', hidden: true });
    const item = (label, fn, testid, disabled = false) => {
      const b = h('button', { type: 'button', role: 'menuitem', text: label, 'data-testid': testid, disabled });
      b.addEventListener('click', () => { close(); fn(); });
      return b;
    };
    const close = () => { list.hidden = true; btn.setAttribute('aria-expanded', 'false'); };
    btn.addEventListener('click', (e) => {
      e.stopPropagation();
      const open = list.hidden;
      document.querySelectorAll('.menu').forEach((m) => { m.hidden = true; });
      list.hidden = !open;
      btn.setAttribute('aria-expanded', String(open));
      if (open) document.addEventListener('click', close, { once: true });
    });
    append(list, [
      item(t('integrations.settings'), () => settingsDialog(c), 'menu-settings'),
      item(t('integrations.test'), () => testIntegration(c), 'menu-test'),
      item(t('integrations.manual_export'), () => manualExport(c), 'menu-export', c.state !== 'active'),
      c.state === 'active' ? item(t('integrations.deactivate'), () => deactivate(c), 'menu-deactivate') : null,
    ]);
    return h('div', { class: 'menu-wrap' }, btn, list);
  }

  async function wizard(c) {
    if (await openWizard(c)) say('notice-ok', t('integrations.activated', { name: c.title }));
    await draw();
  }

  // Inställningar: what the kind lets the merchant change once saved (a frozen
  // setting read-only), the schedule, and the start date unless it is locked.
  async function settingsDialog(c) {
    const saved = await modal((close) => {
      const s = c.settings || {};
      let controls = [];
      const typed = () => { const out = {}; for (const x of controls) out[x.f.name] = x.value(); return out; };
      const load = (list) => readChoices(c.kind, list, settingsBody(c.fields || [], typed()));
      controls = editableSettings(c).map(({ field: f, readOnly }) => settingControl(c, f, s[f.name], { readOnly, load }));
      for (const x of controls) if (choiceOf(x.f)) x.refresh();
      const was = parseSchedule(c.schedule);
      const startReadOnly = !startDateEditable(c);
      const sc = scheduleControls({ kind: was.kind, at: was.at, startDate: c.from_date, startReadOnly, frozenWarning: false, offerLock: false });
      const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'settings-error' });
      const save = h('button', { type: 'button', class: 'button primary', text: t('common.save'), 'data-testid': 'settings-save' });
      const cancel = h('button', { type: 'button', class: 'button', text: t('common.cancel') });
      cancel.addEventListener('click', () => close(false));
      save.addEventListener('click', async () => {
        save.disabled = true;
        try {
          const body = settingsChanges(c, controlValues(controls), { startDate: sc.start.value, schedule: sc.sched.value, at: sc.time.value });
          if (Object.keys(body).length) await put(ipath(c.kind, '/settings'), body);
          close(true);
        } catch (e) { error.textContent = e.message; save.disabled = false; }
      });
      return h('div', { 'data-testid': 'settings-dialog' }, h('h2', { text: t('integrations.settings_title', { name: c.title }) }),
        controls.map((x) => x.el), sc.els,
        startReadOnly ? h('p', { class: 'hint', 'data-testid': 'settings-start-locked', text: t('integrations.from_date', { day: date(c.from_date) }) }) : null,
        error, h('div', { class: 'dialog-actions' }, cancel, save));
    }, { label: t('integrations.settings_title', { name: c.title }) });
    if (saved) { say('notice-ok', t('integrations.saved')); await draw(); }
  }

  // "Testa integrationen": the kind tries its settings and the other side; nothing is sent.
  async function testIntegration(c) {
    try {
      await post(ipath(c.kind, '/test'), {});
      say('notice-ok', t('integrations.test_ok', { name: c.title }));
    } catch (e) { say('notice-error', t('integrations.test_failed', { name: c.title, why: e.message })); }
  }

  async function manualExport(c) {
    const ok = await confirmDialog(t('integrations.manual_title'), t('integrations.manual_text', { name: c.title }), t('common.confirm'));
    if (!ok) return;
    try {
      const r = await post(ipath(c.kind, '/export'), {});
      const n = r && r.exports_due;
      say('notice-ok', n === 0 ? t('integrations.nothing_new') : t('integrations.exported', { n: n ?? '' }));
    } catch (e) { say('notice-error', e.message); }
    updateNotifications();
  }

  async function deactivate(c) {
    const ok = await confirmDialog(t('integrations.deactivate_title', { name: c.title }), t('integrations.deactivate_text'), t('integrations.deactivate'), 'danger');
    if (!ok) return;
    try {
      await post(ipath(c.kind, '/deactivate'), {});
      say('notice-ok', t('integrations.deactivated', { name: c.title }));
    } catch (e) { say('notice-error', e.message); }
    await draw();
  }

  await draw();
}

export function confirmDialog(title, text, confirmLabel, kind = 'primary') {
  return modal((close) => {
    const yes = h('button', { type: 'button', class: `button ${kind}`, text: confirmLabel, 'data-testid': 'confirm-yes' });
    const no = h('button', { type: 'button', class: 'button', text: t('common.cancel'), 'data-testid': 'confirm-no' });
    yes.addEventListener('click', () => close(true));
    no.addEventListener('click', () => close(false));
    return h('div', { role: 'alertdialog' }, h('h2', { text: title }), h('p', { text }), h('div', { class: 'dialog-actions' }, no, yes));
  });
}
