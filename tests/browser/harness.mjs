// The browser tests' world: a real `dagbok serve` on a temporary SQLite
// database and a free port, the demo shop and two users (owner, staff) made
// through the CLI, a real SMTP sink (tests/integration/smtp_sink.py) for the
// e-mail integration, and Debian's Chromium driven by playwright-core.
//
//   DAGBOK_BIN=build/src/dagbok DAGBOK_ARTIFACTS=build/browser-artifacts node --test
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../..');
export const shared = process.env.DAGBOK_SHARED_DIR || path.resolve(repo, '../shared');
export const bin = path.resolve(process.env.DAGBOK_BIN || path.join(repo, 'build/src/dagbok'));
export const artifacts = path.resolve(process.env.DAGBOK_ARTIFACTS || path.join(repo, 'build/browser-artifacts'));
export const chromiumPath = process.env.DAGBOK_CHROMIUM || '/usr/bin/chromium';

export const OWNER = { email: 'agare@example.se', password: 'agare-losenord-1' };
export const STAFF = { email: 'personal@example.se', password: 'personal-losenord-1' };

function run(args, { input, env } = {}) {
  const r = spawnSync(bin, args, { input, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dagbok ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

function waitForLine(stream, re, what, ms = 20000) {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${what}: no "${re}" within ${ms} ms; got: ${buf}`)), ms);
    stream.on('data', (chunk) => {
      buf += chunk.toString();
      const m = re.exec(buf);
      if (m) { clearTimeout(timer); resolve(m); }
    });
  });
}

export class World {
  async start({ demoEnd } = {}) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagbok-browser-'));
    fs.mkdirSync(artifacts, { recursive: true });
    this.db = path.join(this.dir, 'shop.db');
    // The SMTP sink
    this.sinkDir = path.join(this.dir, 'sink');
    this.sink = spawn('/usr/bin/python3', [path.join(repo, 'tests/integration/smtp_sink.py'), '--dir', this.sinkDir, '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    const sinkPort = (await waitForLine(this.sink.stdout, /PORT (\d+)[\s\S]*READY/, 'smtp sink'))[1];
    this.smtpUrl = `smtp://127.0.0.1:${sinkPort}?starttls=off&from=dagbok@example.se`;
    // The demo shop (a few days) and the users, through the CLI
    run(['--db', this.db, 'demo', '--days', '4', ...(demoEnd ? ['--end', demoEnd] : [])]);
    const companies = JSON.parse(run(['--db', this.db, 'companies', '--format', 'json']));
    this.company = companies[0];
    const slug = this.company.slug;
    run(['--db', this.db, 'user', 'add', OWNER.email, '--name', 'Ägare Andersson', '--language', 'sv'], { input: `${OWNER.password}\n` });
    run(['--db', this.db, 'user', 'grant', OWNER.email, '--company', slug, '--role', 'owner']);
    run(['--db', this.db, 'user', 'add', STAFF.email, '--name', 'Personal Persson', '--language', 'sv'], { input: `${STAFF.password}\n` });
    run(['--db', this.db, 'user', 'grant', STAFF.email, '--company', slug, '--role', 'staff']);
    // The server
    this.server = spawn(bin, ['--db', this.db, 'serve', '--listen', '127.0.0.1:0', '--export-interval', '1', '--secure-cookie', 'never'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DAGBOK_SMTP_URL: this.smtpUrl } });
    this.serverLog = fs.createWriteStream(path.join(artifacts, 'server.log'));
    this.server.stderr.pipe(this.serverLog);
    const port = (await waitForLine(this.server.stdout, /serves http:\/\/127\.0\.0\.1:(\d+)\//, 'dagbok serve'))[1];
    this.base = `http://127.0.0.1:${port}`;
    // The browser
    this.profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dagbok-chromium-'));
    this.browser = await chromium.launchPersistentContext(this.profile, {
      executablePath: chromiumPath,
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1360, height: 900 },
      locale: 'sv-SE',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    });
    this.consoleErrors = [];
    return this;
  }

  // A fresh page with no session (cookies cleared).
  async page() {
    await this.browser.clearCookies();
    const page = await this.browser.newPage();
    page.on('pageerror', (e) => this.consoleErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' && !/status of (40[134]|409|422)/.test(m.text())) this.consoleErrors.push(m.text()); });
    return page;
  }

  // A page in a browser context of its own (its own cookie jar), for a
  // second user beside the first: the persistent context has one jar.
  async isolatedPage() {
    if (!this.plain) {
      this.plain = await chromium.launch({ executablePath: chromiumPath, headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    }
    const context = await this.plain.newContext({ viewport: { width: 1360, height: 900 }, locale: 'sv-SE' });
    const page = await context.newPage();
    page.on('pageerror', (e) => this.consoleErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' && !/status of (40[134]|409|422)/.test(m.text())) this.consoleErrors.push(m.text()); });
    return page;
  }

  async login(page, who) {
    await page.goto(`${this.base}/`);
    await page.fill('#login-email', who.email);
    await page.fill('#login-password', who.password);
    await page.click('form button[type=submit]');
    await page.waitForSelector('nav.sidenav a[data-nav=kontoplan]');
  }

  async shot(page, name) {
    await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  }

  cli(args, opts = {}) { return run(['--db', this.db, ...args], { ...opts, env: { DAGBOK_SMTP_URL: this.smtpUrl } }); }

  mails() {
    const dir = path.join(this.sinkDir, 'messages');
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort() : [];
  }

  async stop() {
    if (this.browser) await this.browser.close().catch(() => {});
    if (this.plain) await this.plain.close().catch(() => {});
    for (const p of [this.server, this.sink]) {
      if (p && p.exitCode === null) {
        p.kill('SIGTERM');
        await new Promise((r) => { p.once('exit', r); setTimeout(r, 5000); });
      }
    }
    if (this.profile) fs.rmSync(this.profile, { recursive: true, force: true });
    if (this.dir && !process.env.DAGBOK_KEEP) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

// Polls fn until it returns something truthy.
export async function eventually(fn, { ms = 15000, every = 250, what = 'condition' } = {}) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try { last = await fn(); if (last) return last; } catch (e) { last = e; }
    await new Promise((r) => setTimeout(r, every));
  }
  throw new Error(`${what} not reached in ${ms} ms (last: ${last})`);
}
