// The app: login, the shell (top bar, banners, navigation) and the router.
import { api, get, put, co, setCsrf, csrf, setUnauthenticatedHandler, ApiError } from './api.js';
import { h, clear, append } from './dom.js';
import { t, setLang, lang, LANGUAGES, langForCountry } from './i18n.js';
import { state, companyKey, can } from './state.js';
import { renderLogin } from './pages/login.js';
import { renderKontoplan } from './pages/kontoplan.js';
import { renderDays, renderZReport } from './pages/days.js';
import { renderIntegrations } from './pages/integrations.js';
import { renderExportLog } from './pages/exportlog.js';
import { renderNotifications, openNotification, loadNotifications } from './pages/notifications.js';
import { renderUsers } from './pages/users.js';
import { renderOverview } from './pages/overview.js';
import { renderImport } from './pages/import.js';
import { notificationText } from './notices.js';
import { setUpdateNotificationsHandler } from './bell.js';

const ROUTES = [
  { path: /^\/ekonomi\/redovisning$/, render: renderKontoplan, nav: 'kontoplan' },
  { path: /^\/ekonomi\/oversikt$/, render: renderOverview, nav: 'overview' },
  { path: /^\/installningar\/import$/, render: renderImport, nav: 'import' },
  { path: /^\/dagsavslut$/, render: renderDays, nav: 'days' },
  { path: /^\/dagsavslut\/z\/(\d+)$/, render: renderZReport, nav: 'days' },
  { path: /^\/foretag\/integrationer$/, render: renderIntegrations, nav: 'integrations' },
  { path: /^\/foretag\/exportlogg$/, render: renderExportLog, nav: 'exportlog' },
  { path: /^\/foretag\/anvandare$/, render: renderUsers, nav: 'users' },
  { path: /^\/notiser$/, render: renderNotifications, nav: 'notifications' },
];
const HOME = '/ekonomi/redovisning';

const root = document.getElementById('app');
let shell = null;  // { main, nav, banners, bell, … } while logged in
let renderToken = 0;

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

// Re-renders the current page (after a language or company switch).
export function refresh() { route(); }

window.addEventListener('popstate', () => route());
document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[data-link]');
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});

// Pages ask for the bell to be read again through bell.js (they do not import this module).
setUpdateNotificationsHandler(updateNotifications);

setUnauthenticatedHandler(() => {
  if (state.user) {
    state.user = null;
    shell = null;
    setCsrf('');
    showLogin();
  }
});

async function boot() {
  setLang(navigator.language && navigator.language.startsWith('nb') ? 'nb' : 'sv');
  try {
    const me = await get('/me');
    await enter(me);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) showLogin();
    else fatal(e);
  }
}

function fatal(e) {
  clear(root);
  root.className = '';
  append(root, [h('div', { class: 'login-wrap' }, h('div', { class: 'card login-card' },
    h('h1', { text: 'dagbok' }), h('p', { class: 'error', text: `${e.message}` })))]);
}

function showLogin() {
  clear(root);
  root.className = '';
  renderLogin(root, async (me) => enter(me));
}

// After a login (or a reload with a live session): me = GET /me.
export async function enter(me) {
  if (me.csrf_token) setCsrf(me.csrf_token);
  state.user = me.user;
  state.companies = me.companies || [];
  const saved = localStorage.getItem('dagbok.company');
  state.company = state.companies.find((c) => c.slug === saved) || state.companies[0] || null;
  setLang(me.language || state.user.language || langForCountry(state.company && state.company.country));
  buildShell();
  if (location.pathname === '/' || location.pathname === '/login') history.replaceState(null, '', HOME);
  await route();
}

function buildShell() {
  clear(root);
  root.className = 'shell';
  const bellCount = h('span', { class: 'badge', hidden: true, 'data-testid': 'unread-count' });
  const bell = h('a', { href: '/notiser', 'data-link': '', class: 'bell', 'data-testid': 'bell' },
    h('span', { class: 'bell-icon', 'aria-hidden': 'true' }), bellCount);
  const companySelect = h('select', { class: 'company-switch', 'data-testid': 'company-switch' },
    state.companies.map((c) => h('option', { value: c.slug, text: c.name, selected: c === state.company })));
  companySelect.addEventListener('change', () => {
    state.company = state.companies.find((c) => c.slug === companySelect.value);
    localStorage.setItem('dagbok.company', state.company.slug);
    refresh();
  });
  const langSelect = h('select', { class: 'lang-switch', 'data-testid': 'lang-switch' },
    LANGUAGES.map((l) => h('option', { value: l.code, text: l.name, selected: l.code === lang() })));
  langSelect.addEventListener('change', () => changeLanguage(langSelect.value));
  const logout = h('button', { class: 'link-button', type: 'button', 'data-testid': 'logout' });
  logout.addEventListener('click', async () => {
    try { await api('POST', '/auth/logout', {}); } catch { /* the session may be gone already */ }
    setCsrf('');
    state.user = null;
    shell = null;
    history.replaceState(null, '', '/');
    showLogin();
  });
  const who = h('span', { class: 'who' });
  const topbar = h('header', { class: 'topbar' },
    h('a', { href: HOME, 'data-link': '', class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }), 'dagbok'),
    companySelect,
    h('div', { class: 'spacer' }),
    langSelect, bell, who, logout);
  const nav = h('nav', { class: 'sidenav', 'aria-label': 'main' });
  const banners = h('div', { class: 'banners', 'data-testid': 'banners' });
  const main = h('main', { class: 'page', id: 'main' });
  append(root, [topbar, h('div', { class: 'body' }, nav, h('div', { class: 'content' }, banners, main))]);
  shell = { main, nav, banners, bell, bellCount, who, logout, langSelect };
}

async function changeLanguage(code) {
  // The choice applies at once; it is stored with the user so that it
  // follows them to another browser.
  setLang(code);
  state.user = { ...state.user, language: code };
  await route();
  try {
    const r = await put('/me/language', { language: code });
    if (r && r.user) state.user = r.user;
  } catch (e) {
    alertBanner(t('lang.save_failed', { message: e.message }));
  }
}

function alertBanner(text) {
  if (!shell) return;
  shell.banners.prepend(h('div', { class: 'banner banner-error', role: 'alert' }, h('span', { text })));
}

function renderNav(active) {
  const item = (key, href, label, { soon = false, hidden = false } = {}) => {
    if (hidden) return null;
    if (soon) return h('li', {}, h('span', { class: 'nav-soon', title: t('nav.soon_title') }, label, h('small', { text: t('nav.soon') })));
    return h('li', {}, h('a', { href, 'data-link': '', class: active === key ? 'active' : '', 'data-nav': key, text: label }));
  };
  clear(shell.nav);
  append(shell.nav, [
    h('h2', { text: t('nav.economy') }),
    h('ul', {},
      item('kontoplan', '/ekonomi/redovisning', t('nav.kontoplan')),
      item('overview', '/ekonomi/oversikt', t('nav.overview'), { hidden: !can('view the books') })),
    h('h2', { text: t('nav.sales') }),
    h('ul', {}, item('days', '/dagsavslut', t('nav.days'))),
    h('h2', { text: t('nav.company') }),
    h('ul', {},
      item('integrations', '/foretag/integrationer', t('nav.integrations')),
      item('exportlog', '/foretag/exportlogg', t('nav.exportlog')),
      item('users', '/foretag/anvandare', t('nav.users'))),
    // Inställningar → Import: only for those with the company's import right.
    can('import SIE files') ? h('h2', { text: t('nav.settings') }) : null,
    can('import SIE files') ? h('ul', {}, item('import', '/installningar/import', t('nav.import'))) : null,
  ]);
}

function renderChrome() {
  shell.who.textContent = state.user.display_name || state.user.email;
  shell.logout.textContent = t('top.logout');
  shell.bell.setAttribute('aria-label', t('top.notifications'));
  shell.bell.title = t('top.notifications');
  shell.langSelect.value = lang();
  shell.langSelect.setAttribute('aria-label', t('top.language'));
}

// The bell's count and the banners for open integration errors.
async function updateNotifications() {
  if (!shell || !state.company) return;
  let data;
  try { data = await loadNotifications(); } catch { return; }
  state.unread = data.unread || 0;
  state.notifications = data.notifications || [];
  shell.bellCount.hidden = state.unread === 0;
  shell.bellCount.textContent = String(state.unread);
  clear(shell.banners);
  const errors = state.notifications.filter((n) => n.severity === 'error' && !n.resolved_at);
  for (const n of errors.slice(0, 3)) {
    const show = h('button', { type: 'button', class: 'button small', text: t('banner.show'), 'data-testid': 'banner-show' });
    show.addEventListener('click', () => openNotification(n));
    shell.banners.append(h('div', { class: 'banner banner-error', role: 'alert', 'data-testid': 'banner' },
      h('span', { class: 'banner-icon', 'aria-hidden': 'true', text: '!' }),
      h('span', { class: 'banner-text' }, h('strong', { text: notificationText(n).title }), ' ', notificationText(n).message),
      show));
  }
  if (errors.length > 3) shell.banners.append(h('div', { class: 'banner banner-more' },
    h('a', { href: '/notiser', 'data-link': '', text: t('banner.more', { n: errors.length - 3 }) })));
  shell.banners.dataset.loaded = 'true';  // the notifications have been read at least once on this page
}

async function route() {
  if (!state.user || !shell) return;
  const token = ++renderToken;
  const path = location.pathname.replace(/\/+$/, '') || HOME;
  let match = null;
  let r = null;
  for (const candidate of ROUTES) {
    match = candidate.path.exec(path);
    if (match) { r = candidate; break; }
  }
  if (!r) { navigate(HOME, { replace: true }); return; }
  renderChrome();
  renderNav(r.nav);
  clear(shell.main);
  // A page's markers (data-loaded, …) are its own: a new page starts without them.
  for (const k of Object.keys(shell.main.dataset)) delete shell.main.dataset[k];
  if (!state.company) {
    shell.main.append(h('div', { class: 'empty' }, h('h1', { text: t('nocompany.title') }), h('p', { text: t('nocompany.text') })));
    return;
  }
  document.title = `dagbok · ${state.company.name}`;
  updateNotifications();
  try {
    await r.render(shell.main, { params: match.slice(1), isCurrent: () => token === renderToken });
  } catch (e) {
    if (token !== renderToken) return;
    clear(shell.main);
    shell.main.append(h('div', { class: 'card error-card', role: 'alert' },
      h('h1', { text: t('error.title') }), h('p', { text: e.message })));
  }
}

setInterval(() => { if (state.user) updateNotifications(); }, 30000);
export { companyKey, co, csrf };
boot();
