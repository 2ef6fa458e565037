// Dagsavslut: the days still to close, closing one, the Z-reports, and one
// Z-report with its totals, its PDF and its voucher.
import { get, post, co, ApiError } from '../api.js';
import { h, clear, append, spinner } from '../dom.js';
import { t } from '../i18n.js';
import { can, companyKey, money, date, instant, decimal } from '../state.js';
import { updateNotifications } from '../bell.js';

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function closeDay(day) {
  return post(co(companyKey(), `/days/${day}/close`), {});
}

export async function renderDays(main, ctx) {
  const flash = h('div', { role: 'status', 'data-testid': 'days-status' });
  append(main, [h('div', { class: 'page-head' },
    h('div', {}, h('h1', { text: t('days.title') }), h('p', { class: 'lead', text: t('days.lead') }))), flash]);
  const openBox = h('section', { class: 'card' }, h('h2', { text: t('days.open_title') }), spinner());
  const listBox = h('section', { class: 'card' }, h('h2', { text: t('days.z_title') }), spinner());
  append(main, [openBox, listBox]);

  const doClose = async (day, button) => {
    clear(flash);
    if (button) button.disabled = true;
    try {
      const r = await closeDay(day);
      const n = (r.z_reports || []).length;
      flash.append(h('div', { class: r.blocked ? 'notice notice-warn' : 'notice notice-ok', 'data-testid': 'close-result' },
        t('days.closed', { day: date(day), n }),
        r.blocked ? ' ' + t('days.blocked', { n: r.blocked }) : ''));
      await draw();
      updateNotifications();
    } catch (e) {
      flash.append(h('div', { class: 'notice notice-error', role: 'alert', text: e.status === 403 ? t('error.forbidden') : e.message }));
      if (button) button.disabled = false;
    }
  };

  async function draw() {
    let days = null;
    try {
      const d = await get(co(companyKey(), '/days?open=1'));
      days = Array.isArray(d) ? d : d.days || [];
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
    }
    const zs = await get(co(companyKey(), '/zreports'));
    if (!ctx.isCurrent()) return;
    // Days to close
    clear(openBox).append(h('h2', { text: t('days.open_title') }));
    if (days) {
      const open = days.filter((d) => !d.closed);
      if (!open.length) openBox.append(h('p', { class: 'muted', text: t('days.none_open') }));
      else {
        const tbody = h('tbody');
        for (const d of open) {
          const b = h('button', { type: 'button', class: 'button primary small', text: t('days.close'), disabled: !can('close a day'), 'data-testid': `close-${d.date}` });
          b.addEventListener('click', () => doClose(d.date, b));
          tbody.append(h('tr', {},
            h('td', { text: date(d.date) }),
            h('td', { class: 'num', text: String(d.receipts ?? d.receipt_count ?? '') }),
            h('td', { class: 'num', text: d.sales_total !== undefined ? money(d.sales_total) : '' }),
            h('td', { class: 'actions' }, b)));
        }
        openBox.append(h('table', { class: 'table', 'data-testid': 'open-days' },
          h('thead', {}, h('tr', {}, h('th', { text: t('days.date') }), h('th', { class: 'num', text: t('days.receipts') }),
            h('th', { class: 'num', text: t('days.sales') }), h('th', {}))), tbody));
      }
    }
    // Closing any date by hand (also a day with no sales)
    if (can('close a day')) {
      const input = h('input', { type: 'date', id: 'close-date', value: today(), 'data-testid': 'close-date' });
      const b = h('button', { type: 'button', class: 'button', text: t('days.close_date'), 'data-testid': 'close-date-button' });
      b.addEventListener('click', () => input.value && doClose(input.value, b));
      openBox.append(h('div', { class: 'inline-form' }, h('label', { for: 'close-date', text: t('days.other_date') }), input, b));
    }
    // Z-reports
    clear(listBox).append(h('h2', { text: t('days.z_title') }));
    if (!zs.length) { listBox.append(h('p', { class: 'muted', text: t('days.no_z') })); return; }
    const tbody = h('tbody');
    for (const z of [...zs].reverse()) {
      const link = h('a', { href: `/dagsavslut/z/${z.id}`, 'data-link': '', text: `Z ${z.number}` });
      tbody.append(h('tr', { 'data-testid': 'z-row' },
        h('td', {}, link),
        h('td', { text: date(z.business_date) }),
        h('td', { text: z.department }),
        h('td', { text: z.register }),
        h('td', { class: 'num', text: String(z.receipt_count) }),
        h('td', { class: 'num', text: money(z.sales_total) }),
        h('td', {}, z.voucher_blocked ? h('span', { class: 'tag tag-warn', text: t('days.voucher_blocked') })
          : z.voucher_id ? h('span', { class: 'tag tag-ok', text: t('days.voucher_booked') }) : h('span', { class: 'tag', text: '—' }))));
    }
    listBox.append(h('table', { class: 'table', 'data-testid': 'z-list' },
      h('thead', {}, h('tr', {}, h('th', { text: t('days.z') }), h('th', { text: t('days.date') }), h('th', { text: t('days.department') }),
        h('th', { text: t('days.register') }), h('th', { class: 'num', text: t('days.receipts') }),
        h('th', { class: 'num', text: t('days.sales') }), h('th', { text: t('days.voucher') }))), tbody));
  }
  await draw();
}

async function findZ(id) {
  try {
    return await get(co(companyKey(), `/zreports/${id}`));
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404 || /zreport|Z-report/i.test(e.message) === false) throw e;
    const all = await get(co(companyKey(), '/zreports'));
    const z = all.find((x) => String(x.id) === String(id));
    if (!z) throw e;
    return z;
  }
}

async function findVoucher(z) {
  if (!z.voucher_id) return null;
  try {
    return await get(co(companyKey(), `/vouchers/${z.voucher_id}`));
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    const all = await get(co(companyKey(), `/vouchers?from=${z.business_date}&to=${z.business_date}`));
    return all.find((v) => v.id === z.voucher_id) || null;
  }
}

const kv = (rows) => h('dl', { class: 'kv' }, rows.filter(Boolean).map(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })]));

export async function renderZReport(main, ctx) {
  const id = ctx.params[0];
  main.append(spinner());
  const z = await findZ(id);
  const voucher = can('view the books') ? await findVoucher(z) : null;
  if (!ctx.isCurrent()) return;
  clear(main);
  const pdf = h('a', { class: 'button', href: `/api/v1/companies/${encodeURIComponent(companyKey())}/zreports/${z.id}/pdf`,
    target: '_blank', rel: 'noopener', text: t('z.pdf'), 'data-testid': 'z-pdf' });
  append(main, [
    h('p', { class: 'crumbs' }, h('a', { href: '/dagsavslut', 'data-link': '', text: t('days.title') }), ' / ', `Z ${z.number}`),
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', { text: t('z.title', { n: z.number, day: date(z.business_date) }) }),
        h('p', { class: 'lead', text: `${z.company_name} · ${z.orgnr} · ${z.department} · ${z.register}` })),
      h('div', { class: 'head-actions' }, pdf)),
    h('div', { class: 'grid2' },
      h('section', { class: 'card' }, h('h2', { text: t('z.totals') }), kv([
        [t('z.sales_total'), money(z.sales_total)],
        [t('z.gross_sales'), money(z.gross_sales)],
        [t('z.vat_total'), money(z.vat_total)],
        [t('z.receipts'), String(z.receipt_count)],
        [t('z.goods'), decimal(z.goods_quantity)],
        [t('z.returns'), `${z.return_count} · ${money(z.returns_amount)}`],
        [t('z.discounts'), `${z.discount_count} · ${money(z.discount_amount)}`],
        [t('z.tips'), `${z.tip_count} · ${money(z.tip_amount)}`],
        [t('z.gift_sold'), `${z.gift_cards_sold_count} · ${money(z.gift_cards_sold_amount)}`],
        [t('z.gift_redeemed'), `${z.gift_cards_redeemed_count} · ${money(z.gift_cards_redeemed_amount)}`],
        [t('z.rounding'), money(z.rounding)],
        [t('z.produced'), instant(z.produced_at)],
      ])),
      h('section', { class: 'card' }, h('h2', { text: t('z.payments') }),
        table([t('z.method'), t('z.count'), t('z.amount')], (z.payments || []).map((p) => [t(`pay.${p.method}`) === `pay.${p.method}` ? p.method : t(`pay.${p.method}`), String(p.count), money(p.amount)]), [1, 2]),
        h('h2', { text: t('z.vat') }),
        table([t('z.rate'), t('z.net'), t('z.vat_amount'), t('z.gross')], (z.vat || []).map((v) => [`${v.vat_rate} %`, money(v.net), money(v.vat), money(v.gross)]), [1, 2, 3]))),
    h('section', { class: 'card' }, h('h2', { text: t('z.groups') }),
      table([t('z.group'), t('z.rate'), t('z.quantity'), t('z.net'), t('z.gross')],
        (z.product_groups || []).map((g) => [g.product_group, `${g.vat_rate} %`, decimal(g.quantity), money(g.net), money(g.gross)]), [2, 3, 4])),
    voucherCard(z, voucher),
  ]);
}

function table(headers, rows, numeric = []) {
  return h('table', { class: 'table' },
    h('thead', {}, h('tr', {}, headers.map((x, i) => h('th', { class: numeric.includes(i) ? 'num' : '', text: x })))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => h('td', { class: numeric.includes(i) ? 'num' : '', text: c }))))));
}

function voucherCard(z, v) {
  const card = h('section', { class: 'card', 'data-testid': 'z-voucher' }, h('h2', { text: t('z.voucher') }));
  if (!v) {
    card.append(h('p', { class: z.voucher_blocked ? 'notice notice-warn' : 'muted',
      text: z.voucher_blocked ? t('z.voucher_blocked') : can('view the books') ? t('z.no_voucher') : t('z.voucher_hidden') }));
    if (z.voucher_blocked) card.append(h('a', { href: '/ekonomi/redovisning', 'data-link': '', text: t('z.to_kontoplan') }));
    return card;
  }
  card.append(h('p', { class: 'lead', text: `${v.series}${v.number} · ${date(v.date)} · ${v.text}` }),
    table([t('z.account'), t('z.text'), t('z.debit'), t('z.credit')],
      v.lines.map((l) => {
        const neg = String(l.amount).startsWith('-');
        const abs = neg ? String(l.amount).slice(1) : l.amount;
        return [l.account + (l.cost_center ? ` / ${l.cost_center}` : ''), l.text, neg ? '' : money(abs), neg ? money(abs) : ''];
      }).concat([[t('z.sum'), '', money(v.debit), money(v.credit)]]), [2, 3]));
  return card;
}
