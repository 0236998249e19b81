// The dashboard in a real browser: Debian's chromium driven by
// playwright-core (never a browser it downloads itself), against a real
// `vigil serve` on a loopback port (started by tests/e2e/browser_test.sh).
//
//   node dashboard_test.js BASE_URL ARTIFACT_DIR XSS_DOC_ID
//
// Exit 0 when every check passes, 1 on a failure, 77 when chromium cannot
// start at all (ctest counts that as skipped).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const [base, artifacts, xssDocId] = process.argv.slice(2);
const origin = new URL(base).origin;
const source = process.env.VIGIL_SOURCE_DIR || path.join(__dirname, '..', '..');
const {chromium} = require(path.join(source, 'web', 'npm', 'node_modules', 'playwright-core'));

let failures = 0, passes = 0;
function check(what, ok, detail) {
  if (ok) { passes++; console.log('ok: ' + what); }
  else { failures++; console.error('FAIL: ' + what + (detail !== undefined ? ': ' + detail : '')); }
}

async function apiJson(p) {
  const res = await fetch(origin + p);
  return res.json();
}

// Every item of a paged endpoint.
async function apiAll(p) {
  const items = [];
  for (;;) {
    const page = await apiJson(p + (p.includes('?') ? '&' : '?') + 'limit=500&offset=' + items.length);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return {total: page.total, items};
  }
}

async function main() {
  fs.mkdirSync(artifacts, {recursive: true});
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
             '--disable-component-update', '--no-first-run'],
      viewport: {width: 1280, height: 900},
    });
  } catch (e) {
    console.error('chromium cannot start: ' + e.message);
    fs.rmSync(profile, {recursive: true, force: true});
    process.exit(77);
  }

  // Every request any page makes is recorded; one to anywhere but the
  // server is refused (and fails the test below).
  const requests = [];
  const foreign = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (!url.startsWith(origin + '/')) { foreign.push(url); return route.abort(); }
    return route.continue();
  });
  const problems = [];
  const watch = (page) => {
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  };

  try {
    const page = context.pages()[0] || await context.newPage();
    watch(page);
    const ready = (view) => page.waitForSelector(`body[data-ready="${view}"]`, {timeout: 20000});

    // ---- overview: counts, table, timeline and map with real data ----------
    // The dashboard shows resolved events when the server has them, else
    // one event per mention (running totals and general statements hidden).
    const index = await apiJson('/api');
    const events = index.endpoints.includes('/api/events');
    const listPath = events ? '/api/events' : '/api/mentions';
    const shown = (items) => (events ? items : items.filter((m) => !m.running_total && !m.generic));
    const all = await apiAll(listPath);
    const incidents = shown(all.items);
    check('the ledger has resolved events', events);
    await page.goto(base + '/');
    await ready('overview');
    const summary = await page.textContent('#summary');
    check('summary counts every mention from the API', summary.includes(' of ' + all.total + ' '), summary);
    check('summary counts the incidents shown', summary.startsWith(incidents.length + ' '), summary);
    const rows = await page.$$eval('#events-table tbody tr', (trs) => trs.length);
    check('table has a row per incident (up to 200)', rows === Math.min(200, incidents.length), rows + ' rows');
    const located = incidents.filter((m) => m.place && typeof m.place.lat === 'number').length;
    const points = await page.$$eval('#map circle.point', (c) => c.length);
    check('map draws a point per located incident', points === located && points > 0, `${points} of ${located}`);
    const land = await page.$eval('#map path.land', (p) => (p.getAttribute('d') || '').length).catch(() => 0);
    check('map draws the countries (offline world atlas)', land > 1000, land);
    const bars = await page.$$eval('#timeline rect.bar', (r) => r.length);
    check('timeline draws bars', bars > 0, bars);
    const deathDots = await page.$$eval('#timeline .deaths-dots circle', (c) => c.length);
    check('timeline draws deaths as a second series', deathDots > 0, deathDots);
    await page.screenshot({path: path.join(artifacts, 'overview.png'), fullPage: true});

    // ---- filter by status ---------------------------------------------------
    await page.selectOption('#f-status', 'planned');
    const plannedApi = shown((await apiAll(listPath + '?status=planned')).items).length;
    const plannedBadges = await page.$$eval('#events-table tbody .badge', (b) => b.map((x) => x.textContent));
    check('status filter: rows match the API', plannedBadges.length === Math.min(200, plannedApi) && plannedApi > 0,
      `${plannedBadges.length} rows, API ${plannedApi}`);
    check('status filter: every badge says planned', plannedBadges.every((t) => t === 'planned'));
    await page.selectOption('#f-status', '');

    // ---- filter by date -----------------------------------------------------
    await page.fill('#f-from', '2025-10-01');
    await page.fill('#f-to', '2025-10-31');
    await page.dispatchEvent('#f-to', 'change');
    const octApi = shown((await apiAll(listPath + '?from=2025-10-01&to=2025-10-31')).items).length;
    const octRows = await page.$$eval('#events-table tbody tr', (trs) => trs.length);
    check('date filter: rows match the API', octRows === Math.min(200, octApi) && octApi > 0, `${octRows} rows, API ${octApi}`);
    const octPoints = await page.$$eval('#map circle.point', (c) => c.length);
    check('date filter: the map follows', octPoints <= points, `${octPoints}`);
    await page.click('#f-reset');
    await page.waitForFunction(() => document.getElementById('f-from').value === '');

    // ---- brushing the timeline sets the dates and filters the rest ----------
    const box = await page.$eval('#timeline svg', (s) => { const r = s.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; });
    await page.mouse.move(box.x + box.w * 0.45, box.y + box.h * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.w * 0.7, box.y + box.h * 0.5, {steps: 5});
    await page.mouse.up();
    const from = await page.inputValue('#f-from'), to = await page.inputValue('#f-to');
    check('brush sets From and To', /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to, `${from}..${to}`);
    const brushedRows = await page.$$eval('#events-table tbody tr', (trs) => trs.length);
    check('brush filters the table', brushedRows < rows, `${brushedRows} of ${rows}`);
    await page.click('#f-reset');
    await page.waitForFunction(() => document.getElementById('f-from').value === '');

    // ---- keyboard: reach an event from the table and open it ----------------
    await page.focus('body');
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => !!document.activeElement && document.activeElement.matches('#events-table tbody a'));
    }
    check('an event link is reachable with Tab', reached);
    if (reached) await page.keyboard.press('Enter');
    else await page.click('#events-table tbody a');
    await ready('event');
    const eventTitle = await page.textContent('#view-event h1');
    check('event page shows the event', eventTitle.length > 0, eventTitle);
    const triggers = await page.$$eval('#view-event blockquote mark.m-trigger', (m) => m.map((x) => x.textContent));
    check('event page highlights the source words', triggers.length > 0 && triggers[0].length > 0, JSON.stringify(triggers));
    await page.screenshot({path: path.join(artifacts, 'event.png'), fullPage: true});

    // ---- document page: text with its mentions highlighted -------------------
    await page.click('#view-event .report a[href^="#/doc/"]');
    await ready('document');
    const docId = page.url().split('/').pop();
    const docMentions = await apiJson('/api/mentions?limit=500&doc=' + docId);
    const marked = await page.$$eval('#view-document .doc-text mark.m-trigger', (m) => m.length);
    check('document page marks every event mention', marked === docMentions.total && marked > 0, `${marked} of ${docMentions.total}`);
    const doc = await apiJson('/api/documents/' + docId);
    const shownText = (await page.textContent('#view-document .doc-text')).replace(/\s+/g, '');
    const wantText = doc.text.replace(/\s+/g, '');
    let at = 0;
    while (at < wantText.length && shownText[at] === wantText[at]) at++;
    check('document page shows the whole text', shownText === wantText,
      `differs at ${at}: shown [${shownText.slice(at, at + 40)}] text [${wantText.slice(at, at + 40)}]`);
    const entities = await page.$$eval('#view-document .doc-text mark.m-place, #view-document .doc-text mark.m-time', (m) => m.length);
    check('document page marks places and dates', entities > 0, entities);
    await page.screenshot({path: path.join(artifacts, 'document.png'), fullPage: true});

    // ---- a campaign's reported totals against the ledger -----------------------
    const tally = await apiJson('/api/campaigns/us-boat-strikes/tally');
    await page.goto(base + '/#/campaigns');
    await ready('campaigns');
    await page.click('#view-campaigns a[href="#/campaign/us-boat-strikes"]');
    await ready('campaign');
    const reportedDots = await page.$$eval('#tally-chart circle.reported', (c) => c.length);
    const datedTotals = tally.totals.filter((l) => l.as_of && l.reported.killed !== null).length;
    check('tally chart draws every dated reported total', reportedDots === datedTotals && datedTotals > 0, `${reportedDots} of ${datedTotals}`);
    const ledgerLine = await page.$eval('#tally-chart path.ledger-line', (p) => (p.getAttribute('d') || '').length).catch(() => 0);
    check('tally chart draws the ledger count', ledgerLine > 20, ledgerLine);
    const tallyRows = await page.$$eval('#view-campaign tbody tr', (t) => t.length);
    check('tally table lists every reported total', tallyRows === tally.totals.length, `${tallyRows} of ${tally.totals.length}`);
    await page.screenshot({path: path.join(artifacts, 'campaign.png'), fullPage: true});

    // ---- documents list and outlets -----------------------------------------
    await page.goto(base + '/#/documents');
    await ready('documents');
    const docStats = await apiJson('/api/stats');
    const docSummary = await page.textContent('#doc-summary');
    check('documents list counts every document', docSummary.includes('of ' + docStats.documents + ' documents'), docSummary);
    await page.goto(base + '/#/outlets');
    await ready('outlets');
    const outletRows = await page.$$eval('#outlets-table tbody tr', (t) => t.length);
    check('outlets page lists every outlet', outletRows === docStats.outlets, `${outletRows} of ${docStats.outlets}`);

    // ---- a document with markup in its text shows it as text ----------------
    await page.goto(base + '/#/doc/' + xssDocId);
    await ready('document');
    const injected = await page.evaluate(() => ({
      pwned: window.__vigilPwned === true,
      imgs: document.querySelectorAll('#view-document img').length,
      scripts: document.querySelectorAll('#view-document script').length,
      text: document.querySelector('#view-document .doc-text').textContent,
      title: document.querySelector('#view-document h1').textContent,
    }));
    check('markup in a document runs nothing', !injected.pwned && injected.imgs === 0 && injected.scripts === 0,
      JSON.stringify(injected));
    check('markup in a document is shown as text', injected.text.includes('<script>') && injected.title.includes('<b>'),
      injected.title);

    // ---- phone width --------------------------------------------------------
    const phone = await context.newPage();
    watch(phone);
    await phone.setViewportSize({width: 375, height: 740});
    await phone.goto(base + '/');
    await phone.waitForSelector('body[data-ready="overview"]', {timeout: 20000});
    const fit = await phone.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      map: document.querySelector('#map svg').getBoundingClientRect().width,
      timeline: document.querySelector('#timeline svg').getBoundingClientRect().width,
    }));
    check('phone width: nothing overflows the page', fit.page <= 376, JSON.stringify(fit));
    check('phone width: charts fit the screen', fit.map <= 375 && fit.map > 200 && fit.timeline <= 375, JSON.stringify(fit));
    const phonePoints = await phone.$$eval('#map circle.point', (c) => c.length);
    check('phone width: map still draws the points', phonePoints === points, phonePoints);
    await phone.screenshot({path: path.join(artifacts, 'phone.png'), fullPage: true});

    // ---- nothing left the machine, nothing broke ----------------------------
    check('every request went to the server on loopback', foreign.length === 0, foreign.join(' '));
    check('requests were recorded', requests.length > 5, requests.length);
    check('no script errors or CSP violations', problems.length === 0, problems.join(' | '));
  } finally {
    await context.close();
    fs.rmSync(profile, {recursive: true, force: true});
  }
  console.log(`${passes} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.error('FAIL: ' + (e && e.stack || e)); process.exit(1); });
