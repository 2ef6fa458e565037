// Ekonomi → Redovisning: the kontoplan. One account field per item, grouped
// (payment methods, VAT rates, product groups, cost centers, other events),
// per department; items without an account are flagged; save sends only the
// changed fields and shows the API's error at the field it names.
import { get, put, post, co, ApiError } from '../api.js';
import { h, clear, append, spinner } from '../dom.js';
import { t } from '../i18n.js';
import { state, can, companyKey } from '../state.js';
import { updateNotifications } from '../bell.js';

const GROUPS = [
  { id: 'payment', members: ['payment'] },
  { id: 'vat', members: ['vat', 'vat_sales'] },
  { id: 'product_group', members: ['product_group'] },
  { id: 'cost_center', members: ['cost_center'], optional: true },
  { id: 'other', members: ['other'] },
];
const ACCOUNT = /^(\d{3,6}|-)$/;

export function itemLabel(row) {
  const known = (prefix, key) => {
    const s = t(`${prefix}.${key}`);
    return s === `${prefix}.${key}` ? key : s;
  };
  switch (row.group) {
    case 'payment': return known('pay', row.key);
    case 'vat': return t('kontoplan.vat_output', { rate: row.key });
    case 'vat_sales': return t('kontoplan.vat_sales', { rate: row.key });
    case 'product_group': {
      const at = row.key.lastIndexOf('@');
      return at > 0 ? `${row.key.slice(0, at)} (${row.key.slice(at + 1)} %)` : row.key;
    }
    case 'other': return known('other', row.key);
    default: return row.key;
  }
}

async function departments() {
  try {
    const zs = await get(co(companyKey(), '/zreports'));
    return [...new Set(zs.map((z) => z.department).filter(Boolean))].sort();
  } catch { return []; }
}

export async function renderKontoplan(main, ctx) {
  const editable = can('change the kontoplan');
  let department = '';
  const body = h('div', {});
  const deptSelect = h('select', { 'data-testid': 'department', id: 'kp-dept' });
  const head = h('div', { class: 'page-head' },
    h('div', {}, h('h1', { text: t('kontoplan.title') }), h('p', { class: 'lead', text: t('kontoplan.lead') })),
    h('div', { class: 'head-actions' }, h('label', { for: 'kp-dept', class: 'inline-label', text: t('kontoplan.department') }), deptSelect));
  append(main, [head, body]);
  const depts = await departments();
  append(deptSelect, [h('option', { value: '', text: t('kontoplan.all_departments') }),
    depts.map((d) => h('option', { value: d, text: d }))]);
  deptSelect.addEventListener('change', () => { department = deptSelect.value; load(); });

  async function load(flash) {
    clear(body).append(spinner());
    const q = department ? `?department=${encodeURIComponent(department)}` : '';
    const data = await get(co(companyKey(), `/mapping${q}`));
    if (!ctx.isCurrent()) return;
    clear(body);
    draw(data, flash);
  }

  function draw(data, flash) {
    const inputs = [];  // { row, input, error }
    const status = h('div', { class: 'form-status', role: 'status', 'data-testid': 'kontoplan-status' });
    if (flash) status.append(h('div', { class: 'notice notice-ok', text: flash }));
    const missing = data.rows.filter((r) => r.missing).length;
    const summary = missing
      ? h('div', { class: 'notice notice-warn', 'data-testid': 'kontoplan-missing' }, t('kontoplan.missing', { n: missing }))
      : h('div', { class: 'notice notice-ok', 'data-testid': 'kontoplan-complete' }, t('kontoplan.complete'));
    if (!editable) body.append(h('div', { class: 'notice notice-info', 'data-testid': 'readonly-note', text: t('kontoplan.readonly') }));
    body.append(summary, status);
    if (editable) body.append(presetBar());
    for (const g of GROUPS) {
      const rows = data.rows.filter((r) => g.members.includes(r.group));
      const gap = rows.filter((r) => r.missing).length;
      const details = h('details', { class: 'group', open: gap > 0, 'data-group': g.id },
        h('summary', {},
          h('span', { class: 'group-name', text: t(`group.${g.id}`) }),
          g.optional ? h('span', { class: 'tag', text: t('kontoplan.optional') }) : null,
          h('span', { class: 'group-count', text: t('kontoplan.items', { n: rows.length }) }),
          gap ? h('span', { class: 'tag tag-warn', text: t('kontoplan.group_missing', { n: gap }) }) : null));
      if (g.optional) details.append(h('p', { class: 'hint', text: t('kontoplan.cost_center_hint') }));
      if (!rows.length) details.append(h('p', { class: 'muted pad', text: t('kontoplan.no_items') }));
      else {
        const list = h('div', { class: 'rows' });
        for (const row of rows) {
          const id = `acc-${row.group}-${row.key}`.replace(/[^\w-]/g, '_');
          const input = h('input', { id, type: 'text', inputmode: 'numeric', value: row.account || '', class: 'account-input',
            disabled: !editable, 'aria-invalid': row.missing ? 'true' : 'false', placeholder: row.missing ? t('kontoplan.placeholder') : '',
            dataset: { group: row.group, key: row.key } });
          const error = h('p', { class: 'field-error', role: 'alert' });
          inputs.push({ row, input, error });
          list.append(h('div', { class: row.missing ? 'row missing' : 'row' },
            h('label', { for: id, class: 'row-label' }, itemLabel(row),
              row.missing ? h('span', { class: 'flag', text: t('kontoplan.no_account') }) : null),
            h('div', { class: 'row-input' }, input, error)));
        }
        details.append(list);
      }
      body.append(details);
    }
    if (editable) {
      const save = h('button', { type: 'button', class: 'button primary', text: t('kontoplan.save'), 'data-testid': 'kontoplan-save' });
      save.addEventListener('click', () => saveAll(inputs, status, save));
      body.append(h('div', { class: 'form-actions sticky' }, save));
    }
  }

  function presetBar() {
    const bar = h('div', { class: 'preset-bar' });
    get('/presets').then((presets) => {
      if (!ctx.isCurrent() || !presets.length) return;
      const country = state.company && state.company.country;
      const select = h('select', { id: 'kp-preset', 'data-testid': 'preset' },
        presets.map((p) => h('option', { value: p.name, text: `${p.name} (${p.country})`, selected: p.country === country })));
      const apply = h('button', { type: 'button', class: 'button', text: t('kontoplan.apply_preset'), 'data-testid': 'apply-preset' });
      apply.addEventListener('click', async () => {
        apply.disabled = true;
        try {
          const body = { preset: select.value };
          if (department) body.department = department;
          const r = await post(co(companyKey(), '/mapping/preset'), body);
          await load(t('kontoplan.preset_applied', { n: r.added_entries ?? 0, preset: select.value }));
          updateNotifications();
        } catch (e) {
          apply.disabled = false;
          bar.append(h('p', { class: 'form-error', role: 'alert', text: e.message }));
        }
      });
      append(bar, [h('label', { for: 'kp-preset', class: 'inline-label', text: t('kontoplan.preset') }), select, apply,
        h('span', { class: 'hint', text: t('kontoplan.preset_hint') })]);
    }).catch(() => {});
    return bar;
  }

  async function saveAll(inputs, status, save) {
    clear(status);
    const entries = [];
    const owners = [];
    let bad = 0;
    for (const f of inputs) {
      f.error.textContent = '';
      f.input.setAttribute('aria-invalid', 'false');
      const v = f.input.value.trim();
      if (v === (f.row.account || '')) continue;
      if (v === '') continue;  // the kontoplan is append-only: a field is not emptied
      if (!ACCOUNT.test(v)) {
        f.error.textContent = t('kontoplan.bad_account');
        f.input.setAttribute('aria-invalid', 'true');
        bad++;
        continue;
      }
      const e = { group: f.row.group, key: f.row.key, account: v };
      if (department) e.department = department;
      entries.push(e);
      owners.push(f);
    }
    if (bad) { status.append(h('div', { class: 'notice notice-error', text: t('kontoplan.fix_fields', { n: bad }) })); return; }
    if (!entries.length) { status.append(h('div', { class: 'notice notice-info', text: t('kontoplan.nothing_changed') })); return; }
    save.disabled = true;
    try {
      const r = await put(co(companyKey(), '/mapping'), { entries });
      const flash = t('kontoplan.saved', { n: entries.length }) +
        (r.vouchers_booked ? ' ' + t('kontoplan.booked', { n: r.vouchers_booked }) : '');
      await load(flash);
      updateNotifications();
    } catch (e) {
      save.disabled = false;
      const m = /entries\[(\d+)\]/.exec(e.message || '');
      if (m && owners[Number(m[1])]) {
        const f = owners[Number(m[1])];
        f.error.textContent = e.message.replace(/^entries\[\d+\]:\s*/, '');
        f.input.setAttribute('aria-invalid', 'true');
        f.input.closest('details').open = true;
        f.input.focus();
      }
      status.append(h('div', { class: 'notice notice-error', role: 'alert', text: e instanceof ApiError && e.status === 403 ? t('error.forbidden') : e.message }));
    }
  }

  await load();
}
