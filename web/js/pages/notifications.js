// The notifications behind the bell; an integration error also shows as a
// banner whose "Visa" opens the notification here.
import { get, post, co } from '../api.js';
import { h, clear, append, modal } from '../dom.js';
import { t } from '../i18n.js';
import { companyKey, instant } from '../state.js';
import { updateNotifications } from '../bell.js';
import { notificationText } from '../notices.js';

export function loadNotifications() {
  return get(co(companyKey(), '/notifications'));
}

async function markRead(n) {
  if (n.read) return;
  try { await post(co(companyKey(), `/notifications/${n.id}/read`), {}); } catch { /* shown as unread until it works */ }
  updateNotifications();
}

export async function openNotification(n) {
  markRead(n);
  const text = notificationText(n);
  await modal((close) => {
    const ok = h('button', { type: 'button', class: 'button primary', text: t('common.close') });
    ok.addEventListener('click', () => close());
    return h('div', { 'data-testid': 'notification-dialog' },
      h('p', { class: `tag ${n.severity === 'error' ? 'tag-error' : 'tag-info'}`, text: t(`severity.${n.severity}`) === `severity.${n.severity}` ? n.severity : t(`severity.${n.severity}`) }),
      h('h2', { text: text.title }),
      h('p', { class: 'muted', text: instant(n.created_at) }),
      h('p', { class: 'notification-message', text: text.message }),
      n.resolved_at ? h('p', { class: 'notice notice-ok', text: t('notifications.resolved', { at: instant(n.resolved_at) }) }) : null,
      n.link && n.link.page === 'kontoplan' ? h('p', {}, h('a', { href: '/ekonomi/redovisning', 'data-link': '', 'data-testid': 'notification-to-kontoplan', text: t('z.to_kontoplan'), on: { click: () => close() } })) : null,
      h('div', { class: 'dialog-actions' }, ok));
  }, { label: text.title });
}

export async function renderNotifications(main, ctx) {
  const readAll = h('button', { type: 'button', class: 'button', text: t('notifications.read_all'), 'data-testid': 'read-all' });
  const list = h('div', { class: 'card' });
  append(main, [h('div', { class: 'page-head' }, h('div', {}, h('h1', { text: t('notifications.title') })),
    h('div', { class: 'head-actions' }, readAll)), list]);
  readAll.addEventListener('click', async () => {
    readAll.disabled = true;
    try { await post(co(companyKey(), '/notifications/read-all'), {}); } catch (e) { list.prepend(h('p', { class: 'form-error', text: e.message })); }
    readAll.disabled = false;
    await updateNotifications();
    await draw();
  });
  async function draw() {
    const data = await loadNotifications();
    if (!ctx.isCurrent()) return;
    clear(list);
    const all = data.notifications || [];
    if (!all.length) { list.append(h('p', { class: 'muted', text: t('notifications.empty') })); return; }
    for (const n of all) {
      const open = h('button', { type: 'button', class: 'notification-row', 'data-testid': 'notification' },
        h('span', { class: `dot ${n.read ? '' : 'unread'} ${n.severity === 'error' ? 'error' : ''}` }),
        h('span', { class: 'n-title', text: notificationText(n).title }),
        h('span', { class: 'n-message', text: notificationText(n).message }),
        h('span', { class: 'n-when', text: instant(n.created_at) }),
        n.resolved_at ? h('span', { class: 'tag tag-ok', text: t('notifications.resolved_short') }) : null);
      open.addEventListener('click', async () => { await openNotification(n); draw(); });
      list.append(open);
    }
  }
  await draw();
}
