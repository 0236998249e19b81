// The dashboard in a real browser: Debian's chromium driven by
// playwright-core (never a browser it downloads itself), against a real
// `vigil serve` on a loopback port (started by tests/e2e/browser_test.sh).
//
//   node dashboard_test.js BASE_URL ARTIFACT_DIR XSS_DOC_ID
//   node dashboard_test.js BASE_URL ARTIFACT_DIR --first-render   (only time the first render)
//
// VIGIL_TEST_TOKEN is the server's token: with it, the test also makes
// analyst corrections from the event page and posts a document between
// two visits to check what the dashboard marks as new.
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

const token = process.env.VIGIL_TEST_TOKEN || '';

async function apiJson(p, init) {
  const res = await fetch(origin + p, init);
  return res.json();
}

async function apiStatus(p, init) {
  const res = await fetch(origin + p, init);
  return res.status;
}

// The dashboard's table page.
const PAGE = 50;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
  // HTTP errors the test provokes on purpose (a refused search, a wrong
  // token) are logged by chromium too; only those are allowed.
  const allowed = globalThis.allowedHttpErrors = new Set();
  const watch = (page) => {
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const http = /status of (\d+)/.exec(m.text());
      if (http && allowed.has(Number(http[1]))) return;
      problems.push('console: ' + m.text());
    });
  };

  try {
    const page = context.pages()[0] || await context.newPage();
    watch(page);
    const ready = (view) => page.waitForSelector(`body[data-ready="${view}"]`, {timeout: 20000});
    // The overview drawn for these filters (its data-query).
    const drawn = (query) => page.waitForFunction((q) => document.body.dataset.query === q, query, {timeout: 20000});

    // ---- overview: counts, table, timeline and map with real data ----------
    // The dashboard shows resolved events when the server has them, else
    // one event per mention (running totals and general statements hidden).
    // ---- first render: navigation start to the table drawn ------------------
    if (xssDocId === '--first-render') {
      const times = [];
      for (let i = 0; i < 3; i++) {
        const p = await context.newPage();
        await p.goto(base + '/');
        await p.waitForSelector('body[data-ready="overview"]', {timeout: 60000});
        times.push(await p.evaluate(() => ({
          loaded: performance.getEntriesByName('vigil-data-loaded')[0].startTime,
          drawn: performance.getEntriesByName('vigil-table-drawn')[0].startTime,
        })));
        await p.close();
      }
      const stats = await apiJson('/api/stats');
      const events = (await apiJson('/api/events?limit=1')).total;
      console.log(`first render: ${times.map((t) => t.drawn.toFixed(0)).join(', ')} ms ` +
        `(navigation start to table drawn; data loaded at ${times.map((t) => t.loaded.toFixed(0)).join(', ')} ms; ` +
        `${stats.documents} documents, ${events} events)`);
      check('first render measured', times.every((t) => t.drawn > 0 && t.loaded <= t.drawn));
      return;
    }

    const index = await apiJson('/api');
    const events = index.endpoints.includes('/api/events');
    const listPath = events ? '/api/events' : '/api/mentions';
    const shown = (items) => (events ? items : items.filter((m) => !m.running_total && !m.generic));
    const all = await apiAll(listPath);
    const incidents = shown(all.items);
    check('the ledger has resolved events', events);
    await page.goto(base + '/');
    await ready('overview');
    const firstRender = await page.evaluate(() => {
      const m = performance.getEntriesByName('vigil-table-drawn')[0];
      return m ? m.startTime : -1;
    });
    console.log(`first render: ${firstRender.toFixed(0)} ms (navigation start to table drawn, ${all.total} events)`);
    check('first render is measured (performance mark when the table is drawn)', firstRender > 0, firstRender);
    const summary = await page.textContent('#summary');
    check('summary counts every mention from the API', summary.includes(' of ' + all.total + ' '), summary);
    check('summary counts the incidents shown', summary.startsWith(incidents.length + ' '), summary);
    const rows = await page.$$eval('#events-table tbody tr', (trs) => trs.length);
    check('table has a row per incident (one page of 50)', rows === Math.min(PAGE, incidents.length), rows + ' rows');
    check('the list is the summary form: no mentions, their count',
      all.items.every((e) => e.mentions === undefined && Number.isInteger(e.mention_count) && e.mention_count >= e.reports));
    const full = await apiJson(listPath + '?view=full&limit=5');
    check('view=full gives the whole events', full.items.length > 0 && full.items.every((e) => Array.isArray(e.mentions) &&
      e.mentions.length === all.items.find((x) => x.id === e.id).mention_count), full.items.length);
    const timeline = await apiJson('/api/timeline');
    check('timeline aggregate counts every event', timeline.total === all.total &&
      timeline.days.reduce((n, d) => n + d.events, 0) + timeline.undated === all.total, JSON.stringify({t: timeline.total, u: timeline.undated}));
    const located = incidents.filter((m) => m.place && typeof m.place.lat === 'number').length;
    const points = await page.$$eval('#map circle.point', (c) => c.length);
    check('map draws a point per located incident', points === located && points > 0, `${points} of ${located}`);
    const mapApi = await apiJson('/api/map');
    check('map points are the API\'s', mapApi.total === located && mapApi.items.length === located &&
      (await page.$$eval('#map .points a', (as) => as.map((a) => decodeURIComponent(a.getAttribute('href').slice(8))))).sort().join() ===
      mapApi.items.map((p) => p.id).sort().join());
    // Marine areas as regions: one per sea of the API, each a region of the
    // map (not the whole world outside it, which a ring drawn the wrong way
    // round would be).
    const areaShapes = await page.$$eval('#map path.area', (ps) => ps.map((p) => {
      const b = p.getBBox();
      const svg = p.ownerSVGElement.viewBox.baseVal;
      return {place: p.getAttribute('data-place'), w: b.width / svg.width, h: b.height / svg.height};
    }));
    check('map draws the marine areas of the API as regions', mapApi.areas.length > 0 &&
      areaShapes.map((a) => a.place).sort().join() === mapApi.areas.map((a) => a.place_id).sort().join() &&
      areaShapes.every((a) => {
        const [w, , e] = mapApi.areas.find((x) => x.place_id === a.place).box;
        const span = e >= w ? e - w : e + 360 - w;
        return a.w > 0 && a.h > 0 && (span >= 90 || (a.w < 0.9 && a.h < 0.9));
      }), JSON.stringify(areaShapes));
    const land = await page.$eval('#map path.land', (p) => (p.getAttribute('d') || '').length).catch(() => 0);
    check('map draws the countries (offline world atlas)', land > 1000, land);
    const bars = await page.$$eval('#timeline rect.bar', (r) => r.length);
    check('timeline draws bars', bars > 0, bars);
    const deathDots = await page.$$eval('#timeline .deaths-dots circle', (c) => c.length);
    check('timeline draws deaths as a second series', deathDots > 0, deathDots);
    await page.screenshot({path: path.join(artifacts, 'overview.png'), fullPage: true});
    // Clicking a point opens its event.
    // (The last point drawn is on top of any it overlaps.)
    const firstPoint = await page.$$eval('#map .points a', (as) => decodeURIComponent(as[as.length - 1].getAttribute('href').slice(8)));
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.locator('#map .points a circle').last().click();
    await ready('event');
    check('clicking a map point opens its event', page.url().endsWith('#/event/' + encodeURIComponent(firstPoint)), page.url());
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.goto(base + '/');
    await ready('overview');
    // Sorting by a column header: the most deaths first, as the API sorts.
    const mostKilled = (await apiJson('/api/events?sort=-killed&limit=1')).items[0];
    await page.click('#events-table th button[data-sort="killed"]');
    const sorted = await page.waitForFunction((best) => {
      const cell = document.querySelector('#events-table tbody tr td:nth-child(5)');
      const th = document.querySelector('#events-table th button[data-sort="killed"]').closest('th');
      return th.getAttribute('aria-sort') === 'descending' && cell && cell.textContent.trim().startsWith(String(best));
    }, mostKilled.killed.best, {timeout: 10000}).then(() => true).catch(() => false);
    check('sorting by the Killed header puts the most deaths first', sorted, JSON.stringify(mostKilled.killed));
    await page.click('#events-table th button[data-sort="date"]');

    // ---- filter by status ---------------------------------------------------
    await page.selectOption('#f-status', 'planned');
    await drawn('status=planned');
    const plannedApi = shown((await apiAll(listPath + '?status=planned')).items).length;
    const plannedBadges = await page.$$eval('#events-table tbody .badge', (b) => b.map((x) => x.textContent));
    check('status filter: rows match the API', plannedBadges.length === Math.min(PAGE, plannedApi) && plannedApi > 0,
      `${plannedBadges.length} rows, API ${plannedApi}`);
    check('status filter: every badge says planned', plannedBadges.every((t) => t === 'planned'));
    await page.selectOption('#f-status', '');
    await drawn('');

    // ---- filter by date -----------------------------------------------------
    await page.fill('#f-from', '2025-10-01');
    await page.fill('#f-to', '2025-10-31');
    await page.dispatchEvent('#f-to', 'change');
    await drawn('from=2025-10-01&to=2025-10-31');
    const octApi = shown((await apiAll(listPath + '?from=2025-10-01&to=2025-10-31')).items).length;
    const octRows = await page.$$eval('#events-table tbody tr', (trs) => trs.length);
    check('date filter: rows match the API', octRows === Math.min(PAGE, octApi) && octApi > 0, `${octRows} rows, API ${octApi}`);
    const octPoints = await page.$$eval('#map circle.point', (c) => c.length);
    check('date filter: the map follows', octPoints <= points, `${octPoints}`);
    await page.click('#f-reset');
    await page.waitForFunction(() => document.getElementById('f-from').value === '');
    await drawn('');

    // ---- full-text search narrows the table to the API's events --------------
    const word = 'Caribbean';
    const found = await apiAll(listPath + '?q=' + word);
    await page.fill('#f-q', word);
    await page.press('#f-q', 'Enter');
    await page.waitForSelector(`body[data-search="${word}"]`, {timeout: 20000});
    const searchIds = await page.$$eval('#events-table tbody tr[data-id]', (trs) => trs.map((t) => t.dataset.id));
    const wantIds = (await apiJson(listPath + '?sort=-date&limit=' + PAGE + '&q=' + word)).items.map((e) => e.id).sort();
    check('search: the API finds some events, not all', found.total > 0 && found.total < all.total, found.total);
    check('search: the table shows exactly the events the API finds',
      JSON.stringify(searchIds.slice().sort()) === JSON.stringify(wantIds), `${searchIds.length} rows, API ${found.total}`);
    const searchSummary = await page.textContent('#summary');
    check('search: the summary counts the matches', searchSummary.startsWith(found.total + ' '), searchSummary);
    // Combined with a filter.
    await page.selectOption('#f-status', 'occurred');
    await drawn('q=' + word + '&status=occurred');
    const foundOccurred = await apiAll(listPath + '?status=occurred&q=' + word);
    const combinedRows = await page.$$eval('#events-table tbody tr[data-id]', (trs) => trs.length);
    check('search and status filter together match the API', combinedRows === Math.min(PAGE, foundOccurred.total), `${combinedRows} vs ${foundOccurred.total}`);
    await page.selectOption('#f-status', '');
    await drawn('q=' + word);
    // FTS5 syntax typed by a user is looked for as words, never an error.
    const odd = 'NEAR(strike "boat';
    check('search: FTS5 syntax is not an error', (await apiStatus(listPath + '?q=' + encodeURIComponent(odd))) === 200);
    // A search with nothing to look for is refused with a reason, shown.
    allowed.add(400);
    await page.fill('#f-q', '"*"');
    await page.press('#f-q', 'Enter');
    await page.waitForSelector('body[data-search=\'"*"\']', {timeout: 20000});
    const refused = await apiJson(listPath + '?q=' + encodeURIComponent('"*"'));
    const shownError = await page.textContent('#error');
    check('search: a refused query shows the reason', refused.status === 400 && shownError.includes(refused.reason), shownError);
    allowed.delete(400);
    await page.fill('#f-q', '');
    await page.press('#f-q', 'Enter');
    await page.waitForSelector('body[data-search=""]', {timeout: 20000});
    const clearedRows = await page.$$eval('#events-table tbody tr', (trs) => trs.length);
    check('search: clearing it shows every event again', clearedRows === rows, clearedRows);

    // ---- brushing the timeline sets the dates and filters the rest ----------
    const box = await page.$eval('#timeline svg', (s) => { const r = s.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; });
    await page.mouse.move(box.x + box.w * 0.45, box.y + box.h * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.w * 0.7, box.y + box.h * 0.5, {steps: 5});
    await page.mouse.up();
    const from = await page.inputValue('#f-from'), to = await page.inputValue('#f-to');
    check('brush sets From and To', /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to, `${from}..${to}`);
    await drawn(`from=${from}&to=${to}`);
    const brushedApi = await apiJson(`${listPath}?from=${from}&to=${to}&limit=1`);
    check('brush: the summary counts the API\'s events in the range',
      (await page.textContent('#summary')).startsWith(brushedApi.total + ' '), brushedApi.total);
    const brushedRows = await page.$$eval('#events-table tbody tr', (trs) => trs.length);
    check('brush filters the table', brushedApi.total < all.total && brushedRows === Math.min(PAGE, brushedApi.total),
      `${brushedRows} rows, API ${brushedApi.total} of ${all.total}`);
    await page.click('#f-reset');
    await page.waitForFunction(() => document.getElementById('f-from').value === '');
    await drawn('');

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

    // ---- the words behind each figure: an event with a death toll -----------
    const withToll = await apiJson('/api/events?type=ASSAULT&status=occurred&min_deaths=1&limit=1');
    check('the ledger has an event with a toll', withToll.items.length === 1);
    if (withToll.items.length === 1) {
      const full = await apiJson('/api/events/' + withToll.items[0].id);
      const killedWords = new Set();
      for (const m of full.mentions) for (const f of m.figures || []) if (f.field === 'killed') killedWords.add(f.text);
      check('the API gives the words behind the toll', killedWords.size > 0, JSON.stringify(full.mentions.map((m) => m.figures)));
      // (The page is on an event already: its ready mark must be drawn anew.)
      await page.evaluate(() => { document.body.dataset.ready = ''; });
      await page.goto(base + '/#/event/' + withToll.items[0].id);
      await ready('event');
      const figureMarks = await page.$$eval('#view-event blockquote mark.m-figure', (ms) => ms.map((x) => ({text: x.textContent, title: x.title})));
      const killedMarks = figureMarks.filter((x) => x.title.startsWith('killed: '));
      check('event page highlights the words behind the toll',
            killedMarks.length > 0 && killedMarks.every((x) => killedWords.has(x.text)), JSON.stringify(figureMarks));
      await page.screenshot({path: path.join(artifacts, 'event-figures.png'), fullPage: true});
    }

    // ---- disagreeing figures side by side -----------------------------------
    const everyEvent = (await apiAll('/api/events?view=full')).items;
    const disputed = everyEvent.find((e) => e.killed && Array.isArray(e.killed.reported) &&
      new Set(e.killed.reported.map((r) => r.value)).size > 1);
    check('the ledger has an event whose reports disagree on the toll (browser_test.sh adds one)', !!disputed);
    if (disputed) {
      await page.evaluate(() => { document.body.dataset.ready = ''; });
      await page.goto(base + '/#/event/' + disputed.id);
      await ready('event');
      const shown = await page.$eval('#view-event .disagree', (x) => x.textContent).catch(() => '');
      const values = Array.from(new Set(disputed.killed.reported.map((r) => r.value)));
      check('disagreeing tolls are shown side by side', values.every((v) => shown.includes(String(v))), shown);
    }

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
    const tallyRows = await page.$$eval('#tally-table tbody tr', (t) => t.length);
    const tallyStrikes = await page.$$eval('#tally-table tbody tr', (trs) => trs.map((tr) => tr.children[4].textContent));
    check('tally table gives the ledger\'s strikes beside each total', tallyStrikes.join() ===
      tally.totals.map((l) => (l.as_of ? String(l.ledger.strikes) : '–')).join(), JSON.stringify(tallyStrikes.slice(0, 5)));
    const uncountedLinks = await page.$$eval('#uncounted a', (as) => as.map((a) => decodeURIComponent(a.getAttribute('href').slice(8))));
    check('the events no total includes are listed', uncountedLinks.join() === tally.events_not_in_any_total.join(),
      `${uncountedLinks.length} of ${tally.events_not_in_any_total.length}`);
    check('tally table lists every reported total', tallyRows === tally.totals.length, `${tallyRows} of ${tally.totals.length}`);
    await page.screenshot({path: path.join(artifacts, 'campaign.png'), fullPage: true});

    // ---- documents list and outlets -----------------------------------------
    await page.goto(base + '/#/documents');
    await ready('documents');
    const docStats = await apiJson('/api/stats');
    const docSummary = await page.textContent('#doc-summary');
    check('documents list counts every document', docSummary.includes('of ' + docStats.documents + ' documents'), docSummary);
    const docsFound = await apiJson('/api/documents?q=' + word);
    await page.fill('#d-q', word);
    await page.press('#d-q', 'Enter');
    await page.waitForFunction((n) => document.getElementById('doc-summary').textContent.includes('of ' + n + ' documents'),
      docsFound.total, {timeout: 20000}).catch(() => {});
    const docSearchSummary = await page.textContent('#doc-summary');
    check('document search: the list counts what the API finds',
      docsFound.total > 0 && docsFound.total < docStats.documents && docSearchSummary.includes('of ' + docsFound.total + ' documents'), docSearchSummary);
    await page.fill('#d-q', '');
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

    if (token) await correctionsAndNewSince(context, watch, ready, page);
    else console.log('skip: corrections and new-since checks (no VIGIL_TEST_TOKEN)');

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

// Analyst corrections from the event page (they need the token), then what
// is new between two visits with a document posted in between.
async function correctionsAndNewSince(context, watch, ready, page) {
  const eventsTotal = async () => (await apiJson('/api/events?limit=1')).total;
  const before = await eventsTotal();
  const multi = (await apiAll('/api/events?view=full')).items.find((e) => e.mentions.length > 1 && e.reports > 1);
  const other = (await apiAll('/api/events')).items.find((e) => e.id !== multi.id);
  const corrected = (id) => page.waitForSelector(`body[data-corrected="${id}"]`, {timeout: 20000});
  const lastCorrection = async () => {
    const list = await apiJson('/api/corrections');
    return list.items[list.items.length - 1];
  };

  // Without a token: no controls, and the API refuses a correction.
  await page.goto(base + '/#/event/' + multi.id);
  await ready('event');
  check('corrections: no controls without a token', (await page.$('#c-reject')) === null);
  check('corrections: the token field is offered', await page.isVisible('#token-form'));
  const noToken = await apiStatus(`/api/events/${multi.id}/corrections`, {method: 'POST',
    headers: {'Content-Type': 'application/json'}, body: JSON.stringify({action: 'reject'})});
  check('corrections: the API needs the token', noToken === 401, noToken);

  // A wrong token: refused, said so, nothing changed.
  globalThis.allowedHttpErrors.add(401);
  await page.fill('#token', 'not-the-token');
  await page.click('#token-form button[type="submit"]');
  await page.waitForSelector('#c-reject', {timeout: 20000});
  await page.click('#c-reject');
  await page.waitForFunction(() => /refused the token/.test(document.getElementById('correction-status').textContent), null, {timeout: 20000});
  check('corrections: a wrong token is refused and the ledger unchanged', (await eventsTotal()) === before);
  check('corrections: a refused token is forgotten', await page.isVisible('#token-form'));
  globalThis.allowedHttpErrors.delete(401);

  // The right token: reject, and the table loses the event.
  await page.fill('#token', token);
  await page.click('#token-form button[type="submit"]');
  await page.waitForSelector('#c-reject', {timeout: 20000});
  await page.fill('#c-note', 'browser test: not a real event');
  await page.click('#c-reject');
  let c = null;
  await page.waitForFunction(() => /^\d+$/.test(document.body.dataset.corrected || ''), null, {timeout: 20000});
  c = await lastCorrection();
  check('corrections: reject recorded with its note', c && c.action === 'reject' && c.note === 'browser test: not a real event', JSON.stringify(c));
  const rejected = await apiJson('/api/events/' + multi.id);
  check('corrections: the event is rejected in the API', rejected.rejected === true);
  check('corrections: the event page says rejected', (await page.textContent('#view-event h1')).includes('rejected'));
  check('corrections: the ledger lost one event', (await eventsTotal()) === before - 1);
  await page.goto(base + '/#/');
  await ready('overview');
  const afterReject = await page.textContent('#summary');
  check('corrections: the table follows the corrected ledger', afterReject.includes(' of ' + (before - 1) + ' '), afterReject);
  check('corrections: the rejected event is not in the table', (await page.$(`#events-table tr[data-id="${multi.id}"]`)) === null);

  // Undo from the event page.
  await page.goto(base + '/#/event/' + multi.id);
  await ready('event');
  await page.click(`button.undo[data-correction="${c.id}"]`);
  await corrected(c.id + '-undone');
  check('corrections: undo restores the event', (await eventsTotal()) === before && !(await apiJson('/api/events/' + multi.id)).rejected);

  // Set a figure.
  await page.selectOption('#c-field', 'killed');
  await page.fill('#c-value', '99');
  await page.fill('#c-note', 'browser test: figure');
  await page.click('#c-set');
  await page.waitForFunction(() => /^\d+$/.test(document.body.dataset.corrected || ''), null, {timeout: 20000});
  c = await lastCorrection();
  const set = await apiJson('/api/events/' + c.events[0]);
  check('corrections: set killed = 99', set.killed && set.killed.best === 99, JSON.stringify(set.killed));
  check('corrections: the event page shows the new figure', (await page.textContent('#view-event .facts')).includes('99'));
  await page.click(`button.undo[data-correction="${c.id}"]`);
  await corrected(c.id + '-undone');

  // Split off one report into a new event.
  await page.goto(base + '/#/event/' + multi.id);
  await ready('event');
  await page.check('#view-event .split-pick input >> nth=0');
  await page.click('#c-split');
  await page.waitForFunction(() => /^\d+$/.test(document.body.dataset.corrected || ''), null, {timeout: 20000});
  c = await lastCorrection();
  check('corrections: split makes one more event', c.action === 'split' && (await eventsTotal()) === before + 1, `${await eventsTotal()} vs ${before}`);
  await page.click(`button.undo[data-correction="${c.id}"]`);
  await corrected(c.id + '-undone');
  check('corrections: undoing the split restores the ledger', (await eventsTotal()) === before);

  // Merge with another event.
  await page.goto(base + '/#/event/' + multi.id);
  await ready('event');
  await page.fill('#c-merge', other.id);
  await page.click('#c-merge-go');
  await page.waitForFunction(() => /^\d+$/.test(document.body.dataset.corrected || ''), null, {timeout: 20000});
  c = await lastCorrection();
  check('corrections: merge makes one event of two', c.action === 'merge' && (await eventsTotal()) === before - 1 && c.events.length === 1);
  await page.click(`button.undo[data-correction="${c.id}"]`);
  await corrected(c.id + '-undone');
  check('corrections: every correction undone', (await apiJson('/api/corrections')).items.length === 0 && (await eventsTotal()) === before);
  await page.screenshot({path: path.join(artifacts, 'corrections.png'), fullPage: true});

  // ---- what is new since the last visit -----------------------------------
  // A visit (a new tab: its own sessionStorage, the shared localStorage).
  const visit = async () => {
    const p = await context.newPage();
    watch(p);
    await p.goto(base + '/');
    await p.waitForSelector('body[data-ready="overview"]', {timeout: 20000});
    return p;
  };
  const first = await visit();
  await first.close();
  // Times are kept to the second: the document arrives in a later one.
  await sleep(1100);
  const seen = (await apiJson('/api/stats')).ledger_updated_at;
  const posted = await fetch(origin + '/api/documents', {method: 'POST',
    headers: {'Content-Type': 'application/json', Authorization: 'Bearer ' + token},
    body: JSON.stringify({text: 'A US military strike killed four people aboard a boat off the coast of Ecuador ' +
      'on Saturday, the Pentagon said.', title: 'Strike off Ecuador', outlet: 'Browser Test Wire',
      published: '2025-11-29', url: 'https://example.org/browser-test-new'})});
  const postedBody = await posted.json();
  check('new since: a document posted between two visits', posted.status === 201 && postedBody.ledger_updated, JSON.stringify(postedBody));
  const fresh = (await apiAll('/api/events?view=full')).items.filter((e) => e.first_ingested > seen);
  check('new since: the API dates the new event after the last visit', fresh.length > 0 &&
    fresh.some((e) => e.mentions.some((m) => m.doc_id === postedBody.id)), fresh.length);
  const second = await visit();
  const marked = await second.$$eval('#events-table tbody tr.is-new', (trs) => trs.map((t) => t.dataset.id));
  check('new since: the second visit marks exactly the new events',
    JSON.stringify(marked.sort()) === JSON.stringify(fresh.map((e) => e.id).sort()), `${marked} vs ${fresh.map((e) => e.id)}`);
  const line = await second.textContent('#new-since-text');
  check('new since: it says how many and since when', line.startsWith(fresh.length + ' new event') && line.includes(seen.slice(0, 10)), line);
  check('new since: the header says when the ledger changed', (await second.textContent('#ledger-updated')).includes('ledger updated'));
  await second.screenshot({path: path.join(artifacts, 'new-since.png'), fullPage: true});
  await second.reload();
  await second.waitForSelector('body[data-ready="overview"]', {timeout: 20000});
  check('new since: the marks stay when the page is reloaded', (await second.$$('#events-table tbody tr.is-new')).length === marked.length);
  await second.click('#mark-seen');
  check('new since: mark all seen clears the marks', (await second.$$('#events-table tbody tr.is-new')).length === 0);
  await second.close();
  const third = await visit();
  check('new since: nothing is new on the next visit', (await third.$$('#events-table tbody tr.is-new')).length === 0);
  await third.close();
}

main().catch((e) => { console.error('FAIL: ' + (e && e.stack || e)); process.exit(1); });
