// A notification in the page's language, from its code and parameters
// (the export engine's notification codes, src/exports/engine.h). The
// server's title and message are English for the CLI and the log; a page
// in Swedish or Norwegian never shows them for a code it knows, and only an
// English page shows the other side's own words (params.detail).
//
// No imports: the caller passes its t() and language, so node can test it.
//   wordNotification(n, t, 'sv') → { title, message }

export const NOTIFICATION_CODES = ['export_blocked', 'export_cannot_start', 'export_failed'];

function integrationName(kind, t) {
  const key = `intname.${kind}`;
  const s = t(key);
  return s === key ? kind : s;
}

export function wordNotification(n, t, lang) {
  const code = n.code || '';
  if (!NOTIFICATION_CODES.includes(code)) return { title: n.title, message: n.message };
  const p = n.params || {};
  const words = { name: integrationName(p.integration || n.integration || '', t), day: p.day || '', attempts: p.attempts || 0 };
  const title = t(`notif.${code}`, words);
  let message;
  if (code === 'export_blocked') {
    const items = ((n.link && n.link.items) || []).map((i) => i.key).filter(Boolean);
    message = items.length ? t('notif.export_blocked_message', { ...words, items: items.join(', ') })
      : t('notif.export_blocked_generic', words);
  } else if (code === 'export_cannot_start') {
    message = t('notif.export_cannot_start_message', words);
  } else {
    message = t(p.gave_up ? 'notif.export_failed_gave_up' : 'notif.export_failed_refused', words);
  }
  if (lang === 'en' && p.detail) message += ` (${p.detail})`;
  return { title, message };
}
