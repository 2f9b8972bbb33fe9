/**
 * The page `Recorder.toHtml()` returns: the trace's JSON and the viewer (viewer.ts) in
 * one file, with a Content-Security-Policy that allows no network at all.
 *
 * @internal
 * @module
 */

import type { ChromeTrace, HtmlOptions, TraceEvent } from './traceTypes';
import { show } from './show';
import { viewer } from './viewer';

const STYLE = `
body{margin:0;font:13px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d2330;background:#fff}
header{display:flex;gap:12px;align-items:center;padding:8px 12px;border-bottom:1px solid #dde1e8;background:#f3f5f8}
header h1{font-size:15px;margin:0;font-weight:600}
header .summary{color:#556;flex:1}
header button{font:inherit;padding:3px 10px;border:1px solid #b8c0cc;border-radius:4px;background:#fff;cursor:pointer}
header .legend span{display:inline-block;margin-left:10px}
header .legend i{display:inline-block;width:18px;height:3px;vertical-align:middle;margin-right:4px}
#view{position:absolute;top:46px;left:0;right:0;bottom:0;overflow-y:auto;overflow-x:hidden}
svg{display:block;user-select:none}
svg text{font-size:12px;fill:#1d2330}
svg text.tick{fill:#556;font-size:11px}
svg .slice:hover{stroke:#000;stroke-width:1}
svg .flow:hover{stroke-width:3}
#tip{position:fixed;display:none;pointer-events:none;white-space:pre;background:#1d2330;color:#fff;padding:6px 8px;border-radius:4px;font-size:12px;max-width:520px;overflow:hidden;z-index:2}
`;

/** `<` written as `\u003c`, so that the JSON can never close its `<script>`. */
function scriptSafe(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * `order` when the steps take no loop time (a virtual clock: the recorder spaces them by
 * a nanosecond or two), `time` otherwise.
 */
function autoAxis(ev: readonly TraceEvent[]): 'time' | 'order' {
  const durs = ev.filter((e) => e.ph === 'X' && e.tid !== 0).map((e) => e.dur as number);
  if (durs.length === 0) return 'time';
  durs.sort((a, b) => a - b);
  return (durs[durs.length >> 1] as number) < 0.01 ? 'order' : 'time';
}

/** @internal The page for `trace` (see the module comment). */
export function renderHtml(trace: ChromeTrace, opts?: HtmlOptions): string {
  const title = opts?.title ?? 'aio trace';
  if (typeof title !== 'string') {
    throw new TypeError(`toHtml(): title must be a string, got ${show(title)}`);
  }
  const wanted = opts?.axis ?? 'auto';
  if (wanted !== 'time' && wanted !== 'order' && wanted !== 'auto') {
    throw new TypeError(`toHtml(): axis must be 'time', 'order' or 'auto', got ${show(wanted)}`);
  }
  const ev = trace.traceEvents;
  const axis = wanted === 'auto' ? autoAxis(ev) : wanted;
  const tasks = ev.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.tid !== 0).length;
  const steps = ev.filter((e) => e.ph === 'X' && e.tid !== 0).length;
  const arrows = ev.filter((e) => e.ph === 's').length;
  const summary = `${tasks} task${tasks === 1 ? '' : 's'}, ${steps} step${steps === 1 ? '' : 's'}, ${arrows} arrow${arrows === 1 ? '' : 's'} · wheel: zoom · drag: pan · hover: details`;
  const data = scriptSafe(JSON.stringify(ev));
  const options = scriptSafe(JSON.stringify({ axis }));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<span class="summary">${escapeHtml(summary)}</span>
<span class="legend"><span><i style="background:#3b6fd8"></i>woke</span><span><i style="background:#2e9d53"></i>created</span><span><i style="background:#d33"></i>cancel</span></span>
<button id="axis" type="button">axis</button>
<button id="zoom-out" type="button" title="zoom out">−</button>
<button id="zoom-in" type="button" title="zoom in">+</button>
<button id="fit" type="button">fit</button>
</header>
<div id="view"><svg id="timeline" xmlns="http://www.w3.org/2000/svg"></svg></div>
<div id="tip"></div>
<script type="application/json" id="aio-trace">${data}</script>
<script>
// Some TypeScript runners wrap functions in esbuild's \`__name\` helper (keepNames).
var __name = function (f) { return f; };
(${String(viewer)})(JSON.parse(document.getElementById('aio-trace').textContent), ${options});
</script>
</body>
</html>
`;
}
