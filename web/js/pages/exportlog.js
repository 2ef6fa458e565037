// Företag → Exportlogg: every delivery with its status, and resend.
import { get, post, co } from '../api.js';
import { h, clear, append, spinner } from '../dom.js';
import { t } from '../i18n.js';
import { can, companyKey, date, instant } from '../state.js';
import { updateNotifications } from '../bell.js';

const STATUS_CLASS = { delivered: 'tag-ok', pending: 'tag-info', in_flight: 'tag-info', waiting: 'tag-info', failed: 'tag-error', cancelled: '' };
// A delivery not sent yet is tried again ("Försök igen"); a delivered one is sent again.
const WAITING = new Set(['pending', 'waiting', 'failed']);
const word = (key, fallback) => { const s = t(key); return s === key ? fallback : s; };
// The integration a delivery went to, by its name ("Export via e-post").
export const integrationName = (kind) => (kind ? word(`intname.${kind}`, kind) : '');

export async function renderExportLog(main, ctx) {
  const flash = h('div', { role: 'status', 'data-testid': 'exportlog-status' });
  const refreshButton = h('button', { type: 'button', class: 'button', text: t('common.refresh'), 'data-testid': 'exportlog-refresh' });
  const box = h('section', { class: 'card' }, spinner());
  const attempts = h('details', { class: 'card group' }, h('summary', {}, h('span', { class: 'group-name', text: t('exportlog.attempts') })));
  append(main, [h('div', { class: 'page-head' },
    h('div', {}, h('h1', { text: t('exportlog.title') }), h('p', { class: 'lead', text: t('exportlog.lead') })),
    h('div', { class: 'head-actions' }, refreshButton)), flash, box, attempts]);
  refreshButton.addEventListener('click', () => draw());
  const manage = can('change integrations');

  async function draw() {
    const data = await get(co(companyKey(), '/exports'));
    if (!ctx.isCurrent()) return;
    clear(box);
    const deliveries = data.deliveries || [];
    if (!deliveries.length) box.append(h('p', { class: 'muted', 'data-testid': 'exportlog-empty', text: t('exportlog.empty') }));
    else {
      const tbody = h('tbody');
      for (const d of deliveries) {
        const retry = WAITING.has(d.status);
        const resend = h('button', { type: 'button', class: 'button small', text: retry ? t('exportlog.retry') : t('exportlog.resend'),
          disabled: !manage || d.status === 'in_flight', 'data-testid': `resend-${d.id}`, dataset: { action: retry ? 'retry' : 'resend' } });
        resend.addEventListener('click', async () => {
          resend.disabled = true;
          clear(flash);
          try {
            await post(co(companyKey(), `/exports/${d.id}/${retry ? 'retry' : 'resend'}`), {});
            flash.append(h('div', { class: 'notice notice-ok', text: retry ? t('exportlog.retried') : t('exportlog.resent') }));
          } catch (e) { flash.append(h('div', { class: 'notice notice-error', role: 'alert', text: e.message })); }
          await draw();
          updateNotifications();
        });
        tbody.append(h('tr', { 'data-testid': 'delivery', dataset: { status: d.status, kind: d.kind, integration: d.integration || '' } },
          h('td', { text: date(d.business_date) }),
          h('td', { 'data-testid': 'delivery-integration', text: integrationName(d.integration) }),
          h('td', {}, h('span', { class: `tag ${STATUS_CLASS[d.status] || ''}`, text: t(`status.${d.status}`) === `status.${d.status}` ? d.status : t(`status.${d.status}`) }),
            d.manual ? h('span', { class: 'tag', text: t('exportlog.manual') }) : null),
          h('td', { class: 'num', text: String(d.attempts) }),
          h('td', { text: d.delivered_at ? instant(d.delivered_at) : d.status === 'pending' ? t('exportlog.next', { at: instant(d.next_attempt_at) }) : '' }),
          h('td', { class: 'error-cell', text: d.last_error || '' }),
          h('td', { class: 'actions' }, resend)));
      }
      box.append(h('table', { class: 'table', 'data-testid': 'deliveries' },
        h('thead', {}, h('tr', {}, [t('exportlog.day'), t('exportlog.destination'), t('exportlog.status'), t('exportlog.attempt_count'),
          t('exportlog.when'), t('exportlog.error'), ''].map((x, i) => h('th', { class: i === 3 ? 'num' : '', text: x })))), tbody));
    }
    clear(attempts).append(h('summary', {}, h('span', { class: 'group-name', text: t('exportlog.attempts') }),
      h('span', { class: 'group-count', text: String((data.log || []).length) })));
    if ((data.log || []).length) {
      attempts.append(h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, [t('exportlog.started'), t('exportlog.destination'), t('exportlog.day'), t('exportlog.result'), t('exportlog.error')].map((x) => h('th', { text: x })))),
        h('tbody', {}, data.log.map((a) => h('tr', {},
          h('td', { text: instant(a.started_at) }), h('td', { text: integrationName(a.integration || a.destination_kind) }), h('td', { text: date(a.business_date) }),
          h('td', { text: a.result }), h('td', { class: 'error-cell', text: a.error || a.remote_ref || '' }))))));
    }
  }
  await draw();
}
