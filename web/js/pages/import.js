// Inställningar → Import (seed 002): where the ledger's books come from
// (dagbok's own vouchers or another source), "Importera SIE4-fil" with a
// progress bar, the import log with undo, and "Radera data för senaste
// räkenskapsåret". Only for those with the company's import right; the API
// refuses everyone else anyway (the ledger library checks the right).
import { get, put, post, co, csrf, ApiError } from '../api.js';
import { h, clear, append, spinner, modal } from '../dom.js';
import { t } from '../i18n.js';
import { can, companyKey, date, instant } from '../state.js';

const RESULT_CLASS = { ok: 'tag-ok', refused: 'tag-error', failed: 'tag-error' };

// POST the file as the request body, reporting upload progress (fetch cannot).
function upload(url, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', csrf());
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(e.loaded, e.total); });
    xhr.upload.addEventListener('load', () => onProgress(file.size, file.size, true));
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { data = null; }
      resolve({ status: xhr.status, data });
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', t('import.network_error'))));
    xhr.send(file);
  });
}

function kindText(kind) {
  const s = t(`import.kind.${kind}`);
  return s === `import.kind.${kind}` ? kind : s;
}

export async function renderImport(main, ctx) {
  append(main, [h('div', { class: 'page-head' },
    h('div', {}, h('h1', { text: t('import.title') }), h('p', { class: 'lead', text: t('import.lead') })))]);
  if (!can('import SIE files')) {
    main.append(h('div', { class: 'card error-card', role: 'alert', 'data-testid': 'import-forbidden' },
      h('h2', { text: t('import.forbidden_title') }), h('p', { text: t('import.forbidden') })));
    main.dataset.loaded = 'import';
    return;
  }
  const c = companyKey();
  const flash = h('div', { role: 'status', 'data-testid': 'import-status' });
  const sourceBox = h('section', { class: 'card', 'data-testid': 'data-source' }, spinner());
  const importBox = h('section', { class: 'card' });
  const logBox = h('section', { class: 'card' }, spinner());
  const dangerBox = h('section', { class: 'card danger-card' });
  append(main, [flash, sourceBox, importBox, logBox, dangerBox]);
  const say = (cls, text, extra) => {
    clear(flash).append(h('div', { class: `notice ${cls}`, role: cls === 'notice-error' ? 'alert' : 'status' }, h('div', { text }), extra || null));
  };

  let source = 'dagbok';
  let years = [];

  // ---- data source
  function drawSource() {
    clear(sourceBox);
    const radios = ['dagbok', 'sie'].map((value) => {
      const input = h('input', { type: 'radio', name: 'data-source', value, checked: source === value, 'data-testid': `source-${value}` });
      return h('label', { class: 'choice' }, input,
        h('span', {}, h('strong', { text: t(`import.source_${value}`) }), h('br'), h('span', { class: 'muted', text: t(`import.source_${value}_hint`) })));
    });
    const save = h('button', { type: 'button', class: 'button', text: t('common.save'), 'data-testid': 'source-save' });
    save.addEventListener('click', async () => {
      const chosen = sourceBox.querySelector('input[name=data-source]:checked');
      if (!chosen || chosen.value === source) return;
      save.disabled = true;
      try {
        const r = await put(co(c, '/data-source'), { source: chosen.value });
        source = r.source;
        say('notice-ok', t('import.source_saved', { source: t(`import.source_${source}`) }));
      } catch (e) { say('notice-error', e.message); }
      await refresh();
    });
    append(sourceBox, [h('h2', { text: t('import.source_title') }), h('p', { class: 'hint', text: t('import.source_lead') }),
      h('div', { class: 'choices' }, radios), h('div', { class: 'form-actions' }, save)]);
  }

  // ---- import a file
  const fileInput = h('input', { type: 'file', accept: '.se,.si,.sie,.SE,.SI,.SIE,text/plain', hidden: true, 'data-testid': 'import-file' });
  const replace = h('input', { type: 'checkbox', 'data-testid': 'import-replace' });
  const chooseButton = h('button', { type: 'button', class: 'button primary', text: t('import.button'), 'data-testid': 'import-button' });
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'data-testid': 'import-progress' });
  const progressText = h('span', { class: 'muted', 'data-testid': 'import-progress-text' });
  chooseButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = '';
    if (file) await importFile(file);
  });
  const sourceNotice = h('div', { class: 'notice notice-info', hidden: true, 'data-testid': 'import-needs-source', text: t('import.needs_other_source') });
  append(importBox, [h('h2', { text: t('import.file_title') }), h('p', { class: 'hint', text: t('import.file_lead') }), sourceNotice,
    h('div', { class: 'form-actions' }, chooseButton, fileInput),
    h('label', { class: 'check' }, replace, t('import.replace')),
    h('div', { class: 'progress-row' }, progress, progressText)]);

  async function importFile(file) {
    chooseButton.disabled = true;
    clear(flash);
    progress.hidden = false;
    progress.value = 0;
    progressText.textContent = t('import.uploading', { name: file.name });
    const url = `/api/v1${co(c, `/imports${replace.checked ? '?replace_year=1' : ''}`)}`;
    try {
      const r = await upload(url, file, (done, total, finished) => {
        progress.value = total ? Math.floor((done * 100) / total) : 0;
        if (finished) progressText.textContent = t('import.processing', { name: file.name });
      });
      progress.value = 100;
      if (r.status === 201) {
        const e = r.data.import;
        say('notice-ok', t('import.done', { name: e.file, vouchers: e.vouchers, transactions: e.transactions, years: e.fiscal_years }));
      } else {
        const err = (r.data && r.data.error) || { message: `HTTP ${r.status}` };
        const diags = err.diagnostics || [];
        say('notice-error', err.message, diags.length ? h('ul', { class: 'diagnostics', 'data-testid': 'import-errors' },
          diags.slice(0, 50).map((d) => h('li', {}, h('code', { text: d })))) : null);
        flash.firstChild.dataset.testid = 'import-refused';
      }
    } catch (e) {
      say('notice-error', e.message);
    } finally {
      progress.hidden = true;
      progressText.textContent = '';
      chooseButton.disabled = source !== 'sie';
    }
    await refresh();
  }

  // ---- the import log
  function drawLog(entries) {
    clear(logBox);
    logBox.append(h('h2', { text: t('import.log_title') }));
    if (!entries.length) {
      logBox.append(h('p', { class: 'muted', 'data-testid': 'import-log-empty', text: t('import.log_empty') }));
      return;
    }
    const tbody = h('tbody');
    for (const e of entries) {
      const undoable = e.kind === 'import' && e.result === 'ok' && !e.undone_by;
      const undo = undoable ? h('button', { type: 'button', class: 'button small', text: t('import.undo'), 'data-testid': `undo-${e.id}` }) : null;
      if (undo) undo.addEventListener('click', () => confirmUndo(e));
      // Warnings, errors and the message open in a row of their own under the entry.
      const hasDetails = (e.diagnostics && e.diagnostics.length) || e.message;
      const detailRow = hasDetails ? h('tr', { class: 'log-detail', hidden: true, 'data-testid': 'import-entry-detail' },
        h('td', { colspan: 11 },
          e.message ? h('p', { text: e.message }) : null,
          e.diagnostics && e.diagnostics.length ? h('ul', { class: 'diagnostics' }, e.diagnostics.map((d) => h('li', {}, h('code', { text: d })))) : null))
        : null;
      const toggle = hasDetails ? h('button', { type: 'button', class: 'link-toggle', 'aria-expanded': 'false', 'data-testid': 'details-toggle',
        text: e.errors || e.warnings ? t('import.problems', { errors: e.errors, warnings: e.warnings }) : t('import.details') }) : null;
      if (toggle) {
        toggle.addEventListener('click', () => {
          detailRow.hidden = !detailRow.hidden;
          toggle.setAttribute('aria-expanded', String(!detailRow.hidden));
        });
      }
      const result = h('span', { class: `tag ${RESULT_CLASS[e.result] || ''}`, text: t(`import.result.${e.result}`) });
      tbody.append(h('tr', { 'data-testid': 'import-entry', dataset: { id: String(e.id), kind: e.kind, result: e.result } },
        h('td', { class: 'nowrap', text: instant(e.at) }),
        h('td', { text: e.actor }),
        h('td', { class: 'file-cell', text: e.file || '' }),
        h('td', {}, e.sha256 ? h('code', { class: 'sha', title: e.sha256, text: e.sha256.slice(0, 12) }) : null),
        h('td', { text: kindText(e.kind) }),
        h('td', { text: [e.sie_type ? `SIE ${e.sie_type}` : '', e.program].filter(Boolean).join(' · ') }),
        h('td', { text: (e.fiscal_years || '').replace(/\.\./g, ' – ') }),
        h('td', { class: 'num', text: e.kind === 'import' && (e.accounts || e.vouchers || e.transactions) ? t('import.counts', { accounts: e.accounts, vouchers: e.vouchers, transactions: e.transactions }) : '' }),
        h('td', { class: 'num', text: e.kind === 'import' ? t('import.ms', { ms: e.duration_ms }) : '' }),
        h('td', {}, result, e.undone_by ? h('span', { class: 'tag', text: t('import.undone') }) : null, toggle ? h('br') : null, toggle),
        h('td', { class: 'actions' }, undo)));
      if (detailRow) tbody.append(detailRow);
    }
    logBox.append(h('div', { class: 'table-wrap' }, h('table', { class: 'table import-log', 'data-testid': 'import-log' },
      h('thead', {}, h('tr', {}, [t('import.col.when'), t('import.col.who'), t('import.col.file'), t('import.col.sha'), t('import.col.kind'),
        t('import.col.program'), t('import.col.years'), t('import.col.counts'), t('import.col.duration'), t('import.col.result'), '']
        .map((x, i) => h('th', { class: i === 7 || i === 8 ? 'num' : '', text: x })))), tbody)));
  }

  async function confirmUndo(e) {
    const yes = await modal((close) => {
      const ok = h('button', { type: 'button', class: 'button primary', text: t('import.undo'), 'data-testid': 'undo-confirm' });
      const cancel = h('button', { type: 'button', class: 'button', text: t('common.cancel') });
      ok.addEventListener('click', () => close(true));
      cancel.addEventListener('click', () => close(false));
      return h('div', {}, h('h2', { text: t('import.undo_title') }),
        h('p', { text: t('import.undo_text', { name: e.file, years: (e.fiscal_years || '').replace(/\.\./g, ' – ') }) }),
        h('div', { class: 'dialog-actions' }, cancel, ok));
    }, { label: t('import.undo_title') });
    if (!yes) return;
    try {
      await post(co(c, `/imports/${e.id}/undo`), {});
      say('notice-ok', t('import.undone_text', { name: e.file }));
    } catch (err) { say('notice-error', err.message); }
    await refresh();
  }

  // ---- delete the latest fiscal year
  function drawDanger() {
    clear(dangerBox);
    const latest = years[0];
    const del = h('button', { type: 'button', class: 'button danger', text: t('import.delete_button'), disabled: !latest, 'data-testid': 'delete-year' });
    del.addEventListener('click', () => confirmDelete(latest));
    append(dangerBox, [h('h2', { text: t('import.delete_title') }),
      h('p', { class: 'hint', text: latest ? t('import.delete_lead', { from: date(latest.first_day), to: date(latest.last_day) }) : t('import.delete_none') }),
      h('div', { class: 'form-actions' }, del)]);
  }

  async function confirmDelete(latest) {
    const yes = await modal((close) => {
      const ok = h('button', { type: 'button', class: 'button danger', text: t('import.delete_confirm'), 'data-testid': 'delete-confirm' });
      const cancel = h('button', { type: 'button', class: 'button', text: t('common.cancel') });
      ok.addEventListener('click', () => close(true));
      cancel.addEventListener('click', () => close(false));
      return h('div', {}, h('h2', { text: t('import.delete_title') }),
        h('p', { text: t('import.delete_text', { from: date(latest.first_day), to: date(latest.last_day) }) }),
        h('div', { class: 'dialog-actions' }, cancel, ok));
    }, { label: t('import.delete_title') });
    if (!yes) return;
    try {
      await post(co(c, '/fiscal-years/latest/delete'), { expected_first_day: latest.first_day });
      say('notice-ok', t('import.deleted', { from: date(latest.first_day), to: date(latest.last_day) }));
    } catch (err) { say('notice-error', err.message); }
    await refresh();
  }

  async function refresh() {
    delete main.dataset.loaded;
    const [src, fy, entries] = await Promise.all([get(co(c, '/data-source')), get(co(c, '/fiscal-years')), get(co(c, '/imports'))]);
    if (!ctx.isCurrent()) return;
    source = src.source;
    years = fy.fiscal_years || [];
    drawSource();
    // dagbok's own vouchers fill the ledger: an import would be refused (the library says why).
    sourceNotice.hidden = source === 'sie';
    chooseButton.disabled = source !== 'sie';
    drawLog(entries || []);
    drawDanger();
    main.dataset.loaded = 'import';
  }
  await refresh();
}
