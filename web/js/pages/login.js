import { api, get, setCsrf } from '../api.js';
import { h, append } from '../dom.js';
import { t, setLang, lang, LANGUAGES } from '../i18n.js';

export function renderLogin(root, onLoggedIn) {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, id: 'login-email' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, id: 'login-password' });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'login-error' });
  const submit = h('button', { type: 'submit', class: 'button primary wide', text: t('login.submit') });
  const langSelect = h('select', { 'aria-label': 'Language' },
    LANGUAGES.map((l) => h('option', { value: l.code, text: l.name, selected: l.code === lang() })));
  langSelect.addEventListener('change', () => {
    setLang(langSelect.value);
    root.replaceChildren();
    renderLogin(root, onLoggedIn);
  });
  const form = h('form', { class: 'card login-card', novalidate: true },
    h('div', { class: 'login-brand' }, h('span', { class: 'logo large', 'aria-hidden': 'true' }), h('span', { text: 'dagbok' })),
    h('h1', { text: t('login.title') }),
    h('p', { class: 'muted', text: t('login.lead') }),
    h('div', { class: 'field' }, h('label', { for: 'login-email', text: t('login.email') }), email),
    h('div', { class: 'field' }, h('label', { for: 'login-password', text: t('login.password') }), password),
    error, submit,
    h('div', { class: 'login-foot' }, langSelect));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    if (!email.value || !password.value) { error.textContent = t('login.missing'); return; }
    submit.disabled = true;
    try {
      const r = await api('POST', '/auth/login', { email: email.value, password: password.value });
      setCsrf(r.csrf_token);
      const me = await get('/me');
      if (!me.csrf_token) me.csrf_token = r.csrf_token;
      await onLoggedIn(me);
    } catch (err) {
      error.textContent = err.status === 401 ? t('login.wrong') : err.status === 429 ? err.message : `${t('login.failed')} ${err.message}`;
      submit.disabled = false;
    }
  });
  append(root, [h('div', { class: 'login-wrap' }, form)]);
  email.focus();
}
