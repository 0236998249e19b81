// Vigil's dashboard. Plain JavaScript, no build step; d3 and topojson-client
// are served by the same binary (/vendor/...). Every text from the ledger is
// put in the page as text (textContent), never as HTML.
//
// The overview reads one page of the events table at a time, filtered and
// sorted by the server, and the timeline and map from the server's
// aggregates (docs/API.md). The event page reads one whole event of the
// schema "vigil.events/1"; an event mention that no event holds is shown as
// an event of its own (mentionToEvent).
'use strict';

(function () {
  const d3 = window.d3;
  const topojson = window.topojson;

  // ---- small helpers -------------------------------------------------------

  // Creates an element: h('a', {href: '#/'}, 'text', child, ...).
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

  // The analyst's token, typed once per browser tab (sessionStorage: gone
  // when the tab closes) and sent as a header, never in a URL.
  const TOKEN_KEY = 'vigil.token';
  function token() { try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return ''; } }
  function setToken(t) {
    try { if (t) sessionStorage.setItem(TOKEN_KEY, t); else sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* storage off */ }
  }

  // GET |path| as JSON; with |write| = {method, body}, a write sent with the
  // token.
  async function api(path, write) {
    const init = {headers: {Accept: 'application/json'}};
    if (write) {
      init.method = write.method;
      init.headers.Authorization = 'Bearer ' + token();
      if (write.body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(write.body);
      }
    }
    const res = await fetch(path, init);
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      const err = new Error((body && body.reason) || (res.status + ' ' + res.statusText));
      err.status = res.status;
      throw err;
    }
    return body;
  }

  // Every page of a paged endpoint, up to |cap| items; items.total is how
  // many the server has.
  async function fetchAll(path, cap) {
    const items = [];
    items.total = 0;
    const sep = path.includes('?') ? '&' : '?';
    for (let offset = 0; offset < cap;) {
      const page = await api(path + sep + 'limit=500&offset=' + offset);
      items.push(...page.items);
      items.total = page.total;
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) break;
    }
    return items;
  }

  function showError(message) {
    const el = document.getElementById('error');
    el.textContent = message;
    el.hidden = !message;
  }

  // Byte offsets in Vigil are into UTF-8 text; JavaScript strings are
  // UTF-16. Utf8Text cuts a text by byte offsets.
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  class Utf8Text {
    constructor(text) { this.bytes = encoder.encode(text || ''); }
    get length() { return this.bytes.length; }
    slice(begin, end) {
      const b = Math.max(0, Math.min(begin, this.bytes.length));
      const e = Math.max(b, Math.min(end, this.bytes.length));
      return decoder.decode(this.bytes.subarray(b, e));
    }
  }

  // A byte span as {begin, end}: from [begin, end] (mentions and events
  // JSON), {begin, end} (the mentions API) or {span: [...]} (a trigger).
  function spanOf(x) {
    if (!x) return null;
    if (Array.isArray(x) && x.length === 2) return {begin: x[0], end: x[1]};
    if (Array.isArray(x.span)) return spanOf(x.span);
    if (Number.isFinite(x.begin) && Number.isFinite(x.end)) return {begin: x.begin, end: x.end};
    return null;
  }

  // Appends |text| [base, base + bytes) to |parent| with the |marks|
  // ({begin, end, cls, title, href}) inside it highlighted. Overlapping marks
  // keep the first one in |marks| order.
  function appendMarked(parent, utf8, base, end, marks) {
    const chosen = [];
    for (const m of marks) {
      if (!Number.isFinite(m.begin) || !Number.isFinite(m.end)) continue;
      const b = Math.max(m.begin, base), e = Math.min(m.end, end);
      if (e <= b) continue;
      if (chosen.some((c) => b < c.end && c.begin < e)) continue;
      chosen.push({...m, begin: b, end: e});
    }
    chosen.sort((x, y) => x.begin - y.begin);
    let at = base;
    for (const m of chosen) {
      if (m.begin > at) parent.append(document.createTextNode(utf8.slice(at, m.begin)));
      const mark = h('mark', {class: m.cls, title: m.title || null}, utf8.slice(m.begin, m.end));
      parent.append(m.href ? h('a', {href: m.href, class: 'mark-link'}, mark) : mark);
      at = m.end;
    }
    if (at < end) parent.append(document.createTextNode(utf8.slice(at, end)));
  }

  const STATUSES = ['occurred', 'ongoing', 'planned', 'threatened', 'hypothetical', 'denied', 'unclear'];
  const HAPPENED = new Set(['occurred', 'ongoing']);
  // Colour-blind-safe categorical colours (Okabe and Ito's set, plus grey).
  const TYPE_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#8c6d31', '#666666'];

  function badge(status) {
    return h('span', {class: 'badge status-' + (status || 'unclear')}, status || 'unclear');
  }

  // Flags are {kind, detail}; a bare string is a kind.
  function flagKind(f) { return String(typeof f === 'string' ? f : f.kind || '').replace(/_/g, ' '); }
  function flagDetail(f) { return typeof f === 'string' ? '' : f.detail || ''; }

  function fmtNum(v) {
    if (v === null || v === undefined) return '';
    return Number.isInteger(v) ? String(v) : v.toFixed(1);
  }

  // "5", "5–7" or "at least 5" from {low, best, high}.
  function fmtRange(r) {
    if (!r) return '';
    if (r.low !== null && r.high !== null && r.low !== undefined && r.high !== undefined && r.low !== r.high)
      return fmtNum(r.low) + '–' + fmtNum(r.high);
    return fmtNum(r.best !== null && r.best !== undefined ? r.best : r.low);
  }

  function fmtDate(e) {
    if (!e.date_start) return '';
    if (e.date_end && e.date_end !== e.date_start) return e.date_start + ' – ' + e.date_end;
    return e.date_start;
  }

  // ---- events: loading and the mention adapter -----------------------------

  function figure(v) {
    return v === null || v === undefined ? null : {low: v, best: v, high: v};
  }

  // An event mention from /api/mentions in the shape of a vigil.events/1
  // event: one report, one origin.
  function mentionToEvent(m) {
    const flags = [];
    if (m.running_total) flags.push({kind: 'running_total', detail: 'a running total, not one incident'});
    if (m.generic) flags.push({kind: 'generic', detail: 'a general statement'});
    if (m.negated) flags.push({kind: 'negated', detail: 'said not to have happened'});
    let killed = null;
    if (m.killed) {
      const high = m.killed.high !== null && m.killed.high !== undefined ? m.killed.high
        : (m.killed.qualifier === 'at_least' || m.killed.qualifier === 'more_than' ? null : m.killed.value);
      killed = {low: m.killed.value, best: m.killed.value, high: high};
    }
    const attribution = m.attribution || null;
    const origin = (attribution && attribution.outlet_cited) || m.outlet || null;
    return {
      id: 'm' + m.id,
      type: m.type,
      mode: m.mode,
      status: m.status,
      date_start: m.date_start,
      date_end: m.date_end,
      date_precision: m.date_precision,
      place: m.place,
      actors: [],
      targets: [],
      killed: killed,
      injured: figure(m.injured),
      survivors: figure(m.survivors),
      vessels: m.vessels,
      reports: 1,
      origins: 1,
      first_reported: m.published,
      flags: flags,
      campaigns: [],
      mentions: [{
        doc_id: m.doc_id, index: m.index, url: m.url, outlet: m.outlet, published: m.published,
        title: m.title, text: m.text, span: m.span, trigger: m.trigger,
        attribution: attribution, origin: origin,
      }],
      // Not part of vigil.events/1: lets the overview hide tallies and
      // general statements, which are not incidents.
      _background: Boolean(m.running_total || m.generic),
    };
  }

  // The table reads one page of events at a time, filtered and sorted by the
  // server; the timeline and the map read the server's aggregates
  // (/api/timeline, /api/map), so the first render reads a few small answers
  // whatever the size of the ledger.
  const PAGE = 50;

  const state = {
    index: null,        // GET /api
    stats: null,        // GET /api/updated when the events were loaded
    seenAt: '',         // the ledger time the user last looked at ('' never)
    filters: {type: '', status: '', from: '', to: '', deaths: null, q: ''},
    sort: {key: 'date', dir: -1},
    ledger: null,       // GET /api/timeline with no filter: the whole ledger
    types: [],          // every event type of the ledger (colours, the Type list)
    rows: [],           // the table: the pages read so far ...
    total: 0,           // ... of this many events matching the filters
    timeline: null,     // GET /api/timeline for the filters but the dates
    totals: null,       // GET /api/timeline for the filters (the summary line)
    points: null,       // GET /api/map for the filters
    generation: 0,      // the newest read; an older answer is dropped
    world: null,
  };

  // The filters as query parameters (docs/API.md, GET /api/events), with or
  // without the dates; the order is fixed (the browser test reads it).
  function filterParams(withDates) {
    const f = state.filters, p = new URLSearchParams();
    if (f.q) p.set('q', f.q);
    if (f.type) p.set('type', f.type);
    if (f.status) p.set('status', f.status);
    if (withDates && f.from) p.set('from', f.from);
    if (withDates && f.to) p.set('to', f.to);
    if (f.deaths !== null && Number.isFinite(f.deaths)) p.set('min_deaths', String(Math.max(0, Math.floor(f.deaths))));
    return p;
  }

  function pagePath(offset) {
    const p = filterParams(true);
    p.set('sort', (state.sort.dir < 0 ? '-' : '') + state.sort.key);
    p.set('limit', String(PAGE));
    p.set('offset', String(offset));
    return '/api/events?' + p;
  }

  // Everything the overview needs, asked for at once.
  async function loadEvents() {
    const ledgerAnswer = api('/api/timeline');
    const [index, stats, ledger] = await Promise.all([api('/api'), api('/api/updated'), ledgerAnswer,
      refresh(ledgerAnswer)]);
    state.index = index;
    state.stats = stats;
    state.ledger = ledger;
    state.types = Array.from(new Set(ledger.days.map((d) => d.type))).sort();
    document.getElementById('source-note').textContent = 'resolved events';
    // Running totals are tallies, not events, once the ledger is resolved.
    document.getElementById('f-totals').closest('label').hidden = true;
    document.getElementById('f-q').closest('label').hidden = !state.index.search;
    document.getElementById('d-q').closest('label').hidden = !state.index.search;
    showLedgerTime();
  }

  // Reads what the filters select: the table's first page, the counts, the
  // timeline (without the dates, so that brushing can widen them again) and
  // the map. False when a newer read started meanwhile. |ledgerAnswer|, when
  // given, is the answer being read for the whole ledger's timeline.
  async function refresh(ledgerAnswer) {
    const gen = ++state.generation;
    const all = filterParams(false).toString();
    const dated = Boolean(state.filters.from || state.filters.to);
    const whole = all === '' ? ledgerAnswer || state.ledger : null;
    try {
      const [page, timeline, totals, points] = await Promise.all([
        api(pagePath(0)),
        whole || api('/api/timeline?' + all),
        dated ? api('/api/timeline?' + filterParams(true)) : null,
        api('/api/map?' + filterParams(true)),
      ]);
      if (gen !== state.generation) return false;
      state.rows = page.items;
      state.total = page.total;
      state.timeline = timeline;
      state.totals = totals || timeline;
      state.points = points;
      showError('');
    } catch (err) {
      if (gen !== state.generation) return false;
      // A search the server refuses (400) matches nothing, with its reason.
      state.rows = [];
      state.total = 0;
      state.timeline = {days: []};
      state.totals = {total: 0, located: 0, killed: 0, happened: 0};
      state.points = {total: 0, items: []};
      showError((state.filters.q && err.status === 400 ? 'Search: ' : 'Could not load: ') + err.message);
    }
    return true;
  }

  // Reads again and draws the overview, unless a newer read overtook this.
  async function update() {
    const q = state.filters.q;
    if (!(await refresh())) return;
    if (currentView === 'overview') renderOverview();
    document.body.dataset.search = q;
  }

  // The table alone, in a new order.
  async function reloadTable() {
    const gen = state.generation;
    const page = await api(pagePath(0));
    if (gen !== state.generation) return;
    state.rows = page.items;
    state.total = page.total;
    renderTable();
  }

  // ---- what is new since the user last looked --------------------------------
  // localStorage keeps the ledger time (ledger_updated_at) the user last
  // saw; an event is new when its first document arrived after it. The time
  // is the server's, so the browser's clock does not matter. A tab keeps the
  // time it started with (sessionStorage), so reloading does not clear the
  // marks; "Mark all seen" moves it to now.
  const SEEN_KEY = 'vigil.seenAt';

  function ledgerTime() {
    return (state.stats && (state.stats.ledger_updated_at || state.stats.last_ingested_at)) || '';
  }

  function setUpSeen() {
    let seen = null;
    try {
      seen = sessionStorage.getItem(SEEN_KEY);
      if (seen === null) {
        seen = localStorage.getItem(SEEN_KEY) || '';
        sessionStorage.setItem(SEEN_KEY, seen);
        if (ledgerTime()) localStorage.setItem(SEEN_KEY, ledgerTime());
      }
    } catch (e) { seen = ''; }
    state.seenAt = seen;
  }

  function markAllSeen() {
    state.seenAt = ledgerTime();
    try {
      localStorage.setItem(SEEN_KEY, state.seenAt);
      sessionStorage.setItem(SEEN_KEY, state.seenAt);
    } catch (e) { /* storage off: marks last for this page only */ }
    renderOverview();
  }

  function isNew(e) { return Boolean(state.seenAt && e.first_ingested && e.first_ingested > state.seenAt); }
  function hasNewReports(e) { return Boolean(state.seenAt && !isNew(e) && e.last_ingested && e.last_ingested > state.seenAt); }

  function fmtTime(t) { return t ? t.replace('T', ' ').replace(/Z$/, ' UTC') : ''; }

  function showLedgerTime() {
    const t = ledgerTime();
    document.getElementById('ledger-updated').textContent = t ? 'ledger updated ' + fmtTime(t) : '';
  }

  function renderNewSince() {
    const box = document.getElementById('new-since');
    if (!state.seenAt) { box.hidden = true; return; }
    // Counted over the rows the table has read (the events' arrival times
    // come with each row), and said so.
    const fresh = state.rows.filter(isNew).length;
    const grown = state.rows.filter(hasNewReports).length;
    box.hidden = false;
    box.classList.toggle('has-new', fresh + grown > 0);
    document.getElementById('new-since-text').textContent =
      `${fresh} new event(s)` + (grown ? `, ${grown} with new reports,` : '') +
      ` in the table since ${fmtTime(state.seenAt)}`;
    document.getElementById('mark-seen').hidden = fresh + grown === 0;
  }

  // Asks the server now and then whether the ledger changed (a feed poll,
  // a posted document) and offers to reload.
  function watchLedger() {
    setInterval(async () => {
      try {
        const stats = await api('/api/updated');
        const t = stats.ledger_updated_at || stats.last_ingested_at || '';
        document.getElementById('reload-ledger').hidden = !t || t === ledgerTime();
      } catch (e) { /* the server may be restarting; try again later */ }
    }, 30000);
    document.getElementById('reload-ledger').addEventListener('click', async () => {
      document.getElementById('reload-ledger').hidden = true;
      await loadEvents().catch(reportError);
      if (currentView === 'overview') renderOverview();
    });
  }

  function typeColour() {
    return d3.scaleOrdinal().domain(state.types).range(TYPE_COLOURS);
  }

  // ---- overview ------------------------------------------------------------

  function renderOverview() {
    renderTable();
    // First render: navigation start to the table drawn (the browser test
    // reads it; docs/PERFORMANCE.md).
    if (!performance.getEntriesByName('vigil-table-drawn').length) performance.mark('vigil-table-drawn');
    const t = state.totals || {total: 0, located: 0, killed: 0, happened: 0};
    document.getElementById('summary').textContent =
      t.total + ' events of ' + (state.ledger ? state.ledger.total : 0) + ' · ' + t.located + ' on the map · ' +
      fmtNum(t.killed) + ' deaths reported (' + t.happened + ' occurred or ongoing)';
    renderNewSince();
    const colour = typeColour();
    renderTimeline(colour);
    renderMap(colour);
    document.body.dataset.query = filterParams(true).toString();
  }

  function renderTimeline(colour) {
    const box = clear(document.getElementById('timeline'));
    const legend = clear(document.getElementById('timeline-legend'));
    // Rows of {day, type, status, events, killed} from the server.
    const rows = (state.timeline && state.timeline.days) || [];
    const parse = d3.utcParse('%Y-%m-%d');
    const fmt = d3.utcFormat('%Y-%m-%d');
    if (rows.length === 0) {
      box.append(h('p', {class: 'empty'}, 'No dated events match the filters.'));
      return;
    }
    const width = Math.max(280, box.clientWidth || 600), height = 220;
    const margin = {top: 10, right: 40, bottom: 28, left: 34};
    // Bars stack per day: one segment per type and status.
    const allByDay = d3.group(rows, (r) => r.day);
    const allDays = Array.from(allByDay.keys()).sort();
    const count = (d) => d3.sum(allByDay.get(d), (r) => r.events);
    // A few background events years earlier ("since 2019") would squeeze
    // the rest into a sliver: unless the From filter asks for them, the axis
    // starts a week before the day by which 3 % of the events started.
    const dated = d3.sum(rows, (r) => r.events);
    let firstDay = allDays[0];
    if (!state.filters.from) {
      let seen = 0, p3 = allDays[0];
      for (const d of allDays) {
        seen += count(d);
        if (seen > Math.floor(dated * 0.03)) { p3 = d; break; }
      }
      const floor = fmt(d3.utcDay.offset(parse(p3), -7));
      if (floor > firstDay) firstDay = floor;
    } else if (state.filters.from < firstDay) {
      firstDay = state.filters.from;
    }
    const days = allDays.filter((d) => d >= firstDay);
    const earlier = dated - d3.sum(days, count);
    let first = parse(firstDay), last = d3.utcDay.offset(parse(days[days.length - 1]), 1);
    if (+last - +first < 14 * 864e5) first = d3.utcDay.offset(last, -14);
    const x = d3.scaleUtc().domain([first, last]).range([margin.left, width - margin.right]);
    const maxCount = d3.max(days, count);
    const y = d3.scaleLinear().domain([0, maxCount]).nice().range([height - margin.bottom, margin.top]);
    // Deaths per day over every day of the axis (0 where none), so that the
    // line does not bridge quiet weeks.
    const deathsByDay = d3.utcDays(first, last).map((day) => ({
      day,
      deaths: d3.sum(allByDay.get(fmt(day)) || [], (r) => r.killed),
    }));
    const y2 = d3.scaleLinear().domain([0, d3.max(deathsByDay, (d) => d.deaths) || 1]).nice()
      .range([height - margin.bottom, margin.top]);
    const svg = d3.select(box).append('svg')
      .attr('viewBox', `0 0 ${width} ${height}`).attr('width', '100%').attr('height', height)
      .attr('role', 'img')
      .attr('aria-label', `Events per day from ${days[0]} to ${days[days.length - 1]}, with deaths`);
    const barWidth = Math.max(2, (x(d3.utcDay.offset(first, 1)) - x(first)) - 1);
    const segments = [];
    for (const d of days) {
      const groups = d3.rollups(allByDay.get(d), (v) => d3.sum(v, (r) => r.events),
        (r) => r.type + '|' + (HAPPENED.has(r.status) ? 'happened' : r.status))
        .sort((a, b) => (a[0] < b[0] ? -1 : 1));
      let y0 = 0;
      for (const [key, n] of groups) {
        const [type, status] = key.split('|');
        segments.push({day: parse(d), type, status, y0, y1: y0 + n, n});
        y0 += n;
      }
    }
    svg.append('g').attr('class', 'bars').selectAll('rect').data(segments).join('rect')
      .attr('x', (s) => x(s.day)).attr('width', barWidth)
      .attr('y', (s) => y(s.y1)).attr('height', (s) => Math.max(1, y(s.y0) - y(s.y1)))
      .attr('fill', (s) => colour(s.type))
      .attr('class', (s) => (s.status === 'happened' ? 'bar' : 'bar not-happened'))
      .append('title').text((s) => `${fmt(s.day)}: ${s.n} ${s.type} (${s.status === 'happened' ? 'occurred' : s.status})`);
    svg.append('path').datum(deathsByDay).attr('class', 'deaths-line')
      .attr('d', d3.line().curve(d3.curveMonotoneX).x((d) => x(d.day) + barWidth / 2).y((d) => y2(d.deaths)));
    svg.append('g').attr('class', 'deaths-dots').selectAll('circle')
      .data(deathsByDay.filter((d) => d.deaths > 0)).join('circle')
      .attr('cx', (d) => x(d.day) + barWidth / 2).attr('cy', (d) => y2(d.deaths)).attr('r', 3)
      .append('title').text((d) => `${fmt(d.day)}: ${fmtNum(d.deaths)} killed`);
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 110))).tickSizeOuter(0));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).ticks(4).tickFormat(d3.format('d')));
    svg.append('g').attr('class', 'axis deaths-axis').attr('transform', `translate(${width - margin.right},0)`)
      .call(d3.axisRight(y2).ticks(4).tickFormat(d3.format('d')));

    // Brushing a range sets the From and To filters (which the keyboard can
    // reach too) and filters everything else on the page.
    const brush = d3.brushX().extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
      .on('end', (ev) => {
        if (!ev.sourceEvent) return;
        if (!ev.selection) { setDates('', ''); return; }
        const [a, b] = ev.selection.map(x.invert);
        setDates(fmt(d3.utcDay.floor(a)), fmt(d3.utcDay.offset(d3.utcDay.ceil(b), -1)));
      });
    const g = svg.append('g').attr('class', 'brush').call(brush);
    const f = state.filters;
    if (f.from || f.to) {
      const a = f.from ? parse(f.from) : first, b = f.to ? d3.utcDay.offset(parse(f.to), 1) : last;
      g.call(brush.move, [Math.max(x(a), margin.left), Math.min(x(b), width - margin.right)]);
    }

    const types = colour.domain();
    for (const t of types) {
      legend.append(h('span', {class: 'key'}, h('span', {class: 'swatch', 'data-colour': t}), t));
    }
    legend.append(h('span', {class: 'key'}, h('span', {class: 'swatch hatched'}), 'not occurred (planned, threatened …)'));
    legend.append(h('span', {class: 'key'}, h('span', {class: 'swatch line'}), 'deaths (right axis)'));
    if (earlier > 0) legend.append(h('span', {class: 'key'}, `${earlier} earlier event(s) not drawn: set From to include them`));
    // Swatch colours are set through the CSS object model (allowed by the
    // page's Content-Security-Policy, unlike style attributes).
    legend.querySelectorAll('[data-colour]').forEach((el) => { el.style.background = colour(el.dataset.colour); });
  }

  function setDates(from, to) {
    state.filters.from = from;
    state.filters.to = to;
    document.getElementById('f-from').value = from;
    document.getElementById('f-to').value = to;
    update().catch(reportError);
  }

  // A [west, south, east, north] box as a polygon d3-geo draws as that box:
  // the ring clockwise (d3's convention for a small polygon), edges split
  // every 2 degrees so that they follow the parallels; a box across the
  // antimeridian (east < west) goes east past 180.
  function boxPolygon([w, s, e, n]) {
    if (e < w) e += 360;
    const ring = [];
    for (let y = s; y < n; y += 2) ring.push([w, y]);
    for (let x = w; x < e; x += 2) ring.push([x, n]);
    for (let y = n; y > s; y -= 2) ring.push([e, y]);
    for (let x = e; x > w; x -= 2) ring.push([x, s]);
    ring.push([w, s]);
    return {type: 'Polygon', coordinates: [ring]};
  }

  // The located events of the filters from /api/map ({id, lat, lon, killed,
  // type, status}), the most deaths first; past the server's limit the
  // smallest are left out, and the map says so.
  function renderMap(colour) {
    const box = clear(document.getElementById('map'));
    const located = (state.points && state.points.items) || [];
    const total = (state.points && state.points.total) || 0;
    const width = Math.max(280, box.clientWidth || 600);
    const projection = d3.geoNaturalEarth1();
    const sphere = {type: 'Sphere'};
    const where = {type: 'MultiPoint', coordinates: located.map((p) => [p.lon, p.lat])};
    // Zoom to the events (with a margin), or the whole world when none.
    if (located.length) {
      const [[w, s], [e, n]] = d3.geoBounds(where);
      const pad = 12;
      const area = {type: 'Polygon', coordinates: [[[w - pad, s - pad], [e + pad, s - pad], [e + pad, n + pad], [w - pad, n + pad], [w - pad, s - pad]]]};
      projection.fitWidth(width, area);
    } else {
      projection.fitWidth(width, sphere);
    }
    const path = d3.geoPath(projection);
    const bounds = located.length ? null : path.bounds(sphere);
    const height = bounds ? Math.ceil(bounds[1][1]) : Math.min(420, Math.max(220, Math.round(width * 0.6)));
    const svg = d3.select(box).append('svg')
      .attr('viewBox', `0 0 ${width} ${height}`).attr('width', '100%').attr('height', height)
      .attr('role', 'group').attr('aria-label', `Map of ${located.length} of ${total} events with a known place`);
    if (located.length) {
      // Centre the events' box vertically.
      const [[, y0], [, y1]] = path.bounds(where);
      const [tx, ty] = projection.translate();
      projection.translate([tx, ty + (height / 2 - (y0 + y1) / 2)]);
    }
    svg.append('path').attr('class', 'sphere').attr('d', path(sphere));
    svg.append('path').attr('class', 'graticule').attr('d', path(d3.geoGraticule10()));
    if (state.world) {
      svg.append('path').attr('class', 'land').attr('d', path(topojson.feature(state.world, state.world.objects.countries)));
      svg.append('path').attr('class', 'borders')
        .attr('d', path(topojson.mesh(state.world, state.world.objects.countries, (a, b) => a !== b)));
    }
    // The seas and marine areas the events are placed at, as regions (the
    // gazetteer's box, edges along meridians and parallels), under the points.
    const areas = (state.points && state.points.areas) || [];
    svg.append('g').attr('class', 'areas').selectAll('path')
      .data(areas)
      .join('path')
      .attr('class', 'area')
      .attr('data-place', (a) => a.place_id)
      .attr('d', (a) => path(boxPolygon(a.box)))
      .append('title').text((a) => `${a.name}: ${fmtNum(a.events)} event(s), ${fmtNum(a.killed)} killed`);
    const killed = (p) => (p.killed === null || p.killed === undefined ? 0 : p.killed);
    const r = d3.scaleSqrt().domain([0, d3.max(located, killed) || 1]).range([4, 16]);
    // The largest first, so that the small ones are drawn on top.
    const points = svg.append('g').attr('class', 'points').selectAll('a')
      .data(located)
      .join('a').attr('href', (p) => '#/event/' + encodeURIComponent(p.id))
      // Out of the Tab order: the table below links the same events, and a
      // keyboard user should not step through hundreds of circles to get there.
      .attr('tabindex', -1)
      .attr('aria-label', (p) => `${p.type} ${p.status}` + (p.killed ? `, ${fmtNum(p.killed)} killed` : ''));
    points.append('circle')
      .attr('class', (p) => 'point' + (HAPPENED.has(p.status) ? '' : ' not-happened'))
      .attr('cx', (p) => projection([p.lon, p.lat])[0])
      .attr('cy', (p) => projection([p.lon, p.lat])[1])
      .attr('r', (p) => r(killed(p)))
      .attr('fill', (p) => colour(p.type));
    points.append('title').text((p) => `${p.type} (${p.status})` + (p.killed ? `, ${fmtNum(p.killed)} killed` : ''));
    if (total > located.length)
      box.append(h('p', {class: 'note'}, `The ${located.length} of ${total} located events with the most deaths.`));
  }

  // The first report's outlet: "outlet" in the summary form, the first
  // mention's in the full one.
  function outletOf(e) {
    if (e.outlet !== undefined) return e.outlet || '';
    return ((e.mentions && e.mentions[0]) || {}).outlet || '';
  }

  function renderTable() {
    const {key, dir} = state.sort;
    const rows = state.rows.filter(Boolean);
    const tbody = clear(document.querySelector('#events-table tbody'));
    for (const e of rows) {
      const cls = [HAPPENED.has(e.status) ? '' : 'not-happened', isNew(e) ? 'is-new' : '',
        hasNewReports(e) ? 'has-new-reports' : ''].filter(Boolean).join(' ');
      const tr = h('tr', {class: cls || null, 'data-id': e.id},
        h('td', {class: 'nowrap'}, h('a', {href: '#/event/' + encodeURIComponent(e.id)}, fmtDate(e) || 'undated'),
          isNew(e) ? h('span', {class: 'new-badge', title: 'first reported to this ledger ' + fmtTime(e.first_ingested)}, 'new') : '',
          hasNewReports(e) ? h('span', {class: 'new-badge reports', title: 'new reports since you last looked'}, 'new reports') : ''),
        h('td', {}, e.type + (e.mode ? ' · ' + e.mode : '')),
        h('td', {}, badge(e.status)),
        h('td', {}, (e.place && e.place.name) || ''),
        h('td', {class: 'num'}, fmtRange(e.killed)),
        h('td', {class: 'num wide'}, e.reports + ' / ' + e.origins),
        h('td', {class: 'wide'}, (e.flags || []).map((f) => h('span', {class: 'flag', title: flagDetail(f) || null}, flagKind(f)))),
        h('td', {}, outletOf(e)));
      tbody.append(tr);
    }
    if (rows.length === 0) tbody.append(h('tr', {}, h('td', {colspan: 8, class: 'empty'}, 'Nothing matches the filters.')));
    document.querySelectorAll('#events-table th button').forEach((b) => {
      const th = b.parentElement;
      th.setAttribute('aria-sort', b.dataset.sort === key ? (dir > 0 ? 'ascending' : 'descending') : 'none');
    });
    const more = document.getElementById('more-events');
    const left = Math.max(0, state.total - state.rows.length);
    more.hidden = left === 0;
    more.textContent = `Show ${Math.min(PAGE, left)} more (${left} left)`;
  }

  function setUpOverviewControls() {
    const typeSel = document.getElementById('f-type');
    for (const t of state.types) typeSel.append(h('option', {value: t}, t));
    const statusSel = document.getElementById('f-status');
    for (const s of STATUSES) statusSel.append(h('option', {value: s}, s));
    const read = () => {
      const f = state.filters;
      f.type = typeSel.value;
      f.status = statusSel.value;
      f.from = document.getElementById('f-from').value;
      f.to = document.getElementById('f-to').value;
      const d = document.getElementById('f-deaths').value;
      f.deaths = d === '' ? null : Number(d);
      f.q = document.getElementById('f-q').value.trim();
      // The server filters; the page draws what it answers (data-query
      // says which filters are drawn, data-search which search).
      update().catch(reportError);
    };
    const form = document.getElementById('filters');
    form.addEventListener('change', read);
    form.addEventListener('submit', (ev) => { ev.preventDefault(); read(); });
    form.addEventListener('reset', () => setTimeout(read, 0));
    // Searching as the user types, once they pause.
    let typing = null;
    document.getElementById('f-q').addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(read, 350);
    });
    document.getElementById('mark-seen').addEventListener('click', markAllSeen);
    document.querySelectorAll('#events-table th button').forEach((b) => b.addEventListener('click', () => {
      const k = b.dataset.sort;
      state.sort = {key: k, dir: state.sort.key === k ? -state.sort.dir : (k === 'date' || k === 'killed' ? -1 : 1)};
      reloadTable().catch(reportError);
    }));
    document.getElementById('more-events').addEventListener('click', async () => {
      const gen = state.generation;
      try {
        const page = await api(pagePath(state.rows.length));
        if (gen !== state.generation) return;
        state.rows.push(...page.items);
        state.total = page.total;
        renderTable();
      } catch (err) {
        reportError(err);
      }
    });
    let resize = null;
    window.addEventListener('resize', () => {
      clearTimeout(resize);
      resize = setTimeout(() => { if (currentView === 'overview') renderOverview(); }, 150);
    });
  }
  // ---- event page ----------------------------------------------------------

  async function loadEvent(id) {
    if (/^m\d+$/.test(id)) return mentionToEvent(await api('/api/mentions/' + encodeURIComponent(id.slice(1))));
    return api('/api/events/' + encodeURIComponent(id));
  }

  function sentenceWithTrigger(m) {
    const p = h('blockquote', {class: 'sentence'});
    const text = new Utf8Text(m.text || '');
    const span = spanOf(m.span);
    const trigger = spanOf(m.trigger);
    const base = span ? span.begin : 0;
    const marks = [];
    if (trigger) marks.push({begin: trigger.begin - base, end: trigger.end - base, cls: 'm-trigger', title: 'the words that state the event'});
    // The words behind each figure (GET /api/events/{id} adds them).
    const FIGURE_CLASS = {place: 'm-place', date: 'm-time'};
    for (const f of m.figures || []) {
      const fs = spanOf(f.span);
      if (!fs) continue;
      marks.push({begin: fs.begin - base, end: fs.end - base, cls: (FIGURE_CLASS[f.field] || 'm-number') + ' m-figure',
                  title: f.field + ': ' + (f.text || '')});
    }
    appendMarked(p, text, 0, text.length, marks);
    return p;
  }

  async function renderEvent(id) {
    const view = clear(document.getElementById('view-event'));
    const e = await loadEvent(id);
    view.append(h('p', {}, h('a', {href: '#/'}, '← all events')));
    view.append(h('h1', {}, e.type + (e.mode ? ' · ' + e.mode : '') + ' ', badge(e.status),
      e.rejected ? h('span', {class: 'badge rejected'}, 'rejected by an analyst') : ''));
    view.append(h('p', {id: 'correction-status', class: 'status-line', role: 'status'}));
    const facts = h('dl', {class: 'facts'});
    const fact = (k, v) => { if (v !== '' && v !== null && v !== undefined) facts.append(h('dt', {}, k), h('dd', {}, v)); };
    fact('Date', fmtDate(e) + (e.date_precision ? ` (${e.date_precision})` : ''));
    fact('Place', e.place ? [e.place.name, e.place.kind, e.place.country].filter(Boolean).join(', ') : '');
    fact('Actors', e.actors.map((a) => a.name).join(', '));
    fact('Targets', e.targets.map((a) => a.name).join(', '));
    // A figure with every report's own value beside it when they differ.
    const withReports = (r) => {
      if (!r) return '';
      const reported = Array.isArray(r.reported) ? r.reported : [];
      const values = new Set(reported.map((x) => x.value));
      if (values.size < 2) return fmtRange(r);
      return h('span', {}, fmtRange(r), ' ', h('span', {class: 'disagree'}, 'reports disagree: ' +
        reported.map((x) => `${fmtNum(x.value)}${x.qualifier === 'at_least' ? '+' : ''} (${x.outlet || x.origin || '?'})`).join(', ')));
    };
    fact('Killed', withReports(e.killed));
    fact('Injured', withReports(e.injured));
    fact('Survivors', withReports(e.survivors));
    fact('Vessels', fmtNum(e.vessels));
    fact('Reports / independent origins', e.reports + ' / ' + e.origins);
    fact('First reported', e.first_reported || '');
    fact('Campaigns', (e.campaigns || []).join(', '));
    if (e.first_ingested) fact('In this ledger since', fmtTime(e.first_ingested));
    view.append(facts);
    if (e.flags.length) {
      view.append(h('h2', {}, 'Flags'));
      view.append(h('ul', {class: 'flags'}, e.flags.map((f) => h('li', {}, h('span', {class: 'flag'}, flagKind(f)), ' ', flagDetail(f)))));
    }
    view.append(h('h2', {}, 'Reports'));
    // Reports grouped by their origin (the outlet they cite, else their own).
    const groups = d3.groups(e.mentions, (m) => m.origin || m.outlet || 'unknown origin');
    for (const [origin, list] of groups) {
      const sec = h('section', {class: 'origin'}, h('h3', {}, 'Origin: ' + origin));
      for (const m of list) {
        const attr = m.attribution || {};
        const who = [attr.speaker, attr.role].filter(Boolean).join(', ');
        sec.append(h('article', {class: 'report'},
          h('p', {class: 'meta'},
            h('a', {href: '#/doc/' + m.doc_id}, m.title || 'document ' + m.doc_id), ' — ',
            [m.outlet, m.published].filter(Boolean).join(', '),
            who ? ' · says ' + who : '',
            attr.anonymous_sources ? ` · ${attr.anonymous_sources} anonymous source(s)` : ''),
          sentenceWithTrigger(m),
          canCorrect() && e.mentions.length > 1 && m.mention_id
            ? h('label', {class: 'split-pick'}, h('input', {type: 'checkbox', value: m.mention_id}), ' split off') : ''));
      }
      view.append(sec);
    }
    renderCorrections(view, e);
  }

  // ---- analyst corrections (a server with a token, a token in this tab) ------

  function canCorrect() {
    return Boolean(state.index && state.index.read_only === false && token());
  }

  function setUpToken() {
    const form = document.getElementById('token-form');
    const on = document.getElementById('token-on');
    const show = () => {
      const writable = Boolean(state.index && state.index.read_only === false);
      form.hidden = !writable || Boolean(token());
      on.hidden = !writable || !token();
    };
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const input = document.getElementById('token');
      setToken(input.value.trim());
      input.value = '';
      show();
      if (currentView === 'event') route();
    });
    document.getElementById('token-forget').addEventListener('click', () => {
      setToken('');
      show();
      if (currentView === 'event') route();
    });
    show();
    state.showToken = show;
  }

  // Sends one correction (or undo), then reloads the ledger the server
  // re-resolved and opens the event that holds the corrected mentions.
  async function sendCorrection(path, write, fallbackId) {
    const status = document.getElementById('correction-status');
    status.textContent = 'Saving…';
    let result;
    try {
      result = await api(path, write);
    } catch (err) {
      if (err.status === 401) {
        setToken('');
        if (state.showToken) state.showToken();
        status.textContent = 'The server refused the token; type it again.';
      } else {
        status.textContent = 'Not saved: ' + err.message;
      }
      status.classList.add('error');
      return;
    }
    const c = result.correction || result.deleted;
    await loadEvents();
    const target = (c && c.events && c.events[0]) || fallbackId;
    const done = `${result.deleted ? 'Undone' : 'Recorded'}: correction #${c.id} (${c.action}).` +
      (result.ledger_updated ? ' The ledger was resolved again.' : ' The ledger could not be resolved: ' + (result.ledger_error || ''));
    // pushState changes the address without a hashchange event: the page is
    // drawn once, here.
    const hash = '#/event/' + encodeURIComponent(target);
    if (location.hash !== hash) history.pushState(null, '', hash);
    await route();
    const line = document.getElementById('correction-status');
    if (line) line.textContent = done;
    document.body.dataset.corrected = String(c.id) + (result.deleted ? '-undone' : '');
  }

  function renderCorrections(view, e) {
    const list = e.corrections || [];
    const writable = canCorrect();
    if (!list.length && !writable) return;
    const sec = h('section', {class: 'corrections', 'aria-labelledby': 'corrections-title'},
      h('h2', {id: 'corrections-title'}, 'Analyst corrections'));
    if (list.length) {
      sec.append(h('ul', {class: 'correction-list'}, list.map((c) => h('li', {},
        `#${c.id} ${c.action}` + (c.field ? ` ${c.field} = ${c.value}` : '') + (c.note ? ` — ${c.note}` : '') +
        (c.created_at ? ` (${fmtTime(c.created_at)})` : ''), ' ',
        writable ? h('button', {type: 'button', class: 'undo', 'data-correction': c.id,
          onclick: () => sendCorrection('/api/corrections/' + c.id, {method: 'DELETE'}, e.id)}, 'Undo') : ''))));
    }
    if (!writable) { view.append(sec); return; }
    const base = '/api/events/' + encodeURIComponent(e.id) + '/corrections';
    const note = h('input', {id: 'c-note', type: 'text', maxlength: 2000, size: 40, placeholder: 'why (kept with the correction)'});
    const post = (body) => sendCorrection(base, {method: 'POST', body: Object.assign({note: note.value.trim()}, body)}, e.id);
    const field = h('select', {id: 'c-field'}, ['killed', 'injured', 'survivors', 'vessels', 'strikes'].map((f) => h('option', {value: f}, f)));
    const value = h('input', {id: 'c-value', type: 'number', min: 0, step: 1, inputmode: 'numeric', size: 6});
    const other = h('input', {id: 'c-merge', type: 'text', size: 14, placeholder: 'E…', pattern: 'E[0-9a-fA-F]+'});
    sec.append(h('div', {class: 'correct-form'},
      h('p', {}, h('label', {}, 'Note ', note)),
      h('p', {},
        h('button', {type: 'button', id: 'c-reject', onclick: () => post({action: e.rejected ? 'unreject' : 'reject'})},
          e.rejected ? 'Unreject this event' : 'Reject this event (not a real event)')),
      h('p', {}, h('label', {}, 'Set ', field), ' ', h('label', {}, 'to ', value), ' ',
        h('button', {type: 'button', id: 'c-set', onclick: () => {
          if (value.value === '') { document.getElementById('correction-status').textContent = 'Type the figure first.'; return; }
          post({action: 'set', field: field.value, value: Number(value.value)});
        }}, 'Set figure')),
      h('p', {}, h('label', {}, 'Merge with event ', other), ' ',
        h('button', {type: 'button', id: 'c-merge-go', onclick: () => post({action: 'merge', with: [other.value.trim()]})}, 'Merge')),
      e.mentions.length > 1 ? h('p', {},
        h('button', {type: 'button', id: 'c-split', onclick: () => {
          const ids = Array.from(document.querySelectorAll('#view-event .split-pick input:checked')).map((x) => Number(x.value));
          if (!ids.length) { document.getElementById('correction-status').textContent = 'Tick the reports to split off first.'; return; }
          post({action: 'split', mentions: ids});
        }}, 'Split the ticked reports into a new event')) : ''));
    view.append(sec);
  }

  // ---- documents -----------------------------------------------------------

  const docState = {offset: 0, limit: 50, sort: 'id', total: 0, outletsLoaded: false};

  function docQuery() {
    const p = new URLSearchParams();
    const v = (id) => document.getElementById(id).value.trim();
    if (v('d-q')) p.set('q', v('d-q'));
    if (v('d-outlet')) p.set('outlet', v('d-outlet'));
    if (v('d-lang')) p.set('language', v('d-lang'));
    if (v('d-from')) p.set('from', v('d-from'));
    if (v('d-to')) p.set('to', v('d-to'));
    p.set('sort', docState.sort);
    p.set('limit', docState.limit);
    p.set('offset', docState.offset);
    return p.toString();
  }

  async function renderDocuments() {
    if (!docState.outletsLoaded) {
      docState.outletsLoaded = true;
      const outlets = await api('/api/outlets');
      const sel = document.getElementById('d-outlet');
      for (const o of outlets.items) sel.append(h('option', {value: o.name}, o.name));
    }
    const page = await api('/api/documents?' + docQuery());
    docState.total = page.total;
    const tbody = clear(document.querySelector('#docs-table tbody'));
    for (const d of page.items) {
      tbody.append(h('tr', {},
        h('td', {class: 'num'}, d.id),
        h('td', {class: 'nowrap'}, (d.published || '').slice(0, 10)),
        h('td', {}, d.outlet || ''),
        h('td', {}, h('a', {href: '#/doc/' + d.id}, d.title || d.origin)),
        h('td', {class: 'wide'}, d.language),
        h('td', {class: 'num'}, d.event_mentions)));
    }
    if (page.items.length === 0) tbody.append(h('tr', {}, h('td', {colspan: 6, class: 'empty'}, 'No documents match.')));
    document.getElementById('doc-summary').textContent = page.total === 0 ? '0 documents'
      : `${page.offset + 1}–${page.offset + page.items.length} of ${page.total} documents`;
    document.getElementById('docs-prev').disabled = docState.offset === 0;
    document.getElementById('docs-next').disabled = docState.offset + page.items.length >= page.total;
  }

  function setUpDocumentControls() {
    document.getElementById('doc-filters').addEventListener('submit', (ev) => {
      ev.preventDefault();
      docState.offset = 0;
      renderDocuments().catch(reportError);
    });
    document.getElementById('docs-prev').addEventListener('click', () => {
      docState.offset = Math.max(0, docState.offset - docState.limit);
      renderDocuments().catch(reportError);
    });
    document.getElementById('docs-next').addEventListener('click', () => {
      docState.offset += docState.limit;
      renderDocuments().catch(reportError);
    });
    document.querySelectorAll('#docs-table th button').forEach((b) => b.addEventListener('click', () => {
      const k = b.dataset.sort;
      docState.sort = docState.sort === k ? '-' + k : k;
      docState.offset = 0;
      renderDocuments().catch(reportError);
    }));
  }

  // The page for stored mention |m| of /api/mentions: the ledger event
  // that holds it ("event"), or the mention itself when none does (a
  // running total, a general statement).
  function eventHref(m) {
    if (m.event) return '#/event/' + encodeURIComponent(m.event);
    return '#/event/m' + m.id;
  }

  // The document page: its text by block, with what extraction found marked:
  // event triggers (linked to the event mention), places, actors, numbers
  // and dates.
  async function renderDocument(id) {
    const view = clear(document.getElementById('view-document'));
    const [doc, mentions] = await Promise.all([
      api('/api/documents/' + encodeURIComponent(id)),
      api('/api/mentions?limit=500&doc=' + encodeURIComponent(id)),
    ]);
    view.append(h('p', {}, h('a', {href: '#/documents'}, '← all documents')));
    view.append(h('h1', {}, doc.title || doc.origin));
    const meta = [doc.outlet, doc.published, doc.author, doc.language].filter(Boolean).join(' · ');
    view.append(h('p', {class: 'meta'}, meta, doc.url ? [' · ', h('span', {class: 'url'}, doc.url)] : ''));
    const marks = [];
    for (const m of mentions.items) {
      marks.push({begin: m.trigger.begin, end: m.trigger.end, cls: 'm-trigger',
                  title: `${m.type} (${m.status})`, href: eventHref(m)});
    }
    // Spans in the mentions JSON are [begin, end] byte offsets.
    const x = doc.mentions || {};
    const add = (item, cls, title) => {
      if (Array.isArray(item.span) && item.span.length === 2)
        marks.push({begin: item.span[0], end: item.span[1], cls, title});
    };
    for (const p of x.places || []) add(p, 'm-place', 'place: ' + (p.name || ''));
    for (const a of x.actors || []) add(a, 'm-actor', 'actor: ' + (a.name || ''));
    for (const q of x.quantities || []) add(q, 'm-number', 'number: ' + (q.counted || ''));
    for (const t of x.times || []) add(t, 'm-time', 'date: ' + (t.start || '?') + (t.end && t.end !== t.start ? ' to ' + t.end : ''));
    view.append(h('p', {class: 'legend'},
      h('mark', {class: 'm-trigger'}, 'event'), ' ', h('mark', {class: 'm-place'}, 'place'), ' ',
      h('mark', {class: 'm-actor'}, 'actor'), ' ', h('mark', {class: 'm-number'}, 'number'), ' ',
      h('mark', {class: 'm-time'}, 'date')));
    const text = new Utf8Text(doc.text);
    const article = h('article', {class: 'doc-text'});
    const blocks = doc.blocks.length ? doc.blocks : [{kind: 'body', begin: 0, end: text.length}];
    for (const b of blocks) {
      const el = h(b.kind === 'headline' ? 'h2' : 'p', {class: 'block-' + b.kind});
      appendMarked(el, text, b.begin, b.end, marks);
      article.append(el);
    }
    view.append(article);
    view.append(h('h2', {}, `Event mentions (${mentions.total})`));
    const list = h('ol', {class: 'mention-list'});
    for (const m of mentions.items) {
      list.append(h('li', {}, h('a', {href: eventHref(m)}, m.type + (m.mode ? ' · ' + m.mode : '')), ' ', badge(m.status),
        m.date_start ? ' ' + m.date_start : '', m.place ? ' · ' + (m.place.name || '') : '',
        m.killed ? ` · ${fmtNum(m.killed.value)} killed` : ''));
    }
    view.append(list);
  }

  // ---- campaigns: reported running totals against the ledger -----------

  async function renderCampaigns() {
    const list = await api('/api/campaigns');
    const view = clear(document.getElementById('view-campaigns'));
    view.append(h('h1', {}, 'Campaigns'));
    if (list.items.length === 0) {
      view.append(h('p', {class: 'empty'}, 'No campaigns are defined (vigil campaigns --load FILE).'));
      return;
    }
    view.append(h('ul', {class: 'campaign-list'}, list.items.map((c) => h('li', {},
      h('a', {href: '#/campaign/' + encodeURIComponent(c.name)}, c.title || c.name),
      ` — ${c.events} event(s)`))));
  }

  // A campaign's tally: every reported running total (deaths) by its as-of
  // date, one colour per outlet, against the ledger's own cumulative count
  // at the same dates; the gap between them is drawn.
  async function renderCampaign(name) {
    const t = await api('/api/campaigns/' + encodeURIComponent(name) + '/tally');
    const view = clear(document.getElementById('view-campaign'));
    view.append(h('p', {}, h('a', {href: '#/campaigns'}, '← all campaigns')));
    view.append(h('h1', {}, t.title || t.campaign));
    view.append(h('p', {class: 'summary'},
      `The ledger holds ${t.ledger.events} event(s): ${fmtNum(t.ledger.strikes)} strike(s), ` +
      `${fmtNum(t.ledger.killed)} killed, ${fmtNum(t.ledger.survivors)} survivor(s), ` +
      `${fmtNum(t.ledger.vessels || 0)} vessel(s).`));
    const dated = t.totals.filter((l) => l.as_of && l.reported.killed !== null);
    const box = h('div', {class: 'chart', id: 'tally-chart'});
    view.append(h('figure', {class: 'panel'}, h('figcaption', {}, 'Deaths: reported totals (dots) against the ledger (line)'), box));
    if (dated.length) {
      const parse = d3.utcParse('%Y-%m-%d');
      const width = Math.max(280, box.clientWidth || 600), height = 240;
      const margin = {top: 10, right: 16, bottom: 28, left: 40};
      const dates = dated.map((l) => parse(l.as_of.slice(0, 10)));
      const x = d3.scaleUtc().domain(d3.extent(dates)).nice().range([margin.left, width - margin.right]);
      const y = d3.scaleLinear().domain([0, d3.max(dated, (l) => Math.max(l.reported.killed, l.ledger.killed)) || 1]).nice()
        .range([height - margin.bottom, margin.top]);
      const outlets = Array.from(new Set(dated.map((l) => l.outlet || l.origin))).sort();
      const colour = d3.scaleOrdinal().domain(outlets).range(TYPE_COLOURS);
      const svg = d3.select(box).append('svg').attr('viewBox', `0 0 ${width} ${height}`)
        .attr('width', '100%').attr('height', height).attr('role', 'img')
        .attr('aria-label', 'Reported death tolls against the ledger over time');
      const byDate = dated.slice().sort((a, b) => (a.as_of < b.as_of ? -1 : 1));
      svg.append('g').attr('class', 'gaps').selectAll('line').data(byDate.filter((l) => l.reported.killed !== l.ledger.killed)).join('line')
        .attr('x1', (l) => x(parse(l.as_of.slice(0, 10)))).attr('x2', (l) => x(parse(l.as_of.slice(0, 10))))
        .attr('y1', (l) => y(l.ledger.killed)).attr('y2', (l) => y(l.reported.killed));
      svg.append('path').datum(byDate).attr('class', 'ledger-line')
        .attr('d', d3.line().curve(d3.curveStepAfter).x((l) => x(parse(l.as_of.slice(0, 10)))).y((l) => y(l.ledger.killed)));
      svg.append('g').selectAll('circle').data(byDate).join('circle').attr('class', 'reported')
        .attr('cx', (l) => x(parse(l.as_of.slice(0, 10)))).attr('cy', (l) => y(l.reported.killed)).attr('r', 5)
        .attr('fill', (l) => colour(l.outlet || l.origin))
        .append('title').text((l) => `${l.as_of}: ${l.outlet || l.origin} reports ${fmtNum(l.reported.killed)} killed; the ledger has ${fmtNum(l.ledger.killed)}`);
      svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - margin.bottom})`)
        .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 110))));
      svg.append('g').attr('class', 'axis').attr('transform', `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(5));
      const legend = h('div', {class: 'legend'});
      for (const o of outlets) legend.append(h('span', {class: 'key'}, h('span', {class: 'swatch', 'data-colour': o}), o));
      legend.append(h('span', {class: 'key'}, h('span', {class: 'swatch line ledger'}), 'the ledger'));
      box.after(legend);
      legend.querySelectorAll('[data-colour]').forEach((el) => { el.style.background = colour(el.dataset.colour); });
    } else {
      box.append(h('p', {class: 'empty'}, 'No dated running totals of deaths for this campaign.'));
    }
    view.append(h('h2', {}, 'Reported totals'));
    // An undated total is compared with nothing (docs/EVENTS.md).
    const gap = (l) => {
      const parts = [];
      if (l.unaccounted.strikes) parts.push(fmtNum(l.unaccounted.strikes) + ' strike(s)');
      if (l.unaccounted.killed) parts.push(fmtNum(l.unaccounted.killed) + ' death(s)');
      return parts.join(', ');
    };
    const rows = t.totals.map((l) => h('tr', {class: l.as_of ? '' : 'undated'},
      h('td', {class: 'nowrap'}, l.as_of || 'undated'),
      h('td', {}, l.outlet || l.origin || ''),
      h('td', {class: 'num'}, l.reported.strikes === null ? '' : fmtNum(l.reported.strikes)),
      h('td', {class: 'num'}, l.reported.killed === null ? '' : (l.reported.killed_qualifier === 'at_least' ? '≥ ' : '') + fmtNum(l.reported.killed)),
      h('td', {class: 'num'}, l.as_of ? fmtNum(l.ledger.strikes) : '–'),
      h('td', {class: 'num'}, l.as_of ? fmtNum(l.ledger.killed) : '–'),
      h('td', {class: 'num'}, l.as_of ? fmtNum(l.ledger.vessels || 0) : '–'),
      h('td', {class: 'gap'}, gap(l)),
      h('td', {class: 'wide'}, h('a', {href: '#/doc/' + l.doc_id}, l.text))));
    view.append(h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'tally-table'},
      h('thead', {}, h('tr', {}, ['As of', 'Outlet', 'Reported strikes', 'Reported killed', 'Ledger strikes', 'Ledger killed',
        'Ledger vessels', 'Not in the ledger', 'Sentence'].map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, rows))));
    // The other gap: the ledger's events that no reported total includes yet.
    const uncounted = t.events_not_in_any_total || [];
    view.append(h('h2', {}, 'Events no reported total includes yet'));
    view.append(uncounted.length
      ? h('ul', {id: 'uncounted'}, uncounted.map((id) => h('li', {}, h('a', {href: '#/event/' + encodeURIComponent(id)}, id))))
      : h('p', {class: 'empty', id: 'uncounted'}, 'Every event of the ledger is within a reported total.'));
  }

  async function renderOutlets() {
    const outlets = await api('/api/outlets');
    const tbody = clear(document.querySelector('#outlets-table tbody'));
    for (const o of outlets.items) {
      tbody.append(h('tr', {},
        h('td', {}, o.name, o.is_wire ? ' (wire)' : ''),
        h('td', {class: 'wide'}, o.domain || ''),
        h('td', {class: 'num'}, o.documents),
        h('td', {class: 'num'}, o.event_mentions),
        h('td', {class: 'wide nowrap'}, o.first_published || ''),
        h('td', {class: 'nowrap'}, o.last_published || '')));
    }
  }

  // ---- routing -------------------------------------------------------------

  let currentView = null;

  function reportError(err) {
    showError('Could not load: ' + err.message);
  }

  async function route() {
    showError('');
    const hash = location.hash.replace(/^#/, '') || '/';
    let view = 'overview', arg = null;
    let m;
    if ((m = hash.match(/^\/event\/(.+)$/))) { view = 'event'; arg = decodeURIComponent(m[1]); }
    else if ((m = hash.match(/^\/doc\/(\d+)$/))) { view = 'document'; arg = m[1]; }
    else if (hash === '/documents') view = 'documents';
    else if (hash === '/outlets') view = 'outlets';
    else if (hash === '/campaigns') view = 'campaigns';
    else if ((m = hash.match(/^\/campaign\/(.+)$/))) { view = 'campaign'; arg = decodeURIComponent(m[1]); }
    document.querySelectorAll('[data-view]').forEach((s) => { s.hidden = s.dataset.view !== view; });
    document.querySelectorAll('[data-nav]').forEach((a) => {
      const here = a.dataset.nav === view || (view === 'event' && a.dataset.nav === 'overview') ||
        (view === 'document' && a.dataset.nav === 'documents') || (view === 'campaign' && a.dataset.nav === 'campaigns');
      if (here) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    currentView = view;
    try {
      if (view === 'overview') renderOverview();
      else if (view === 'event') await renderEvent(arg);
      else if (view === 'document') await renderDocument(arg);
      else if (view === 'documents') await renderDocuments();
      else if (view === 'outlets') await renderOutlets();
      else if (view === 'campaigns') await renderCampaigns();
      else if (view === 'campaign') await renderCampaign(arg);
      if (view !== 'overview') document.getElementById('main').focus({preventScroll: false});
    } catch (err) {
      reportError(err);
    }
    document.body.dataset.ready = view;
  }

  async function start() {
    try {
      const [world] = await Promise.all([api('/vendor/countries-110m.json').catch(() => null), loadEvents()]);
      state.world = world;
    } catch (err) {
      reportError(err);
    }
    performance.mark('vigil-data-loaded');
    setUpSeen();
    setUpOverviewControls();
    setUpDocumentControls();
    setUpToken();
    watchLedger();
    window.addEventListener('hashchange', route);
    await route();
  }

  start();
})();
