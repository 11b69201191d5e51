// Logs in to Camunda's web apps (Tasklist, Cockpit, Admin) in real headless Chromium as each user
// and prints, as JSON on stdout, what each one could see and do; WebAppsInBrowserTest judges it.
// Progress goes to stderr, screenshots to screenshotDir.
//
//   node src/test/browser/webapps.mjs <baseUrl> <checks.json> [screenshotDir]
//
// checks.json lists checks, each one user in one app (password: "password", else the user id):
//   { "user": "auditor", "app": "cockpit" }      { "user": "demo", "app": "admin" }
//   { "user": "manager", "app": "tasklist", "filter": "My team's tasks",
//     "tasks": [{ "id": "<task id>", "caseRef": "CR-2026-000001" }] }
// For each task the filter is searched for its case, and the task opened (from the list, or by
// its address when not listed) to read its Camunda Form.
//
// Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM); no browser is ever downloaded.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [base, checksFile, shots] = process.argv.slice(2);
if (!base || !checksFile) {
  console.error('usage: node webapps.mjs <baseUrl> <checks.json> [screenshotDir]');
  process.exit(2);
}
const checks = JSON.parse(fs.readFileSync(checksFile, 'utf8'));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

const TIMEOUT = 20000; // ms for any one step: a page, a list, a form
const LOGIN = 'form[name=signinForm]';
const REFUSAL = '.notifications .alert-danger';

async function logIn(page, app, user, password) {
  const answer = await page.goto(`${base}/camunda/app/${app}/`);
  if (!answer.ok()) throw new Error(`${app} answered ${answer.status()}: ${(await answer.text()).slice(0, 300)}`);
  await page.fill(`${LOGIN} input[ng-model=username]`, user);
  await page.fill(`${LOGIN} input[ng-model=password]`, password);
  await page.click(`${LOGIN} button[type=submit]`);
  // Either the app replaces the login form, or Camunda says why not.
  await page.waitForFunction(([login, refusal]) => !document.querySelector(login) || document.querySelector(refusal),
    [LOGIN, REFUSAL]);
  const opened = (await page.locator(LOGIN).count()) === 0;
  if (opened) await page.waitForSelector('li.account > a');
  return {
    opened, refusal: await refusal(page), signedInAs: await text(page, 'li.account > a'),
    // The product's face (webapps/WebAppBranding): our name in the header, no vendor banner.
    brand: opened ? await text(page, '.navbar-brand .brand-name') : null,
    vendorBannerShown: await page.locator('.ce-eol-banner').isVisible(),
  };
}

/** Waits until the page has had no request open for half a second: the app has drawn what it asked for. */
async function quiet(page) {
  const since = Date.now();
  while (page.openRequests > 0 || Date.now() - Math.max(page.lastRequest, since) < 500) {
    if (Date.now() - since > TIMEOUT) throw new Error(`${page.url()} kept loading for ${TIMEOUT} ms`);
    await page.waitForTimeout(100);
  }
}

function countRequests(page) {
  Object.assign(page, { openRequests: 0, lastRequest: Date.now() });
  page.on('request', () => { page.openRequests++; page.lastRequest = Date.now(); });
  for (const end of ['requestfinished', 'requestfailed']) {
    page.on(end, () => { page.openRequests--; page.lastRequest = Date.now(); });
  }
}

/** Camunda's red notification, "Login Failed: Wrong credentials, ...", or null. */
async function refusal(page) {
  const said = await page.$$eval(`${REFUSAL}`, (alerts) => alerts.map((a) =>
    [a.querySelector('.status'), a.querySelector('.message')].map((e) => (e ? e.textContent.trim() : '')).join(': ')));
  return said.length ? said.join('\n') : null;
}

/** Chooses a Tasklist filter and waits until it is the one shown. */
async function chooseFilter(page, filter) {
  await page.waitForSelector('.task-filters .task-filter');
  await page.locator('.task-filters .task-filter h4.name a', { hasText: filter }).click();
  await page.waitForFunction((name) => {
    const active = document.querySelector('.task-filters .task-filter.active h4.name a');
    return active && active.firstChild.textContent.trim() === name;
  }, filter);
  // The filter's list may still be loading (longer when a person has many tasks): a search typed now
  // would be wiped when it arrives (as driver.mjs found).
  await page.waitForLoadState('networkidle');
}

/**
 * Searches the chosen filter for a case as a manager would (criterion "Process Instance Business
 * Key", the case reference) and returns the tasks the list then shows: their ids and names.
 */
async function searchCase(page, caseRef) {
  const answer = page.waitForResponse((r) => /\/filter\/[^/]+\/list/.test(r.url())
    && (r.request().postData() || '').includes(caseRef));
  await page.click('[cam-widget-search] input.main-field');
  await page.locator('[cam-widget-search] ul.dropdown-menu a', { hasText: /^\s*Process Instance Business Key\s*$/ }).click();
  const value = page.locator('[cam-widget-search-pill] .edit input');
  await value.fill(caseRef);
  await value.press('Enter');
  const found = ((await (await answer).json())._embedded?.task || []).map((t) => t.id);
  // Until the list shows exactly what the engine answered (or says there is nothing).
  await page.waitForFunction((ids) => {
    const shown = [...document.querySelectorAll('ol.tasks-list li.task h4.task a')].map((a) => a.getAttribute('href'));
    return ids.length === 0 ? /No task matching/.test(document.body.innerText)
      : shown.length === ids.length && ids.every((id) => shown.includes(`#/?task=${id}`));
  }, found);
  return page.$$eval('ol.tasks-list li.task h4.task a', (links) =>
    links.map((a) => ({ id: a.getAttribute('href').replace('#/?task=', ''), name: a.textContent.trim() })));
}

/** Opens a task (from the list if it is there, else by its address) and reads its Camunda Form. */
async function openTask(page, id, listed) {
  if (listed) {
    await page.click(`ol.tasks-list a[href="#/?task=${id}"]`);
  } else {
    await page.goto(`${base}/camunda/app/tasklist/default/#/?task=${id}`);
  }
  await page.waitForSelector(`.fjs-form .fjs-form-field, ${REFUSAL}`);
  const form = await text(page, '.fjs-form');
  // A script that slipped into the form would have set window.__xss in one of the page's frames.
  const xss = [];
  for (const frame of page.frames()) {
    const value = await frame.evaluate(() => window.__xss).catch(() => undefined);
    if (value !== undefined) xss.push(String(value));
  }
  // What the form shows in its fields (a textarea's text is its value, not part of the page's text).
  const fields = await page.$$eval('.fjs-form textarea, .fjs-form input[type="text"]', (els) =>
    els.map((e) => e.value)).catch(() => []);
  return { listed, opened: form !== null, form, fields, refusal: await refusal(page), xss };
}

async function tasklist(page, check, result) {
  await quiet(page);
  result.filters = await page.$$eval('.task-filters .task-filter', (items) =>
    items.map((i) => i.querySelector('h4.name a').firstChild.textContent.trim()));
  result.tasks = {};
  for (const { id, caseRef } of check.tasks || []) {
    // A tab of its own for each task, so that nothing of the task before is still on screen.
    const tab = await page.context().newPage();
    tab.setDefaultTimeout(TIMEOUT);
    await tab.goto(`${base}/camunda/app/tasklist/default/`);
    await chooseFilter(tab, check.filter);
    const found = await searchCase(tab, caseRef);
    result.tasks[id] = { caseRef, found, ...await openTask(tab, id, found.some((t) => t.id === id)) };
    await screenshot(tab, `${check.user}-${check.app}-${caseRef}`);
    await tab.close();
  }
}

async function cockpit(page, result) {
  await quiet(page);
  result.dashboard = await page.$$eval('.dashboard h1', (hs) => hs.map((h) => h.textContent.trim()));
  await page.goto(`${base}/camunda/app/cockpit/default/#/processes`);
  const keys = 'tr[ng-repeat="pd in processDefinitionData"] td.key a[href^="#/process-definition/"]';
  await page.waitForSelector(keys).catch(() => null);
  await quiet(page);
  result.processDefinitions = await page.$$eval(keys,
    (links) => links.map((a) => a.textContent.trim()));
}

async function admin(page, result) {
  await quiet(page); // each section appears once its access check has answered
  result.sections = await page.$$eval('h1.section-title', (hs) => hs.map((h) => h.textContent.trim()));
}

async function screenshot(page, name) {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true }).catch(() => null);
}

async function text(page, selector) {
  const found = page.locator(selector).first();
  return (await found.count()) ? (await found.innerText()).trim() : null;
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'webapps-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  // The network is closed: without these Chromium waits on connections that never come.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  viewport: { width: 1400, height: 900 },
});
const report = [];
try {
  for (const check of checks) {
    const result = { user: check.user, app: check.app };
    report.push(result);
    await browser.clearCookies(); // each check signs in afresh
    const page = await browser.newPage();
    page.setDefaultTimeout(TIMEOUT);
    countRequests(page);
    try {
      Object.assign(result, await logIn(page, check.app, check.user, check.password || check.user));
      if (result.opened) {
        if (check.app === 'tasklist') await tasklist(page, check, result);
        if (check.app === 'cockpit') await cockpit(page, result);
        if (check.app === 'admin') await admin(page, result);
      }
    } catch (e) {
      result.error = String(e.message || e).split('\n')[0];
    }
    await screenshot(page, `${check.user}-${check.app}`);
    console.error(`webapps: ${check.user} in ${check.app}: ${result.opened ? 'opened' : 'refused'}${result.error ? ' (' + result.error + ')' : ''}`);
    await page.close();
  }
} finally {
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(report, null, 2));
