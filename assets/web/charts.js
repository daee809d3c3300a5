// WardVoice charts: statistical process control ("Making Data Count") and weekly bars, drawn as
// inline SVG, each with its numbers as a table for screen readers. No library, no build step.
// The arithmetic (spc) needs no page, so that tests can run it on its own.
'use strict';

const WVCharts = (() => {
  const RUN = 6; // points in a row on one side of the mean, or rising or falling

  // XmR chart of `values` (numbers, or null for a month not shown): the mean, the process
  // limits (mean ± 2.66 × the mean moving range), and the special-cause points by the NHS rules,
  // higher being better. Each point: { value, cause: 'improvement' | 'concern' | null, rule }.
  function spc(values, labels) {
    const shown = values.map((v, i) => ({ v, i })).filter(p => typeof p.v === 'number');
    const points = values.map(v => ({ value: typeof v === 'number' ? v : null, cause: null, rule: null }));
    if (shown.length < 2) {
      return { mean: null, ucl: null, lcl: null, points, summary: 'Too few months with enough answers to show a trend yet.' };
    }
    const mean = shown.reduce((s, p) => s + p.v, 0) / shown.length;
    let mr = 0;
    for (let k = 1; k < shown.length; k += 1) mr += Math.abs(shown[k].v - shown[k - 1].v);
    const mrBar = mr / (shown.length - 1);
    const ucl = mean + 2.66 * mrBar;
    const lcl = mean - 2.66 * mrBar;
    const twoSigma = (2 / 3) * 2.66 * mrBar;
    const mark = (i, up, rule) => {
      const p = points[i];
      // a limit outside says more than a run or a trend
      if (p.cause && p.rule === 'outside the limits') return;
      p.cause = up ? 'improvement' : 'concern';
      p.rule = rule;
    };
    const runs = (test, rule, up) => {
      let start = 0;
      for (let k = 0; k <= shown.length; k += 1) {
        if (k < shown.length && test(k)) continue;
        if (k - start >= RUN) for (let j = start; j < k; j += 1) mark(shown[j].i, up, rule);
        start = k + 1;
      }
    };
    runs(k => shown[k].v > mean, `${RUN} or more months above the average`, true);
    runs(k => shown[k].v < mean, `${RUN} or more months below the average`, false);
    // a trend counts its points: RUN points, each higher (lower) than the one before
    const trend = (up) => {
      let start = 0;
      for (let k = 1; k <= shown.length; k += 1) {
        const going = k < shown.length && (up ? shown[k].v > shown[k - 1].v : shown[k].v < shown[k - 1].v);
        if (going) continue;
        if (k - start >= RUN) for (let j = start; j < k; j += 1) mark(shown[j].i, up, `${RUN} or more months ${up ? 'rising' : 'falling'}`);
        start = k;
      }
    };
    trend(true);
    trend(false);
    for (let k = 0; k + 2 < shown.length; k += 1) {
      for (const up of [true, false]) {
        const near = [k, k + 1, k + 2].filter(j => (up ? shown[j].v > mean + twoSigma : shown[j].v < mean - twoSigma));
        if (near.length >= 2) for (const j of near) mark(shown[j].i, up, '2 of 3 months near a limit');
      }
    }
    for (const p of shown) {
      if (p.v > ucl || p.v < lcl) {
        points[p.i].cause = p.v > ucl ? 'improvement' : 'concern';
        points[p.i].rule = 'outside the limits';
      }
    }
    return { mean, ucl, lcl, points, summary: summarise(points, labels || [], mean) };
  }

  const monthWords = m => {
    const d = new Date(m + '-01T12:00:00Z');
    return Number.isNaN(d.getTime()) ? m : d.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  };

  // In words: the newest special cause, since when, and why; else that nothing changed.
  function summarise(points, labels, mean) {
    let last = -1;
    for (let i = points.length - 1; i >= 0; i -= 1) {
      if (points[i].cause) { last = i; break; }
    }
    const average = `${Math.round(mean)}%`;
    if (last < 0) return `No sign of change: the months vary around ${average} within the expected range.`;
    const cause = points[last].cause;
    let first = last;
    while (first > 0 && (points[first - 1].cause === cause || points[first - 1].value === null)) first -= 1;
    while (points[first].value === null) first += 1;
    const since = labels[first] ? monthWords(labels[first]) : 'recently';
    const recent = last >= points.length - 3;
    const word = cause === 'improvement' ? 'Improving' : 'Getting worse';
    if (first === last && !recent) {
      return `${cause === 'improvement' ? 'Better' : 'Worse'} than usual in ${since} (${points[last].rule}); since then, no sign of change.`;
    }
    return recent
      ? `${word} since ${since} (${points[last].rule}; average ${average}).`
      : `${word} from ${since} to ${labels[last] ? monthWords(labels[last]) : 'later'} (${points[last].rule}); since then, no sign of change.`;
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function node(tag, attrs, text) {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
    if (text !== undefined) n.textContent = text;
    return n;
  }
  const COLOURS = { improvement: '#005eb8', concern: '#ed8b00', null: '#768692' };

  // An XmR chart: the months as points joined by a line, the mean solid, the limits dashed,
  // special causes coloured (blue better, orange worse); `small` for small multiples.
  function spcSvg(labels, values, result, options) {
    const small = options && options.small;
    const w = small ? 220 : 720;
    const h = small ? 90 : 260;
    const pad = small ? { l: 24, r: 6, t: 8, b: 16 } : { l: 44, r: 16, t: 16, b: 40 };
    const nums = values.filter(v => typeof v === 'number');
    const top = Math.min(100, Math.max(...nums, result.ucl || 0) + 5);
    const bottom = Math.max(0, Math.min(...nums, result.lcl === null ? 100 : result.lcl) - 5);
    const x = i => pad.l + (i * (w - pad.l - pad.r)) / Math.max(1, labels.length - 1);
    const y = v => pad.t + ((top - v) * (h - pad.t - pad.b)) / Math.max(1, top - bottom);
    const svg = node('svg', { viewBox: `0 0 ${w} ${h}`, width: w, height: h, class: small ? 'spc small' : 'spc', role: 'img',
      'aria-label': (options && options.title ? options.title + ': ' : '') + result.summary });
    svg.append(node('title', {}, (options && options.title ? options.title + '. ' : '') + result.summary));
    // axes
    svg.append(node('line', { x1: pad.l, y1: h - pad.b, x2: w - pad.r, y2: h - pad.b, stroke: '#425563' }));
    svg.append(node('line', { x1: pad.l, y1: pad.t, x2: pad.l, y2: h - pad.b, stroke: '#425563' }));
    for (const v of [bottom, (top + bottom) / 2, top]) {
      svg.append(node('text', { x: pad.l - 4, y: y(v) + 4, 'text-anchor': 'end', 'font-size': small ? 9 : 12, fill: '#425563' }, `${Math.round(v)}%`));
    }
    const every = small ? Math.max(1, Math.ceil(labels.length / 3)) : Math.max(1, Math.ceil(labels.length / 8));
    labels.forEach((m, i) => {
      // every few months, counted back from the newest so that it is always labelled
      if ((labels.length - 1 - i) % every !== 0) return;
      const d = new Date(m + '-01T12:00:00Z');
      const short = Number.isNaN(d.getTime()) ? m : d.toLocaleString('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
      svg.append(node('text', { x: x(i), y: h - pad.b + (small ? 11 : 16), 'text-anchor': i === labels.length - 1 ? 'end' : 'middle',
        'font-size': small ? 9 : 12, fill: '#425563' }, small ? m.slice(2) : short));
    });
    if (result.mean !== null) {
      const line = (v, dash, label) => {
        svg.append(node('line', { x1: pad.l, y1: y(v), x2: w - pad.r, y2: y(v), stroke: '#231f20', 'stroke-dasharray': dash || '', 'stroke-width': 1 }));
        if (!small) svg.append(node('text', { x: w - pad.r, y: y(v) - 3, 'text-anchor': 'end', 'font-size': 11, fill: '#231f20' }, label));
      };
      line(result.mean, '', `average ${Math.round(result.mean)}%`);
      if (result.ucl <= 100) line(result.ucl, '5 4', 'upper limit');
      if (result.lcl >= 0) line(result.lcl, '5 4', 'lower limit');
    }
    // the line breaks at a month not shown
    let path = '';
    values.forEach((v, i) => {
      if (typeof v !== 'number') { path += ' '; return; }
      path += (path === '' || path.endsWith(' ') ? 'M' : 'L') + `${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    });
    svg.append(node('path', { d: path.trim().replace(/ +/g, ' '), fill: 'none', stroke: '#768692', 'stroke-width': small ? 1.5 : 2 }));
    values.forEach((v, i) => {
      if (typeof v !== 'number') return;
      const p = result.points[i];
      svg.append(node('circle', { cx: x(i), cy: y(v), r: small ? 2.5 : 4.5, fill: COLOURS[p.cause], class: 'cause-' + (p.cause || 'common') }));
    });
    return svg;
  }

  // Weekly bars: a week under 5 is drawn as a mark, never as a height or a number.
  function barsSvg(weeks, options) {
    const w = 720;
    const h = 200;
    const pad = { l: 36, r: 8, t: 12, b: 36 };
    const nums = weeks.map(k => (typeof k.comments === 'number' ? k.comments : 0));
    const max = Math.max(5, ...nums);
    const bw = (w - pad.l - pad.r) / Math.max(1, weeks.length);
    const svg = node('svg', { viewBox: `0 0 ${w} ${h}`, width: w, height: h, class: 'bars', role: 'img',
      'aria-label': (options && options.title) || 'comments per week' });
    svg.append(node('line', { x1: pad.l, y1: h - pad.b, x2: w - pad.r, y2: h - pad.b, stroke: '#425563' }));
    for (const v of [0, Math.round(max / 2), max]) {
      const yy = h - pad.b - (v / max) * (h - pad.t - pad.b);
      svg.append(node('text', { x: pad.l - 4, y: yy + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#425563' }, String(v)));
    }
    weeks.forEach((k, i) => {
      const x0 = pad.l + i * bw + 1;
      if (typeof k.comments === 'number') {
        const bh = (k.comments / max) * (h - pad.t - pad.b);
        svg.append(node('rect', { x: x0, y: h - pad.b - bh, width: Math.max(1, bw - 2), height: bh, fill: '#005eb8' }));
      } else {
        // suppressed: a hatched stub with a "<5" label
        svg.append(node('rect', { x: x0, y: h - pad.b - 6, width: Math.max(1, bw - 2), height: 6, fill: '#d8dde0', class: 'suppressed' }));
        svg.append(node('text', { x: x0 + bw / 2, y: h - pad.b - 9, 'text-anchor': 'middle', 'font-size': 9, fill: '#425563' }, '<5'));
      }
      if (i % Math.max(1, Math.ceil(weeks.length / 8)) === 0) {
        svg.append(node('text', { x: x0 + bw / 2, y: h - pad.b + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#425563' }, k.week_from.slice(5)));
      }
    });
    return svg;
  }

  return { spc, summarise, spcSvg, barsSvg, RUN };
})();

if (typeof module !== 'undefined') module.exports = WVCharts;
