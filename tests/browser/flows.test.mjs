// The back office in a real browser against a real server: the flows of
// issue 4. One server and one browser for the whole file; the tests run in
// order and build on each other (the kontoplan is completed before the day
// is closed, and so on).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { World, OWNER, STAFF, eventually, shared, artifacts } from './harness.mjs';

const world = new World();
let owner;  // the owner's page, logged in

function isoDaysAgo(n) {
  const d = new Date(Date.now() - n * 86400000);
  return d.toISOString().slice(0, 10);
}
// Days after the demo period, so that the kontoplan's new entries (which take
// effect the day after the last voucher) apply to them.
const DEMO_END = isoDaysAgo(7);
const DAY1 = isoDaysAgo(4);
const DAY2 = isoDaysAgo(3);

function receipt(id, day, group) {
  return JSON.stringify({ id, register: 'K9', department: 'Glassbaren', time: `${day}T13:00:00+01:00`,
    lines: [{ product_group: group, vat_rate: '12', quantity: '2', unit_price: '45.50' }],
    payments: [{ method: 'card', amount: '91.00' }] }) + '\n';
}
function importReceipt(id, day, group) {
  const file = path.join(world.dir, `${id}.jsonl`);
  fs.writeFileSync(file, receipt(id, day, group));
  world.cli(['receipts', 'import', file]);
}
let routes = new Set();
const hasRoute = (method, p) => routes.has(`${method} ${p}`);

before(async () => {
  await world.start({ demoEnd: DEMO_END });
  const spec = await (await fetch(`${world.base}/api/v1/openapi.json`)).json();
  routes = new Set(Object.entries(spec.paths).flatMap(([p, v]) => Object.keys(v).map((m) => `${m.toUpperCase()} ${p}`)));
});
after(async () => {
  await world.stop();
  assert.deepEqual(world.consoleErrors, [], 'no script errors in the pages');
});

test('log in: a wrong password is refused, the right one opens the back office', async () => {
  owner = await world.page();
  await owner.goto(`${world.base}/`);
  await owner.waitForSelector('#login-email');
  await world.shot(owner, '01-login');
  await owner.fill('#login-email', OWNER.email);
  await owner.fill('#login-password', 'not-the-password');
  await owner.click('form button[type=submit]');
  await owner.waitForSelector('[data-testid=login-error]:has-text("Fel e-postadress")');
  await owner.fill('#login-password', OWNER.password);
  await owner.click('form button[type=submit]');
  await owner.waitForSelector('nav.sidenav a[data-nav=kontoplan].active');
  assert.equal(new URL(owner.url()).pathname, '/ekonomi/redovisning');
  assert.match(await owner.textContent('.topbar'), /Ägare Andersson/);
  // The ledger's overview is in the menu; Import only for those with the import right.
  assert.match(await owner.textContent('nav.sidenav'), /Ekonomiöversikt/);
  assert.equal(await owner.locator('nav.sidenav a[data-nav=import]').count(), 0);
});

test('complete the kontoplan: a new product group is flagged, given an account and saved', async () => {
  importReceipt('B1', DAY1, 'Glass');
  await owner.goto(`${world.base}/ekonomi/redovisning`);
  await owner.waitForSelector('[data-testid=kontoplan-missing]');
  const field = owner.locator('input[data-group=product_group][data-key^="Glass"]');
  assert.equal(await field.inputValue(), '');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  await world.shot(owner, '02-kontoplan-missing');
  // A bad account is refused at the field, and nothing is sent.
  await field.fill('30x2');
  await owner.click('[data-testid=kontoplan-save]');
  await owner.waitForSelector('.row-input .field-error:has-text("kontonummer")');
  await field.fill('3002');
  await owner.click('[data-testid=kontoplan-save]');
  await owner.waitForSelector('[data-testid=kontoplan-complete]');
  const saved = owner.locator('input[data-group=product_group][data-key^="Glass"]');
  assert.equal(await saved.inputValue(), '3002');
  // The groups expand and close.
  const group = owner.locator('details[data-group=payment]');
  await group.locator('summary').click();
  assert.equal(await group.getAttribute('open'), '');
  await world.shot(owner, '03-kontoplan');
});

test('close a day: its Z-report, totals and voucher', async () => {
  await owner.goto(`${world.base}/dagsavslut`);
  await owner.waitForSelector('[data-testid=z-list]');
  await owner.fill('[data-testid=close-date]', DAY1);
  await owner.click('[data-testid=close-date-button]');
  await owner.waitForSelector('[data-testid=close-result]');
  assert.match(await owner.textContent('[data-testid=close-result]'), /är stängd: \d+ Z-rapport/);
  await owner.waitForSelector('[data-testid=z-row]:has-text("K9")');
  await world.shot(owner, '04-dagsavslut');
  // The newest Z-report is first; open it.
  await owner.locator('[data-testid=z-row]:has-text("K9") a').first().click();
  await owner.waitForSelector('[data-testid=z-voucher] table');
  const text = await owner.textContent('main');
  assert.match(text, /91,00\u00a0kr/, 'the sales total, the Swedish way');
  assert.match(text, /Glass/);
  assert.match(await owner.textContent('[data-testid=z-voucher]'), /3002/);
  assert.match(await owner.getAttribute('[data-testid=z-pdf]', 'href'), /\/zreports\/\d+\/pdf$/);
  await world.shot(owner, '05-zrapport');
});

test('export a SIE file from the dialog; sie-check accepts it', async (t) => {
  await owner.goto(`${world.base}/foretag/integrationer`);
  await owner.click('[data-testid=export-button]');
  await owner.waitForSelector('[data-testid=export-dialog]');
  await owner.fill('[data-testid=export-from]', DEMO_END);
  await owner.fill('[data-testid=export-to]', DAY1);
  await world.shot(owner, '06-exportera-bokforing');
  const [download] = await Promise.all([owner.waitForEvent('download'), owner.click('[data-testid=export-download]')]);
  const file = path.join(artifacts, download.suggestedFilename());
  await download.saveAs(file);
  await owner.waitForSelector('[data-testid=export-result] .notice-ok');
  const bytes = fs.readFileSync(file);
  assert.ok(bytes.includes(Buffer.from('#SIETYP 4')), 'a SIE 4 file');
  assert.ok(bytes.includes(Buffer.from('3002')), 'with the new account');
  await owner.keyboard.press('Escape');
  const checker = path.join(shared, 'tools/sie-check');
  if (!fs.existsSync(checker)) { t.skip(`sie-check not found at ${checker}; the file was not checked`); return; }
  const r = spawnSync('/usr/bin/python3', [checker, '--strict', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /valid/);
});

test('activate and deactivate Export via e-post in the UI; a delivery in the export log', async () => {
  assert.ok(hasRoute('POST', '/api/v1/companies/{c}/integrations/{kind}/activate'), 'the API activates integrations');
  await owner.goto(`${world.base}/foretag/integrationer`);
  await owner.click('[data-testid=activate-email]');
  await owner.waitForSelector('[data-testid=wizard]');
  await world.shot(owner, '07-wizard-intro');
  await owner.click('[data-testid=wizard-next]');
  await owner.fill('[data-testid=wizard-address]', 'bokforing@example.se');
  await owner.selectOption('[data-testid=wizard-format]', 'sie4');
  await owner.click('[data-testid=wizard-next]');
  await owner.fill('[data-testid=wizard-start]', DAY1);
  await owner.click('[data-testid=wizard-next]');
  await owner.waitForSelector('.wizard-pane .notice');
  await owner.click('[data-testid=wizard-next]');
  await owner.waitForSelector('[data-testid=wizard-done]');
  await owner.click('[data-testid=wizard-ok]');
  await owner.waitForSelector('[data-testid=card-email].state-active');
  await world.shot(owner, '08-integrationer-aktiv');
  await eventually(() => world.mails().length >= 1, { what: 'an e-mail in the sink' });
  await owner.goto(`${world.base}/foretag/exportlogg`);
  await owner.waitForSelector('[data-testid=delivery][data-status=delivered]');
  await world.shot(owner, '09-exportlogg');
  // Deactivate, with a confirmation.
  await owner.goto(`${world.base}/foretag/integrationer`);
  await owner.click('[data-testid=menu-email]');
  await owner.click('[data-testid=menu-deactivate]');
  await owner.click('[data-testid=confirm-yes]');
  await owner.waitForSelector('[data-testid=card-email].state-inactive');
  // Active again for the next test.
  world.cli(['integrations', 'activate', 'email', '--address', 'bokforing@example.se', '--format', 'sie4', '--start-date', DAY1]);
});

test('a mapping gap: the banner with "Visa", the bell and the notification', async () => {
  await owner.goto(`${world.base}/foretag/exportlogg`);
  await eventually(async () => {
    await owner.click('[data-testid=exportlog-refresh]');
    return owner.locator('[data-testid=delivery][data-status=delivered]').count();
  }, { what: 'the first day delivered by e-mail' });
  await world.shot(owner, '09-exportlogg');
  importReceipt('B2', DAY2, 'Sorbet');
  await owner.goto(`${world.base}/dagsavslut`);
  await owner.fill('[data-testid=close-date]', DAY2);
  await owner.click('[data-testid=close-date-button]');
  await owner.waitForSelector('[data-testid=close-result].notice-warn');
  // The export worker finds the day's voucher waiting for the kontoplan.
  await eventually(async () => {
    await owner.goto(`${world.base}/dagsavslut`);
    // The shell reads the notifications after the page has loaded: wait for that, then count.
    await owner.waitForSelector('[data-testid=banners][data-loaded]');
    return owner.locator('[data-testid=banner]').count();
  }, { ms: 45000, every: 1000, what: 'the error banner' });
  const banner = owner.locator('[data-testid=banner]').first();
  // In the owner's language, naming what has no account.
  assert.match(await banner.textContent(), /Export via e-post väntar på kontoplanen/);
  assert.match(await banner.textContent(), /Sorbet/);
  assert.notEqual(await owner.locator('[data-testid=unread-count]').textContent(), '0');
  await world.shot(owner, '10-banner');
  await banner.locator('[data-testid=banner-show]').click();
  await owner.waitForSelector('[data-testid=notification-dialog]');
  assert.match(await owner.textContent('[data-testid=notification-dialog]'), /kontoplan/i);
  await owner.waitForSelector('[data-testid=notification-dialog] [data-testid=notification-to-kontoplan]');
  await world.shot(owner, '11-notifikation');
  await owner.keyboard.press('Escape');
  await owner.click('[data-testid=bell]');
  await owner.waitForSelector('[data-testid=notification]');
  await world.shot(owner, '12-notifikationer');
  // The banner is on every page.
  await owner.goto(`${world.base}/foretag/integrationer`);
  await owner.waitForSelector('[data-testid=banner]');
  await world.shot(owner, '13-integrationer');
  await owner.goto(`${world.base}/foretag/anvandare`);
  await owner.waitForSelector('[data-testid=user-add]');
  await world.shot(owner, '14-anvandare');
});

test('staff cannot change the kontoplan or users: the UI does not offer it, the API refuses', async () => {
  const staff = await world.isolatedPage();  // a browser context of its own: the owner stays logged in
  await world.login(staff, STAFF);
  await staff.goto(`${world.base}/ekonomi/redovisning`);
  await staff.waitForSelector('[data-testid=readonly-note]');
  assert.equal(await staff.locator('[data-testid=kontoplan-save]').count(), 0);
  assert.equal(await staff.locator('input.account-input:not([disabled])').count(), 0);
  await world.shot(staff, '15-personal-kontoplan');
  const slug = world.company.slug;
  const put = await staff.evaluate(async (c) => {
    const r = await fetch(`/api/v1/companies/${c}/mapping`, { method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': sessionStorage.getItem('dagbok.csrf') },
      body: JSON.stringify({ entries: [{ group: 'product_group', key: 'Sorbet@12', account: '3002' }] }) });
    return { status: r.status, body: await r.json() };
  }, slug);
  assert.equal(put.status, 403);
  assert.equal(put.body.error.code, 'permission_denied');
  await staff.goto(`${world.base}/foretag/anvandare`);
  await staff.waitForSelector('[data-testid=users-readonly]');
  assert.equal(await staff.locator('[data-testid=user-add]').count(), 0);
  await world.shot(staff, '16-personal-anvandare');
  const status = await staff.evaluate(async (c) => (await fetch(`/api/v1/companies/${c}/users`)).status, slug);
  assert.equal(status, 403);
  await staff.close();
});

test('switching the language changes the page text', async () => {
  await owner.goto(`${world.base}/ekonomi/redovisning`);
  await owner.waitForSelector('h1:has-text("Redovisning")');
  assert.equal(await owner.textContent('.topbar .who'), 'Ägare Andersson', 'the owner, not the staff user of the test before');
  await owner.selectOption('[data-testid=lang-switch]', 'en');
  await owner.waitForSelector('h1:has-text("Accounting")');
  assert.match(await owner.textContent('nav.sidenav'), /Integrations/);
  await world.shot(owner, '17-english');
  await owner.selectOption('[data-testid=lang-switch]', 'nb');
  await owner.waitForSelector('h1:has-text("Regnskap")');
  assert.match(await owner.textContent('nav.sidenav'), /Integrasjoner/);
  await owner.click('nav.sidenav a[data-nav=days]');  // in the app: a reload would ask the server
  await owner.waitForSelector('h1:has-text("Dagsoppgjør")');
  await owner.waitForSelector('[data-testid=z-list]');
  assert.match(await owner.textContent('[data-testid=z-list]'), /kr\u00a0\d/, 'amounts the Norwegian way: kr 91,00');
  await world.shot(owner, '18-norsk-dagsoppgjor');
  // The choice is the user's, kept by the server (PUT /me/language): a reload keeps it.
  await owner.reload();
  await owner.waitForSelector('nav.sidenav a:has-text("Dagsoppgjør")');
});
