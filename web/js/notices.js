// A notification's title and message in the page's language. The server's
// title and message are the export engine's English; the notification's
// topic and integration are enough to say the title again, and a voucher
// waiting for the kontoplan names its missing items (link.items).
import { t } from './i18n.js';

export function integrationName(kind) {
  const key = `intname.${kind}`;
  const s = t(key);
  return s === key ? kind : s;
}

export function notificationText(n) {
  if (!n.topic) return { title: n.title, message: n.message };
  const title = t(`notif.${n.topic}`, { name: integrationName(n.integration || '') });
  if (title === `notif.${n.topic}`) return { title: n.title, message: n.message };  // a topic this page does not know
  if (n.topic === 'export_blocked') {
    const items = ((n.link && n.link.items) || []).map((i) => i.key).filter(Boolean);
    if (items.length) return { title, message: t('notif.export_blocked_message', { items: items.join(', ') }) };
  }
  return { title, message: n.message };
}
