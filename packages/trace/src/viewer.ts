/**
 * The timeline viewer that `Recorder.toHtml()` puts in its page. It runs in the browser:
 * `viewer` is embedded as source text (`String(viewer)`), so it must use nothing but its
 * arguments and the browser's globals — no imports, no helpers from this package.
 *
 * It draws an SVG: one row per track, the steps as boxes, the flows as arrows from the
 * step that woke (or created) a task to the step it woke, cancel requests as red marks,
 * a ruler of loop time on top. Only what is in view is drawn (rows by scroll position,
 * slices by binary search, slices narrower than a pixel merged), so large traces stay
 * usable. For tests it sets `data-*` counts on the SVG after each render.
 *
 * @internal
 * @module
 */

/** @internal What the page passes to the viewer. */
export interface ViewerOptions {
  axis: 'time' | 'order';
}

interface Ev {
  name: string;
  ph: string;
  tid: number;
  ts?: number;
  dur?: number;
  id?: number;
  args?: Record<string, unknown>;
}

/** @internal The viewer; runs in the page (see the module comment). */
export function viewer(events: Ev[], options: ViewerOptions): void {
  const ROW = 24;
  const LABEL = 220;
  const RULER = 28;
  const doc = document;
  const svg = doc.getElementById('timeline') as unknown as SVGSVGElement;
  const scroller = doc.getElementById('view') as HTMLDivElement;
  const tip = doc.getElementById('tip') as HTMLDivElement;
  const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  // ---- the data ------------------------------------------------------------------
  type Slice = { b: number; e: number; name: string; tip: string; loop: boolean };
  type Flow = { from: number; fts: number; to: number; tts: number; kind: string };
  const names = new Map<number, string>();
  const order = new Map<number, number>();
  const slices = new Map<number, Slice[]>();
  const instants = new Map<number, Array<{ ts: number; tip: string }>>();
  const starts = new Map<number, Ev>();
  const flows: Flow[] = [];
  const stamps: number[] = [];
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(e.tid, String(e.args?.name));
    else if (e.ph === 'M' && e.name === 'thread_sort_index')
      order.set(e.tid, Number(e.args?.sort_index));
    else if (e.ph === 'X') {
      const b = e.ts as number;
      const end = b + (e.dur as number);
      const lines = [`${e.name}`, ...Object.entries(e.args ?? {}).map(([k, v]) => `${k}: ${v}`)];
      const list = slices.get(e.tid) ?? [];
      list.push({ b, e: end, name: e.name, tip: lines.join('\n'), loop: e.tid === 0 });
      slices.set(e.tid, list);
      stamps.push(b, end);
    } else if (e.ph === 's') starts.set(e.id as number, e);
    else if (e.ph === 'f') {
      const s = starts.get(e.id as number);
      if (s !== undefined) {
        flows.push({
          from: s.tid,
          fts: s.ts as number,
          to: e.tid,
          tts: e.ts as number,
          kind: e.name,
        });
        stamps.push(s.ts as number, e.ts as number);
      }
    } else if (e.ph === 'i') {
      const lines = [e.name, ...Object.entries(e.args ?? {}).map(([k, v]) => `${k}: ${v}`)];
      const list = instants.get(e.tid) ?? [];
      list.push({ ts: e.ts as number, tip: lines.join('\n') });
      instants.set(e.tid, list);
      stamps.push(e.ts as number);
    }
  }
  for (const list of slices.values()) list.sort((a, b) => a.b - b.b);
  const tids = [...names.keys()].sort((a, b) => (order.get(a) ?? a) - (order.get(b) ?? b));
  const rowOf = new Map<number, number>();
  for (let i = 0; i < tids.length; i++) rowOf.set(tids[i] as number, i);
  const flowsOf = new Map<number, Flow[]>();
  for (const f of flows) {
    for (const t of f.from === f.to ? [f.from] : [f.from, f.to]) {
      const list = flowsOf.get(t) ?? [];
      list.push(f);
      flowsOf.set(t, list);
    }
  }
  stamps.sort((a, b) => a - b);
  const uniq: number[] = [];
  for (const s of stamps) if (uniq.length === 0 || uniq[uniq.length - 1] !== s) uniq.push(s);
  const first = uniq.length > 0 ? (uniq[0] as number) : 0;
  const last = uniq.length > 0 ? (uniq[uniq.length - 1] as number) : 1;

  // ---- the axis: loop time, or the order of distinct moments ----------------------
  let axis = options.axis;
  const rank = (ts: number): number => {
    let lo = 0;
    let hi = uniq.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((uniq[mid] as number) < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const pos = (ts: number): number => (axis === 'time' ? ts : rank(ts));
  const span = (): [number, number] =>
    axis === 'time' ? [first, last > first ? last : first + 1] : [0, Math.max(1, uniq.length - 1)];
  let [v0, v1] = span();
  const fit = (): void => {
    const [a, b] = span();
    const pad = (b - a) * 0.02;
    v0 = a - pad;
    v1 = b + pad;
  };
  fit();

  // ---- drawing --------------------------------------------------------------------
  const color = (name: string): string => {
    let h = 0;
    for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
    return `hsl(${h % 360} 55% 58%)`;
  };
  const fmt = (us: number): string => {
    const ms = us / 1000;
    return Math.abs(ms) >= 1000 ? `${(ms / 1000).toFixed(3)} s` : `${+ms.toFixed(3)} ms`;
  };
  const render = (): void => {
    const width = Math.max(400, scroller.clientWidth);
    const plot = width - LABEL - 10;
    const x = (ts: number): number => LABEL + ((pos(ts) - v0) / (v1 - v0)) * plot;
    const height = RULER + tids.length * ROW + 10;
    const top = scroller.scrollTop;
    const rowFirst = Math.max(0, Math.floor((top - RULER) / ROW) - 1);
    const rowLast = Math.min(tids.length - 1, Math.ceil((top + scroller.clientHeight) / ROW) + 1);
    const out: string[] = [];
    let nSlices = 0;
    let nFlows = 0;
    let nInstants = 0;
    const yOf = (tid: number): number => RULER + (rowOf.get(tid) as number) * ROW;
    for (let r = rowFirst; r <= rowLast; r++) {
      const tid = tids[r] as number;
      const y = RULER + r * ROW;
      out.push(
        `<rect class="row" x="0" y="${y}" width="${width}" height="${ROW}" fill="${r % 2 ? '#f6f7f9' : '#fff'}"/>`,
      );
      const list = slices.get(tid) ?? [];
      // The first slice that ends after the view starts (ends are sorted as begins are).
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (pos((list[mid] as Slice).e) < v0) lo = mid + 1;
        else hi = mid;
      }
      let lastPx = -1;
      for (let i = lo; i < list.length; i++) {
        const s = list[i] as Slice;
        if (pos(s.b) > v1) break;
        const x0 = x(s.b);
        const w = x(s.e) - x0;
        if (w < 1 && Math.floor(x0) === lastPx) continue;
        lastPx = Math.floor(x0);
        const fill = s.loop ? (s.name.startsWith('idle') ? '#d9dde3' : '#8a94a6') : color(s.name);
        out.push(
          `<rect class="slice" data-tip="${esc(s.tip)}" x="${x0.toFixed(1)}" y="${y + 3}" width="${Math.max(2, w).toFixed(1)}" height="${ROW - 6}" rx="2" fill="${fill}"/>`,
        );
        nSlices++;
      }
      for (const m of instants.get(tid) ?? []) {
        const p = pos(m.ts);
        if (p < v0 || p > v1) continue;
        const xm = x(m.ts);
        out.push(
          `<path class="instant" data-tip="${esc(m.tip)}" d="M${xm.toFixed(1)} ${y + 2} l5 9 l-5 9 l-5 -9 z" fill="#d33"/>`,
        );
        nInstants++;
      }
    }
    const drawn = new Set<Flow>();
    for (let r = rowFirst; r <= rowLast; r++) {
      for (const f of flowsOf.get(tids[r] as number) ?? []) {
        if (drawn.has(f)) continue;
        drawn.add(f);
        const a = pos(f.fts);
        const b = pos(f.tts);
        if (Math.max(a, b) < v0 || Math.min(a, b) > v1) continue;
        const x1 = x(f.fts);
        const y1 = yOf(f.from) + ROW / 2;
        const x2 = x(f.tts);
        const y2 = yOf(f.to) + ROW / 2;
        const dx = Math.max(18, Math.abs(x2 - x1) / 2);
        const stroke = f.kind === 'spawn' ? '#2e9d53' : '#3b6fd8';
        out.push(
          `<path class="flow flow-${f.kind}" data-tip="${esc(`${f.kind}: ${names.get(f.from)} → ${names.get(f.to)}`)}" d="M${x1.toFixed(1)} ${y1} C${(x1 + dx).toFixed(1)} ${y1} ${(x2 - dx).toFixed(1)} ${y2} ${x2.toFixed(1)} ${y2}" fill="none" stroke="${stroke}" stroke-width="1.4" marker-end="url(#arrow-${f.kind === 'spawn' ? 'spawn' : 'wake'})"/>`,
        );
        nFlows++;
      }
    }
    // Labels over the plot's left edge, and the ruler on top.
    out.push(
      `<rect x="0" y="${RULER}" width="${LABEL - 4}" height="${height}" fill="#fff" opacity="0.94"/>`,
    );
    for (let r = rowFirst; r <= rowLast; r++) {
      const tid = tids[r] as number;
      out.push(
        `<text class="track-label" data-tid="${tid}" x="8" y="${RULER + r * ROW + 16}">${esc(names.get(tid))}</text>`,
      );
    }
    out.push(`<rect x="0" y="${top}" width="${width}" height="${RULER}" fill="#fff"/>`);
    const ticks = 8;
    for (let i = 0; i <= ticks; i++) {
      const p = v0 + ((v1 - v0) * i) / ticks;
      const xt = LABEL + (plot * i) / ticks;
      const label =
        axis === 'time'
          ? fmt(p)
          : `#${Math.max(0, Math.round(p))} · ${fmt(uniq[Math.min(uniq.length - 1, Math.max(0, Math.round(p)))] ?? 0)}`;
      out.push(
        `<line x1="${xt}" y1="${top + RULER - 6}" x2="${xt}" y2="${top + RULER}" stroke="#667"/>`,
        `<text class="tick" x="${xt + 2}" y="${top + 14}">${esc(label)}</text>`,
      );
    }
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    svg.innerHTML = `<defs><marker id="arrow-wake" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L8 4 L0 8 z" fill="#3b6fd8"/></marker><marker id="arrow-spawn" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L8 4 L0 8 z" fill="#2e9d53"/></marker></defs>${out.join('')}`;
    svg.dataset.tracks = String(tids.length);
    svg.dataset.slices = String(nSlices);
    svg.dataset.flows = String(nFlows);
    svg.dataset.instants = String(nInstants);
    svg.dataset.axis = axis;
    (doc.getElementById('axis') as HTMLButtonElement).textContent =
      axis === 'time' ? 'axis: loop time' : 'axis: order';
  };

  // ---- interaction ----------------------------------------------------------------
  const zoom = (factor: number, at: number): void => {
    const plot = Math.max(400, scroller.clientWidth) - LABEL - 10;
    const f = Math.min(1, Math.max(0, (at - LABEL) / plot));
    const c = v0 + (v1 - v0) * f;
    const w = Math.max((v1 - v0) * factor, axis === 'time' ? 0.001 : 2);
    v0 = c - w * f;
    v1 = v0 + w;
    render();
  };
  const pan = (px: number): void => {
    const plot = Math.max(400, scroller.clientWidth) - LABEL - 10;
    const d = ((v1 - v0) * px) / plot;
    v0 += d;
    v1 += d;
    render();
  };
  svg.addEventListener(
    'wheel',
    (ev) => {
      ev.preventDefault();
      if (ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) pan(ev.deltaX || ev.deltaY);
      else zoom(ev.deltaY > 0 ? 1.25 : 0.8, ev.offsetX);
    },
    { passive: false },
  );
  let dragX: number | null = null;
  svg.addEventListener('mousedown', (ev) => {
    dragX = ev.clientX;
  });
  window.addEventListener('mouseup', () => {
    dragX = null;
  });
  window.addEventListener('mousemove', (ev) => {
    if (dragX !== null) {
      pan(dragX - ev.clientX);
      dragX = ev.clientX;
    }
    const t = ev.target as Element | null;
    const text = t?.getAttribute?.('data-tip');
    if (text) {
      tip.textContent = text;
      tip.style.display = 'block';
      tip.style.left = `${ev.clientX + 12}px`;
      tip.style.top = `${ev.clientY + 12}px`;
    } else tip.style.display = 'none';
  });
  const mid = (): number => LABEL + (Math.max(400, scroller.clientWidth) - LABEL) / 2;
  (doc.getElementById('zoom-in') as HTMLButtonElement).onclick = () => zoom(0.5, mid());
  (doc.getElementById('zoom-out') as HTMLButtonElement).onclick = () => zoom(2, mid());
  (doc.getElementById('fit') as HTMLButtonElement).onclick = () => {
    fit();
    render();
  };
  (doc.getElementById('axis') as HTMLButtonElement).onclick = () => {
    axis = axis === 'time' ? 'order' : 'time';
    fit();
    render();
  };
  window.addEventListener('keydown', (ev) => {
    if (ev.key === '+' || ev.key === 'w') zoom(0.7, mid());
    else if (ev.key === '-' || ev.key === 's') zoom(1.4, mid());
    else if (ev.key === 'ArrowLeft' || ev.key === 'a') pan(-80);
    else if (ev.key === 'ArrowRight' || ev.key === 'd') pan(80);
  });
  scroller.addEventListener('scroll', render);
  window.addEventListener('resize', render);
  render();
}
