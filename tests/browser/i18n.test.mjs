// The dictionaries and the formatting, without a browser.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repo } from './harness.mjs';

// The web/ modules are plain ES modules without a package.json of their own.
async function load(rel) {
  const text = fs.readFileSync(path.join(repo, 'web', rel), 'utf8');
  return import(`data:text/javascript,${encodeURIComponent(text)}`);
}

test('every key exists in sv, nb and en, and none is empty', async () => {
  const dicts = {};
  for (const l of ['sv', 'nb', 'en']) dicts[l] = (await load(`js/i18n/${l}.js`)).default;
  const all = new Set(Object.values(dicts).flatMap((d) => Object.keys(d)));
  for (const [l, d] of Object.entries(dicts)) {
    const missing = [...all].filter((k) => !(k in d));
    assert.deepEqual(missing, [], `keys missing in ${l}.js`);
    for (const [k, v] of Object.entries(d)) assert.ok(typeof v === 'string' && v.trim(), `${l}: ${k} is empty`);
  }
});

test('every static key the pages use is in the dictionaries', async () => {
  const sv = (await load('js/i18n/sv.js')).default;
  const files = [];
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (p.endsWith('.js')) files.push(p); } };
  walk(path.join(repo, 'web/js'));
  const used = new Set();
  for (const f of files) for (const m of fs.readFileSync(f, 'utf8').matchAll(/\bt\('([a-z_]+\.[a-z_.]+)'/g)) used.add(m[1]);
  assert.ok(used.size > 100, `found only ${used.size} keys`);
  assert.deepEqual([...used].filter((k) => !(k in sv)), []);
});

test('every line of the statement layouts has a name in each language', async () => {
  const layouts = fs.readFileSync(path.join(repo, 'src/reports/account_groups.cc'), 'utf8');
  const keys = [...layouts.matchAll(/\b(?:heading|group|other|closing|running|block|year_result)\("([a-z_]+)"/g)].map((m) => m[1]);
  assert.ok(keys.length > 30, `found only ${keys.length} layout keys`);
  for (const l of ['sv', 'nb', 'en']) {
    const d = (await load(`js/i18n/${l}.js`)).default;
    assert.deepEqual(keys.filter((k) => !(`report.line.${k}` in d)), [], `report lines missing in ${l}.js`);
  }
});

test('every integration and notification code has words in each language', async () => {
  // The kinds: the registry's (one folder each under src/connectors/) and the planned cards.
  const catalog = fs.readFileSync(path.join(repo, 'src/exports/integration_catalog.cc'), 'utf8');
  const planned = [...catalog.matchAll(/\{"([a-z0-9]+)", "/g)].map((m) => m[1]);
  const built = fs.readdirSync(path.join(repo, 'src/connectors'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(repo, 'src/connectors', e.name, 'connector.cmake')))
    .map((e) => e.name);
  const kinds = [...built, ...planned];
  const engine = fs.readFileSync(path.join(repo, 'src/exports/engine.h'), 'utf8');
  const codes = [...engine.matchAll(/= "(export_[a-z_]+)";/g)].map((m) => m[1]);
  assert.ok(kinds.length >= 6 && codes.length >= 3, `kinds ${kinds}, codes ${codes}`);
  const words = await load('js/notice_words.js');
  assert.deepEqual([...words.NOTIFICATION_CODES].sort(), [...codes].sort(), 'the page words every code the engine raises');
  for (const l of ['sv', 'nb', 'en']) {
    const d = (await load(`js/i18n/${l}.js`)).default;
    assert.deepEqual([...kinds.map((k) => `intname.${k}`), ...codes.map((k) => `notif.${k}`)].filter((k) => !(k in d)), [], l);
  }
});

test('a notification in Swedish or Norwegian never shows the engine\'s English', async () => {
  const { wordNotification } = await load('js/notice_words.js');
  const dicts = {};
  for (const l of ['sv', 'nb', 'en']) dicts[l] = (await load(`js/i18n/${l}.js`)).default;
  const tr = (l) => (key, params) => {
    let s = dicts[l][key];
    if (s === undefined) return key;
    if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (params[k] === undefined ? m : String(params[k])));
    return s;
  };
  const english = { title: 'Export of 2026-11-20 to email failed',
    message: 'gave up after 8 attempts; the last said: connection refused. When the problem is fixed, run Manuell export to send it again.' };
  const cases = [
    { ...english, code: 'export_failed', params: { integration: 'email', day: '2026-11-20', attempts: 8, gave_up: true, detail: 'connection refused' } },
    { ...english, code: 'export_failed', params: { integration: 'email', day: '2026-11-20', attempts: 1, gave_up: false, detail: '550 no such user' } },
    { ...english, code: 'export_cannot_start', params: { integration: 'email', day: '2026-11-20', detail: 'no e-mail address is set' } },
    { ...english, code: 'export_blocked', params: { integration: 'email', day: '2026-11-20', reasons: ["payment method 'Vipps' has no account"] } },
    { ...english, code: 'export_blocked', params: { integration: 'email', day: '2026-11-20' }, link: { page: 'kontoplan', items: [{ group: 'payment', key: 'Vipps' }] } },
  ];
  for (const n of cases) {
    for (const l of ['sv', 'nb']) {
      const w = wordNotification(n, tr(l), l);
      for (const s of [w.title, w.message]) {
        assert.ok(s && !s.includes('notif.'), `${l} ${n.code}: a key left in "${s}"`);
        for (const en of ['Export of', 'failed', 'gave up', 'cannot start', 'connection refused', 'no e-mail address', '550', 'has no account', 'Manuell export to'])
          assert.ok(!s.includes(en), `${l} ${n.code}: "${en}" in "${s}"`);
      }
      assert.ok(w.title.includes(l === 'sv' ? 'Export via e-post' : 'Eksport via e-post'), w.title);
    }
    const en = wordNotification(n, tr('en'), 'en');
    if (n.params.detail) assert.ok(en.message.includes(n.params.detail), 'an English page keeps the detail');
  }
  assert.match(wordNotification(cases[0], tr('sv'), 'sv').message, /8 försök/);
  assert.match(wordNotification(cases[4], tr('nb'), 'nb').message, /Vipps/);
  // A notification without a code the page knows keeps the server's words.
  assert.deepEqual(wordNotification({ title: 'T', message: 'M', code: '' }, tr('sv'), 'sv'), { title: 'T', message: 'M' });
});

test('amounts: integer and string arithmetic, the local way', async () => {
  const f = await load('js/format.js');
  const NB = '\u00a0';
  assert.equal(f.formatMoney('1234.50', 'sv', 'SEK'), `1${NB}234,50${NB}kr`);
  assert.equal(f.formatMoney(123450, 'nb', 'NOK'), `kr${NB}1${NB}234,50`);
  assert.equal(f.formatMoney('1234.5', 'en', 'SEK'), `SEK${NB}1,234.50`);
  assert.equal(f.formatMoney('-0.05', 'sv'), `\u22120,05${NB}kr`);
  assert.equal(f.formatMoney(-5, 'en', 'NOK'), `-NOK${NB}0.05`);
  assert.equal(f.formatMoney('0.00', 'sv'), `0,00${NB}kr`);
  // Beyond 2^53 öre a float would round; strings do not.
  assert.equal(f.formatMoney('90071992547409.93', 'en'), `SEK${NB}90,071,992,547,409.93`);
  assert.equal(f.formatMoney('12345678901234567.89', 'sv'), `12${NB}345${NB}678${NB}901${NB}234${NB}567,89${NB}kr`);
  assert.equal(f.parseAmount(0.1 + 0.2), null, 'a float is not an amount');
  assert.equal(f.parseAmount('1.234'), null, 'öre are the smallest unit');
  assert.equal(f.parseTypedAmount('1 234,5 kr'), '1234.50');
  assert.equal(f.parseTypedAmount('\u221212'), '-12.00');
  assert.equal(f.parseTypedAmount('abc'), null);
});

test('months the local way', async () => {
  const f = await load('js/format.js');
  assert.equal(f.formatMonth('2026-05', 'sv'), 'maj 2026');
  assert.equal(f.formatMonth('2026-05', 'nb'), 'mai 2026');
  assert.equal(f.formatMonth('2026-12', 'nb'), 'des 2026');
  assert.equal(f.formatMonth('2026-05', 'en'), 'May 2026');
  assert.equal(f.formatMonth('not a month', 'en'), 'not a month');
});

test('dates the local way', async () => {
  const f = await load('js/format.js');
  assert.equal(f.formatDate('2026-11-05', 'sv'), '2026-11-05');
  assert.equal(f.formatDate('2026-11-05', 'nb'), '05.11.2026');
  assert.equal(f.formatDate('2026-11-05', 'en'), '5 Nov 2026');
  assert.equal(f.formatDecimal('1234.500', 'sv'), `1\u00a0234,5`);
});
