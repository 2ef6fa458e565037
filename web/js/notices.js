// A notification's title and message in the page's language (the words are
// in notice_words.js, which node tests without a browser).
import { t, lang } from './i18n.js';
import { wordNotification } from './notice_words.js';


export function notificationText(n) {
  return wordNotification(n, t, lang());
}
