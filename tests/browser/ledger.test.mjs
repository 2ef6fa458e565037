// The ledger's pages in a real browser against a real server (issue 6,
// item 9): Inställningar → Import (data source, "Importera SIE4-fil" with its
// progress bar, the import log, undo, delete the latest year) and
// Ekonomiöversikt (key figures, charts, statements by month). The tests run
// in order and build on each other. Every goto waits for the page's
// data-loaded marker (or a selector) before looking at anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { World, OWNER, shared } from './harness.mjs';

const world = new World();
const ACCOUNTANT = { email: 'revisor@example.se', password: 'revisor-losenord-1' };
let owner;  // the owner's page (with the import right), logged in
let goodFile;
let badFile;

// The digits and sign of an amount, however it is formatted ("1 234,50 kr" → "-123450").
const digits = (s) => `${/[-\u2212]/.test(s) ? '-' : ''}${String(s).replace(/[^0-9]/g, '')}`;

// A full-page screenshot from the top (the top bar is sticky).
async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await world.shot(page, name);
}

async function openImport(page) {
  await page.goto(`${world.base}/installningar/import`);
  await page.waitForSelector('main[data-loaded=import]');
}

before(async () => {
  await world.start();
  const slug = world.company.slug;
  world.cli(['user', 'grant', OWNER.email, '--company', slug, '--role', 'owner', '--import-right']);
  world.cli(['user', 'add', ACCOUNTANT.email, '--name', 'Revisor Rask', '--language', 'sv'], { input: `${ACCOUNTANT.password}\n` });
  world.cli(['user', 'grant', ACCOUNTANT.email, '--company', slug, '--role', 'accountant']);
  // SIE-Gruppen's example file (fiscal year 2021), its #ORGNR made the demo shop's.
  const example = fs.readFileSync(path.join(shared, 'testdata/sie/public/skatasweden__keyholder-plan/SIE4 Exempelfil.SE'));
  const text = example.toString('latin1').replace(/#ORGNR 555555-5555/, `#ORGNR ${world.company.orgnr}`);
  goodFile = path.join(world.dir, 'SIE4 Exempelfil.SE');
  fs.writeFileSync(goodFile, Buffer.from(text, 'latin1'));
  // A file with an error on line 14, column 16 (an amount that is not one).
  badFile = path.join(world.dir, 'trasig.se');
  fs.writeFileSync(badFile, ['#FLAGGA 0', '#PROGRAM "test" 1', '#FORMAT PC8', '#GEN 20220101', '#SIETYP 4',
    `#ORGNR ${world.company.orgnr}`, '#FNAMN "Trasig"', '#RAR 0 20220101 20221231', '#KONTO 1930 "Bank"',
    '#KONTO 3001 "Försäljning"', '#VER A 1 20220115 "Försäljning"', '{', '#TRANS 1930 {} 100.00',
    '#TRANS 3001 {} -10x.00', '}', ''].join('\r\n'));
});
after(async () => {
  await world.stop();
  assert.deepEqual(world.consoleErrors, [], 'no script errors in the pages');
});

test('the owner with the import right sees Import in the menu and switches to another source', async () => {
  owner = await world.page();
  await world.login(owner, OWNER);
  await owner.waitForSelector('nav.sidenav a[data-nav=import]');
  await owner.click('nav.sidenav a[data-nav=import]');
  await owner.waitForSelector('main[data-loaded=import]');
  assert.equal(new URL(owner.url()).pathname, '/installningar/import');
  await owner.waitForSelector('[data-testid=import-log-empty], [data-testid=import-log]');
  // While dagbok's own vouchers fill the ledger, the page says so and offers no import.
  await owner.waitForSelector('[data-testid=import-needs-source]:visible');
  assert.equal(await owner.isDisabled('[data-testid=import-button]'), true);
  await owner.check('[data-testid=source-sie]');
  await owner.click('[data-testid=source-save]');
  await owner.waitForSelector('[data-testid=import-status] .notice-ok:has-text("Annan källa")');
  await owner.waitForSelector('main[data-loaded=import] [data-testid=import-entry][data-kind=source][data-result=ok]');
  await owner.waitForSelector('[data-testid=import-needs-source]', { state: 'hidden' });
  assert.equal(await owner.isDisabled('[data-testid=import-button]'), false);
});

test('import a SIE4 file: the progress bar, then the log shows it', async () => {
  await openImport(owner);
  // The progress bar's changes, recorded as they happen (a local upload is quick).
  await owner.evaluate(() => {
    const bar = document.querySelector('[data-testid=import-progress]');
    window.progressSeen = [];
    new MutationObserver(() => window.progressSeen.push({ hidden: bar.hidden, value: bar.value }))
      .observe(bar, { attributes: true, attributeFilter: ['hidden', 'value'] });
  });
  await owner.setInputFiles('[data-testid=import-file]', goodFile);
  await owner.waitForSelector('[data-testid=import-status] .notice-ok:has-text("SIE4 Exempelfil.SE är inläst")', { timeout: 60000 });
  const seen = await owner.evaluate(() => window.progressSeen);
  assert.ok(seen.some((p) => !p.hidden), `the progress bar was shown: ${JSON.stringify(seen)}`);
  assert.ok(seen.some((p) => p.value === 100), `the progress bar reached 100: ${JSON.stringify(seen)}`);
  await owner.waitForSelector('main[data-loaded=import] [data-testid=import-entry][data-kind=import][data-result=ok]');
  const row = owner.locator('[data-testid=import-entry][data-kind=import][data-result=ok]').first();
  const text = await row.textContent();
  assert.match(text, /SIE4 Exempelfil\.SE/);
  assert.match(text, /agare@example\.se/);
  assert.match(text, /Visma Administration/);
  assert.match(text, /2021-01-01 – 2021-12-31/);
  assert.match(await row.locator('code.sha').textContent(), /^[0-9a-f]{12}$/);
  await shot(owner, 'ledger-01-import');
});

test('Ekonomiöversikt shows the imported year: key figures, charts, statements', async () => {
  await owner.goto(`${world.base}/ekonomi/oversikt`);
  await owner.waitForSelector('main[data-loaded=overview]');
  await owner.selectOption('[data-testid=overview-year]', '2021');
  await owner.waitForSelector('main[data-loaded=overview][data-year="2021"]');
  await owner.selectOption('[data-testid=overview-month]', '');
  await owner.waitForSelector('main[data-loaded=overview][data-year="2021"][data-month=""]');
  // The key figures are the library's (through the CLI), as the page formats them.
  const cli = JSON.parse(world.cli(['report', 'keyfigures', '--year', '2021', '--format', 'json']));
  const sales = cli.rows.find((r) => r.key === 'net_sales').values.ytd;
  assert.ok(sales && sales !== '0.00', `net sales in 2021: ${sales}`);
  assert.equal(digits(await owner.textContent('[data-testid=figure-net_sales] .figure-value')), digits(sales));
  const result = cli.rows.find((r) => r.key === 'year_result').values.ytd;
  assert.equal(digits(await owner.textContent('[data-testid=figure-year_result] .figure-value')), digits(result));
  // The income statement's net sales for the year is the same figure.
  const isSales = await owner.textContent('[data-testid=income-statement] tr[data-key=net_sales] td[data-col=ytd]');
  assert.equal(digits(isSales), digits(sales));
  assert.ok(await owner.locator('[data-testid=balance-sheet] tr').count() > 3);
  assert.equal(await owner.locator('[data-testid=monthly] tbody tr').count(), 12);
  // The charts are SVG images that loaded.
  for (const chart of ['chart-sales', 'chart-result']) {
    await owner.waitForFunction((sel) => { const i = document.querySelector(sel); return i && i.complete && i.naturalWidth > 0; },
      `[data-testid=${chart}]`);
  }
  await shot(owner, 'ledger-02-overview-year');
  // One month, with the year to date.
  await owner.selectOption('[data-testid=overview-month]', '2021-03');
  await owner.waitForSelector('main[data-loaded=overview][data-month="2021-03"]');
  assert.match(await owner.textContent('[data-testid=income-statement] thead'), /Månad[\s\S]*Ackumulerat/);
  const netSalesLabel = '[data-testid=income-statement] tr[data-key=net_sales] td.rep-label';
  assert.equal(await owner.textContent(netSalesLabel), 'Nettoomsättning', 'the BAS chart\'s own words in Swedish');
  await shot(owner, 'ledger-03-overview-month');
  // In English the statement's lines are English too; back to Swedish after.
  await owner.selectOption('[data-testid=lang-switch]', 'en');
  await owner.waitForSelector(`${netSalesLabel}:text-is("Net sales")`);
  assert.equal(await owner.textContent('[data-testid=balance-sheet] tr[data-key=total_assets] td.rep-label'), 'Total assets');
  await shot(owner, 'ledger-03-overview-english');
  await owner.selectOption('[data-testid=lang-switch]', 'sv');
  await owner.waitForSelector(`${netSalesLabel}:text-is("Nettoomsättning")`);
});

test('a bad file shows its errors and the log, and changes nothing', async () => {
  const yearsBefore = await owner.evaluate(async (c) => (await (await fetch(`/api/v1/companies/${c}/fiscal-years`)).json()).fiscal_years,
    world.company.slug);
  await openImport(owner);
  await owner.setInputFiles('[data-testid=import-file]', badFile);
  await owner.waitForSelector('[data-testid=import-refused]', { timeout: 60000 });
  const errors = await owner.textContent('[data-testid=import-errors]');
  assert.match(errors, /trasig\.se:14:\d+:/);
  await owner.waitForSelector('main[data-loaded=import] [data-testid=import-entry][data-result=refused]');
  const first = owner.locator('[data-testid=import-entry]').first();
  assert.equal(await first.getAttribute('data-result'), 'refused');
  assert.match(await first.textContent(), /trasig\.se/);
  await first.locator('[data-testid=details-toggle]').click();
  const detail = owner.locator('[data-testid=import-entry] + [data-testid=import-entry-detail]').first();
  await detail.waitFor({ state: 'visible' });
  assert.match(await detail.textContent(), /trasig\.se:14:/);
  const yearsAfter = await owner.evaluate(async (c) => (await (await fetch(`/api/v1/companies/${c}/fiscal-years`)).json()).fiscal_years,
    world.company.slug);
  assert.deepEqual(yearsAfter, yearsBefore);
  await shot(owner, 'ledger-04-import-refused');
});

test('a user without the import right cannot reach the import page, and the API refuses', async () => {
  const page = await world.isolatedPage();
  await world.login(page, ACCOUNTANT);
  await page.waitForSelector('nav.sidenav a[data-nav=overview]');
  assert.equal(await page.locator('nav.sidenav a[data-nav=import]').count(), 0);
  await page.goto(`${world.base}/installningar/import`);
  await page.waitForSelector('main[data-loaded=import] [data-testid=import-forbidden]');
  assert.equal(await page.locator('[data-testid=import-file]').count(), 0);
  const status = await page.evaluate(async (c) => {
    const r = await fetch(`/api/v1/companies/${c}/imports`, { method: 'POST', body: 'x',
      headers: { 'X-CSRF-Token': sessionStorage.getItem('dagbok.csrf') || '', 'X-File-Name': 'x.se' } });
    return r.status;
  }, world.company.slug);
  assert.equal(status, 403);
  await shot(page, 'ledger-05-import-forbidden');
  // They may still read the overview.
  await page.goto(`${world.base}/ekonomi/oversikt`);
  await page.waitForSelector('main[data-loaded=overview]');
  await page.context().close();
});

test('undo an import and delete the latest year, each after a confirmation', async () => {
  await openImport(owner);
  const undo = owner.locator('[data-testid=import-entry][data-kind=import][data-result=ok] button[data-testid^=undo-]').first();
  await undo.click();
  await owner.waitForSelector('dialog [data-testid=undo-confirm]');
  await shot(owner, 'ledger-06-undo-confirm');
  await owner.click('dialog [data-testid=undo-confirm]');
  await owner.waitForSelector('[data-testid=import-status] .notice-ok:has-text("är ångrad")');
  await owner.waitForSelector('main[data-loaded=import] [data-testid=import-entry][data-kind=undo][data-result=ok]');
  // Import again, then delete the latest year.
  await owner.setInputFiles('[data-testid=import-file]', goodFile);
  await owner.waitForSelector('[data-testid=import-status] .notice-ok:has-text("är inläst")', { timeout: 60000 });
  await owner.waitForSelector('main[data-loaded=import] [data-testid=delete-year]:not([disabled])');
  await owner.click('[data-testid=delete-year]');
  await owner.waitForSelector('dialog [data-testid=delete-confirm]');
  await owner.click('dialog [data-testid=delete-confirm]');
  await owner.waitForSelector('[data-testid=import-status] .notice-ok:has-text("är raderat")');
  await owner.waitForSelector('main[data-loaded=import] [data-testid=import-entry][data-kind=delete_year][data-result=ok]');
  await shot(owner, 'ledger-07-import-log');
});
