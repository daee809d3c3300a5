// WardVoice staff dashboard: plain JavaScript, no build step. Every piece of patient text is
// put on the page with textContent, never as HTML.
'use strict';

// ---------------------------------------------------------------- helpers

const state = { user: null, csrf: '', wards: [], names: {} };
// What staff call a ward (`ward add --name`), its id when it has no name.
const wardName = w => state.names[w] || w;
let generation = 0; // the render in progress; a newer one (or a sign-out) makes older answers stale

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'style') node.style.cssText = value; // CSSOM: allowed by the CSP, unlike the attribute
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function say(message) {
  const status = document.getElementById('status');
  status.textContent = message;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { status.textContent = ''; }, 4000);
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-Token'] = state.csrf;
  }
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && path !== '/api/v1/login') {
    showLogin();
    throw new Error('please sign in again');
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    throw new Error((data && data.detail) || (data && data.error) || ('HTTP ' + response.status));
  }
  return data;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return q.toString();
}

function routeParams() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [name, search] = hash.split('?');
  return { name: name || 'ward', params: new URLSearchParams(search || '') };
}

function go(name, params) {
  location.hash = '#/' + name + (params ? '?' + query(params) : '');
}

const isChair = () => state.user && (state.user.role === 'panel_chair' || state.user.role === 'admin');
// Patients and carers on the panel: the meetings, their evidence and votes, comments and votes.
const isPanelMember = () => state.user && state.user.role === 'panel_member';
// Safeguarding alerts are for the ward's staff: ward managers and admins, not panel chairs.
const handlesAlerts = () => state.user && (state.user.role === 'ward_manager' || state.user.role === 'admin');

function today(offsetDays) {
  const d = new Date(Date.now() + (offsetDays || 0) * 86400000);
  return d.toISOString().slice(0, 10);
}

function shown(v, suffix) {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  return String(v) + (suffix || '');
}

function sparkline(values) {
  const nums = values.map(v => (typeof v === 'number' ? v : 2));
  const max = Math.max(1, ...nums);
  const w = 96, h = 24, step = w / Math.max(1, nums.length - 1);
  const points = nums.map((v, i) => `${(i * step).toFixed(1)},${(h - 2 - (v / max) * (h - 4)).toFixed(1)}`);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('width', w);
  svg.setAttribute('height', h);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'comments over time: ' + values.map(v => shown(v)).join(', '));
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points.join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', '#005eb8');
  line.setAttribute('stroke-width', '2');
  svg.append(line);
  return svg;
}

function wardSelect(id, selected, withAll) {
  const select = el('select', { id });
  if (withAll) select.append(el('option', { value: '', text: 'All my wards' }));
  for (const w of state.wards) select.append(el('option', { value: w, text: wardName(w), selected: w === selected }));
  return select;
}

const TOPICS = [['', 'All topics'], ['discharge', 'Leaving hospital'], ['infection_control', 'Infection control'],
  ['visiting_hours', 'Visiting hours'], ['general', 'Something else']];
const RESPONDENTS = [['', 'Everyone'], ['patient', 'Patients'], ['visitor', 'Visitors'], ['carer', 'Carers'], ['other', 'Other']];

function options(id, list, selected) {
  return el('select', { id }, list.map(([v, t]) => el('option', { value: v, text: t, selected: v === selected })));
}

// From and To in order, or a message beside them (the view and its filters stay).
function periodOk(sinceControl, untilControl, message) {
  const bad = sinceControl.value && untilControl.value && sinceControl.value > untilControl.value;
  message.textContent = bad ? '“From” must be on or before “To”.' : '';
  if (bad) sinceControl.focus();
  return !bad;
}

function field(labelText, control) {
  return el('div', {}, el('label', { for: control.id, text: labelText }), control);
}

// Puts content into a slot of the current view; a slow answer for a view the person has
// already left finds no slot and changes nothing.
function fill(id, ...children) {
  const slot = document.getElementById(id);
  if (slot) slot.replaceChildren(...children);
}

function view(...children) {
  const section = document.getElementById('view');
  if (!state.user) return section; // signed out while the view was on its way
  section.replaceChildren(...children);
  section.hidden = false;
  return section;
}

// ---------------------------------------------------------------- sign-in

function showLogin() {
  state.user = null;
  state.csrf = '';
  state.wards = [];
  state.names = {};
  generation += 1; // an answer still on its way for the last user lands nowhere
  document.getElementById('top').hidden = true;
  const section = document.getElementById('view');
  section.replaceChildren();
  section.hidden = true;
  document.getElementById('who').textContent = '';
  document.getElementById('status').textContent = '';
  const count = document.getElementById('alert-count');
  count.textContent = '';
  count.hidden = true;
  for (const link of document.querySelectorAll('[data-nav]')) link.removeAttribute('aria-current');
  document.getElementById('login-error').textContent = '';
  document.getElementById('login').hidden = false;
  document.getElementById('login-name').focus();
}

async function signIn(event) {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  try {
    const data = await api('POST', '/api/v1/login', {
      name: document.getElementById('login-name').value,
      password: document.getElementById('login-password').value,
    });
    document.getElementById('login-password').value = '';
    await start(data);
  } catch (e) {
    error.textContent = e.message;
  }
}

async function start(session) {
  state.user = session.user;
  state.csrf = session.csrf_token;
  const known = await api('GET', '/api/v1/wards');
  state.wards = known.wards;
  state.names = known.names || {};
  document.getElementById('login').hidden = true;
  const top = document.getElementById('top');
  top.hidden = false;
  document.getElementById('who').textContent = `${state.user.name} (${state.user.role.replace('_', ' ')})`;
  if (!start.polling) start.polling = setInterval(() => { if (state.user) refreshAlertCount(); }, 60000);
  for (const link of top.querySelectorAll('[data-nav]')) {
    const role = link.dataset.role;
    // a panel member sees the panel's meetings only
    link.hidden = isPanelMember() ? link.dataset.nav !== 'agenda'
      : !role ? false : role === 'admin' ? state.user.role !== 'admin' : role === 'alerts' ? !handlesAlerts() : !isChair();
  }
  render();
}

// ---------------------------------------------------------------- ward view

async function wardView(params) {
  const ward = params.get('ward') || state.wards[0] || '';
  const topic = params.get('topic') || '';
  const since = params.get('since') || today(-29);
  const until = params.get('until') || today(0);
  const wardControl = wardSelect('f-ward', ward, false);
  const topicControl = options('f-topic', TOPICS, topic);
  const sinceControl = el('input', { id: 'f-since', type: 'date', value: since });
  const untilControl = el('input', { id: 'f-until', type: 'date', value: until });
  const periodError = el('p', { class: 'error', role: 'alert', id: 'f-error' });
  const apply = () => periodOk(sinceControl, untilControl, periodError) &&
    go('ward', { ward: wardControl.value, topic: topicControl.value, since: sinceControl.value, until: untilControl.value });
  const root = view(
    el('h1', { text: state.names[ward] || `Ward ${ward}` }),
    el('div', { id: 'ward-alerts' }),
    el('div', { class: 'card filters' },
      field('Ward', wardControl), field('Topic', topicControl), field('From', sinceControl), field('To', untilControl),
      el('div', {}, el('button', { type: 'button', onclick: apply, text: 'Show' })), periodError),
    el('div', { class: 'figures', id: 'figures' }, el('p', { class: 'muted', text: 'Loading…' })),
    el('div', { id: 'ward-spc' }),
    el('div', { id: 'ward-agreed' }),
    el('h2', { text: 'Themes, most pressing first' }),
    el('div', { id: 'themes' }, el('p', { class: 'muted', text: 'Grouping comments…' })),
    el('div', { id: 'sides', class: 'sides' }),
    el('h2', { text: 'New this week' }),
    el('div', { id: 'recent' }),
    el('p', {}, el('a', { id: 'recent-all', href: '#/comments?' + query({ ward, since: today(-6), until: today(0) }), text: 'All comments of the last 7 days' })));
  if (!ward) {
    root.replaceChildren(el('p', { text: 'No wards are assigned to you yet.' }));
    return;
  }
  if (handlesAlerts()) {
    // open alerts first: they come before everything else on the page
    api('GET', '/api/v1/alerts?' + query({ ward })).then(data => {
      const waiting = data.alerts.filter(a => a.status !== 'resolved');
      if (waiting.length) fill('ward-alerts', alertsCard(waiting));
    }).catch(() => {});
  }
  api('GET', '/api/v1/fft-months?' + query({ ward, months: 24 })).then(data => {
    fill('ward-spc', spcCard('spc-' + ward, `FFT % positive by month, last 24 months (${wardName(ward)})`, data.wards[0].points));
  }).catch(() => {});
  api('GET', '/api/v1/agenda?' + query({ since: today(-365) })).then(data => {
    // the ward's own items, and the trust-wide ones (no ward)
    const concerns = i => !(i.wards || []).length || i.wards.includes(ward);
    fill('ward-agreed', agreedCard(ward, data.items.filter(i => concerns(i) && i.status !== 'dropped')));
  }).catch(() => {});
  const [overview, themes, recent] = await Promise.all([
    api('GET', '/api/v1/overview?' + query({ ward })),
    api('GET', '/api/v1/themes?' + query({ ward, topic, since, until })),
    api('GET', '/api/v1/submissions?' + query({ ward, since: today(-6), limit: 10 })),
  ]);
  const w = overview.wards[0];
  // the headline figures are the calendar month's (as the national return counts), and say so
  const monthName = m => new Date(m + '-01T12:00:00Z').toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const thisMonth = `${monthName(overview.month)} so far`;
  const lastMonth = monthName(overview.last_month);
  fill('figures',
    figure(`FFT positive, ${thisMonth}`, shown(w.this_month.percent_positive, '%'), `${lastMonth}: ${shown(w.last_month.percent_positive, '%')}`),
    figure(`Responses, ${thisMonth}`, shown(w.this_month.responses), `${lastMonth}: ${shown(w.last_month.responses)}`),
    figure(`Negative, ${thisMonth}`, shown(w.this_month.percent_negative, '%'), `${lastMonth}: ${shown(w.last_month.percent_negative, '%')}`),
    figure('Comments in the last 7 days', shown(w.comments_last_7_days), 'all topics, whatever the filters'));
  fill('themes', themeTable(themes, { ward, topic, since, until }));
  fill('sides', ...sideLists(themes, { ward, topic, since, until }));
  fill('recent', el('p', { class: 'muted', text: typeof recent.total === 'number' ? `The newest ${recent.submissions.length} of ${recent.total}.` : 'The newest comments.' }),
    commentTable(recent.submissions));
}

// The month before the one `day` (YYYY-MM-DD) is in, as YYYY-MM.
function lastMonthOf(day) {
  const d = new Date(day.slice(0, 7) + '-01T12:00:00Z');
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

// What the panel agreed for a ward over the last year: unfinished items first, soonest due first.
function agreedCard(ward, items) {
  const open = i => i.status !== 'done';
  const sorted = [...items].sort((a, b) => (open(b) - open(a)) || (a.due_on || '9999').localeCompare(b.due_on || '9999'));
  return el('section', { class: 'card', 'aria-labelledby': 'agreed-title' },
    el('h2', { id: 'agreed-title', style: 'margin-top:0', text: 'What the panel agreed for this ward' }),
    sorted.length ? el('table', { id: 'agreed' },
      el('thead', {}, el('tr', {}, ['Item', 'Status', 'Agreed action', 'Owner', 'Due', 'Latest note'].map(h => el('th', { text: h })))),
      el('tbody', {}, sorted.map(i => el('tr', {},
        el('td', { text: i.title + ((i.wards || []).length ? '' : ' (trust-wide)') }), el('td', {}, el('span', { class: 'pill', text: i.status_label })),
        el('td', { class: 'comment', text: i.action || 'none agreed yet' }), el('td', { text: i.owner || '–' }),
        el('td', { text: i.due_on || '–' }), el('td', { class: 'comment', text: i.latest_note || '–' })))))
      : el('p', { text: `Nothing about ${wardName(ward)} has been on the panel's agenda in the last year.` }),
    el('p', {}, el('a', { href: '#/agenda', text: 'The panel meetings, where you can add a note to an item' })),
    el('p', {}, 'For the ward’s notice board: ',
      el('a', { id: 'poster-last', href: `/api/v1/wards/${encodeURIComponent(ward)}/poster?month=${lastMonthOf(today(0))}`, text: `last month’s poster (${lastMonthOf(today(0))}, PDF)` }), ' · ',
      el('a', { id: 'poster-this', href: `/api/v1/wards/${encodeURIComponent(ward)}/poster?month=${today(0).slice(0, 7)}`, text: 'this month so far' })));
}

// A chart with its numbers as a table (for screen readers, and anyone who would rather read).
function chartCard(id, title, svg, summary, headers, rows) {
  return el('figure', { class: 'card chart', id },
    el('figcaption', {}, el('strong', { text: title }), summary ? el('p', { class: 'spc-summary', text: summary }) : null),
    svg,
    el('details', {}, el('summary', { text: 'The numbers as a table' }),
      el('table', {}, el('thead', {}, el('tr', {}, headers.map(h => el('th', { text: h })))),
        el('tbody', {}, rows.map(r => el('tr', {}, r.map(c => el('td', { text: c }))))))));
}

// FFT % positive by month as an SPC chart, with what it says in words.
function spcCard(id, title, points, options) {
  const labels = points.map(p => p.month);
  const values = points.map(p => (typeof p.percent_positive === 'number' ? p.percent_positive : null));
  const result = WVCharts.spc(values, labels);
  const causeWord = { improvement: 'better than usual', concern: 'worse than usual' };
  const rows = points.map((p, i) => [p.month, shown(p.responses), typeof p.percent_positive === 'number' ? p.percent_positive + '%' : 'not shown (fewer than 5)',
    result.points[i].cause ? `${causeWord[result.points[i].cause]} (${result.points[i].rule})` : '']);
  return chartCard(id, title, WVCharts.spcSvg(labels, values, result, { title, ...(options || {}) }),
    result.summary, ['Month', 'Responses', 'Positive', 'Signal'], rows);
}

function figure(title, value, sub) {
  return el('div', { class: 'figure' }, el('div', { class: 'sub', text: title }), el('div', { class: 'value', text: value }), el('div', { class: 'sub', text: sub }));
}

function themeTable(data, filters) {
  if (data.model === null) return el('p', { text: 'The themes are being prepared from the comments stored so far; look again in a minute.' });
  const unplaced = typeof data.unplaced === 'number' && data.unplaced > 0
    ? el('p', { class: 'muted', text: `${data.unplaced} comments of this period are not like any theme yet; they join one at the next update of the themes.` })
    : null;
  if (!data.themes.length) return unplaced || el('p', { text: 'No comments in this period.' });
  const rows = data.themes.map(t => {
    const open = () => go('theme', { ...filters, id: t.id, label: t.label });
    return el('tr', { class: 'theme', tabindex: '0', onclick: open, onkeydown: e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } } },
      el('td', {}, el('a', { href: '#/theme?' + query({ ...filters, id: t.id, label: t.label }), text: t.label }),
        el('div', { class: 'muted', text: t.category }),
        el('div', { class: 'muted sides-count', text: `${shown(t.negative)} unhappy · ${shown(t.neutral)} neutral · ${shown(t.positive)} praising` })),
      el('td', { class: 'hide-narrow' }, el('div', { class: 'example', text: '“' + t.example + '”' })),
      el('td', {}, sparkline(t.sparkline)),
      el('td', { class: 'num', text: shown(t.volume) }),
      el('td', { class: 'trend-' + t.trend, text: t.trend }),
      el('td', { class: 'num', text: shown(t.negative_percent, '%') }),
      el('td', { class: 'num', title: t.score_parts ? `volume ${t.score_parts.volume} × negativity ${t.score_parts.negativity} × trend ${t.score_parts.trend} × spread ${t.score_parts.spread}` : 'not shown for fewer than 5 comments', text: shown(t.score) }),
      isChair() ? el('td', {}, agendaButton(t, filters)) : null);
  });
  const table = el('table', {},
    el('thead', {}, el('tr', {}, el('th', { text: 'Theme' }), el('th', { class: 'hide-narrow', text: 'Example' }), el('th', { text: 'Trend line' }),
      el('th', { class: 'num', text: 'Comments' }), el('th', { text: 'Trend' }), el('th', { class: 'num', text: 'Negative' }), el('th', { class: 'num', text: 'Score' }),
      isChair() ? el('th', { text: 'Agenda' }) : null)),
    el('tbody', {}, rows));
  return unplaced ? el('div', {}, table, unplaced) : table;
}

// A chair puts one theme on the next meeting's agenda from its row (the row itself opens the
// theme); one already open there gets the new evidence instead.
function agendaButton(t, filters) {
  const result = el('span', { class: 'muted row-result', role: 'status' });
  const button = el('button', { type: 'button', class: 'secondary small', 'aria-label': `Add “${t.label}” to the next meeting`, text: 'Add',
    onclick: async e => {
      e.stopPropagation();
      button.disabled = true;
      try {
        const meetings = (await api('GET', '/api/v1/meetings')).meetings.filter(m => m.held_on >= today(0));
        const next = meetings.sort((a, b) => a.held_on.localeCompare(b.held_on))[0];
        if (!next) {
          result.replaceChildren('No meeting is arranged: ', el('a', { href: '#/agenda', text: 'arrange one' }));
          button.disabled = false;
          return;
        }
        const r = await api('POST', `/api/v1/meetings/${next.id}/items`, { themes: [t.id], since: filters.since, until: filters.until });
        result.textContent = (r.linked.length ? 'already on ' : 'added to ') + `${next.held_on}`;
        button.textContent = 'On agenda';
      } catch (err) {
        result.textContent = err.message;
        button.disabled = false;
      }
    },
    onkeydown: e => e.stopPropagation() });
  return el('div', {}, button, ' ', result);
}

// A side's count for ordering: "fewer than 5" counts as 2.5, hidden as nothing.
function sideCount(v) {
  if (typeof v === 'number') return v;
  return typeof v === 'string' ? 2.5 : 0;
}

// "What patients are unhappy about" and "what they praise": the themes whose complaints (or
// praise) outnumber the other side, most first; and the general bucket as a count and a share.
function sideLists(data, filters) {
  if (data.model === null || !data.themes) return [];
  // praise is of the subject ("food and drink"), not of the problem its label may name
  const list = (id, title, side, other, word) => {
    const name = t => (side === 'positive' ? (t.subject || t.label) : t.label);
    const themes = data.themes.filter(t => sideCount(t[side]) > sideCount(t[other]))
      .sort((a, b) => sideCount(b[side]) - sideCount(a[side]) || a.label.localeCompare(b.label)).slice(0, 8);
    const items = themes.map(t => el('li', {},
      el('a', { href: '#/theme?' + query({ ...filters, id: t.id, label: t.label }), text: name(t) }),
      el('span', { class: 'muted', text: ` · ${shown(t[side])} ${word}` }),
      (t.examples_by_side && t.examples_by_side[side] && t.examples_by_side[side][0])
        ? el('div', { class: 'example', text: '“' + t.examples_by_side[side][0] + '”' }) : null));
    return el('div', { class: 'card side', id },
      el('h3', { text: title }),
      items.length ? el('ol', {}, items) : el('p', { class: 'muted', text: 'Nothing in this period.' }));
  };
  const g = data.general || {};
  const general = el('p', { class: 'muted', id: 'general-bucket',
    text: `${shown(g.count)} comments${typeof g.share === 'number' ? ` (${g.share}%)` : ''} only praise the care in general or say nothing needs to change; they are counted here, not ranked as themes.` });
  return [list('unhappy', 'What patients are unhappy about', 'negative', 'positive', 'unhappy'),
    list('praised', 'What they praise', 'positive', 'negative', 'praising'), general];
}

const SIDES = [['negative', 'Unhappy'], ['neutral', 'Neutral or mixed'], ['positive', 'Praising']];
const sideWord = v => (SIDES.find(([k]) => k === v) || [null, '–'])[1];

// The comments of a view. With `correct` ({ themes: [{id, label}], categories: [...] }), each
// row says what the machine read (theme, category, sentiment) and can be corrected in place.
function commentTable(rows, correct) {
  if (!rows.length) return el('p', { text: 'No comments.' });
  const head = [el('th', { text: 'When' }), el('th', { text: 'Ward' }), el('th', { text: 'Who' }),
    el('th', { text: 'Topic' }), el('th', { text: 'Answer' }), el('th', { text: 'Comment' })];
  if (correct) head.push(el('th', { text: 'What the machine read' }));
  return el('table', { class: correct ? 'comments correctable' : 'comments' },
    el('thead', {}, el('tr', {}, head)),
    el('tbody', {}, rows.map(r => commentRow(r, correct))));
}

const RATINGS = { 1: 'Very good', 2: 'Good', 3: 'Neither good nor poor', 4: 'Poor', 5: 'Very poor', 6: "Don't know" };
const topicName = t => (TOPICS.find(([v]) => v === t) || [t, t.replace('_', ' ')])[1];
const respondentName = r => (RESPONDENTS.find(([v]) => v === r) || [r, r])[1].replace(/s$/, '');

// A time in the browser's own zone, with the zone named ("2 Dec 2026, 14:05 GMT").
function localTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
}

// The last day something is shown on, for an end given as the instant it stops (the end of a
// day in UTC, as the aggregator reads a date); lastDate gives it as YYYY-MM-DD for a date field.
function lastDay(iso) {
  const d = new Date(new Date(iso).getTime() - 1000);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
const lastDate = iso => new Date(new Date(iso).getTime() - 1000).toISOString().slice(0, 10);

function ratingCell(rating) {
  if (rating === null || rating === undefined) return el('td', { class: 'muted', text: 'no answer' });
  return el('td', { class: 'rating rating-' + rating, text: RATINGS[rating] || String(rating) });
}

function commentRow(r, correct) {
  const cells = [
    el('td', { text: localTime(r.created_at) }), el('td', { text: wardName(r.ward) }), el('td', { text: respondentName(r.respondent) }),
    el('td', { text: topicName(r.topic) }), ratingCell(r.rating),
    el('td', { class: 'comment', text: r.comment })];
  if (correct) cells.push(el('td', { class: 'reading' }, readingOf(r, correct)));
  return el('tr', { 'data-id': r.id }, cells);
}

function readingOf(r, correct) {
  const slot = el('div', {});
  const summary = () => {
    const open = el('button', { type: 'button', class: 'secondary', text: 'Correct', 'aria-label': 'Correct what the machine read of this comment',
      onclick: () => { slot.replaceChildren(form()); slot.querySelector('select').focus(); } });
    slot.replaceChildren(
      el('div', { text: 'Theme: ' + (r.theme ? (r.theme.label || 'theme ' + r.theme.id) : 'none yet') }),
      el('div', { class: 'muted', text: (r.category || 'no category') + ' · ' + sideWord(r.sentiment) }),
      ...(r.complex ? [el('div', { class: 'muted', text: 'Complex comment' })] : []), open);
  };
  const form = () => {
    const id = 'c-' + r.id;
    const themes = [...correct.themes];
    if (r.theme && !themes.some(t => t.id === r.theme.id)) themes.push({ id: r.theme.id, label: r.theme.label || 'theme ' + r.theme.id });
    const theme = el('select', { id: id + '-theme' },
      themes.map(t => el('option', { value: String(t.id), text: t.id === -2 ? 'General praise or nothing to change' : t.label, selected: r.theme && r.theme.id === t.id })),
      r.theme ? null : el('option', { value: '', text: 'none yet', selected: true }));
    const category = el('select', { id: id + '-category' },
      correct.categories.map(c => el('option', { value: c, text: c, selected: c === r.category })),
      r.category ? null : el('option', { value: '', text: 'none', selected: true }));
    const sentiment = el('select', { id: id + '-sentiment' },
      SIDES.map(([v, t]) => el('option', { value: v, text: t, selected: v === r.sentiment })));
    const note = el('input', { id: id + '-note', maxlength: '500', placeholder: 'why (optional)' });
    const error = el('p', { class: 'error', role: 'alert' });
    const save = el('button', { type: 'button', text: 'Save', onclick: async () => {
      const changes = [];
      if (theme.value !== '' && (!r.theme || Number(theme.value) !== r.theme.id)) changes.push({ kind: 'move', submission: r.id, to: Number(theme.value) });
      if (category.value !== '' && category.value !== r.category) changes.push({ kind: 'category', submission: r.id, category: category.value });
      if (sentiment.value !== r.sentiment) changes.push({ kind: 'sentiment', submission: r.id, sentiment: sentiment.value });
      save.disabled = true;
      try {
        for (const change of changes) {
          const done = await api('POST', '/api/v1/themes/corrections', { ...change, note: note.value });
          if (done.kind === 'move') r.theme = { id: done.to, label: done.to_label };
          if (done.kind === 'category') r.category = done.category;
          if (done.kind === 'sentiment') r.sentiment = done.sentiment;
        }
        summary();
        slot.querySelector('button').focus();
        say(changes.length ? 'Correction saved.' : 'Nothing was changed.');
      } catch (e) {
        error.textContent = e.message;
        save.disabled = false;
      }
    } });
    const cancel = el('button', { type: 'button', class: 'secondary', text: 'Cancel', onclick: () => { summary(); slot.querySelector('button').focus(); } });
    return el('div', { class: 'correct' }, field('Theme', theme), field('Category', category), field('Sentiment', sentiment),
      field('Note', note), el('div', { class: 'actions' }, save, cancel), error);
  };
  summary();
  return slot;
}

// What a correction form offers: the themes of the period (and the general bucket) and the
// framework's categories.
async function correctionChoices(filters) {
  const [themes, categories] = await Promise.all([
    api('GET', '/api/v1/themes?' + query({ ward: filters.ward, since: filters.since, until: filters.until })),
    api('GET', '/api/v1/themes/categories')]);
  const list = (themes.themes || []).map(t => ({ id: t.id, label: t.label }));
  list.sort((a, b) => a.label.localeCompare(b.label));
  list.push({ id: -2, label: 'general' });
  return { themes: list, categories: categories.categories };
}

// ---------------------------------------------------------------- theme drill-down

async function themeView(params) {
  const base = { ward: params.get('ward') || '', topic: params.get('topic') || '', since: params.get('since') || '', until: params.get('until') || '' };
  const id = Number(params.get('id'));
  const search = el('input', { id: 'd-q', type: 'search', value: params.get('q') || '', placeholder: 'words in the comment' });
  const respondent = options('d-respondent', RESPONDENTS, params.get('respondent') || '');
  const topic = options('d-topic', TOPICS, '');
  const from = el('input', { id: 'd-from', type: 'date', value: base.since });
  const to = el('input', { id: 'd-to', type: 'date', value: base.until });
  const apply = () => go('theme', { ...base, id: params.get('id'), label: params.get('label'), q: search.value, respondent: respondent.value });
  search.addEventListener('keydown', e => { if (e.key === 'Enter') apply(); });
  const heading = el('h1', { text: 'Theme: ' + (params.get('label') || '') });
  view(
    el('p', {}, el('a', { href: '#/ward?' + query(base), text: '← Back to the ward' })),
    heading,
    el('div', { class: 'card filters' }, field('Search', search), field('Who', respondent), field('Topic', topic),
      field('From', from), field('To', to),
      el('div', {}, el('button', { type: 'button', onclick: apply, text: 'Filter' }))),
    el('div', { id: 'theme-weeks' }),
    el('div', { id: 'theme-agenda' }),
    el('div', { id: 'theme-correct' }),
    el('div', { id: 'drill' }, el('p', { class: 'muted', text: 'Loading…' })));
  // The theme's comments come once (search and "who" on the server, so a link can be shared);
  // topic and dates narrow them here, at once, as the controls change.
  const filters = { ...base, theme: params.get('id'), q: params.get('q'), respondent: params.get('respondent'), limit: 500 };
  const [data, choices] = await Promise.all([
    api('GET', '/api/v1/submissions?' + query(filters)), correctionChoices(base)]);
  if (id > 0) fill('theme-correct', themeCorrections(id, params.get('label') || '', choices, base, heading));
  api('GET', `/api/v1/themes/${encodeURIComponent(params.get('id'))}/weeks?` + query({ ward: base.ward, weeks: 26 })).then(w => {
    const title = 'Comments per week, last 26 weeks';
    fill('theme-weeks', chartCard('weeks', title, WVCharts.barsSvg(w.weeks, { title }),
      'Weeks with fewer than 5 comments are marked "<5", never drawn as a number.',
      ['Week from', 'Comments'], w.weeks.map(k => [k.week_from, shown(k.comments)])));
  }).catch(() => {});
  if (id > 0 && isChair()) {
    const slot = el('div', {});
    fill('theme-agenda', el('div', { class: 'card' }, el('h2', { text: 'Put this theme on a meeting\'s agenda' }), slot));
    addThemeToMeeting(id, base, slot).catch(e => slot.replaceChildren(el('p', { class: 'error', text: e.message })));
  }
  // older comments a page at a time (the server pages by the last one shown)
  let next = data.next_before;
  const more = el('button', { type: 'button', id: 'd-more', text: 'Show older comments', onclick: async () => {
    more.disabled = true;
    const page = await api('GET', '/api/v1/submissions?' + query({ ...filters, before: next }));
    data.submissions.push(...page.submissions);
    next = page.next_before;
    more.disabled = false;
    show();
  } });
  // fifty at a time: a long theme is read a page at a time
  let limit = PAGE;
  const moreShown = el('button', { type: 'button', id: 'd-next-page', class: 'secondary', text: `Show ${PAGE} more`, onclick: () => {
    limit += PAGE;
    show();
    const rows = document.querySelectorAll('#drill tbody tr');
    const first = rows[limit - PAGE];
    if (first) { first.setAttribute('tabindex', '-1'); first.focus(); }
  } });
  const show = () => {
    const rows = data.submissions.filter(r => (!topic.value || r.topic === topic.value) &&
      (!from.value || r.created_at.slice(0, 10) >= from.value) && (!to.value || r.created_at.slice(0, 10) <= to.value));
    const count = rows.length < 5 && rows.length > 0 ? 'fewer than 5 comments' : `${rows.length} comments`;
    const of = next && typeof data.total === 'number' ? ` (the newest of ${data.total})` : '';
    const page = rows.slice(0, limit);
    const showing = rows.length > page.length ? `; showing the newest ${page.length}` : '';
    fill('drill', ...[el('p', { text: count + of + showing }), commentTable(page, choices),
      rows.length > page.length ? moreShown : next ? more : null].filter(Boolean));
  };
  for (const control of [topic, from, to]) control.addEventListener('change', () => { limit = PAGE; show(); });
  show();
}

// Rename the theme, or merge it into another: both change every view, for everyone, and are
// kept when the themes are updated.
function themeCorrections(id, label, choices, base, heading) {
  const name = el('input', { id: 't-label', value: label, maxlength: '60', 'aria-describedby': 't-label-hint' });
  const others = choices.themes.filter(t => t.id > 0 && t.id !== id);
  const into = el('select', { id: 't-into' }, el('option', { value: '', text: 'Choose a theme' }),
    others.map(t => el('option', { value: String(t.id), text: t.label })));
  const error = el('p', { class: 'error', role: 'alert' });
  const rename = el('button', { type: 'button', text: 'Rename', onclick: async () => {
    error.textContent = '';
    try {
      const done = await api('POST', '/api/v1/themes/corrections', { kind: 'rename', theme: id, label: name.value });
      heading.textContent = 'Theme: ' + done.label;
      name.value = done.label;
      history.replaceState(null, '', '#/theme?' + query({ ...base, id, label: done.label }));
      say('Renamed to “' + done.label + '”.');
    } catch (e) { error.textContent = e.message; }
  } });
  const merge = el('button', { type: 'button', text: 'Merge', onclick: async () => {
    error.textContent = '';
    if (!into.value) { error.textContent = 'Choose the theme to merge this one into.'; into.focus(); return; }
    try {
      const done = await api('POST', '/api/v1/themes/corrections', { kind: 'merge', theme: id, into: Number(into.value) });
      say('Merged into “' + done.into_label + '”.');
      go('theme', { ...base, id: done.into, label: done.into_label });
    } catch (e) { error.textContent = e.message; }
  } });
  return el('details', { class: 'card' }, el('summary', { text: 'Correct this theme' }),
    el('div', { class: 'filters' },
      el('div', {}, el('label', { for: 't-label', text: 'Name' }), name,
        el('div', { class: 'muted', id: 't-label-hint', text: '2 to 60 characters: what people talk about, and the problem if there is one' })),
      el('div', {}, rename)),
    el('div', { class: 'filters' }, field('Merge into', into), el('div', {}, merge)),
    error);
}

// ---------------------------------------------------------------- comments

const PAGE = 50;

// Every comment of a period (ward, words), newest first, a page at a time.
async function commentsView(params) {
  const ward = params.get('ward') || '';
  const since = params.get('since') || today(-6);
  const until = params.get('until') || today(0);
  const wardControl = wardSelect('c-ward', ward, true);
  const sinceControl = el('input', { id: 'c-since', type: 'date', value: since });
  const untilControl = el('input', { id: 'c-until', type: 'date', value: until });
  const search = el('input', { id: 'c-q', type: 'search', value: params.get('q') || '', placeholder: 'words in the comment' });
  const periodError = el('p', { class: 'error', role: 'alert' });
  const apply = () => periodOk(sinceControl, untilControl, periodError) &&
    go('comments', { ward: wardControl.value, since: sinceControl.value, until: untilControl.value, q: search.value });
  search.addEventListener('keydown', e => { if (e.key === 'Enter') apply(); });
  view(el('h1', { text: 'Comments' }),
    el('div', { class: 'card filters' }, field('Ward', wardControl), field('From', sinceControl), field('To', untilControl), field('Search', search),
      el('div', {}, el('button', { type: 'button', onclick: apply, text: 'Show' })), periodError),
    el('div', { id: 'comments' }, el('p', { class: 'muted', text: 'Loading…' })));
  const filters = { ward, since, until, q: params.get('q') || '', limit: PAGE };
  const [first, choices] = await Promise.all([api('GET', '/api/v1/submissions?' + query(filters)), correctionChoices(filters)]);
  const rows = first.submissions;
  let next = first.next_before;
  const more = el('button', { type: 'button', id: 'c-more', class: 'secondary', text: `Show ${PAGE} more`, onclick: async () => {
    more.disabled = true;
    const page = await api('GET', '/api/v1/submissions?' + query({ ...filters, before: next }));
    const from = rows.length;
    rows.push(...page.submissions);
    next = page.next_before;
    more.disabled = false;
    draw();
    const tr = document.querySelectorAll('#comments tbody tr')[from];
    if (tr) { tr.setAttribute('tabindex', '-1'); tr.focus(); }
  } });
  const draw = () => fill('comments',
    el('p', { text: (typeof first.total === 'number' ? `${first.total} comments` : `${first.total} comments`) + (next ? `; showing the newest ${rows.length}` : '') }),
    commentTable(rows, choices), next ? more : '');
  draw();
}

// ---------------------------------------------------------------- complex comments

// Long comments (over 50 words) and those that touch three or more categories: read in full,
// not only through their themes.
async function complexView(params) {
  const ward = params.get('ward') || '';
  const since = params.get('since') || today(-29);
  const until = params.get('until') || today(0);
  const wardControl = wardSelect('x-ward', ward, true);
  const sinceControl = el('input', { id: 'x-since', type: 'date', value: since });
  const untilControl = el('input', { id: 'x-until', type: 'date', value: until });
  const apply = () => go('complex', { ward: wardControl.value, since: sinceControl.value, until: untilControl.value });
  view(el('h1', { text: 'Complex comments' }),
    el('p', { class: 'muted', text: 'Comments of more than 50 words, or about three or more things at once: each deserves reading in full.' }),
    el('div', { class: 'card filters' }, field('Ward', wardControl), field('From', sinceControl), field('To', untilControl),
      el('div', {}, el('button', { type: 'button', onclick: apply, text: 'Show' }))),
    el('div', { id: 'complex' }, el('p', { class: 'muted', text: 'Loading…' })));
  const filters = { ward, since, until };
  const [data, choices] = await Promise.all([
    api('GET', '/api/v1/submissions?' + query({ ...filters, complex: '1', limit: 200 })), correctionChoices(filters)]);
  const count = typeof data.total === 'number' ? `${data.total} complex comments` : data.total + ' complex comments';
  fill('complex', el('p', { text: count + (data.next_before ? ' (the newest 200 shown)' : '') }), commentTable(data.submissions, choices));
}

// ---------------------------------------------------------------- corrections

async function correctionsView() {
  view(el('h1', { text: 'Corrections of the themes' }),
    el('p', {}, el('a', { href: '/api/v1/themes/corrections?format=csv', download: 'theme-corrections.csv', text: 'Download as CSV' })),
    el('div', { id: 'corrections' }, el('p', { class: 'muted', text: 'Loading…' })));
  const data = await api('GET', '/api/v1/themes/corrections');
  const what = c => ({
    rename: `Theme ${c.theme} renamed from “${c.before}” to “${c.label}”`,
    merge: `“${c.label}” merged into “${c.into_label}”`,
    move: `A comment moved to “${c.to_label}”`,
    category: `A comment's category set to ${c.category}` + (c.before ? ` (was ${c.before})` : ''),
    sentiment: `A comment marked ${sideWord(c.sentiment).toLowerCase()}` + (c.before ? ` (was ${sideWord(c.before).toLowerCase()})` : ''),
  }[c.kind]);
  fill('corrections', data.corrections.length ? el('table', {},
    el('thead', {}, el('tr', {}, el('th', { text: 'When' }), el('th', { text: 'Who' }), el('th', { text: 'What' }), el('th', { text: 'Ward' }), el('th', { text: 'Note' }))),
    el('tbody', {}, data.corrections.slice().reverse().map(c => el('tr', {},
      el('td', { text: c.at.slice(0, 16).replace('T', ' ') }), el('td', { text: c.user }), el('td', { text: what(c) }),
      el('td', { text: c.ward ? wardName(c.ward) : 'all' }), el('td', { class: 'comment', text: c.note })))))
    : el('p', { text: 'No corrections yet. Correct a theme from its page, or a comment from any list of comments.' }));
}

// ---------------------------------------------------------------- trust view

async function trustView(params) {
  if (!isChair()) {
    view(el('h1', { text: 'All wards' }),
      el('p', { role: 'alert' }, 'This view is for panel chairs and administrators. ', el('a', { href: '#/ward', text: 'Back to your ward' }), '.'));
    return;
  }
  const since = params.get('since') || today(-29);
  const until = params.get('until') || today(0);
  const sinceControl = el('input', { id: 't-since', type: 'date', value: since });
  const untilControl = el('input', { id: 't-until', type: 'date', value: until });
  const month = el('input', { id: 't-month', type: 'month', value: today(0).slice(0, 7) });
  const download = el('a', { href: '#', id: 't-return', text: 'Download the FFT monthly return (CSV)' });
  const updateLink = () => download.setAttribute('href', '/api/v1/fft-return?' + query({ month: month.value }));
  month.addEventListener('change', updateLink);
  updateLink();
  view(
    el('h1', { text: 'All wards' }),
    el('div', { class: 'card filters' }, field('From', sinceControl), field('To', untilControl),
      el('div', {}, el('button', { type: 'button', text: 'Show', onclick: () => go('trust', { since: sinceControl.value, until: untilControl.value }) }))),
    el('div', { class: 'card filters' }, field('Month', month), el('div', {}, download)),
    el('h2', { text: 'FFT % positive by ward, last 24 months' }),
    el('div', { id: 'multiples', class: 'multiples' }, el('p', { class: 'muted', text: 'Loading…' })),
    el('h2', { text: 'Themes across wards (comments per ward)' }),
    el('div', { id: 'heat' }, el('p', { class: 'muted', text: 'Grouping comments…' })));
  api('GET', '/api/v1/fft-months?' + query({ months: 24 })).then(months => {
    fill('multiples', ...months.wards.map(w => spcCard('spc-' + w.ward, wardName(w.ward), w.points, { small: true })));
  }).catch(e => fill('multiples', el('p', { class: 'error', text: e.message })));
  const data = await api('GET', '/api/v1/heatmap?' + query({ since, until }));
  if (!data.themes.length) {
    fill('heat', el('p', { text: 'No comments in this period.' }));
    return;
  }
  const max = Math.max(1, ...data.counts.flat().map(v => (typeof v === 'number' ? v : 0)));
  const table = el('table', { class: 'heat' },
    el('thead', {}, el('tr', {}, el('th', { text: 'Ward' }), data.themes.map(t => el('th', { scope: 'col' }, t.label, el('div', { class: 'trend-' + t.trend, text: t.trend }))))),
    el('tbody', {}, data.wards.map((w, i) => el('tr', {}, el('th', { scope: 'row' }, el('a', { href: '#/ward?' + query({ ward: w }), text: wardName(w) })),
      data.counts[i].map(v => {
        const n = typeof v === 'number' ? v : 2;
        const shade = Math.round(255 - (n / max) * 150);
        return el('td', { class: 'cell', style: `background: rgb(${shade}, ${shade + 10 > 255 ? 255 : shade + 10}, 255)`, text: shown(v) });
      })))));
  table.prepend(el('caption', { class: 'muted', text: `Comments per ward and theme, ${since} to ${until}; "fewer than 5" where a number would show fewer than five people` }));
  const legend = el('div', { class: 'heat-legend', 'aria-hidden': 'true' }, 'Fewer', [0.15, 0.4, 0.7, 1].map(f => {
    const shade = Math.round(255 - f * 150);
    return el('span', { class: 'swatch', style: `background: rgb(${shade}, ${Math.min(255, shade + 10)}, 255)` });
  }), `More (darkest: ${max} comments)`);
  const wrap = el('div', { class: 'heat-wrap', tabindex: '0', 'aria-label': 'Heat map, scrolls sideways' }, table);
  const cue = el('p', { class: 'muted', id: 'heat-cue', text: 'Scroll sideways for more themes →' });
  fill('heat', legend, wrap, cue);
  const updateCue = () => { cue.hidden = wrap.scrollWidth <= wrap.clientWidth + 1 || wrap.scrollLeft + wrap.clientWidth >= wrap.scrollWidth - 1; };
  wrap.addEventListener('scroll', updateCue);
  window.addEventListener('resize', updateCue);
  updateCue();
}

// ---------------------------------------------------------------- agenda

// The panel's meetings: newest first; a chair arranges a new one.
async function agendaView() {
  const held = el('input', { id: 'm-date', type: 'date', value: today(7), required: true });
  const title = el('input', { id: 'm-title', maxlength: '120', value: 'Patient experience panel' });
  const attendees = el('textarea', { id: 'm-attendees', rows: '3', placeholder: 'one name or role a line' });
  const error = el('p', { class: 'error', role: 'alert', id: 'm-error' });
  const create = el('button', { type: 'button', id: 'm-create', text: 'Create meeting', onclick: async () => {
    error.textContent = '';
    try {
      const m = await api('POST', '/api/v1/meetings', { held_on: held.value, title: title.value,
        attendees: attendees.value.split('\n').map(a => a.trim()).filter(Boolean) });
      go('meeting', { id: m.id });
    } catch (e) { error.textContent = e.message; }
  } });
  view(el('h1', { text: 'Panel meetings' }),
    isChair() ? el('details', { class: 'card', id: 'new-meeting' }, el('summary', { text: 'Arrange a meeting' }),
      el('p', { class: 'muted', text: 'Unfinished items of earlier meetings are carried onto its agenda.' }),
      el('div', { class: 'filters' }, field('Date', held), field('Title', title)), field('Attendees', attendees),
      el('div', { class: 'actions' }, create), error) : null,
    el('div', { id: 'meetings' }, el('p', { class: 'muted', text: 'Loading…' })));
  const data = await api('GET', '/api/v1/meetings');
  fill('meetings', data.meetings.length ? el('table', { id: 'meeting-list' },
    el('thead', {}, el('tr', {}, el('th', { text: 'Date' }), el('th', { text: 'Meeting' }), el('th', { class: 'num', text: 'Items' }), el('th', { class: 'num', text: 'Still open' }))),
    el('tbody', {}, data.meetings.map(m => el('tr', {},
      el('td', { text: m.held_on }), el('td', {}, el('a', { href: '#/meeting?' + query({ id: m.id }), text: m.title })),
      el('td', { class: 'num', text: String(m.items) }), el('td', { class: 'num', text: String(m.open) })))))
    : el('p', { text: isChair() ? 'No meetings yet: arrange the first one above.' : 'No meetings yet.' }));
}

const ITEM_STATUSES = [['proposed', 'Proposed'], ['on_agenda', 'On agenda'], ['action_agreed', 'Action agreed'],
  ['in_progress', 'In progress'], ['done', 'Done'], ['dropped', 'Dropped']];

async function meetingView(params) {
  const id = params.get('id');
  view(el('p', {}, el('a', { href: '#/agenda', text: '← All meetings' })),
    el('div', { id: 'meeting' }, el('p', { class: 'muted', text: 'Loading…' })));
  const m = await api('GET', '/api/v1/meetings/' + encodeURIComponent(id));
  const base = '/api/v1/meetings/' + m.id;
  const exports = el('div', { class: 'actions exports' },
    el('a', { href: base + '?format=md', text: 'Export Markdown' }),
    el('a', { href: base + '?format=csv', text: 'Export CSV' }),
    el('a', { href: base + '?format=html', target: '_blank', text: 'Printable page' }),
    el('a', { href: base + '?format=pdf', id: 'meeting-pdf', text: 'PDF' }));
  const list = el('ol', { class: 'agenda', id: 'agenda-items' });
  const refreshList = () => {
    list.replaceChildren(...m.agenda.map((item, i) => el('li', { 'data-id': String(item.id) }, meetingItem(m, item, i))));
    fill('agenda-empty', m.agenda.length ? '' : el('p', { text: 'No items yet.' }));
  };
  const children = [el('h1', { text: m.title }),
    el('p', { class: 'muted', text: `Meeting on ${m.held_on} · attendees: ${m.attendees.length ? m.attendees.join(', ') : 'not recorded'}` }),
    exports];
  if (isChair()) children.push(addItems(m, refreshList));
  children.push(el('div', { id: 'agenda-empty' }), list);
  fill('meeting', ...children);
  refreshList();
}

// The chair fills the agenda: the top themes of a period (one already open gets the new
// evidence instead of a second item), or a free item.
function addItems(m, refreshList) {
  const since = el('input', { id: 'ai-since', type: 'date', value: today(-29) });
  const until = el('input', { id: 'ai-until', type: 'date', value: today(0) });
  const top = el('input', { id: 'ai-top', type: 'number', min: '1', max: '20', value: '5' });
  const freeTitle = el('input', { id: 'ai-title', maxlength: '200' });
  const freeText = el('textarea', { id: 'ai-description', rows: '2' });
  const error = el('p', { class: 'error', role: 'alert', id: 'ai-error' });
  const take = async body => {
    error.textContent = '';
    try {
      const r = await api('POST', `/api/v1/meetings/${m.id}/items`, body);
      const fresh = await api('GET', '/api/v1/meetings/' + m.id);
      m.agenda = fresh.agenda;
      refreshList();
      say(`${r.items.length} added` + (r.linked.length ? `, ${r.linked.length} already open on the agenda (their new evidence added)` : ''));
    } catch (e) { error.textContent = e.message; }
  };
  return el('details', { class: 'card', id: 'add-items' }, el('summary', { text: 'Add to the agenda' }),
    el('div', { class: 'filters' }, field('From', since), field('To', until), field('How many', top),
      el('div', {}, el('button', { type: 'button', id: 'ai-pull', text: 'Add the top themes', onclick: () => take({ top: Number(top.value), since: since.value, until: until.value }) }))),
    el('div', { class: 'filters' }, field('Free item', freeTitle), field('Details', freeText),
      el('div', {}, el('button', { type: 'button', id: 'ai-free', class: 'secondary', text: 'Add this item', onclick: () => take({ title: freeTitle.value, description: freeText.value }) }))),
    error);
}

function historyStep(a) {
  const changes = Object.entries(a.changes || {}).filter(([k]) => k !== 'added' && k !== 'evidence')
    .map(([k, [from, to]]) => `${k.replace('_', ' ')}: ${from || '–'} → ${to || '–'}`).join('; ');
  return el('li', {}, el('span', { class: 'muted', text: `${a.at.slice(0, 16).replace('T', ' ')} ${a.user}${a.role ? ' (' + a.role.replace('_', ' ') + ')' : ''}: ` }),
    [changes, a.note].filter(Boolean).join(' — ') || a.status.replace('_', ' '));
}

// One agenda item; saving changes this card alone, keeping focus where it was.
function meetingItem(m, item, index) {
  const e = item.evidence || {};
  const card = el('article', { class: 'card agenda-item', id: 'item-' + item.id });
  const draw = () => {
    const k = 'i' + item.id;
    const parts = [
      el('h2', {}, `${index + 1}. ${item.title} `, el('span', { class: 'pill', text: item.status_label }),
        item.carried ? el('span', { class: 'pill carried', text: 'carried forward' }) : null),
      el('p', {}, el('strong', { text: 'Owner: ' }), item.owner || 'not set', ' · ', el('strong', { text: 'Due: ' }), item.due_on || 'not set'),
      el('p', { class: 'agreed' }, el('strong', { text: 'Agreed action: ' }), item.action || 'none agreed yet')];
    if (item.kind === 'free') {
      if (item.description) parts.push(el('p', { class: 'comment', text: item.description }));
    } else {
      parts.push(el('p', { class: 'muted', text: `When added (${item.since} to ${item.until}): ${e.category || ''} · ${shown(e.volume)} comments (before: ${shown(e.previous)}) · trend ${e.trend || '–'} · negative ${shown(e.negative_percent, '%')} · wards ${(item.wards || []).map(wardName).join(', ')}` }));
      if (item.live) parts.push(el('p', { class: 'muted live', text: `Since ${item.live.since}: ${shown(item.live.volume)} comments · negative ${shown(item.live.negative_percent, '%')}` + (item.live.trend ? ` · trend ${item.live.trend}` : '') }));
      parts.push(...(e.examples || []).map(x => el('blockquote', { class: 'comment', text: x })));
    }
    if (item.latest_note) parts.push(el('p', {}, el('strong', { text: 'Latest note: ' }), item.latest_note));
    if ((item.votes || []).length) parts.push(votesBlock(item));
    if (item.panel_votes || isPanelMember()) {
      parts.push(el('p', { class: 'panel-votes' }, el('strong', { text: 'Panel members’ votes: ' }),
        `${item.panel_votes || 0}` + (item.my_panel_vote ? ' (including yours)' : '')));
    }
    if (isChair() && item.status !== 'done' && item.status !== 'dropped') parts.push(choiceEditor(m, item, draw));
    parts.push(el('details', { class: 'history' }, el('summary', { text: `History (${item.actions.length})` }),
      el('ol', {}, item.actions.map(historyStep))));
    const error = el('p', { class: 'error', role: 'alert' });
    const note = el('input', { id: k + '-note', maxlength: '2000', placeholder: isChair() ? 'what was said or decided' : isPanelMember() ? 'what you think' : 'your note' });
    const saved = async (promise, focusId) => {
      error.textContent = '';
      try {
        const fresh = await promise;
        if (!(fresh.priorities || []).length) delete fresh.priorities; // a note's answer has no tallies
        Object.assign(item, fresh);
        draw();
        const again = document.getElementById(focusId);
        if (again) again.focus();
        say('Saved.');
      } catch (err) { error.textContent = err.message; }
    };
    if (isChair()) {
      const status = options(k + '-status', ITEM_STATUSES, item.status);
      const owner = el('input', { id: k + '-owner', value: item.owner || '', maxlength: '120' });
      const due = el('input', { id: k + '-due', type: 'date', value: item.due_on || '' });
      const action = el('input', { id: k + '-action', value: item.action || '', maxlength: '2000' });
      const save = el('button', { type: 'button', id: k + '-save', text: 'Save', onclick: () => {
        const body = { note: note.value };
        if (status.value !== item.status) body.status = status.value;
        if (owner.value !== (item.owner || '')) body.owner = owner.value;
        if (due.value !== (item.due_on || '')) body.due_on = due.value;
        if (action.value !== (item.action || '')) body.action = action.value;
        if (body.status === 'dropped' && !note.value.trim()) {
          error.textContent = 'Say in the note why the item is dropped.';
          note.focus();
          return;
        }
        saved(api('PATCH', '/api/v1/agenda-items/' + item.id, body), k + '-save');
      } });
      const move = (step, label) => el('button', { type: 'button', class: 'secondary', id: `${k}-${step < 0 ? 'up' : 'down'}`, text: label,
        'aria-label': `${label}: ${item.title}`, onclick: () => moveItem(m, item.id, step) });
      parts.push(el('div', { class: 'filters' }, field('Status', status), field('Owner', owner), field('Due', due)),
        el('div', { class: 'filters' }, field('Agreed action', action), field('Note', note),
          el('div', { class: 'actions' }, save, move(-1, 'Move up'), move(1, 'Move down'))), error);
    } else {
      const add = el('button', { type: 'button', id: k + '-add-note', text: isPanelMember() ? 'Add comment' : 'Add note', onclick: () =>
        saved(api('POST', `/api/v1/agenda-items/${item.id}/notes`, { note: note.value }), k + '-add-note') });
      const vote = isPanelMember() && item.status === 'proposed'
        ? el('button', { type: 'button', class: 'secondary', id: k + '-vote', 'aria-pressed': item.my_panel_vote ? 'true' : 'false',
          text: item.my_panel_vote ? 'I support this (tap to take back)' : 'I support this', onclick: () =>
            saved(api('POST', `/api/v1/agenda-items/${item.id}/vote`, { support: !item.my_panel_vote }), k + '-vote') })
        : null;
      parts.push(el('div', { class: 'filters' }, field(isPanelMember() ? 'Your comment' : 'Note', note), el('div', { class: 'actions' }, add, vote)), error);
    }
    card.replaceChildren(...parts);
  };
  draw();
  return card;
}

// The patients' votes where wards offer the item as a choice, in words and week by week.
function votesBlock(item) {
  return el('div', { class: 'votes' },
    (item.priorities || []).map(p => el('p', {}, el('strong', { text: 'Patients’ priority: ' }), p)),
    el('details', {}, el('summary', { text: 'Votes by week' }),
      item.votes.map(v => el('table', {},
        el('caption', { text: `${wardName(v.ward)}: ${v.open ? 'offered on the kiosks now' : 'no longer offered'}` }),
        el('thead', {}, el('tr', {}, el('th', { text: 'Week from' }), el('th', { class: 'num', text: 'Votes' }))),
        el('tbody', {}, v.by_week.map(w => el('tr', {}, el('td', { text: w.week }), el('td', { class: 'num', text: shown(w.votes) }))))))));
}

// A chair offers an item to a ward's patients as a choice on its kiosks ("help us choose"),
// titled as patients would read it, in each kiosk language; or takes it off again.
function choiceEditor(m, item, redraw) {
  const k = 'c' + item.id;
  const wards = (item.wards || []).length ? item.wards : state.wards;
  const box = el('details', { class: 'choice-editor', id: k }, el('summary', { text: 'Ask patients on the kiosks' }));
  const offeredOn = (item.votes || []).filter(v => v.open).map(v => v.ward);
  let loaded = false;
  box.addEventListener('toggle', async () => {
    if (!box.open || loaded) return;
    loaded = true;
    const wardControl = el('select', { id: k + '-ward' }, wards.map(w => el('option', { value: w, text: wardName(w) })));
    const error = el('p', { class: 'error', role: 'alert', id: k + '-error' });
    const fields = el('div', { id: k + '-titles' });
    let current = null;
    const titleField = (lang, value) => {
      const input = el('input', { id: `${k}-title-${lang}`, lang, maxlength: '80', value: value || '', 'aria-describedby': `${k}-count-${lang}` });
      const counter = el('span', { class: 'muted counter', id: `${k}-count-${lang}` });
      const count = () => { const n = 80 - [...input.value].length; counter.textContent = `${n} character${n === 1 ? '' : 's'} left`; };
      input.addEventListener('input', count);
      count();
      return el('div', {}, el('label', { for: input.id, text: lang === 'en' ? 'Title patients read, in English' : languageName(lang) }), input, counter);
    };
    const load = async () => {
      error.textContent = '';
      current = await api('GET', `/api/v1/wards/${encodeURIComponent(wardControl.value)}/choices`);
      const mine = current.choices.find(c => c.item === item.id);
      const titles = mine ? mine.title : { en: item.title.slice(0, 80) };
      fields.replaceChildren(...current.languages.map(l => titleField(l, titles[l])),
        el('p', { class: 'muted', text: `${wardName(wardControl.value)} offers ${current.choices.length} of 3 choices now` +
          (current.choices.length ? ': ' + current.choices.map(c => c.title.en).join('; ') : '') + '.' }));
      take.hidden = !mine;
      offer.textContent = mine ? 'Save the titles' : 'Offer on the kiosks';
    };
    const put = async list => {
      error.textContent = '';
      try {
        current = await api('PUT', `/api/v1/wards/${encodeURIComponent(wardControl.value)}/choices`, { choices: list });
        const fresh = (await api('GET', '/api/v1/meetings/' + m.id)).agenda.find(i => i.id === item.id);
        if (fresh) Object.assign(item, fresh);
        redraw();
        const again = document.getElementById(k);
        if (again) { again.open = true; again.querySelector('summary').focus(); }
        say('Saved: the kiosks ask at their next config fetch');
      } catch (e) { error.textContent = e.message; }
    };
    const others = () => current.choices.filter(c => c.item !== item.id).map(c => ({ item: c.item, title: c.title }));
    const offer = el('button', { type: 'button', id: k + '-offer', text: 'Offer on the kiosks', onclick: () => {
      const title = {};
      for (const l of current.languages) {
        const v = document.getElementById(`${k}-title-${l}`).value.trim();
        if (v) title[l] = v;
      }
      if (!title.en) { error.textContent = 'Write the title in English: every kiosk can show it.'; document.getElementById(`${k}-title-en`).focus(); return; }
      const list = others();
      if (list.length >= 3) { error.textContent = `${wardName(wardControl.value)} already offers 3 choices: take one off first.`; return; }
      put([...list, { item: item.id, title }]);
    } });
    const take = el('button', { type: 'button', class: 'secondary', id: k + '-take-off', text: 'Take off the kiosks', onclick: () => put(others()) });
    wardControl.addEventListener('change', () => load().catch(e => { error.textContent = e.message; }));
    box.append(el('p', { class: 'muted', text: 'Patients see it after their comment, and from the welcome screen: “Which of these should the ward work on first?”' }),
      field('Ward', wardControl), fields, el('div', { class: 'actions' }, offer, take), error);
    if (offeredOn.length) wardControl.value = offeredOn[0];
    try { await load(); } catch (e) { error.textContent = e.message; }
  });
  return box;
}

// Moves an item one place up or down: the two cards swap, focus stays on the button pressed.
async function moveItem(m, itemId, step) {
  const at = m.agenda.findIndex(i => i.id === itemId);
  const to = at + step;
  if (at < 0 || to < 0 || to >= m.agenda.length) return;
  const order = m.agenda.map(i => i.id);
  [order[at], order[to]] = [order[to], order[at]];
  try {
    await api('PUT', `/api/v1/meetings/${m.id}/order`, { items: order });
    [m.agenda[at], m.agenda[to]] = [m.agenda[to], m.agenda[at]];
    const list = document.getElementById('agenda-items');
    list.replaceChildren(...m.agenda.map((item, i) => el('li', { 'data-id': String(item.id) }, meetingItem(m, item, i))));
    const again = document.getElementById(`i${itemId}-${step < 0 ? 'up' : 'down'}`);
    if (again) again.focus();
    say('Moved.');
  } catch (e) { say(e.message); }
}

// A chosen theme onto a meeting's agenda (from a theme's page).
async function addThemeToMeeting(themeId, filters, slot) {
  const data = await api('GET', '/api/v1/meetings');
  const upcoming = data.meetings.filter(mt => mt.held_on >= today(0)).reverse();
  if (!upcoming.length) {
    slot.replaceChildren(el('p', { class: 'muted' }, 'No meeting is arranged yet: ', el('a', { href: '#/agenda', text: 'arrange one' }), '.'));
    return;
  }
  const choose = el('select', { id: 't-meeting' }, upcoming.map(mt => el('option', { value: String(mt.id), text: `${mt.held_on} ${mt.title}` })));
  const error = el('p', { class: 'error', role: 'alert' });
  const add = el('button', { type: 'button', id: 't-add-agenda', text: 'Add to the agenda', onclick: async () => {
    error.textContent = '';
    try {
      const r = await api('POST', `/api/v1/meetings/${choose.value}/items`, { themes: [themeId], since: filters.since, until: filters.until });
      say(r.linked.length ? 'Already open on the agenda: its new evidence was added.' : 'Added to the agenda.');
    } catch (e) { error.textContent = e.message; }
  } });
  slot.replaceChildren(el('div', { class: 'filters' }, field('Meeting', choose), el('div', {}, add)), error);
}

// ---------------------------------------------------------------- you said, we did

const MESSAGE_LIMIT = 280;
// The kiosks' languages by their own names, and the words the kiosk's welcome screen puts
// above a message (assets/i18n), for the preview.
const LANGUAGES = {
  en: { name: 'English', title: 'Tell us how we are doing', start: 'Start', caption: 'You said, we did:' },
  cy: { name: 'Cymraeg (Welsh)', title: 'Dywedwch wrthym sut rydym yn gwneud', start: 'Dechrau', caption: 'Dywedoch chi, fe wnaethom ni:' },
  pl: { name: 'Polski (Polish)', title: 'Powiedz nam, jak sobie radzimy', start: 'Rozpocznij', caption: 'Powiedzieliście, zrobiliśmy:' },
  ro: { name: 'Română (Romanian)', title: 'Spuneți-ne cum ne descurcăm', start: 'Începeți', caption: 'Ați spus, am făcut:' },
  uk: { name: 'Українська (Ukrainian)', title: 'Розкажіть нам, як ми працюємо', start: 'Почати', caption: 'Ви сказали — ми зробили:' },
};
const languageName = code => (LANGUAGES[code] || { name: code }).name;

// A message text in one language with its "N characters left" counter (characters as people
// count them, not UTF-16 units); `onchange` runs on every change after the first drawing.
function messageField(id, labelText, lang, value, onchange) {
  const area = el('textarea', { id, rows: '3', lang, 'aria-describedby': id + '-count' });
  area.value = value || '';
  const counter = el('p', { class: 'muted counter', id: id + '-count', 'aria-live': 'polite' });
  const count = () => {
    const left = MESSAGE_LIMIT - [...area.value].length;
    const n = Math.abs(left);
    counter.textContent = `${n} character${n === 1 ? '' : 's'} ` + (left >= 0 ? 'left' : 'too many');
    counter.classList.toggle('error', left < 0);
  };
  area.addEventListener('input', () => { count(); if (onchange) onchange(); });
  count();
  return { area, node: el('div', {}, el('label', { for: id, text: labelText }), area, counter) };
}

async function saidView() {
  view(el('h1', { text: 'You said, we did' }),
    el('p', { class: 'muted', text: 'Messages the ward kiosks show on their welcome screen: what people told us, and what changed because of it.' }),
    el('div', { id: 'm-form' }, el('p', { class: 'muted', text: 'Loading…' })),
    el('h2', { id: 'm-showing', tabindex: '-1', text: 'Showing now' }), el('div', { id: 'messages' }));
  const [data, agenda] = await Promise.all([api('GET', '/api/v1/you-said-we-did'),
    api('GET', '/api/v1/agenda?' + query({ since: today(-365) }))]);
  const languages = (data.languages || ['en']).filter(l => l !== 'en');
  const messages = data.messages;

  // The form writes a new message, or changes the one being edited.
  const drawForm = editing => {
    const m = editing || { text: '', texts: {}, wards: [], expires_at: null };
    const preview = el('div', { class: 'kiosk-preview', id: 'm-preview', 'aria-live': 'off' });
    const previewLanguage = el('select', { id: 'm-preview-lang' },
      ['en', ...languages].map(l => el('option', { value: l, text: languageName(l) })));
    const drawPreview = () => {
      const lang = previewLanguage.value;
      const words = LANGUAGES[lang] || LANGUAGES.en;
      const own = lang === 'en' ? english.area.value : fields[lang].area.value;
      const text = own.trim() ? own : english.area.value;
      preview.replaceChildren(...[el('p', { class: 'kiosk-title', lang, text: words.title }),
        el('p', { class: 'kiosk-start', lang, text: words.start }),
        el('p', { class: 'kiosk-caption', lang, text: words.caption }),
        el('p', { class: 'kiosk-message', lang: own.trim() ? lang : 'en', text: text || '…' }),
        lang !== 'en' && !own.trim() && text ? el('p', { class: 'kiosk-note', text: `No ${languageName(lang)} text: the kiosk shows the English.` }) : null]
        .filter(Boolean));
    };
    const english = messageField('m-text', 'Message in English (shown when there is no text in a person’s language)', 'en', m.text, () => drawPreview());
    const fields = {};
    for (const l of languages) fields[l] = messageField('m-text-' + l, languageName(l), l, (m.texts || {})[l], () => drawPreview());
    previewLanguage.addEventListener('change', drawPreview);
    const translations = el('details', { class: 'languages', open: Object.keys(m.texts || {}).length > 0 },
      el('summary', { text: `In the other kiosk languages (${languages.map(languageName).join(', ')})` }),
      el('p', { class: 'muted', text: 'Leave a language empty and its speakers see the English.' }),
      languages.map(l => fields[l].node));
    const boxes = state.wards.map(w => el('label', { class: 'check' },
      el('input', { type: 'checkbox', value: w, checked: m.wards.includes(w) }), ' ' + wardName(w)));
    const agendaItemControl = el('select', { id: 'm-item' }, el('option', { value: '', text: 'none' }),
      agenda.items.map(item => el('option', { value: String(item.id), text: item.title, selected: m.agenda_item === item.id })));
    const expires = el('input', { id: 'm-expires', type: 'date', min: today(0), max: today(366), value: m.expires_at ? lastDate(m.expires_at) : today(30) });
    const error = el('p', { class: 'error', role: 'alert', id: 'm-error' });
    const wrong = (message, control) => { error.textContent = message; if (control) control.focus(); };
    const submit = async () => {
      error.textContent = '';
      const wards = boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value);
      if (!english.area.value.trim()) return wrong('Write the message in English first: every kiosk can show it.', english.area);
      for (const [code, f] of [['en', english], ...languages.map(l => [l, fields[l]])]) {
        if ([...f.area.value].length > MESSAGE_LIMIT) {
          if (code !== 'en') translations.open = true;
          return wrong(`The ${languageName(code)} text is longer than ${MESSAGE_LIMIT} characters.`, f.area);
        }
      }
      if (!wards.length) return wrong('Choose at least one ward.', boxes[0] && boxes[0].querySelector('input'));
      if (!expires.value) return wrong('Choose the last day the kiosks show it.', expires);
      const texts = {};
      for (const l of languages) {
        const value = fields[l].area.value.trim() ? fields[l].area.value : '';
        if (value || (m.texts || {})[l]) texts[l] = value; // "" takes an old text away
      }
      const body = { text: english.area.value, texts, wards, expires_at: expires.value };
      try {
        if (editing) {
          const changed = await api('PATCH', '/api/v1/you-said-we-did/' + m.id, body);
          messages.splice(messages.findIndex(x => x.id === m.id), 1, changed);
          say('Changed: kiosks show the new text at their next config fetch');
          drawForm(null);
          drawList(changed.id);
        } else {
          if (agendaItemControl.value) body.agenda_item = Number(agendaItemControl.value);
          const made = await api('POST', '/api/v1/you-said-we-did', body);
          messages.unshift(made);
          say('Published: kiosks show it at their next config fetch');
          drawForm(null);
          drawList(made.id);
        }
      } catch (e) { wrong(e.message); }
    };
    fill('m-form', el('div', { class: 'card said-form' },
      el('h2', { id: 'm-form-title', tabindex: '-1', text: editing ? 'Change the message' : 'New message' }),
      el('div', { class: 'said-columns' },
        el('div', {}, english.node, translations,
          el('fieldset', {}, el('legend', { text: 'Show on the kiosks of' }), boxes),
          editing ? null : field('Linked agenda item', agendaItemControl),
          field('Show until (the last day it is shown)', expires)),
        el('div', {}, field('Preview in', previewLanguage),
          el('p', { class: 'muted', id: 'm-preview-label', text: 'As the kiosk’s welcome screen shows it:' }), preview)),
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'm-publish', onclick: submit, text: editing ? 'Save changes' : 'Publish to the kiosks' }),
        editing ? el('button', { type: 'button', class: 'secondary', id: 'm-cancel', text: 'Cancel', onclick: () => { drawForm(null); drawList(m.id); } }) : null),
      error));
    preview.setAttribute('aria-labelledby', 'm-preview-label');
    drawPreview();
  };

  // One card per message showing now; `focusId` gets the focus back after a change.
  const drawList = focusId => {
    const cards = messages.map(m => {
      const actions = el('div', { class: 'actions' });
      const plain = () => actions.replaceChildren(
        el('button', { type: 'button', class: 'secondary', id: `m-edit-${m.id}`, text: 'Edit', onclick: () => {
          drawForm(m);
          const title = document.getElementById('m-form-title');
          title.scrollIntoView({ block: 'start' });
          document.getElementById('m-text').focus({ preventScroll: true });
        } }),
        el('button', { type: 'button', class: 'secondary', id: `m-withdraw-${m.id}`, text: 'Withdraw', onclick: () => {
          const problem = el('p', { class: 'error', role: 'alert' });
          actions.replaceChildren(el('span', { text: 'Take it off the kiosks? It stays in the record.' }),
            el('button', { type: 'button', id: `m-withdraw-yes-${m.id}`, text: 'Withdraw it', onclick: async () => {
              try {
                await api('POST', `/api/v1/you-said-we-did/${m.id}/withdraw`, {});
                messages.splice(messages.indexOf(m), 1);
                say('Withdrawn: kiosks stop showing it at their next config fetch');
                drawList();
                document.getElementById('m-showing').focus();
              } catch (e) { problem.textContent = e.message; }
            } }),
            el('button', { type: 'button', class: 'secondary', text: 'Keep it', onclick: () => { plain(); document.getElementById(`m-withdraw-${m.id}`).focus(); } }),
            problem);
          document.getElementById(`m-withdraw-yes-${m.id}`).focus();
        } }));
      plain();
      const others = Object.keys(m.texts || {});
      return el('li', { class: 'card', id: 'msg-' + m.id },
        el('p', { class: 'comment said-text', text: m.text }),
        others.length ? el('p', { class: 'muted', text: 'Also in ' + others.map(languageName).join(', ') }) : null,
        el('p', {}, `Kiosks of ${m.wards.map(wardName).join(', ')} · shown until ${lastDay(m.expires_at)} · by ${m.created_by}`,
          m.updated_by ? ` · changed by ${m.updated_by} ${localTime(m.updated_at)}` : ''),
        actions);
    });
    fill('messages', cards.length ? el('ul', { class: 'said-list' }, cards) : el('p', { text: 'No messages are showing.' }));
    const focus = focusId && document.getElementById(`m-edit-${focusId}`);
    if (focus) focus.focus();
  };
  drawForm(null);
  drawList();
}

// ---------------------------------------------------------------- fleet and audit

async function kiosksView() {
  view(el('h1', { text: 'Kiosks' }), el('div', { id: 'fleet' }, el('p', { class: 'muted', text: 'Loading…' })));
  const data = await api('GET', '/api/v1/kiosks');
  fill('fleet', el('table', {},
    el('thead', {}, el('tr', {}, ['Kiosk', 'Ward', 'Name', 'Enrolled', 'Last contact', 'Queue', 'Version', 'State'].map(h => el('th', { text: h })))),
    el('tbody', {}, data.kiosks.map(k => el('tr', { class: k.offline ? 'offline' : '' },
      el('td', { text: k.kiosk_id }), el('td', { text: wardName(k.ward) }), el('td', { text: k.name }),
      el('td', { text: localTime(k.created_at) }),
      el('td', { text: k.last_seen_at ? localTime(k.last_seen_at) : 'never' }),
      el('td', { class: 'num', text: shown(k.queue_depth) }), el('td', { text: k.version || '–' }),
      el('td', { text: k.revoked ? 'revoked' : k.offline ? 'OFFLINE' : 'online' }))))));
}

// People who offered, at a kiosk, to join the patient and carer panel: chairs and admins only.
// Each contact is opened for this answer alone (and audited); it is never linked to feedback.
const VOLUNTEER_STATUSES = ['new', 'contacted', 'joined', 'declined'];

async function volunteersView() {
  view(el('h1', { text: 'Panel volunteers' }),
    el('p', { class: 'muted', text: 'People who offered at a kiosk to join the patient and carer panel. ' +
      'Their details were sealed on the kiosk and are never linked to what they said. Viewing them is recorded in the audit log.' }),
    el('div', { id: 'volunteers' }, el('p', { class: 'muted', text: 'Loading…' })));
  const data = await api('GET', '/api/v1/panel-volunteers');
  const rows = data.volunteers.map(v => {
    const status = el('select', { id: 'vs-' + v.id, 'aria-label': 'Status of ' + v.name,
      onchange: async () => {
        try {
          await api('POST', '/api/v1/panel-volunteers/' + v.id, { status: status.value });
          say(`${v.name}: ${status.value}`);
        } catch (e) { say('Not changed: ' + e.message); status.value = v.status; }
      } }, VOLUNTEER_STATUSES.map(s => el('option', { value: s, text: s, selected: s === v.status })));
    const remove = el('button', { type: 'button', class: 'secondary', text: 'Delete',
      'aria-label': 'Delete ' + v.name + ' for good',
      onclick: async () => {
        if (!confirm(`Delete ${v.name}'s details for good? Do this when they ask.`)) return;
        try {
          await api('DELETE', '/api/v1/panel-volunteers/' + v.id);
          say('Deleted');
          volunteersView();
        } catch (e) { say('Not deleted: ' + e.message); }
      } });
    return el('tr', {}, el('td', { text: v.day }), el('td', { text: wardName(v.ward) }), el('td', { text: v.name }),
      el('td', { text: v.contact }), el('td', { text: v.best_time || '–' }), el('td', {}, status), el('td', {}, remove));
  });
  fill('volunteers', rows.length ? el('table', { id: 'volunteer-table' },
    el('thead', {}, el('tr', {}, ['Offered on', 'Ward', 'Name', 'Phone or e-mail', 'Best time', 'Status', 'Delete'].map(h => el('th', { text: h })))),
    el('tbody', {}, rows)) : el('p', { id: 'no-volunteers', text: 'No one has offered to join yet.' }),
  el('p', { class: 'muted', text: `Records are deleted automatically after ${data.retention_days} days.` }));
}

async function auditView() {
  view(el('h1', { text: 'Audit log' }), el('div', { id: 'audit' }));
  const data = await api('GET', '/api/v1/audit?limit=500');
  fill('audit', el('table', {},
    el('thead', {}, el('tr', {}, ['When', 'Who', 'What', 'Detail'].map(h => el('th', { text: h })))),
    el('tbody', {}, data.entries.map(e => el('tr', {}, el('td', { text: e.at.replace('T', ' ').slice(0, 19) }),
      el('td', { text: e.user }), el('td', { text: e.action }), el('td', { class: 'comment', text: e.detail }))))));
}


// ---------------------------------------------------------------- safeguarding alerts

const CONCERNS = { self_harm: 'Self-harm or suicide risk', harm_abuse: 'Harm or abuse',
  neglect_unsafe: 'Neglect or unsafe care', complaint_intent: 'Intends to complain' };
const ALERT_STATUSES = [['', 'Not resolved'], ['open', 'Open'], ['acknowledged', 'Acknowledged'], ['resolved', 'Resolved'], ['all', 'All']];

const when = t => (t || '').replace('T', ' ').slice(0, 16);

function alertRow(a) {
  const open = () => go('alert', { id: a.id });
  return el('tr', { class: 'theme alert-' + a.status, tabindex: '0', onclick: open,
    onkeydown: e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } } },
    el('td', {}, el('a', { href: '#/alert?' + query({ id: a.id }), text: CONCERNS[a.class] || a.class })),
    el('td', { text: wardName(a.ward) }), el('td', { text: when(a.created_at) }),
    el('td', { class: 'alert-status', text: a.status + (a.false_alarm ? ' (false alarm)' : '') }),
    el('td', { class: 'comment hide-narrow', text: a.reason }));
}

function alertTable(alerts) {
  return el('table', {},
    el('thead', {}, el('tr', {}, ['Concern', 'Ward', 'Raised', 'Status'].map(h => el('th', { text: h })),
      el('th', { class: 'hide-narrow', text: 'Why it was flagged' }))),
    el('tbody', {}, alerts.map(alertRow)));
}

function alertsCard(alerts) {
  const open = alerts.filter(a => a.status === 'open').length;
  return el('div', { class: 'card alerts-card', role: 'region', 'aria-label': 'Safeguarding alerts' },
    el('h2', { text: `${alerts.length} safeguarding ${alerts.length === 1 ? 'alert needs' : 'alerts need'} a person` +
      (open ? ` (${open} not yet acknowledged)` : '') }),
    alertTable(alerts));
}

async function refreshAlertCount() {
  const badge = document.getElementById('alert-count');
  if (!handlesAlerts()) { badge.hidden = true; return; }
  try {
    const data = await api('GET', '/api/v1/alerts/count');
    badge.textContent = String(data.open);
    badge.hidden = data.open === 0;
    badge.setAttribute('aria-label', `${data.open} open alerts`);
  } catch (e) { /* shown again at the next page */ }
}

async function alertsView(params) {
  const status = params.get('status') || '';
  const ward = params.get('ward') || '';
  const statusControl = options('a-status', ALERT_STATUSES, status);
  const wardControl = wardSelect('a-ward', ward, true);
  const apply = () => go('alerts', { status: statusControl.value, ward: wardControl.value });
  view(el('h1', { text: 'Safeguarding alerts' }),
    el('div', { class: 'card filters' }, field('Status', statusControl), field('Ward', wardControl),
      el('div', {}, el('button', { type: 'button', onclick: apply, text: 'Show' })),
      state.user.role === 'admin' ? el('div', {}, el('a', { href: '/api/v1/alerts/false-alarms?format=csv', text: 'Export false alarms (CSV)' })) : null),
    el('div', { id: 'alerts' }, el('p', { class: 'muted', text: 'Loading…' })));
  const data = await api('GET', '/api/v1/alerts?' + query({ ward, status: status === 'all' ? '' : status }));
  const list = status ? data.alerts : data.alerts.filter(a => a.status !== 'resolved');
  fill('alerts', list.length ? alertTable(list) : el('p', { text: 'No alerts here.' }),
    typeof data.pending_deliveries === 'number' && data.pending_deliveries > 0
      ? el('p', { class: 'error', text: `${data.pending_deliveries} alert messages are waiting to be delivered (the mail relay or a webhook is not answering).` })
      : null);
}

async function alertView(params) {
  const id = params.get('id');
  view(el('p', {}, el('a', { href: '#/alerts', text: '← All alerts' })), el('div', { id: 'alert' }, el('p', { class: 'muted', text: 'Loading…' })));
  drawAlert(await api('GET', '/api/v1/alerts/' + encodeURIComponent(id)));
}

// Draws an alert; after a change it is drawn again from the answer (not opened again).
function drawAlert(a) {
  const note = el('textarea', { id: 'al-note', rows: 3, maxlength: 2000, placeholder: 'What was done, e.g. “Datix 12345 raised, family called”' });
  const falseAlarm = el('input', { id: 'al-false', type: 'checkbox' });
  const act = async status => {
    if (status === 'resolved' && !note.value.trim()) {
      fill('al-error', 'Say what was done before resolving the alert.');
      note.focus();
      return;
    }
    try {
      const changed = await api('POST', '/api/v1/alerts/' + a.id, { status, note: note.value, false_alarm: falseAlarm.checked });
      say(status === 'resolved' ? 'Alert resolved' : 'Alert acknowledged');
      refreshAlertCount();
      drawAlert(changed);
    } catch (e) { fill('al-error', e.message); }
  };
  const actions = a.status === 'resolved' ? el('p', { text: 'Resolved' + (a.false_alarm ? ' as a false alarm.' : '.') }) : el('div', { class: 'card' },
    el('label', { for: 'al-note', text: 'Note (needed to resolve)' }), note,
    el('label', { class: 'check', for: 'al-false' }, falseAlarm, 'This was a false alarm (the screen was wrong)'),
    el('div', { class: 'actions' },
      a.status === 'open' ? el('button', { type: 'button', id: 'al-ack', onclick: () => act('acknowledged'), text: 'Acknowledge: I am dealing with it' }) : null,
      el('button', { type: 'button', id: 'al-resolve', class: a.status === 'open' ? 'secondary' : '', onclick: () => act('resolved'), text: 'Resolve' })),
    el('p', { class: 'error', id: 'al-error', role: 'alert' }));
  fill('alert',
    el('h1', { text: (CONCERNS[a.class] || a.class) + ' – ' + wardName(a.ward) }),
    el('p', {}, el('span', { class: 'pill', text: a.status }), ' raised ', when(a.created_at),
      a.sent ? '' : ' (found by re-screening stored feedback: not sent)'),
    el('h2', { text: 'The comment' }),
    el('div', { class: 'alert-comment', text: a.comment }),
    el('p', { class: 'muted', text: `Rating ${shown(a.rating)} · topic ${(a.topic || '').replace('_', ' ')} · language ${a.language} · left ${when(a.submitted_at)}` }),
    el('h2', { text: 'Why it was flagged' }),
    el('p', { class: 'comment', text: a.reason }),
    actions,
    el('h2', { text: 'History' }),
    el('ol', { class: 'history' }, a.history.map(h => el('li', {}, el('strong', { text: when(h.at) + ' ' + h.action.replace(/_/g, ' ') }),
      ' by ' + h.actor + (h.note ? ': ' : ''), h.note ? el('span', { class: 'comment', text: h.note }) : null))));
}

// ---------------------------------------------------------------- routing

const VIEWS = { ward: wardView, theme: themeView, trust: trustView, agenda: agendaView, said: saidView, kiosks: kiosksView, audit: auditView, volunteers: volunteersView,
  alerts: alertsView, alert: alertView, complex: complexView, corrections: correctionsView, meeting: meetingView, comments: commentsView };


async function render() {
  if (!state.user) return;
  const mine = ++generation;
  const { name, params } = routeParams();
  for (const link of document.querySelectorAll('[data-nav]')) {
    const section = name === 'theme' || name === 'comments' ? 'ward' : name === 'alert' ? 'alerts' : name === 'meeting' ? 'agenda' : name;
    if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  refreshAlertCount();
  if (isPanelMember() && name !== 'agenda' && name !== 'meeting') {
    go('agenda'); // the one part of the dashboard that is theirs
    return;
  }
  try {
    await (VIEWS[name] || wardView)(params);
    document.getElementById('main').focus({ preventScroll: true });
  } catch (e) {
    // a refused or failed view is a page of its own, with a way back
    if (state.user && mine === generation) {
      view(el('h1', { text: 'This page cannot be shown' }), el('p', { class: 'error', role: 'alert', text: e.message }),
        el('p', {}, el('a', { href: '#/ward', text: 'Back to your ward' })));
    }
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  document.getElementById('login-form').addEventListener('submit', signIn);
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api('POST', '/api/v1/logout', {}); } catch (e) { /* already signed out */ }
    showLogin();
  });
  window.addEventListener('hashchange', render);
  try {
    const me = await fetch('/api/v1/me', { credentials: 'same-origin' });
    if (me.ok) {
      await start(await me.json());
      return;
    }
  } catch (e) { /* not signed in */ }
  showLogin();
});
