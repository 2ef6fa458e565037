// The Integrationer page in a real browser against a real server: the e-mail
// wizard with its schedule and from-date (sv and nb), Inställningar changing
// the start date and the schedule, the lock, and the export log's recipient
// column and "Försök igen". One server for the file; the tests build on each
// other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { World, OWNER, eventually } from './harness.mjs';

const world = new World();
const NB_OWNER = { email: 'eier@example.no', password: 'eier-passord-1' };
const isoDaysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
const DEMO_END = isoDaysAgo(7);
const START = isoDaysAgo(8);
const EARLIER = isoDaysAgo(9);
const GAP_DAY = isoDaysAgo(3);
let page;

// The e-mail card as the API gives it, read in the page's session.
async function emailCard(p) {
  const cards = await p.evaluate(async (c) => (await (await fetch(`/api/v1/companies/${c}/integrations`)).json()), world.company.slug);
  return cards.find((c) => c.kind === 'email');
}

before(async () => {
  await world.start({ demoEnd: DEMO_END });
  world.cli(['user', 'add', NB_OWNER.email, '--name', 'Eier Eriksen', '--language', 'nb'], { input: `${NB_OWNER.password}\n` });
  world.cli(['user', 'grant', NB_OWNER.email, '--company', world.company.slug, '--role', 'owner']);
});
after(async () => {
  await world.stop();
  assert.deepEqual(world.consoleErrors, [], 'no script errors in the pages');
});

test('sv: the e-mail wizard asks the schedule (05:00 by default) and the from-date, warns when locked, and sums up', async () => {
  page = await world.page();
  await world.login(page, OWNER);
  await page.goto(`${world.base}/foretag/integrationer`);
  await page.click('[data-testid=activate-email]');
  const wizard = page.locator('[data-testid=wizard]');
  await wizard.waitFor();
  assert.equal(await wizard.getAttribute('data-steps'), 'intro options schedule summary done');
  assert.match(await wizard.textContent(), /Låt oss börja/i);
  await page.click('[data-testid=wizard-next]');
  await page.fill('[data-testid=wizard-address]', 'bokforing@example.se');
  await page.selectOption('[data-testid=wizard-format]', 'sie4');
  await page.click('[data-testid=wizard-next]');
  // The schedule step: after each close first, a time for the others, 05:00 by default.
  assert.equal(await wizard.getAttribute('data-step'), 'schedule');
  const kinds = await page.locator('[data-testid=wizard-schedule] option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(kinds, ['after_close', 'daily', 'weekly', 'monthly']);
  assert.equal(await page.locator('[data-testid=wizard-at]').isVisible(), false);
  await page.selectOption('[data-testid=wizard-schedule]', 'daily');
  assert.equal(await page.locator('[data-testid=wizard-at]').isVisible(), true);
  assert.equal(await page.inputValue('[data-testid=wizard-at]'), '05:00');
  await page.fill('[data-testid=wizard-at]', '06:30');
  await page.fill('[data-testid=wizard-start]', START);
  // The lock: the warning shows only when the date will be locked.
  assert.equal(await page.locator('[data-testid=wizard-start-frozen]').isVisible(), false);
  await page.check('[data-testid=wizard-lock]');
  assert.match(await page.textContent('[data-testid=wizard-start-frozen]'), /kan inte ändras efter att du har sparat/);
  await world.shot(page, 'int-01-wizard-schedule-sv');
  await page.uncheck('[data-testid=wizard-lock]');
  assert.equal(await page.locator('[data-testid=wizard-start-frozen]').isVisible(), false);
  await page.click('[data-testid=wizard-next]');
  const summary = await page.textContent('[data-testid=wizard-summary]');
  assert.match(summary, /bokforing@example\.se/);
  assert.match(summary, /Dagligen kl\. 06:30/);
  await page.waitForSelector('.wizard-pane .notice');
  await world.shot(page, 'int-02-wizard-summary-sv');
  await page.click('[data-testid=wizard-next]');
  await page.waitForSelector('[data-testid=wizard-done]');
  await page.click('[data-testid=wizard-ok]');
  await page.waitForSelector('[data-testid=card-email].state-active');
  assert.match(await page.textContent('[data-testid=schedule-email]'), /Dagligen kl\. 06:30/);
  const card = await emailCard(page);
  assert.equal(card.schedule, 'daily 06:30');
  assert.equal(card.from_date, START);
  assert.equal(card.from_date_locked, false);
  assert.equal(card.start_date_frozen, false);
});

test('sv: Inställningar changes the start date and the schedule', async () => {
  await page.click('[data-testid=menu-email]');
  await page.click('[data-testid=menu-settings]');
  await page.waitForSelector('[data-testid=settings-dialog]');
  assert.equal(await page.inputValue('[data-testid=wizard-start]'), START);
  assert.equal(await page.locator('[data-testid=wizard-start]').isEnabled(), true);
  assert.equal(await page.inputValue('[data-testid=wizard-schedule]'), 'daily');
  assert.equal(await page.inputValue('[data-testid=wizard-at]'), '06:30');
  assert.equal(await page.inputValue('[data-testid=wizard-address]'), 'bokforing@example.se');
  await page.fill('[data-testid=wizard-start]', EARLIER);
  await page.selectOption('[data-testid=wizard-schedule]', 'after_close');
  await world.shot(page, 'int-03-settings-sv');
  await page.click('[data-testid=settings-save]');
  await page.waitForSelector('[data-testid=settings-dialog]', { state: 'detached' });
  await eventually(async () => (await emailCard(page)).from_date === EARLIER, { what: 'the new start date saved' });
  const card = await emailCard(page);
  assert.equal(card.schedule, 'after_close');
  assert.equal(card.settings.address, 'bokforing@example.se');
  assert.match(await page.textContent('[data-testid=schedule-email]'), /Efter varje dagsavslut/);
});

test('the export log names the integration and offers "Försök igen" for a waiting delivery', async () => {
  await eventually(() => world.mails().length >= 1, { ms: 30000, what: 'an e-mail in the sink' });
  // A day with a product group the kontoplan lacks waits for it.
  const file = path.join(world.dir, 'gap.jsonl');
  fs.writeFileSync(file, JSON.stringify({ id: 'G1', register: 'K9', department: 'Glassbaren', time: `${GAP_DAY}T13:00:00+01:00`,
    lines: [{ product_group: 'Sorbet', vat_rate: '12', quantity: '1', unit_price: '45.50' }],
    payments: [{ method: 'card', amount: '45.50' }] }) + '\n');
  world.cli(['receipts', 'import', file]);
  // The day closes; its voucher waits for the kontoplan (the CLI says so and exits non-zero).
  try { world.cli(['close', '--date', GAP_DAY]); } catch (e) { if (!/is blocked/.test(e.message)) throw e; }
  await page.goto(`${world.base}/foretag/exportlogg`);
  await eventually(async () => {
    await page.click('[data-testid=exportlog-refresh]');
    return (await page.locator('[data-testid=delivery][data-status=waiting]').count())
      && page.locator('[data-testid=delivery][data-status=delivered]').count();
  }, { ms: 45000, every: 1000, what: 'a waiting and a delivered export' });
  await world.shot(page, 'int-04-exportlogg');
  const names = await page.locator('[data-testid=delivery-integration]').allTextContents();
  assert.ok(names.length >= 2);
  for (const n of names) assert.equal(n, 'Export via e-post');
  assert.ok(await page.textContent('thead').then((x) => /Mottagare/.test(x)));
  const waiting = page.locator('[data-testid=delivery][data-status=waiting] button').first();
  assert.equal((await waiting.textContent()).trim(), 'Försök igen');
  assert.equal(await waiting.getAttribute('data-action'), 'retry');
  const delivered = page.locator('[data-testid=delivery][data-status=delivered] button').first();
  assert.equal((await delivered.textContent()).trim(), 'Skicka igen');
  await waiting.click();
  await page.waitForSelector('[data-testid=exportlog-status] .notice-ok');
  assert.match(await page.textContent('[data-testid=exportlog-status]'), /försöks igen/);
});

test('nb: the wizard again, the start date locked: the warning, then Innstillinger shows it read-only', async () => {
  const nb = await world.page();
  await world.login(nb, NB_OWNER);
  await nb.goto(`${world.base}/foretag/integrationer`);
  await nb.click('[data-testid=menu-email]');
  await nb.click('[data-testid=menu-deactivate]');
  await nb.click('[data-testid=confirm-yes]');
  await nb.waitForSelector('[data-testid=card-email].state-inactive');
  await nb.click('[data-testid=activate-email]');
  await nb.waitForSelector('[data-testid=wizard]');
  await nb.click('[data-testid=wizard-next]');
  await nb.fill('[data-testid=wizard-address]', 'regnskap@example.no');
  await nb.selectOption('[data-testid=wizard-format]', 'pdf');
  await nb.click('[data-testid=wizard-next]');
  assert.match(await nb.textContent('[data-testid=wizard]'), /Overføring/);
  await nb.selectOption('[data-testid=wizard-schedule]', 'monthly');
  assert.equal(await nb.inputValue('[data-testid=wizard-at]'), '05:00');
  await nb.fill('[data-testid=wizard-start]', START);
  await nb.check('[data-testid=wizard-lock]');
  assert.match(await nb.textContent('[data-testid=wizard-start-frozen]'), /kan ikke endres etter at du har lagret/);
  await world.shot(nb, 'int-05-wizard-schedule-nb');
  await nb.click('[data-testid=wizard-next]');
  const summary = await nb.textContent('[data-testid=wizard-summary]');
  assert.match(summary, /Månedlig \(den 1\.\) kl\. 05:00/);
  assert.match(summary, /låst/);
  await nb.click('[data-testid=wizard-next]');
  await nb.waitForSelector('[data-testid=wizard-done]');
  await nb.click('[data-testid=wizard-ok]');
  await nb.waitForSelector('[data-testid=card-email].state-active');
  assert.match(await nb.textContent('[data-testid=start-email]'), /låst/);
  const card = await emailCard(nb);
  assert.equal(card.from_date_locked, true);
  assert.equal(card.schedule, 'monthly (1st) 05:00');
  assert.equal(card.settings.format, 'pdf');
  // Innstillinger: the start date read-only, the rest changeable.
  await nb.click('[data-testid=menu-email]');
  await nb.click('[data-testid=menu-settings]');
  await nb.waitForSelector('[data-testid=settings-dialog]');
  assert.equal(await nb.locator('[data-testid=wizard-start]').isDisabled(), true);
  await nb.waitForSelector('[data-testid=settings-start-locked]');
  assert.equal(await nb.locator('[data-testid=wizard-address]').isEnabled(), true);
  await nb.selectOption('[data-testid=wizard-format]', 'csv');
  await world.shot(nb, 'int-06-settings-nb');
  await nb.click('[data-testid=settings-save]');
  await nb.waitForSelector('[data-testid=settings-dialog]', { state: 'detached' });
  await eventually(async () => (await emailCard(nb)).settings.format === 'csv', { what: 'the format saved' });
  assert.equal((await emailCard(nb)).from_date, START);
  // The API refuses a new start date too.
  const status = await nb.evaluate(async (c) => (await fetch(`/api/v1/companies/${c}/integrations/email/settings`, { method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': sessionStorage.getItem('dagbok.csrf') },
    body: JSON.stringify({ start_date: '2020-01-01' }) })).status, world.company.slug);
  assert.equal(status, 400);
  // The browser logs the refused request; it was asked for here, not a page's error.
  await eventually(() => world.consoleErrors.some((e) => /status of 400/.test(e)), { ms: 3000, what: 'the 400 logged' }).catch(() => {});
  world.consoleErrors = world.consoleErrors.filter((e) => !/status of 400/.test(e));
});

// The generic steps, with a card as an accounting connector would describe
// it: the page's requests to that kind are answered here (page.route), so no
// kind exists in the product for the test; the page must walk the steps from
// the card's fields alone.
test('a card with credentials, company and account settings: the steps, Test integration, lists with refresh, the frozen date', async () => {
  const p = await world.page();
  await world.login(p, OWNER);
  const FIELDS = [
    { name: 'client_key', secret: true, frozen: false, values: [], input: 'password', choices: null, step: 'credentials' },
    { name: 'client', secret: false, frozen: true, values: [], input: 'text', choices: 'companies', step: 'company' },
    { name: 'voucher_type', secret: false, frozen: false, values: [], input: 'text', choices: 'voucher_types', step: 'accounts' },
    { name: 'vat_code', secret: false, frozen: false, values: [], input: 'text', choices: 'vat_codes', step: 'accounts' },
    { name: 'mode', secret: false, frozen: false, values: ['draft', 'ledger'], input: 'text', choices: null, step: 'options' },
  ];
  const LISTS = {
    companies: [{ id: '4711', name: 'Fjordkafé AS' }, { id: '4712', name: 'Fjordkafé Bergen AS' }],
    voucher_types: [{ id: 'K', name: 'Kassebilag' }],
    vat_codes: [{ id: '3', name: 'Utgående mva 25 %' }, { id: '31', name: 'Utgående mva 15 %' }],
    accounts: [{ id: '1920', name: 'Bank' }],
  };
  const seen = { tests: [], choices: [], activate: null };
  await p.route('**/api/v1/companies/*/integrations', async (route) => {
    const res = await route.fetch();
    const cards = (await res.json()).map((c) => (c.kind !== 'poweroffice' ? c : {
      ...c, built: true, state: 'not_activated', status: 'inactive', fields: FIELDS, start_date_frozen: true }));
    await route.fulfill({ response: res, json: cards });
  });
  await p.route('**/integrations/poweroffice/test', async (route) => {
    const body = route.request().postDataJSON();
    seen.tests.push(body);
    if (body.client_key === 'good') await route.fulfill({ json: { kind: 'poweroffice', ok: true } });
    else await route.fulfill({ status: 403, json: { error: { code: 'permission_denied', message: 'PowerOffice: Invalid client key (401 Unauthorized)' } } });
  });
  await p.route('**/integrations/poweroffice/choices/*', async (route) => {
    const list = route.request().url().split('/').pop();
    seen.choices.push({ list, method: route.request().method(), body: route.request().postDataJSON() });
    await route.fulfill({ json: { kind: 'poweroffice', list, choices: LISTS[list] || [] } });
  });
  await p.route('**/integrations/poweroffice/activate', async (route) => {
    seen.activate = route.request().postDataJSON();
    await route.fulfill({ json: { integration: {}, queued_days: 0 } });
  });
  await p.goto(`${world.base}/foretag/integrationer`);
  await p.click('[data-testid=activate-poweroffice]');
  const wizard = p.locator('[data-testid=wizard]');
  await wizard.waitFor();
  assert.equal(await wizard.getAttribute('data-steps'), 'intro credentials company accounts options schedule summary done');
  await p.click('[data-testid=wizard-next]');
  // Credentials: Next waits for a good test; the service's message verbatim.
  await p.fill('[data-testid=wizard-client_key]', 'bad');
  await p.click('[data-testid=wizard-next]');
  assert.match(await p.textContent('[data-testid=wizard-error]'), /Testa integrationen innan/);
  await p.click('[data-testid=wizard-test]');
  await p.waitForSelector('[data-testid=wizard-test-result] .notice-error');
  assert.equal(await p.textContent('[data-testid=wizard-test-result]'), 'PowerOffice: Invalid client key (401 Unauthorized)');
  await p.fill('[data-testid=wizard-client_key]', 'good');
  await p.click('[data-testid=wizard-test]');
  await p.waitForSelector('[data-testid=wizard-test-result] .notice-ok');
  assert.deepEqual(seen.tests.at(-1), { client_key: 'good' });
  await p.click('[data-testid=wizard-next]');
  // Company: the list read with the credentials typed (not saved), a refresh reads it again.
  assert.equal(await wizard.getAttribute('data-step'), 'company');
  await p.waitForSelector('[data-testid=wizard-client] option[value="4712"]', { state: 'attached' });
  const first = seen.choices.find((c) => c.list === 'companies');
  assert.equal(first.method, 'POST');
  assert.equal(first.body.client_key, 'good');
  const before = seen.choices.length;
  await p.click('[data-testid=refresh-client]');
  await eventually(() => seen.choices.length > before, { what: 'the list read again' });
  await p.click('[data-testid=wizard-next]');
  assert.match(await p.textContent('[data-testid=wizard-error]'), /client/);
  await p.selectOption('[data-testid=wizard-client]', '4712');
  await world.shot(p, 'int-07-generic-company');
  await p.click('[data-testid=wizard-next]');
  // Accounts: voucher types and VAT codes from the service, the kontoplan per department.
  assert.equal(await wizard.getAttribute('data-step'), 'accounts');
  await p.waitForSelector('[data-testid=wizard-vat_code] option[value="31"]', { state: 'attached' });
  await p.waitForSelector('[data-testid=wizard-kontoplan] table');
  await p.selectOption('[data-testid=wizard-voucher_type]', 'K');
  await p.selectOption('[data-testid=wizard-vat_code]', '31');
  assert.equal(seen.choices.find((c) => c.list === 'vat_codes').body.client, '4712');
  await world.shot(p, 'int-08-generic-accounts');
  await p.click('[data-testid=wizard-next]');
  await p.selectOption('[data-testid=wizard-mode]', 'ledger');
  await p.click('[data-testid=wizard-next]');
  // The kind freezes the start date: the warning without asking, no lock box.
  assert.equal(await p.locator('[data-testid=wizard-start-frozen]').isVisible(), true);
  assert.equal(await p.locator('[data-testid=wizard-lock]').count(), 0);
  await p.selectOption('[data-testid=wizard-schedule]', 'weekly');
  await p.fill('[data-testid=wizard-start]', START);
  await p.click('[data-testid=wizard-next]');
  assert.match(await p.textContent('[data-testid=wizard-summary]'), /Fjordkafé Bergen AS \(4712\)/);
  await p.click('[data-testid=wizard-next]');
  await p.waitForSelector('[data-testid=wizard-done]');
  assert.deepEqual(seen.activate, { client_key: 'good', client: '4712', voucher_type: 'K', vat_code: '31', mode: 'ledger',
    start_date: START, schedule: 'weekly', at: '05:00', lock_start_date: false });
});
