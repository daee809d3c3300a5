// The dashboard's SPC arithmetic (assets/web/charts.js) on series whose answer is known: the
// NHS "Making Data Count" rules for special-cause variation, higher being better.
import { createRequire } from 'node:module';
import { strict as assert } from 'node:assert';
import path from 'node:path';

const require = createRequire(import.meta.url);
const charts = require(path.resolve(process.argv[2]));
let failures = 0;
function check(name, body) {
  try {
    body();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures += 1;
    console.log(`FAIL ${name}: ${e.stack || e}`);
  }
}

const months = n => Array.from({ length: n }, (_, i) => `20${25 + Math.floor(i / 12)}-${String(1 + (i % 12)).padStart(2, '0')}`);
const causes = r => r.points.map(p => p.cause);
// common-cause noise around 80: no rule fires
const noise = [80, 82, 79, 81, 80, 83, 78, 81, 80, 82, 79, 80, 81, 79, 82, 80, 81, 78, 80, 82, 79, 81, 80, 80];

check('common-cause variation says no change', () => {
  const r = charts.spc(noise, months(24));
  assert.ok(Math.abs(r.mean - 80.3) < 0.2, `mean ${r.mean}`);
  assert.ok(r.ucl > 83 && r.lcl < 78, `limits ${r.lcl} ${r.ucl}`);
  assert.deepEqual(causes(r).filter(Boolean), []);
  assert.match(r.summary, /^No sign of change: the months vary around 80%/);
});

check('a month outside the limits is special cause, coloured by direction', () => {
  const low = [...noise];
  low[22] = 60;
  const r = charts.spc(low, months(24));
  assert.equal(r.points[22].cause, 'concern');
  assert.equal(r.points[22].rule, 'outside the limits');
  assert.equal(causes(r).filter(Boolean).length, 1);
  assert.match(r.summary, /^Getting worse since November 2026 \(outside the limits/);
  const high = [...noise];
  high[8] = 99;
  const h = charts.spc(high, months(24));
  assert.equal(h.points[8].cause, 'improvement');
  assert.match(h.summary, /^Better than usual in September 2025 \(outside the limits\); since then, no sign of change/);
});

check('six months above the average at the end: improving since the first of them', () => {
  const up = [...noise.slice(0, 18), 84, 85, 84, 86, 85, 84];
  const r = charts.spc(up, months(24));
  for (let i = 18; i < 24; i += 1) assert.equal(r.points[i].cause, 'improvement', `month ${i}`);
  assert.match(r.summary, /^Improving since July 2026/);
});

check('five months on one side are not enough', () => {
  const up = [...noise.slice(0, 19), 82.5, 82.6, 82.4, 82.5, 82.6];
  const r = charts.spc(up, months(24));
  assert.ok(!r.points.slice(19).some(p => p.rule && p.rule.includes('above the average')), JSON.stringify(r.points.slice(19)));
});

check('six months rising in a row is a trend', () => {
  const rising = [...noise.slice(0, 16), 76, 77, 78, 79, 80, 81, 80, 80];
  const r = charts.spc(rising, months(24));
  for (let i = 16; i < 22; i += 1) assert.match(r.points[i].rule || '', /rising|outside/, `month ${i}`);
  assert.equal(r.points[22].rule, null);
});

check('two of three months near the lower limit', () => {
  const near = 74; // beyond two sigma of the series it makes, inside its lower limit
  const dips = [...noise];
  dips[10] = near;
  dips[12] = near;
  const r = charts.spc(dips, months(24));
  assert.equal(r.points[10].cause, 'concern');
  assert.equal(r.points[12].cause, 'concern');
  assert.equal(r.points[10].rule, '2 of 3 months near a limit', `limits ${r.lcl} ${r.ucl}`);
  assert.ok(near > r.lcl);
});

check('months not shown (fewer than 5 answers) are gaps, not zeros', () => {
  const gaps = [...noise];
  gaps[3] = null;
  gaps[4] = null;
  const r = charts.spc(gaps, months(24));
  assert.equal(r.points[3].value, null);
  assert.equal(r.points[3].cause, null);
  assert.ok(Math.abs(r.mean - 80.3) < 0.3);
  const few = charts.spc([null, 90, null], months(3));
  assert.equal(few.mean, null);
  assert.match(few.summary, /Too few months/);
});

if (failures) {
  console.log(`${failures} failed`);
  process.exit(1);
}
