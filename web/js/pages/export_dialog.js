// "Exportera bokföring": a period, then the SIE4 file at once or by e-mail.
import { api, post, co } from '../api.js';
import { h, modal, field } from '../dom.js';
import { t } from '../i18n.js';
import { state, companyKey } from '../state.js';

function iso(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function openExportDialog() {
  const now = new Date();
  return modal((close) => {
    const from = h('input', { type: 'date', value: iso(new Date(now.getFullYear(), now.getMonth(), 1)), 'data-testid': 'export-from' });
    const to = h('input', { type: 'date', value: iso(now), 'data-testid': 'export-to' });
    const address = h('input', { type: 'email', value: (state.user && state.user.email) || '', 'data-testid': 'export-address' });
    const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'export-error' });
    const result = h('div', { role: 'status', 'data-testid': 'export-result' });
    const check = () => {
      error.textContent = '';
      if (!from.value || !to.value) { error.textContent = t('export.need_period'); return false; }
      if (to.value < from.value) { error.textContent = t('export.bad_period'); return false; }
      return true;
    };
    const download = h('button', { type: 'button', class: 'button primary', text: t('export.download'), 'data-testid': 'export-download' });
    download.addEventListener('click', async () => {
      if (!check()) return;
      download.disabled = true;
      try {
        const res = await api('GET', co(companyKey(), `/sie?from=${from.value}&to=${to.value}`), undefined, { raw: true });
        const blob = await res.blob();
        const cd = res.headers.get('Content-Disposition') || '';
        const m = /filename="([^"]+)"/.exec(cd);
        const a = h('a', { href: URL.createObjectURL(blob), download: m ? m[1] : 'export.se' });
        document.body.append(a);
        a.click();
        setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
        const n = res.headers.get('X-Dagbok-Vouchers');
        result.replaceChildren(h('div', { class: 'notice notice-ok', text: t('export.downloaded', { n: n ?? '?' }) }));
      } catch (e) { error.textContent = e.message; }
      download.disabled = false;
    });
    const send = h('button', { type: 'button', class: 'button', text: t('export.send'), 'data-testid': 'export-send' });
    send.addEventListener('click', async () => {
      if (!check()) return;
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address.value.trim())) { error.textContent = t('wizard.bad_address'); return; }
      send.disabled = true;
      try {
        await post(co(companyKey(), '/sie/mail'), { from: from.value, to: to.value, address: address.value.trim() });
        result.replaceChildren(h('div', { class: 'notice notice-ok', text: t('export.sent', { address: address.value.trim() }) }));
      } catch (e) { error.textContent = e.message; }
      send.disabled = false;
    });
    const closeButton = h('button', { type: 'button', class: 'button', text: t('common.close') });
    closeButton.addEventListener('click', () => close());
    return h('div', { 'data-testid': 'export-dialog' },
      h('h2', { text: t('export.title') }),
      h('p', { class: 'lead', text: t('export.lead') }),
      h('div', { class: 'grid2 tight' }, field(t('export.from'), from), field(t('export.to'), to)),
      h('section', { class: 'choice' }, h('h3', { text: t('export.now_title') }), h('p', { class: 'hint', text: t('export.now_text') }), download),
      h('section', { class: 'choice' }, h('h3', { text: t('export.mail_title') }), field(t('export.address'), address), send),
      error, result, h('div', { class: 'dialog-actions' }, closeButton));
  }, { label: t('export.title') });
}
