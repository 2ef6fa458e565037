// Företag → Användare: who may do what in this company (role, the separate
// right to import SIE files), and the API tokens of the tills.
import { get, post, put, del, co } from '../api.js';
import { h, clear, append, spinner, modal, field } from '../dom.js';
import { t } from '../i18n.js';
import { can, companyKey, instant, state } from '../state.js';
import { confirmDialog } from './integrations.js';

const ROLES = ['owner', 'accountant', 'staff'];

export async function renderUsers(main, ctx) {
  const manage = can('manage users and tokens');
  append(main, [h('div', { class: 'page-head' },
    h('div', {}, h('h1', { text: t('users.title') }), h('p', { class: 'lead', text: t('users.lead') })))]);
  if (!manage) {
    main.append(h('div', { class: 'notice notice-info', 'data-testid': 'users-readonly' }, t('users.forbidden', { role: t(`role.${state.company.role}`) })));
    main.append(h('section', { class: 'card' }, h('h2', { text: t('users.your_rights') }),
      h('ul', { class: 'plain' }, (state.company.allowed || []).map((a) => h('li', { text: t(`action.${a}`) === `action.${a}` ? a : t(`action.${a}`) })))));
    return;
  }
  const flash = h('div', { role: 'status', 'data-testid': 'users-status' });
  const usersBox = h('section', { class: 'card' }, spinner());
  const tokensBox = h('section', { class: 'card' }, spinner());
  append(main, [flash, usersBox, tokensBox]);
  const say = (cls, text) => clear(flash).append(h('div', { class: `notice ${cls}`, text }));

  async function drawUsers() {
    const data = await get(co(companyKey(), '/users'));
    const users = Array.isArray(data) ? data : data.users || [];
    if (!ctx.isCurrent()) return;
    clear(usersBox);
    const add = h('button', { type: 'button', class: 'button primary', text: t('users.add'), 'data-testid': 'user-add' });
    add.addEventListener('click', () => addUser());
    usersBox.append(h('div', { class: 'card-head' }, h('h2', { text: t('users.users') }), add));
    const tbody = h('tbody');
    for (const u of users) {
      const role = h('select', { 'aria-label': t('users.role'), 'data-testid': `role-${u.email}` },
        ROLES.map((r) => h('option', { value: r, text: t(`role.${r}`), selected: r === u.role })));
      const imp = h('input', { type: 'checkbox', checked: Boolean(u.import_right), 'aria-label': t('users.import_right'), 'data-testid': `import-${u.email}` });
      const save = async () => {
        try {
          await put(co(companyKey(), `/users/${u.id}`), { role: role.value, import_right: imp.checked });
          say('notice-ok', t('users.saved', { email: u.email }));
        } catch (e) { say('notice-error', e.message); role.value = u.role; imp.checked = Boolean(u.import_right); }
      };
      role.addEventListener('change', save);
      imp.addEventListener('change', save);
      const self = u.id === state.user.id;
      if (self) { role.disabled = true; }
      tbody.append(h('tr', { 'data-testid': 'user-row' },
        h('td', {}, h('strong', { text: u.display_name || u.email }), h('div', { class: 'muted', text: u.email })),
        h('td', {}, role), h('td', {}, h('label', { class: 'check' }, imp, t('users.may_import'))),
        h('td', { text: u.language ? u.language : '' })));
    }
    usersBox.append(h('table', { class: 'table', 'data-testid': 'users' },
      h('thead', {}, h('tr', {}, [t('users.user'), t('users.role'), t('users.import_right'), t('users.language')].map((x) => h('th', { text: x })))), tbody),
      h('p', { class: 'hint', text: t('users.roles_hint') }));
  }

  async function addUser() {
    const added = await modal((close) => {
      const email = h('input', { type: 'email', 'data-testid': 'new-user-email' });
      const name = h('input', { type: 'text', 'data-testid': 'new-user-name' });
      const password = h('input', { type: 'password', autocomplete: 'new-password', 'data-testid': 'new-user-password' });
      const role = h('select', { 'data-testid': 'new-user-role' }, ROLES.map((r) => h('option', { value: r, text: t(`role.${r}`), selected: r === 'staff' })));
      const imp = h('input', { type: 'checkbox' });
      const error = h('p', { class: 'form-error', role: 'alert' });
      const ok = h('button', { type: 'button', class: 'button primary', text: t('users.add'), 'data-testid': 'new-user-save' });
      const cancel = h('button', { type: 'button', class: 'button', text: t('common.cancel') });
      cancel.addEventListener('click', () => close(false));
      ok.addEventListener('click', async () => {
        ok.disabled = true;
        try {
          await post(co(companyKey(), '/users'), { email: email.value.trim(), display_name: name.value.trim(), password: password.value || undefined,
            role: role.value, import_right: imp.checked });
          close(true);
        } catch (e) { error.textContent = e.message; ok.disabled = false; }
      });
      return h('div', {}, h('h2', { text: t('users.add_title') }), field(t('users.email'), email), field(t('users.name'), name),
        field(t('users.password'), password, { hint: t('users.password_hint') }), field(t('users.role'), role),
        h('label', { class: 'check' }, imp, t('users.may_import')), error, h('div', { class: 'dialog-actions' }, cancel, ok));
    });
    if (added) { say('notice-ok', t('users.added')); await drawUsers(); }
  }

  async function drawTokens() {
    const data = await get(co(companyKey(), '/tokens'));
    const tokens = Array.isArray(data) ? data : data.tokens || [];
    if (!ctx.isCurrent()) return;
    clear(tokensBox);
    const name = h('input', { type: 'text', placeholder: t('tokens.name_placeholder'), 'data-testid': 'token-name', 'aria-label': t('tokens.name') });
    const create = h('button', { type: 'button', class: 'button', text: t('tokens.create'), 'data-testid': 'token-create' });
    create.addEventListener('click', async () => {
      if (!name.value.trim()) { say('notice-error', t('tokens.need_name')); return; }
      try {
        const r = await post(co(companyKey(), '/tokens'), { name: name.value.trim() });
        await drawTokens();
        tokensBox.prepend(h('div', { class: 'notice notice-warn', 'data-testid': 'token-secret' }, t('tokens.once'), ' ', h('code', { text: r.token })));
      } catch (e) { say('notice-error', e.message); }
    });
    tokensBox.append(h('div', { class: 'card-head' }, h('h2', { text: t('tokens.title') })),
      h('p', { class: 'hint', text: t('tokens.lead') }),
      h('div', { class: 'inline-form' }, name, create));
    if (!tokens.length) { tokensBox.append(h('p', { class: 'muted', text: t('tokens.empty') })); return; }
    tokensBox.append(h('table', { class: 'table', 'data-testid': 'tokens' },
      h('thead', {}, h('tr', {}, [t('tokens.name'), t('tokens.prefix'), t('tokens.created'), t('tokens.last_used'), ''].map((x) => h('th', { text: x })))),
      h('tbody', {}, tokens.map((tk) => {
        const revoke = h('button', { type: 'button', class: 'button small danger', text: t('tokens.revoke'), disabled: Boolean(tk.revoked_at) });
        revoke.addEventListener('click', async () => {
          if (!(await confirmDialog(t('tokens.revoke_title'), t('tokens.revoke_text', { name: tk.name }), t('tokens.revoke'), 'danger'))) return;
          try { await del(co(companyKey(), `/tokens/${tk.id}`)); } catch (e) { say('notice-error', e.message); }
          await drawTokens();
        });
        return h('tr', {}, h('td', { text: tk.name }), h('td', {}, h('code', { text: tk.prefix || '' })),
          h('td', { text: instant(tk.created_at) }), h('td', { text: tk.last_used_at ? instant(tk.last_used_at) : '—' }),
          h('td', { class: 'actions' }, tk.revoked_at ? h('span', { class: 'tag', text: t('tokens.revoked') }) : revoke));
      }))));
  }
  await Promise.all([drawUsers(), drawTokens()]);
}
