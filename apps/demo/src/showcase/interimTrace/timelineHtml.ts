/**
 * INTERIM (until `@aio/trace` exports `Recorder.toHtml()`): a Chrome trace drawn as
 * one self-contained HTML page — no network, no external script — with a row per
 * task, its steps and waits as bars, the wake-up arrows, and cancel marks.
 *
 * @module
 */

import type { ChromeTrace } from './recorder';

/**
 * The page. The trace is embedded as JSON; an inline script draws it as SVG when
 * the page loads (hover a bar for its name and times).
 *
 * @example
 * ```ts
 * writeFileSync('timeline.html', interimTimelineHtml(recorder.toChromeTrace(), 'crawl'));
 * ```
 */
export function interimTimelineHtml(trace: ChromeTrace, title: string): string {
  // `<` escaped so that no string in the trace can close the script element.
  const data = JSON.stringify(trace).replace(/</g, '\\u003c');
  const safeTitle = title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${safeTitle}</title>
<style>
  body { font: 12px system-ui, sans-serif; margin: 16px; color: #222; }
  h1 { font-size: 16px; margin: 0 0 4px; }
  p { margin: 0 0 8px; color: #555; }
  svg { display: block; }
  .label { font: 11px ui-monospace, monospace; }
  .step { fill: #1f5fbf; }
  .wait { fill: #c9daf5; }
  .flow { stroke: #e08a00; stroke-width: 1; fill: none; opacity: 0.7; }
  .cancel { fill: #d11; }
  .axis { stroke: #bbb; }
  .tick { font: 10px system-ui, sans-serif; fill: #777; }
</style>
</head>
<body>
<h1>${safeTitle}</h1>
<p>One row per task (loop time). Dark: a step running; light: waiting (hover for what on);
orange arrows: a step that started or woke another task; red: a cancel request.
<label>zoom <input id="zoom" type="range" min="1" max="20" value="1"></label></p>
<div id="timeline"></div>
<script type="application/json" id="trace">${data}</script>
<script>
(function () {
  var trace = JSON.parse(document.getElementById('trace').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var names = {}, rows = [], t0 = Infinity, t1 = -Infinity;
  trace.traceEvents.forEach(function (e) {
    if (e.ph === 'M' && e.name === 'thread_name') { names[e.tid] = e.args.name; rows.push(e.tid); }
    if (e.ph !== 'M') { t0 = Math.min(t0, e.ts); t1 = Math.max(t1, e.ts + (e.dur || 0)); }
  });
  if (!isFinite(t0)) { t0 = 0; t1 = 1; }
  var rowOf = {}; rows.forEach(function (tid, i) { rowOf[tid] = i; });
  var LABEL = 200, ROW = 16, TOP = 20;
  function el(name, attrs, text) {
    var n = document.createElementNS(NS, name);
    for (var k in attrs) n.setAttribute(k, attrs[k]);
    if (text !== undefined) n.textContent = text;
    return n;
  }
  function ms(us) { return (us / 1000).toFixed(3) + ' ms'; }
  function draw(zoom) {
    var width = Math.max(600, (document.body.clientWidth - LABEL - 40) * zoom);
    var scale = width / Math.max(t1 - t0, 1);
    var x = function (ts) { return LABEL + (ts - t0) * scale; };
    var y = function (tid) { return TOP + rowOf[tid] * ROW; };
    var svg = el('svg', { width: LABEL + width + 20, height: TOP + rows.length * ROW + 10 });
    for (var i = 0; i <= 10; i++) {
      var ts = t0 + ((t1 - t0) * i) / 10;
      svg.appendChild(el('line', { x1: x(ts), x2: x(ts), y1: TOP - 4, y2: TOP + rows.length * ROW, class: 'axis' }));
      svg.appendChild(el('text', { x: x(ts) + 2, y: 12, class: 'tick' }, ((ts - t0) / 1000).toFixed(1) + ' ms'));
    }
    rows.forEach(function (tid) {
      var g = el('g', { 'data-track': names[tid] });
      g.appendChild(el('text', { x: 4, y: y(tid) + 11, class: 'label' }, names[tid]));
      svg.appendChild(g);
    });
    var starts = {};
    trace.traceEvents.forEach(function (e) {
      if (rowOf[e.tid] === undefined) return;
      if (e.ph === 'X') {
        var r = el('rect', { x: x(e.ts), y: y(e.tid) + (e.cat === 'step' ? 2 : 5), height: e.cat === 'step' ? 12 : 6,
          width: Math.max(e.dur * scale, 1), class: e.cat === 'step' ? 'step' : 'wait' });
        r.appendChild(el('title', {}, names[e.tid] + ': ' + e.name + ' at ' + ms(e.ts - t0) + ' for ' + ms(e.dur)));
        svg.appendChild(r);
      } else if (e.ph === 's') {
        starts[e.id] = e;
      } else if (e.ph === 'f' && starts[e.id]) {
        var s = starts[e.id];
        svg.appendChild(el('path', { class: 'flow', 'marker-end': 'url(#arrow)',
          d: 'M' + x(s.ts) + ' ' + (y(s.tid) + 8) + ' L' + x(e.ts) + ' ' + (y(e.tid) + 8) }));
      } else if (e.ph === 'i') {
        var c = el('rect', { x: x(e.ts) - 1.5, y: y(e.tid) + 1, width: 3, height: 14, class: 'cancel' });
        c.appendChild(el('title', {}, 'cancel ' + names[e.tid] + ' by ' + e.args.by + (e.args.message ? ': ' + e.args.message : '')));
        svg.appendChild(c);
      }
    });
    var defs = el('defs', {});
    var marker = el('marker', { id: 'arrow', viewBox: '0 0 6 6', refX: 6, refY: 3, markerWidth: 6, markerHeight: 6, orient: 'auto' });
    marker.appendChild(el('path', { d: 'M0,0 L6,3 L0,6 z', fill: '#e08a00' }));
    defs.appendChild(marker);
    svg.insertBefore(defs, svg.firstChild);
    var box = document.getElementById('timeline');
    box.replaceChildren(svg);
    box.setAttribute('data-rendered', String(rows.length));
  }
  var zoom = document.getElementById('zoom');
  zoom.addEventListener('input', function () { draw(Number(zoom.value)); });
  draw(1);
})();
</script>
</body>
</html>
`;
}
