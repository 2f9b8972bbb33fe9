// One SVG bar chart per group: the median of each implementation as a bar, min – max
// as a whisker, on a log scale (the peers span three orders of magnitude), with the
// issue's target as a dashed line where it is a fixed figure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { groups, targets } from './cases.mjs';
import { fmtBytes, fmtNs } from './stats.mjs';

const COLORS = {
  aio: '#2563eb',
  native: '#6b7280',
  floor: '#9ca3af',
  peer: '#ea580c',
  cpython: '#16a34a',
};

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** [value, min, max] in the chart's unit: ns per op, or bytes. */
function figures(r) {
  if (r.unit === 'bytes') return [r.median, r.min, r.max];
  const k = r.perOp ? 1e6 / r.n : 1e6;
  return [r.median * k, r.min * k, r.max * k];
}

function targetLine(g, rows) {
  const t = targets.find((x) => x.group === g.key && x.abs);
  if (t === undefined) return null;
  if (t.abs.perOpNs !== undefined) return { value: t.abs.perOpNs, label: t.text };
  if (t.abs.bytes !== undefined) return { value: t.abs.bytes, label: t.text };
  if (t.abs.totalMs !== undefined) {
    const row = rows.find((r) => r.key === t.impl);
    if (row === undefined) return null;
    return { value: (t.abs.totalMs * 1e6) / row.n, label: `${t.text} (per op)` };
  }
  return null;
}

/** The SVG text of one group's chart. */
export function chartSvg(g, rows) {
  const ok = rows.filter((r) => !r.error);
  const bytes = ok.some((r) => r.unit === 'bytes');
  const fmt = bytes ? fmtBytes : fmtNs;
  const target = targetLine(g, ok);
  const values = ok.flatMap((r) => figures(r)).filter((x) => x > 0);
  if (target) values.push(target.value);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const W = 780;
  const left = 190;
  const right = 120;
  const top = 46;
  const rowH = 26;
  const plotW = W - left - right;
  const H = top + rowH * rows.length + 44;
  const x = (v) => left + (plotW * Math.log10(v / lo)) / Math.log10(hi / lo);
  const out = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`,
  );
  out.push(`<title>${esc(g.title)}</title>`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="10" y="20" font-size="14" font-weight="600">${esc(g.title)}</text>`);
  const unit = bytes
    ? g.key === 'w5'
      ? 'bytes per task'
      : 'bytes, min+gz'
    : `time per ${g.perOp ?? 'run'}`;
  out.push(
    `<text x="10" y="36" fill="#555">${esc(unit)}, median (bar) and min–max (whisker), log scale; lower is better</text>`,
  );
  for (let d = lo; d <= hi * 1.0001; d *= 10) {
    const xx = x(d).toFixed(1);
    out.push(
      `<line x1="${xx}" y1="${top - 4}" x2="${xx}" y2="${top + rowH * rows.length}" stroke="#e5e7eb"/>`,
    );
    out.push(
      `<text x="${xx}" y="${top + rowH * rows.length + 14}" text-anchor="middle" fill="#555">${esc(fmt(d))}</text>`,
    );
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    out.push(
      `<text x="${left - 8}" y="${y + 17}" text-anchor="end"${r.role === 'aio' ? ' font-weight="600"' : ''}>${esc(r.impl)}${r.n !== g.n ? ` (N=${r.n})` : ''}</text>`,
    );
    if (r.error) {
      out.push(`<text x="${left + 4}" y="${y + 17}" fill="#b91c1c">failed</text>`);
      return;
    }
    const [v, mn, mx] = figures(r);
    const color = COLORS[r.role] ?? COLORS.peer;
    out.push(
      `<rect x="${left}" y="${y + 5}" width="${Math.max(1, x(v) - left).toFixed(1)}" height="16" fill="${color}" rx="2"/>`,
    );
    out.push(
      `<line x1="${x(mn).toFixed(1)}" y1="${y + 13}" x2="${x(mx).toFixed(1)}" y2="${y + 13}" stroke="#111" stroke-width="1.2"/>`,
    );
    out.push(
      `<text x="${(Math.max(x(v), x(mx)) + 6).toFixed(1)}" y="${y + 17}" fill="#111">${esc(fmt(v))}</text>`,
    );
  });
  if (target) {
    const tx = x(target.value).toFixed(1);
    out.push(
      `<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${top + rowH * rows.length}" stroke="#dc2626" stroke-dasharray="5,4" stroke-width="1.5"/>`,
    );
    out.push(
      `<text x="${tx}" y="${H - 8}" text-anchor="middle" fill="#dc2626">target: ${esc(target.label)}</text>`,
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** Writes bench/charts/<group>.svg for every group with results. */
export function writeCharts(dir, results) {
  mkdirSync(dir, { recursive: true });
  for (const g of groups) {
    const rows = results.filter((r) => r.group === g.key);
    if (rows.length === 0 || rows.every((r) => r.error)) continue;
    writeFileSync(join(dir, `${g.key}.svg`), chartSvg(g, rows));
  }
}
