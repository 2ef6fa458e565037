// Ekonomi → Ekonomiöversikt: the ledger's year at a glance (seed 002, Visma
// Ekonomiöversikt): key figures, sales and result by month as charts, the
// income statement and the balance sheet for a month with the year to date
// and the same period last year. Figures come from the reports API as exact
// decimal strings; nothing here does arithmetic on money.
import { get, co, ApiError } from '../api.js';
import { h, clear, append, spinner } from '../dom.js';
import { t, lang, langForCountry } from '../i18n.js';
import { state, can, companyKey, money, date, month as monthName } from '../state.js';

const COLUMN_KEYS = ['month', 'ytd', 'ly_month', 'ly_ytd', 'opening', 'change', 'closing', 'ly_closing'];
const FIGURES = ['net_sales', 'gross_margin', 'gross_margin_pct', 'year_result', 'cash_and_bank', 'current_ratio'];

// "45.23" (hundredths of a percent as a decimal string) → "45,23 %"
function percent(v) {
  if (v === null || v === undefined) return '–';
  const s = String(v);
  return `${lang() === 'en' ? s : s.replace('.', ',')}\u00a0%`;
}

function cellText(row, key) {
  const v = row.values ? row.values[key] : undefined;
  if (v === null || v === undefined) return '';
  return row.unit === 'percent' ? percent(v) : money(v);
}

// A line's label: the chart's own words (BAS or NS 4102) when the page speaks
// the company's language, else the dictionary's for the line's key; an
// account keeps its name from the chart.
function rowLabel(r) {
  if (r.kind === 'account') return `${r.account} ${r.label}`;
  if (lang() === langForCountry(state.company && state.company.country)) return r.label;
  const key = `report.line.${r.key}`;
  const s = t(key);
  return s === key ? r.label : s;
}

// A report (income statement, balance sheet) as a table: its rows with
// their kinds, one column per report column, headed by what the column is.
function reportTable(report, testid) {
  const cols = report.columns || [];
  const head = h('tr', {}, h('th', { text: '' }), cols.map((c) => {
    const name = COLUMN_KEYS.includes(c.key) ? t(`overview.col.${c.key}`) : c.label;
    // The report's own label says which months or which date ("jan–mar 2026", "Utgående 2026-03-31").
    return h('th', { class: 'num' }, h('span', { text: name }),
      c.label !== name ? [h('br'), h('small', { class: 'muted', text: c.label })] : null);
  }));
  const body = h('tbody', {}, (report.rows || []).map((r) => h('tr', { class: `rep-${r.kind}`, dataset: { key: r.key } },
    h('td', { class: 'rep-label', text: rowLabel(r) }),
    cols.map((c) => h('td', { class: 'num', dataset: { col: c.key }, text: r.kind === 'heading' ? '' : cellText(r, c.key) })))));
  const failed = (report.checks || []).filter((c) => !c.ok);
  return h('div', { class: 'table-wrap' },
    failed.map((c) => h('div', { class: 'notice notice-warn', role: 'alert', text: t('overview.check_failed', { label: c.label, difference: money(c.difference) }) })),
    h('table', { class: 'table report', 'data-testid': testid }, h('thead', {}, head), body),
    (report.notes || []).map((n) => h('p', { class: 'hint', text: n })));
}

export async function renderOverview(main, ctx) {
  if (!can('view the books')) {
    append(main, [h('div', { class: 'card error-card', role: 'alert', 'data-testid': 'overview-forbidden' },
      h('h1', { text: t('overview.title') }), h('p', { text: t('overview.forbidden') }))]);
    return;
  }
  const c = companyKey();
  const yearSelect = h('select', { 'data-testid': 'overview-year', 'aria-label': t('overview.year') });
  const monthSelect = h('select', { 'data-testid': 'overview-month', 'aria-label': t('overview.month') });
  const accounts = h('input', { type: 'checkbox', 'data-testid': 'overview-accounts' });
  const body = h('div', {}, spinner());
  append(main, [h('div', { class: 'page-head' },
    h('div', {}, h('h1', { text: t('overview.title') }), h('p', { class: 'lead', text: t('overview.lead') })),
    h('div', { class: 'head-actions' },
      h('label', { class: 'inline-label' }, t('overview.year'), ' ', yearSelect),
      h('label', { class: 'inline-label' }, t('overview.month'), ' ', monthSelect),
      h('label', { class: 'check' }, accounts, t('overview.show_accounts')))), body]);

  const fy = await get(co(c, '/fiscal-years'));
  if (!ctx.isCurrent()) return;
  const years = fy.fiscal_years || [];
  if (!years.length) {
    clear(body).append(h('div', { class: 'card empty', 'data-testid': 'overview-empty' },
      h('h2', { text: t('overview.empty_title') }),
      h('p', { text: fy.data_source === 'sie' ? t('overview.empty_sie') : t('overview.empty_dagbok') }),
      can('import SIE files') ? h('a', { href: '/installningar/import', 'data-link': '', class: 'button primary', text: t('overview.to_import') }) : null));
    main.dataset.loaded = 'overview';
    return;
  }
  for (const y of years) {
    yearSelect.append(h('option', { value: String(y.year), text: `${date(y.first_day)} – ${date(y.last_day)}` }));
  }
  yearSelect.value = String(years[0].year);
  let months = [];  // "YYYY-MM" of the chosen year
  let seq = 0;  // the latest draw wins

  async function loadYear() {
    delete main.dataset.loaded;
    const mine = ++seq;
    const year = yearSelect.value;
    const monthly = await get(co(c, `/reports/monthly?year=${year}`));
    if (!ctx.isCurrent() || mine !== seq) return;
    months = (monthly.rows || []).filter((r) => r.key.startsWith('month:')).map((r) => r.key.slice(6));
    clear(monthSelect);
    monthSelect.append(h('option', { value: '', text: t('overview.whole_year') }));
    for (const m of months) monthSelect.append(h('option', { value: m, text: monthName(m) }));
    // The month we are in (or the year's last month, for a year that has ended).
    const now = new Date().toISOString().slice(0, 7);
    const upto = months.filter((m) => m <= now);
    monthSelect.value = upto.length ? upto[upto.length - 1] : (months[0] || '');
    await draw(monthly);
  }

  async function draw(monthlyIn) {
    delete main.dataset.loaded;
    const mine = ++seq;
    const year = yearSelect.value;
    const month = monthSelect.value;
    const q = `?year=${encodeURIComponent(year)}${month ? `&month=${encodeURIComponent(month)}` : ''}`;
    const detail = accounts.checked ? '' : '&summary=1';
    clear(body).append(spinner());
    const [monthly, figures, income, balance] = await Promise.all([
      monthlyIn || get(co(c, `/reports/monthly?year=${year}`)),
      get(co(c, `/reports/key-figures${q}`)),
      get(co(c, `/reports/income-statement${q}${detail}`)),
      get(co(c, `/reports/balance-sheet${q}${detail}`)),
    ]);
    if (!ctx.isCurrent() || mine !== seq) return;
    clear(body);
    // Key figures: the year to date, and the same period last year.
    const hasLy = (figures.columns || []).some((col) => col.key === 'ly_ytd');
    const figureCards = FIGURES.map((key) => {
      const row = (figures.rows || []).find((r) => r.key === key);
      if (!row) return null;
      const label = t(`overview.figure.${key}`);
      return h('div', { class: 'figure', 'data-testid': `figure-${key}` },
        h('div', { class: 'figure-label', text: label === `overview.figure.${key}` ? row.label : label }),
        h('div', { class: 'figure-value', text: cellText(row, 'ytd') || '–' }),
        hasLy ? h('div', { class: 'figure-ly muted', text: t('overview.last_year', { value: cellText(row, 'ly_ytd') || '–' }) }) : null);
    });
    const chartUrl = (kind) => `/api/v1${co(c, `/reports/chart?kind=${kind}&year=${encodeURIComponent(year)}&lang=${lang()}`)}`;
    body.append(
      h('section', { class: 'card' },
        h('div', { class: 'card-head' }, h('h2', { text: t('overview.key_figures') }),
          h('span', { class: 'muted', text: (figures.columns || [])[0] ? t('overview.period', { period: figures.columns[0].label }) : '' })),
        h('div', { class: 'figures', 'data-testid': 'key-figures' }, figureCards)),
      h('div', { class: 'grid2' },
        h('section', { class: 'card chart-card' }, h('h2', { text: t('overview.chart_sales') }),
          h('img', { class: 'chart', src: chartUrl('sales'), alt: t('overview.chart_sales'), 'data-testid': 'chart-sales' })),
        h('section', { class: 'card chart-card' }, h('h2', { text: t('overview.chart_result') }),
          h('img', { class: 'chart', src: chartUrl('result'), alt: t('overview.chart_result'), 'data-testid': 'chart-result' }))),
      h('section', { class: 'card' }, h('h2', { text: t('overview.monthly') }), monthlyTable(monthly)),
      h('section', { class: 'card' }, h('h2', { text: t('overview.income_statement') }), reportTable(income, 'income-statement')),
      h('section', { class: 'card' }, h('h2', { text: t('overview.balance_sheet') }), reportTable(balance, 'balance-sheet')));
    main.dataset.year = year;
    main.dataset.month = month;
    main.dataset.loaded = 'overview';
  }

  function monthlyTable(report) {
    const cols = (report.columns || []).filter((col) => ['sales', 'ly_sales', 'result', 'ly_result', 'ytd_sales', 'ytd_result'].includes(col.key));
    return h('div', { class: 'table-wrap' }, h('table', { class: 'table report', 'data-testid': 'monthly' },
      h('thead', {}, h('tr', {}, h('th', { text: t('overview.month') }), cols.map((col) => h('th', { class: 'num', text: t(`overview.mcol.${col.key}`) })))),
      h('tbody', {}, (report.rows || []).map((r) => h('tr', { dataset: { key: r.key } },
        h('td', { text: r.key.startsWith('month:') ? monthName(r.key.slice(6)) : r.label }),
        cols.map((col) => h('td', { class: 'num', text: cellText(r, col.key) })))))));
  }

  const redraw = (fn) => async () => {
    try { await fn(); } catch (e) {
      if (!ctx.isCurrent()) return;
      clear(body).append(h('div', { class: 'notice notice-error', role: 'alert', text: e instanceof ApiError ? e.message : String(e) }));
      main.dataset.loaded = 'overview';
    }
  };
  yearSelect.addEventListener('change', redraw(loadYear));
  monthSelect.addEventListener('change', redraw(() => draw()));
  accounts.addEventListener('change', redraw(() => draw()));
  await loadYear();
}
