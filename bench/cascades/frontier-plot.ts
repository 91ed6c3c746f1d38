import type { PointResult } from './cascades.bench';

const COLORS: Record<string, string> = { 'supg-it': '#d62728', gamcal: '#1f77b4', 'proxy-only': '#7f7f7f', 'oracle-only': '#2ca02c' };
const W = 360;
const H = 260;
const M = { left: 44, right: 12, top: 26, bottom: 36 };

/** A self-contained HTML page: one SVG panel per data set, F1 against delegation rate (the paper's Figure 5). */
export function renderFrontierPlot(datasets: readonly { name: string; points: readonly PointResult[] }[], meta: { seeds: number; partitions: number }): string {
  const panels = datasets.map((d) => panel(d.name, d.points)).join('\n');
  const legend = Object.entries(COLORS)
    .map(([m, c]) => `<span style="color:${c}">&#9679; ${m}</span>`)
    .join(' &nbsp; ');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Cascades: F1 vs delegation</title>
<style>body{font-family:sans-serif;margin:16px} .grid{display:flex;flex-wrap:wrap;gap:12px} svg{border:1px solid #ddd}</style></head>
<body><h2>F1 against the share of rows sent to the oracle</h2>
<p>Each point: mean over ${meta.seeds} seeds, ${meta.partitions} partitions; bars: one standard deviation of F1.
SUPG-IT sweeps t<sub>P</sub> = t<sub>R</sub>, GAMCAL sweeps &alpha;. The dashed line marks F1 = 0.95, the dotted one 20% delegation.</p>
<p>${legend}</p><div class="grid">${panels}</div></body></html>\n`;
}

function panel(name: string, points: readonly PointResult[]): string {
  const yMin = Math.max(0, Math.min(0.5, ...points.map((p) => p.f1_mean - p.f1_std)) - 0.02);
  const x = (v: number) => M.left + v * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - ((v - yMin) / (1 - yMin)) * (H - M.top - M.bottom);
  const parts: string[] = [];
  parts.push(`<text x="${W / 2}" y="16" text-anchor="middle" font-size="13">${escape(name)}</text>`);
  parts.push(`<line x1="${x(0)}" y1="${y(yMin)}" x2="${x(1)}" y2="${y(yMin)}" stroke="#000"/><line x1="${x(0)}" y1="${y(yMin)}" x2="${x(0)}" y2="${y(1)}" stroke="#000"/>`);
  for (const t of [0, 0.2, 0.4, 0.6, 0.8, 1]) parts.push(`<text x="${x(t)}" y="${H - M.bottom + 14}" font-size="10" text-anchor="middle">${t}</text>`);
  for (let t = Math.ceil(yMin * 10) / 10; t <= 1.0001; t += 0.1) parts.push(`<text x="${M.left - 4}" y="${y(t) + 3}" font-size="10" text-anchor="end">${t.toFixed(1)}</text>`);
  parts.push(`<text x="${W / 2}" y="${H - 4}" font-size="11" text-anchor="middle">delegation rate</text>`);
  parts.push(`<text x="12" y="${H / 2}" font-size="11" transform="rotate(-90 12 ${H / 2})" text-anchor="middle">F1</text>`);
  if (0.95 > yMin) parts.push(`<line x1="${x(0)}" y1="${y(0.95)}" x2="${x(1)}" y2="${y(0.95)}" stroke="#999" stroke-dasharray="4 3"/>`);
  parts.push(`<line x1="${x(0.2)}" y1="${y(yMin)}" x2="${x(0.2)}" y2="${y(1)}" stroke="#999" stroke-dasharray="1 3"/>`);
  for (const method of Object.keys(COLORS)) {
    const mine = points.filter((p) => p.method === method).sort((a, b) => a.oracle_fraction_mean - b.oracle_fraction_mean);
    const color = COLORS[method];
    if (mine.length > 1) parts.push(`<polyline fill="none" stroke="${color}" points="${mine.map((p) => `${x(p.oracle_fraction_mean)},${y(p.f1_mean)}`).join(' ')}"/>`);
    for (const p of mine) {
      const cx = x(p.oracle_fraction_mean);
      parts.push(`<line x1="${cx}" y1="${y(Math.min(1, p.f1_mean + p.f1_std))}" x2="${cx}" y2="${y(Math.max(yMin, p.f1_mean - p.f1_std))}" stroke="${color}"/>`);
      parts.push(`<circle cx="${cx}" cy="${y(p.f1_mean)}" r="3" fill="${color}"><title>${escape(`${p.method} ${p.parameter}: F1 ${p.f1_mean.toFixed(3)} ± ${p.f1_std.toFixed(3)}, oracle ${(p.oracle_fraction_mean * 100).toFixed(1)}%`)}</title></circle>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
