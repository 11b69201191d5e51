// One headless Chromium that a Java test drives step by step, as the people of a case would use the
// product: JSON commands on stdin, one a line, each answered by one JSON line on stdout. Progress
// goes to stderr; screenshots to <screenshotDir>. BrowserDriver (src/test/java/.../support) runs it.
//
//   node src/test/browser/driver.mjs <baseUrl> <screenshotDir>
//
// Every person has a browser context of their own (locale en-GB, time zone Europe/London, as the
// council's staff), signed in once through Camunda's login page (password = user id), or through the
// audit page's own sign-in. Commands (each answer carries "ok": true, or "error" and "screenshot"):
//   {"do":"work", "user", "filter", "caseRef", "task", "fields":[[label, value]...], "shot"?}
//       finds the task in the shared filter by the case reference, opens it, claims it, fills each
//       field by its LABEL (text, textarea, select option, radio option, checklist options [..], "untick X" to untick one,
//       checkbox true/false, dates typed dd/mm/yyyy) and presses Complete. Answers what the form
//       showed, the due date's tooltip, the form's own validation messages and Tasklist's
//       notifications (a server refusal is one), whether Complete could be pressed (completeDisabled),
//       and whether the task left the list. A label shared by several fields takes "#2", "#3"... .
//       ["+List label", null] presses a repeating list's "Add new" (its rows then take "#2"...).
//   {"do":"start", "user", "process", "fields"}          Tasklist's Start process: a start form filled by labels, Start
//   {"do":"find", "user", "filter", "caseRef"}          the tasks the filter lists for the case
//   {"do":"claim", "user", "filter", "caseRef", "task"} claim only (what Tasklist then says)
//   {"do":"audit", "user", "search", "caseRef", "shot"?} the audit page: search, open, timeline
//   {"do":"download", "user", "button"}                 the audit page's returns: the file a button gives
//   {"do":"axe", "user"?, "url", "open"?}                axe-core (WCAG 2.1 A and AA) on one of our pages
//   {"do":"keys", "user", "caseRef"}                    the audit page by keyboard only
//   {"do":"cockpit", "user", "key"}                     Cockpit's versions of one process definition
//   {"do":"shot", "user", "url", "path", "wait"?}        a picture of a page (README images)
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const [base, shots] = process.argv.slice(2);
const TIMEOUT = 20000; // ms for any one step: a page, a list, a form, an answer
const LOGIN = 'form[name=signinForm]';
const NOTICE = '.notifications .alert';

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-driver-'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // The network is closed: without these Chromium waits on connections that never come.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const people = new Map(); // user -> { context, page, app }

async function person(user, now) {
  if (!people.has(user)) {
    const context = await browser.newContext({
      locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: 1400, height: 900 }, acceptDownloads: true,
    });
    context.setDefaultTimeout(TIMEOUT);
    // The page's clock starts at the engine's time and runs on from there; timers run as usual.
    if (now) await context.clock.install({ time: new Date(now) });
    people.set(user, { context, page: await context.newPage(), signedIn: false, now });
  }
  const p = people.get(user);
  if (now && now !== p.now) {
    await p.context.clock.setSystemTime(new Date(now));
    p.now = now;
  }
  return p;
}

/** Signs in to Tasklist or Cockpit once per person (the web apps share one session). */
async function webApp(user, app, now) {
  const p = await person(user, now);
  const { page } = p;
  const home = `${base}/camunda/app/${app}/default/`;
  if (p.signedIn && app === 'tasklist' && page.url().startsWith(home) && !(await page.locator('.modal-dialog').count())) {
    // Already in Tasklist: start afresh as after loading it (a second saved at each step): the notices
    // closed, no task open, no search; a notice left over cannot pass for the next step's.
    await page.evaluate(() => document.querySelectorAll('.notifications .alert button.close').forEach((b) => b.click()));
    await page.waitForFunction(() => !document.querySelector('.notifications .alert'));
    await page.goto(`${home}#/`);
    await page.waitForSelector('li.account > a');
    return page;
  }
  await page.goto(home);
  if (!p.signedIn) {
    await page.waitForSelector(`${LOGIN}, li.account > a`);
    if (await page.locator(LOGIN).count()) {
      await page.fill(`${LOGIN} input[ng-model=username]`, user);
      await page.fill(`${LOGIN} input[ng-model=password]`, user);
      await page.click(`${LOGIN} button[type=submit]`);
    }
    p.signedIn = true;
  }
  await page.waitForSelector('li.account > a, .notifications .alert-danger');
  return page;
}

async function chooseFilter(page, filter) {
  await page.waitForSelector('.task-filters .task-filter');
  await page.locator('.task-filters .task-filter h4.name a', { hasText: filter }).first().click();
  await page.waitForFunction((name) => {
    const active = document.querySelector('.task-filters .task-filter.active h4.name a');
    return active && active.firstChild.textContent.trim() === name;
  }, filter);
  // The list of a filter chosen by default may still be loading: typing a search into it now would be
  // wiped when it arrives.
  await page.waitForLoadState('networkidle');
}

/**
 * Searches the chosen filter for a case (criterion "Process Instance Business Key" = the case
 * reference) through Tasklist's own search link (what its link button shares), and answers what the
 * list then shows. Typing into the search box raced with the list's first load (the typed criterion
 * was wiped now and then); the link gives the same search every time.
 */
async function searchCase(page, caseRef) {
  const answer = page.waitForResponse((r) => /\/filter\/[^/]+\/list/.test(r.url())
    && (r.request().postData() || '').includes(caseRef));
  const query = encodeURIComponent(JSON.stringify([{ type: 'processInstanceBusinessKey', operator: 'eq', value: caseRef, name: '' }]));
  const now = page.url();
  await page.goto(/searchQuery=[^&]*/.test(now) ? now.replace(/searchQuery=[^&]*/, `searchQuery=${query}`)
    : `${now}${now.includes('?') ? '&' : '#/?'}searchQuery=${query}`);
  await page.locator('[cam-widget-search-pill]', { hasText: caseRef }).first().waitFor();
  const found = ((await (await answer).json())._embedded?.task || []).map((t) => t.id);
  await page.waitForFunction((ids) => {
    const shown = [...document.querySelectorAll('ol.tasks-list li.task h4.task a')].map((a) => a.getAttribute('href'));
    return ids.length === 0 ? /No task matching/.test(document.body.innerText)
      : shown.length === ids.length && ids.every((id) => shown.includes(`#/?task=${id}`));
  }, found);
  return page.$$eval('ol.tasks-list li.task', (items) => items.map((li) => {
    const a = li.querySelector('h4.task a');
    const due = li.querySelector('.due-date [uib-tooltip]');
    return { id: a.getAttribute('href').replace('#/?task=', ''), name: a.textContent.trim(),
      due: due ? due.getAttribute('uib-tooltip') : null };
  }));
}

/** Opens a person's task: the filter, the case, the task by its name; answers the list and the page. */
async function openTask(cmd) {
  const page = await webApp(cmd.user, 'tasklist', cmd.now);
  await chooseFilter(page, cmd.filter);
  const listed = await searchCase(page, cmd.caseRef);
  const task = listed.find((t) => t.name === cmd.task);
  if (!task) {
    throw new Error(`${cmd.user} finds no "${cmd.task}" for ${cmd.caseRef} in ${cmd.filter}; listed: `
      + JSON.stringify(listed.map((t) => t.name)));
  }
  await page.click(`ol.tasks-list a[href="#/?task=${task.id}"]`);
  await page.waitForSelector(`.fjs-form .fjs-form-field, ${NOTICE}`);
  await page.waitForSelector('.task-details .claim, .task-details .assignee .unclaim, .task-details .assignee a',
    { state: 'attached' }).catch(() => null);
  return { page, task, listed };
}

async function claim(page) {
  const button = page.locator('.task-details button.claim');
  if (await button.count()) {
    await button.click();
    await page.waitForFunction(() => !document.querySelector('.task-details button.claim')
      || document.querySelector('.notifications .alert-danger'));
  }
}

/**
 * The form-js field whose own label (or date label) reads `label`, marked so that locators can reach it.
 * A label that several fields share (an outcome's "By when" and an action's) is told apart by "#2",
 * "#3"... after it: "By when#2" is the second field so labelled, in reading order.
 */
async function field(page, wanted, n) {
  const kind = await page.evaluate(([wanted, n]) => {
    const clean = (t) => t.replace(/\*/g, '').replace(/\s+/g, ' ').trim();
    const [, label, nth] = /^(.*?)(?:#(\d+))?$/.exec(wanted);
    let seen = 0;
    for (const f of document.querySelectorAll('.fjs-form .fjs-form-field')) {
      const own = f.querySelector(':scope > label.fjs-form-field-label, :scope > legend, :scope > .fjs-form-field-label,'
        + ' .fjs-datetime-subsection label.fjs-form-field-label, :scope > .fjs-checkbox-wrapper label, :scope label.fjs-form-field-label');
      if (own && clean(own.textContent) === label && ++seen === Number(nth || 1)) {
        f.setAttribute('data-walk', String(n));
        const cls = [...f.classList].find((c) => c.startsWith('fjs-form-field-'));
        return cls ? cls.replace('fjs-form-field-', '') : 'unknown';
      }
    }
    return null;
  }, [wanted, n]);
  if (!kind) {
    const label = wanted;
    const labels = await page.$$eval('.fjs-form label.fjs-form-field-label, .fjs-form legend',
      (ls) => ls.map((l) => l.textContent.replace(/\*/g, '').trim()));
    throw new Error(`no field labelled "${label}" (labels seen: ${JSON.stringify(labels)})`);
  }
  return { kind, at: page.locator(`[data-walk="${n}"]`) };
}

async function fill(page, label, value, n) {
  if (label.startsWith('+')) {
    // "+Actions": one more row in the repeating list so labelled, as a person presses its "Add new".
    const { kind, at } = await field(page, label.slice(1), n);
    if (kind !== 'dynamiclist') throw new Error(`"${label.slice(1)}" is a ${kind}, not a list a row can be added to`);
    const rows = await at.locator('.fjs-repeat-row-container').count();
    await at.locator('button.fjs-repeat-render-add').last().click();
    await page.waitForFunction(([sel, before]) => document.querySelectorAll(`${sel} .fjs-repeat-row-container`).length > before,
      [`[data-walk="${n}"]`, rows]);
    return 'row added';
  }
  const { kind, at } = await field(page, label, n);
  switch (kind) {
    case 'textfield': case 'textarea': case 'number':
      await at.locator('input, textarea').first().fill(String(value));
      break;
    case 'datetime': {
      const input = at.locator('input').first();
      await input.click();
      await input.fill(String(value));
      await input.press('Enter');
      // Tab away as a person does: the picker closes and covers nothing below it.
      await input.press('Tab');
      break;
    }
    case 'select': {
      const items = at.locator('.fjs-dropdownlist-item');
      const shown = (ms) => items.first().waitFor({ timeout: ms }).then(() => true, () => false);
      // form-js opens a select when it takes the focus and toggles it on each press: a select reached by
      // Tab from a date field is already open (a press would close it); an empty one opens where it is
      // pressed; one holding a value opens from its arrow. Whatever it is, the person sees the list open.
      const ways = [async () => {}, () => at.locator('.fjs-input-group').click(), () => at.locator('.fjs-select-arrow').click(),
        () => at.locator('input').first().focus()];
      let open = false;
      for (const way of ways) {
        await way();
        if ((open = await shown(way === ways[0] ? 300 : 1500))) break;
      }
      if (!open) {
        throw new Error(`"${label}" opens no list of options to choose "${value}" from (the field shows: ${JSON.stringify(await at.innerText())})`);
      }
      const options = (await items.allInnerTexts()).map((t) => t.trim());
      const i = options.indexOf(String(value));
      if (i < 0) throw new Error(`"${label}" offers no "${value}" (it offers ${JSON.stringify(options)})`);
      await items.nth(i).dispatchEvent('mousedown');
      break;
    }
    case 'radio':
      await at.getByLabel(String(value), { exact: true }).check();
      break;
    case 'checklist':
      // "untick X" unticks option X, as a person changing their mind does.
      for (const option of [].concat(value)) {
        const untick = String(option).startsWith('untick ');
        const box = at.getByLabel(untick ? String(option).slice('untick '.length) : String(option), { exact: true });
        await (untick ? box.uncheck() : box.check());
      }
      break;
    case 'checkbox':
      await at.locator('input[type=checkbox]').setChecked(value === true || value === 'true');
      break;
    default:
      throw new Error(`field "${label}" is a ${kind}, which the walk cannot fill`);
  }
  return kind;
}

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What Tasklist and the form say after Complete: notifications, the form's own errors, the task gone. */
async function complete(page, taskId) {
  const before = await page.locator(NOTICE).count();
  const button = page.locator('.form-actions button.btn-primary', { hasText: 'Complete' });
  // form-js passes typed text on to the form after 300 ms (its debounce); Tasklist then enables or disables
  // Complete. A Complete left disabled with no message shown is said at once, not waited on until the timeout.
  await page.waitForTimeout(400);
  const enabled = await button.evaluate((b) => new Promise((done) => {
    const started = Date.now();
    (function check() {
      if (!b.disabled) done(true);
      else if (Date.now() - started > 3000) done(false);
      else requestAnimationFrame(check);
    }());
  }));
  if (!enabled) {
    return { completeDisabled: true, notices: [], errors: [], invalid: [], stillListed: true };
  }
  await button.click();
  await page.waitForFunction(([n, id]) => document.querySelectorAll('.notifications .alert').length > n
      || [...document.querySelectorAll('.fjs-form-field-error')].some((e) => e.textContent.trim())
      || !document.querySelector(`ol.tasks-list a[href="#/?task=${id}"]`),
  [before, taskId]);
  await page.waitForTimeout(300); // the list and the notifications settle in the same digest
  return {
    completeDisabled: false,
    notices: await page.$$eval(NOTICE, (as) => as.map((a) => a.innerText.replace(/\s+/g, ' ').trim())),
    errors: await page.$$eval(`${NOTICE}-danger`, (as) => as.map((a) => a.innerText.replace(/\s+/g, ' ').trim())),
    invalid: await page.$$eval('.fjs-form-field-error', (es) => es.map((e) => {
      const f = e.closest('.fjs-form-field');
      const l = f && f.querySelector('label.fjs-form-field-label');
      return { label: l ? l.textContent.replace(/\*/g, '').trim() : null, message: e.textContent.trim() };
    }).filter((e) => e.message)),
    stillListed: (await page.locator(`ol.tasks-list a[href="#/?task=${taskId}"]`).count()) > 0,
  };
}

async function formFacts(page) {
  return {
    form: (await page.locator('.fjs-form').first().innerText()).trim(),
    due: await page.$$eval('.task-details .due-date [uib-tooltip]:not(.glyphicon)',
      (es) => (es.length ? es[0].getAttribute('uib-tooltip') : null)),
    datePlaceholders: await page.$$eval('.fjs-form .fjs-form-field-datetime input', (is) => is.map((i) => i.placeholder)),
  };
}

const commands = {
  async work(cmd) {
    const { page, task, listed } = await openTask(cmd);
    const facts = await formFacts(page);
    await claim(page);
    // Tasklist's own Save keeps a copy in this browser only (localStorage); the product hides it.
    const saveInBrowserShown = await page.locator('.form-actions button[ng-click="save($event)"]').isVisible();
    const kinds = {};
    let n = 0;
    for (const [label, value] of cmd.fields || []) kinds[label] = await fill(page, label, value, n++);
    if (cmd.shot) await page.screenshot({ path: await shotPath(`readme/${cmd.shot}`) });
    const after = await complete(page, task.id);
    // What the person saw when the task did not go: kept for the failure message, or the refusal's evidence.
    const screenshot = after.stillListed ? await shot(page, `${String(++count).padStart(3, '0')}-${cmd.user}-not-completed`) : null;
    return { taskId: task.id, listed, kinds, saveInBrowserShown, ...facts, ...after, screenshot };
  },
  async start(cmd) {
    // Tasklist's own "Start process": the process found by its name, its start form filled by labels, Start.
    const page = await webApp(cmd.user, 'tasklist', cmd.now);
    await page.locator('a', { hasText: 'Start process' }).first().click();
    const modal = page.locator('.modal-dialog');
    await modal.locator('input[ng-model="page.searchValue"]').fill(cmd.process);
    const listed = modal.locator('ul.processes li a').filter({ hasText: new RegExp(`^\\s*${escape(cmd.process)}\\s*$`) });
    await listed.first().waitFor().catch(async () => {
      const offered = await modal.locator('ul.processes li a').allInnerTexts();
      throw new Error(`${cmd.user} is not offered "${cmd.process}" to start (offered: ${JSON.stringify(offered)})`);
    });
    await listed.first().click();
    await modal.locator('.fjs-form .fjs-form-field').first().waitFor();
    const form = (await modal.locator('.fjs-form').first().innerText()).trim();
    const kinds = {};
    let n = 0;
    for (const [label, value] of cmd.fields || []) kinds[label] = await fill(page, label, value, n++);
    if (cmd.shot) await page.screenshot({ path: await shotPath(`readme/${cmd.shot}`) });
    const before = await page.locator(NOTICE).count();
    const button = modal.locator('.modal-footer button.btn-primary');
    await page.waitForTimeout(400); // form-js's debounce, as for Complete
    if (await button.isDisabled()) {
      return { form, kinds, startDisabled: true, notices: [], errors: [], invalid: [], modalOpen: true,
        screenshot: await shot(page, `${String(++count).padStart(3, '0')}-${cmd.user}-not-started`) };
    }
    await button.click();
    await page.waitForFunction((n) => document.querySelectorAll('.notifications .alert').length > n
        || [...document.querySelectorAll('.fjs-form-field-error')].some((e) => e.textContent.trim())
        || !document.querySelector('.modal-dialog'), before);
    await page.waitForTimeout(300);
    const modalOpen = (await page.locator('.modal-dialog').count()) > 0;
    return {
      form, kinds, startDisabled: false, modalOpen,
      notices: await page.$$eval(NOTICE, (as) => as.map((a) => a.innerText.replace(/\s+/g, ' ').trim())),
      errors: await page.$$eval(`${NOTICE}-danger`, (as) => as.map((a) => a.innerText.replace(/\s+/g, ' ').trim())),
      invalid: await page.$$eval('.fjs-form-field-error', (es) => es.map((e) => e.textContent.trim()).filter((t) => t)),
      screenshot: modalOpen ? await shot(page, `${String(++count).padStart(3, '0')}-${cmd.user}-not-started`) : null,
    };
  },
  async find(cmd) {
    const page = await webApp(cmd.user, 'tasklist', cmd.now);
    await chooseFilter(page, cmd.filter);
    return { listed: await searchCase(page, cmd.caseRef) };
  },
  async claim(cmd) {
    const { page, task } = await openTask(cmd);
    await claim(page);
    await page.waitForTimeout(300);
    return { taskId: task.id, notices: await page.$$eval(NOTICE, (as) => as.map((a) => a.innerText.trim())) };
  },
  async audit(cmd) {
    const page = await auditPage(cmd.user, cmd.now);
    await page.fill('#search-text', cmd.search);
    await page.press('#search-text', 'Enter');
    const link = page.locator('#results a.case-link', { hasText: cmd.caseRef });
    await link.waitFor();
    const results = await page.$$eval('#results tbody tr', (rows) => rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
    await link.click();
    await openedCase(page);
    if (cmd.shot) {
      // The README's pictures: the referral episode's path, and the first screenful of the timeline.
      const episode = page.locator('#diagrams .diagram[data-process-key="Process_ReferralEpisode"]');
      await episode.scrollIntoViewIfNeeded();
      await episode.screenshot({ path: await shotPath(`readme/${cmd.shot}-diagrams`) });
      await page.locator('#timeline').scrollIntoViewIfNeeded();
      const box = await page.locator('#timeline').boundingBox();
      await page.screenshot({ path: await shotPath(`readme/${cmd.shot}-timeline`), fullPage: true,
        clip: { x: box.x, y: box.y + (await page.evaluate(() => window.scrollY)), width: box.width, height: Math.min(box.height, 900) } });
    }
    return { results, ...await caseSeen(page) };
  },
  /** A report's link to a case opened in a new tab: the sign-in form first, then the case named after the '#'. */
  async auditLink(cmd) {
    const p = await person(cmd.user, cmd.now);
    const page = await p.context.newPage();
    try {
      await page.goto(`${base}/audit/#${cmd.caseRef}`);
      await page.fill('#login-user', cmd.user);
      await page.fill('#login-password', cmd.user);
      await page.click('#login-form button[type=submit]');
      await page.waitForSelector('#case-section:not([hidden]), #login-message:not(:empty)');
      await openedCase(page);
      return await caseSeen(page);
    } finally {
      await page.close();
    }
  },
  async download(cmd) {
    const page = await auditPage(cmd.user, cmd.now);
    await page.evaluate(() => { document.getElementById('returns').open = true; });
    for (const [id, value] of Object.entries(cmd.inputs || {})) await page.fill(`#${id}`, String(value));
    const [file] = await Promise.all([page.waitForEvent('download'),
      page.locator('#returns button', { hasText: cmd.button }).click()]);
    fs.mkdirSync(path.join(shots, 'downloads'), { recursive: true });
    const saved = path.join(shots, 'downloads', file.suggestedFilename());
    await file.saveAs(saved);
    const bytes = fs.readFileSync(saved);
    return { name: file.suggestedFilename(), size: bytes.length, start: bytes.subarray(0, 400).toString('latin1'),
      message: await page.locator('#returns-message').innerText() };
  },
  async axe(cmd) {
    // A page as it stands for that person after the commands before (or a fresh load of cmd.url).
    const p = await person(cmd.user, cmd.now);
    if (cmd.url) await p.page.goto(base + cmd.url);
    await p.page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await p.page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const result = await p.page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    return {
      url: p.page.url(),
      rules: result.passes.length + result.violations.length + result.incomplete.length,
      violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`) })),
    };
  },
  async keys(cmd) {
    // Keyboard only: no click, no fill; what a person who cannot use a mouse meets.
    const p = await person(`${cmd.user} (keyboard)`, cmd.now);
    const { page } = p;
    await page.goto(`${base}/audit/`);
    const steps = [];
    const tabTo = async (test, what, most = 15) => {
      for (let i = 0; i < most; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        steps.push(f.name);
        if (test(f)) return f;
      }
      throw new Error(`Tab never reached ${what}; focus went ${JSON.stringify(steps.slice(-most))}`);
    };
    await tabTo((f) => f.id === 'login-user', 'the user field');
    await page.keyboard.type(cmd.user);
    await tabTo((f) => f.id === 'login-password', 'the password field', 2);
    await page.keyboard.type(cmd.user);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#search-section:not([hidden])');
    const afterSignIn = (await focused(page)).name;
    await page.keyboard.type(cmd.search);
    await page.keyboard.press('Enter');
    await page.locator('#results a.case-link', { hasText: cmd.caseRef }).waitFor();
    await tabTo((f) => f.tag === 'a' && f.text === cmd.caseRef, `the link to ${cmd.caseRef}`, 10);
    await page.keyboard.press('Enter');
    await openedCase(page);
    // Then the whole page by Tab until focus comes round again, opening each closed section with Enter as
    // a person would: every control reached, in reading order, its focus drawn.
    const reached = [];
    const unseenFocus = [];
    let first = null;
    for (let i = 0; i < 300; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (!f.key) continue;
      if (first === f.key) break;
      first = first || f.key;
      if (!reached.includes(f.key)) reached.push(f.key);
      if (!f.focusVisible) unseenFocus.push(`${f.name} (${f.style})`);
      if (f.tag === 'summary' && !f.open) await page.keyboard.press('Enter');
    }
    const controls = await page.$$eval('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])',
      (els) => els.filter((e) => e.checkVisibility() && !e.disabled)
        .map((e) => e.dataset.kbKey || (e.dataset.kbKey = Math.random().toString(36).slice(2))));
    const names = await page.$$eval('[data-kb-key]', (els) => Object.fromEntries(els.map((e) => [e.dataset.kbKey,
      `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${(e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 40)}"`])));
    const unreached = controls.filter((k) => !reached.includes(k)).map((k) => names[k]);
    // Reading order: the cycle of Tab stops, started where the page starts, is the page's own order.
    const start = reached.indexOf(controls[0]);
    const cycle = start < 0 ? reached : reached.slice(start).concat(reached.slice(0, start));
    const inOrder = controls.filter((k) => cycle.includes(k));
    await page.screenshot({ path: await shotPath('audit-keyboard') });
    return { afterSignIn, steps, reached: cycle.map((k) => names[k]), unreached, unseenFocus,
      inReadingOrder: JSON.stringify(inOrder) === JSON.stringify(cycle) };
  },
  async cockpit(cmd) {
    const page = await webApp(cmd.user, 'cockpit', cmd.now);
    await page.goto(`${base}/camunda/app/cockpit/default/#/process-definition/${cmd.definitionId}/runtime`);
    await page.waitForFunction(() => /Version/.test(document.body.innerText));
    await page.waitForTimeout(500);
    const text = await page.locator('body').innerText();
    if (cmd.shot) await page.screenshot({ path: await shotPath(`readme/${cmd.shot}`) });
    return { text: text.slice(0, 3000) };
  },
  async shot(cmd) {
    const { page } = await person(cmd.user, cmd.now);
    if (cmd.url) await page.goto(cmd.url.startsWith('http') ? cmd.url : base + cmd.url);
    if (cmd.wait) await page.waitForSelector(cmd.wait);
    await page.waitForTimeout(300);
    const file = await shotPath(cmd.name);
    await (cmd.selector ? page.locator(cmd.selector).screenshot({ path: file }) : page.screenshot({ path: file }));
    return { path: file };
  },
};

/** The audit page, signed in through its own form (the page keeps the login in the tab only). */
async function auditPage(user, now) {
  const p = await person(user, now);
  const { page } = p;
  if (!page.url().includes('/audit/') || !(await page.locator('#search-section:not([hidden])').count())) {
    await page.goto(`${base}/audit/`);
    await page.fill('#login-user', user);
    await page.fill('#login-password', user);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#search-section:not([hidden]), #login-message:not(:empty)');
    const refused = await page.locator('#login-message').innerText();
    if (refused) throw new Error(`the audit page refused ${user}: ${refused}`);
  }
  return page;
}

/** Waits until a case is drawn: the timeline filled, each diagram imported (or the viewer's absence said). */
async function openedCase(page) {
  await page.waitForFunction(() => {
    const message = document.getElementById('case-message').textContent;
    if (message && message !== 'Loading…') return true;
    const rows = document.querySelectorAll('#timeline tbody tr').length;
    const diagrams = [...document.querySelectorAll('#diagrams .diagram')];
    const missing = !document.getElementById('viewer-missing').hidden;
    return rows > 0 && (missing || (diagrams.length > 0 && diagrams.every((d) => d.querySelector('.djs-container'))));
  });
  await page.waitForTimeout(300);
}

async function caseSeen(page) {
  return {
    title: await page.locator('#case-title').innerText(),
    message: await page.locator('#case-message').innerText(),
    viewerMissing: await page.locator('#viewer-missing').isVisible(),
    diagrams: await page.$$eval('#diagrams .diagram', (ds) => ds.map((d) => ({
      key: d.dataset.processKey, passed: d.querySelectorAll('.sf-passed').length,
      taken: d.querySelectorAll('.djs-connection.sf-taken').length, badges: d.querySelectorAll('.sf-time').length }))),
    timeline: await page.$$eval('#timeline tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.innerText.trim()))),
  };
}

/** What has the keyboard focus: its name for people, a key to count it by, and whether focus is drawn. */
async function focused(page) {
  // After the frame the key press causes is drawn: a date field's parts take the focus in steps.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return { key: null, name: '(nothing)' };
    const key = e.dataset.kbKey || (e.dataset.kbKey = Math.random().toString(36).slice(2));
    const style = getComputedStyle(e);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    const text = (e.innerText || e.value || '').trim().slice(0, 40);
    // A date field's focused part (day, month, year) is drawn highlighted by Chromium itself.
    const datePart = e.tagName === 'INPUT' && e.type === 'date';
    return { key, id: e.id, tag: e.tagName.toLowerCase(), text, focusVisible: outline || shadow || datePart,
      open: e.tagName === 'SUMMARY' ? e.parentElement.open : undefined,
      style: `outline ${style.outlineStyle} ${style.outlineWidth}, shadow ${style.boxShadow}`,
      name: `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${text}"` };
  });
}

async function shotPath(name) {
  const file = path.join(shots, `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

async function shot(page, name) {
  if (!shots) return null;
  fs.mkdirSync(shots, { recursive: true });
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => null);
  return file;
}


const lines = readline.createInterface({ input: process.stdin });
let count = 0;
for await (const line of lines) {
  if (!line.trim()) continue;
  const cmd = JSON.parse(line);
  if (cmd.do === 'quit') break;
  const started = Date.now();
  let answer;
  try {
    if (!commands[cmd.do]) throw new Error(`unknown command ${cmd.do}`);
    answer = { ok: true, ...await commands[cmd.do](cmd) };
  } catch (e) {
    const p = cmd.user && people.get(cmd.user);
    const file = p ? await shot(p.page, `failed-${++count}-${cmd.do}-${cmd.user}`) : null;
    answer = { ok: false, error: String(e.message || e).split('\n').slice(0, 4).join(' | '), screenshot: file };
  }
  console.error(`driver: ${cmd.do} ${cmd.user || ''} ${cmd.task || cmd.url || ''}: ${answer.ok ? 'ok' : answer.error}`
    + ` (${Date.now() - started} ms)`);
  process.stdout.write(JSON.stringify(answer) + '\n');
}
await browser.close();
fs.rmSync(profile, { recursive: true, force: true });
