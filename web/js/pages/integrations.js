// Företag → Integrationer: one card per integration, Aktivera, the three-dot
// menu (Inställningar, Manuell export, Inaktivera), the activation wizard
// and the "Exportera bokföring" dialog.
import { get, post, put, co } from '../api.js';
import { h, clear, append, spinner, modal, field } from '../dom.js';
import { t } from '../i18n.js';
import { can, companyKey, date } from '../state.js';
import { updateNotifications } from '../bell.js';
import { openExportDialog } from './export_dialog.js';

// A word if the dictionaries have it, else the fallback.
const word = (key, fallback) => { const s = t(key); return s === key ? fallback : s; };
// The label of a setting's field and of one of its fixed values.
const settingLabel = (f) => word(`wizard.${f.name}`, f.name);
const valueLabel = (f, v) => word(`${f.name}.${v}`, v);
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ipath = (kind, rest = '') => co(companyKey(), `/integrations/${encodeURIComponent(kind)}${rest}`);

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
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
        c.from_date ? [h('dt', { text: t('wizard.start') }), h('dd', { text: date(c.from_date) })] : null), foot);
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

  // One field per setting of the kind (the card's `fields`): a select for a
  // setting with fixed values, a password field for a secret (never filled
  // in again), else an input of the setting's type.
  function settingsFields(c, values) {
    const s = c.settings || {};
    return (c.fields || []).map((f) => {
      const current = values[f.name] ?? (f.secret ? '' : s[f.name] ?? '');
      const input = f.values.length
        ? h('select', { 'data-testid': `wizard-${f.name}` },
          f.values.map((v) => h('option', { value: v, text: valueLabel(f, v), selected: v === (current || f.values[0]) })))
        : h('input', { type: f.secret ? 'password' : f.input, value: current, autocomplete: f.secret ? 'new-password' : (f.input === 'email' ? 'email' : 'off'),
          'data-testid': `wizard-${f.name}`, disabled: f.frozen && c.state !== 'not_activated' && s[f.name] !== undefined });
      const hint = word(`wizard.${f.name}_hint`, f.secret && c.has_secret ? t('integrations.secret_kept') : '');
      return { f, input, hint };
    });
  }

  // The values of the fields, checked where the page can: an empty secret
  // keeps the saved one; an e-mail field holds addresses.
  function settingsValues(fields) {
    const out = {};
    for (const { f, input } of fields) {
      const v = input.value.trim();
      if (f.secret && !v) continue;
      if (f.input === 'email' && !v.split(/[,;]/).every((a) => EMAIL.test(a.trim()))) throw new Error(t('wizard.bad_address'));
      out[f.name] = v;
    }
    return out;
  }

  const settingsPane = (fields) => fields.map(({ f, input, hint }) => field(settingLabel(f), input, hint ? { hint } : undefined));

  async function wizard(c) {
    const values = {};  // the settings, by name
    let startDay = '';
    const done = await modal((close) => {
      const box = h('div', { class: 'wizard', 'data-testid': 'wizard' });
      const steps = ['intro', 'settings', 'start', 'mapping', 'done'];
      const progress = h('ol', { class: 'steps' }, steps.map((s) => h('li', { text: t(`wizard.step.${s}`), dataset: { step: s } })));
      const pane = h('div', { class: 'wizard-pane' });
      const error = h('p', { class: 'form-error', role: 'alert' });
      const actions = h('div', { class: 'dialog-actions' });
      append(box, [h('h2', { text: t('wizard.title', { name: c.title }) }), progress, pane, error, actions]);
      const show = (step) => {
        progress.querySelectorAll('li').forEach((li) => li.classList.toggle('current', li.dataset.step === step));
        clear(pane); clear(actions); error.textContent = '';
        const cancel = h('button', { type: 'button', class: 'button', text: t('common.cancel') });
        cancel.addEventListener('click', () => close(false));
        const next = (label, fn) => {
          const b = h('button', { type: 'button', class: 'button primary caps', text: label, 'data-testid': 'wizard-next' });
          b.addEventListener('click', async () => { b.disabled = true; try { await fn(); } catch (e) { error.textContent = e.message; b.disabled = false; } });
          return b;
        };
        if (step === 'intro') {
          append(pane, [h('p', { text: t(`int.${c.kind}.intro`) }), h('p', { class: 'hint', text: t('wizard.intro_hint') })]);
          append(actions, [cancel, next(t('wizard.start_button'), () => show('settings'))]);
        } else if (step === 'settings') {
          const fields = settingsFields(c, values);
          append(pane, settingsPane(fields));
          append(actions, [cancel, next(t('common.next'), async () => {
            Object.assign(values, settingsValues(fields));
            show('start');
          })]);
          if (fields.length) fields[0].input.focus();
        } else if (step === 'start') {
          const start = h('input', { type: 'date', value: startDay || today(), 'data-testid': 'wizard-start' });
          append(pane, [field(t('wizard.start'), start, { hint: t('wizard.start_hint') })]);
          append(actions, [cancel, next(t('common.next'), async () => {
            if (!start.value) throw new Error(t('wizard.bad_start'));
            startDay = start.value;
            show('mapping');
          })]);
        } else if (step === 'mapping') {
          pane.append(spinner());
          get(co(companyKey(), '/mapping')).then((m) => {
            clear(pane);
            const missing = (m.rows || []).filter((r) => r.missing).length;
            pane.append(missing
              ? h('div', { class: 'notice notice-warn', 'data-testid': 'wizard-gaps' }, t('wizard.gaps', { n: missing }), ' ',
                h('a', { href: '/ekonomi/redovisning', 'data-link': '', text: t('wizard.to_kontoplan'), on: { click: () => close(false) } }))
              : h('div', { class: 'notice notice-ok', text: t('wizard.mapping_ok') }));
            pane.append(h('p', { class: 'hint', text: t('wizard.mapping_hint') }));
          }).catch((e) => { clear(pane); error.textContent = e.message; });
          append(actions, [cancel, next(t('wizard.save'), async () => {
            await post(ipath(c.kind, '/activate'), { ...values, start_date: startDay });
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
    }, { label: t('wizard.title', { name: c.title }) });
    if (done) say('notice-ok', t('integrations.activated', { name: c.title }));
    await draw();
  }

  async function settingsDialog(c) {
    const saved = await modal((close) => {
      const fields = settingsFields(c, {});
      const error = h('p', { class: 'form-error', role: 'alert' });
      const save = h('button', { type: 'button', class: 'button primary', text: t('common.save'), 'data-testid': 'settings-save' });
      const cancel = h('button', { type: 'button', class: 'button', text: t('common.cancel') });
      cancel.addEventListener('click', () => close(false));
      save.addEventListener('click', async () => {
        save.disabled = true;
        try {
          await put(ipath(c.kind, '/settings'), settingsValues(fields));
          close(true);
        } catch (e) { error.textContent = e.message; save.disabled = false; }
      });
      return h('div', {}, h('h2', { text: t('integrations.settings_title', { name: c.title }) }),
        settingsPane(fields),
        c.from_date ? h('p', { class: 'hint', text: t('integrations.from_date', { day: date(c.from_date) }) }) : null,
        error, h('div', { class: 'dialog-actions' }, cancel, save));
    });
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
