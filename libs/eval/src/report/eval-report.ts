import type { EvalRecord } from '../benchmark/eval-record';

export interface GroupScore {
  n: number;
  ex: number;
  uex: number;
  exact_match?: number;
}

/** The JSON summary of one benchmark run (bench/results/eval-<benchmark>.json). */
export interface EvalSummary {
  benchmark: string;
  n: number;
  ex: number;
  uex: number;
  /** Exact set match (Spider); null where the gold is not Spider SQL. */
  exact_match: number | null;
  by_hardness: Record<string, GroupScore>;
  by_type: Record<string, GroupScore>;
  tokens: { prompt_median: number | null; response_median: number | null; questions_with_tokens: number };
  latency_ms_median: number;
  errors: Record<string, number>;
  [extra: string]: unknown;
}

const fraction = (k: number, n: number) => (n === 0 ? 0 : Math.round((k / n) * 10_000) / 10_000);

function group(records: EvalRecord[], withExact: boolean): GroupScore {
  const score: GroupScore = {
    n: records.length,
    ex: fraction(records.filter((r) => r.ex).length, records.length),
    uex: fraction(records.filter((r) => r.uex).length, records.length),
  };
  if (withExact) score.exact_match = fraction(records.filter((r) => r.exactMatch).length, records.length);
  return score;
}

function groupBy(records: EvalRecord[], key: (r: EvalRecord) => string, withExact: boolean): Record<string, GroupScore> {
  const out: Record<string, EvalRecord[]> = {};
  for (const r of records) (out[key(r)] ??= []).push(r);
  return Object.fromEntries(Object.entries(out).map(([k, rs]) => [k, group(rs, withExact)]));
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarize(benchmark: string, records: EvalRecord[], extra: Record<string, unknown> = {}): EvalSummary {
  const withExact = records.some((r) => r.exactMatch !== undefined);
  const order = ['easy', 'medium', 'hard', 'extra', 'n/a'];
  const byHardness = groupBy(records, (r) => r.hardness, withExact);
  const tokens = records.flatMap((r) => (r.tokens ? [r.tokens] : []));
  const errors: Record<string, number> = {};
  for (const r of records) if (r.error) errors[r.error.split(':')[0]] = (errors[r.error.split(':')[0]] ?? 0) + 1;
  return {
    benchmark,
    n: records.length,
    ex: fraction(records.filter((r) => r.ex).length, records.length),
    uex: fraction(records.filter((r) => r.uex).length, records.length),
    exact_match: withExact ? fraction(records.filter((r) => r.exactMatch).length, records.length) : null,
    by_hardness: Object.fromEntries(order.filter((h) => byHardness[h]).map((h) => [h, byHardness[h]])),
    by_type: groupBy(records, (r) => r.type ?? 'all', withExact),
    tokens: {
      prompt_median: median(tokens.map((t) => t.input + t.cacheRead + t.cacheWrite)),
      response_median: median(tokens.map((t) => t.output)),
      questions_with_tokens: tokens.length,
    },
    latency_ms_median: median(records.map((r) => r.ms)) ?? 0,
    errors,
    ...extra,
  };
}

/** Rows for printTable: one per hardness level and per question type. */
export function summaryRows(summary: EvalSummary): Record<string, unknown>[] {
  const row = (group: string, s: GroupScore) => ({
    group,
    n: s.n,
    EX: s.ex,
    UEX: s.uex,
    ...(summary.exact_match !== null ? { 'exact match': s.exact_match ?? 0 } : {}),
  });
  return [
    row('all', { n: summary.n, ex: summary.ex, uex: summary.uex, exact_match: summary.exact_match ?? undefined }),
    ...Object.entries(summary.by_hardness).map(([h, s]) => row(`hardness ${h}`, s)),
    ...Object.entries(summary.by_type).map(([t, s]) => row(`type ${t}`, s)),
  ];
}

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function bars(title: string, groups: Record<string, GroupScore>, exact: boolean): string {
  const metrics: [keyof GroupScore, string, string][] = [
    ['ex', 'EX', '#2f6fde'],
    ['uex', 'UEX', '#3aa35b'],
    ...(exact ? ([['exact_match', 'exact match', '#c7792b']] as [keyof GroupScore, string, string][]) : []),
  ];
  const rows = Object.entries(groups)
    .map(
      ([name, s]) => `<tr><th>${esc(name)} <small>(${s.n})</small></th><td>${metrics
        .map(([k, label, color]) => {
          const v = Number(s[k] ?? 0);
          return `<div class="bar"><span style="width:${(v * 100).toFixed(1)}%;background:${color}"></span><em>${label} ${(v * 100).toFixed(1)}%</em></div>`;
        })
        .join('')}</td></tr>`,
    )
    .join('\n');
  return `<h2>${esc(title)}</h2><table class="bars">${rows}</table>`;
}

/** A self-contained HTML page: headline numbers, bars per hardness and per type, failing questions with SQL. */
export function renderHtmlReport(summary: EvalSummary, records: EvalRecord[]): string {
  const exact = summary.exact_match !== null;
  const failing = records.filter((r) => !r.ex);
  const headline = [
    ['questions', summary.n],
    ['EX', `${(summary.ex * 100).toFixed(1)}%`],
    ['UEX', `${(summary.uex * 100).toFixed(1)}%`],
    ...(exact ? [['exact match', `${((summary.exact_match ?? 0) * 100).toFixed(1)}%`]] : []),
    ['prompt tokens (median)', summary.tokens.prompt_median ?? 'offline planner'],
  ];
  const extras = Object.entries(summary)
    .filter(([k]) => !['benchmark', 'n', 'ex', 'uex', 'exact_match', 'by_hardness', 'by_type', 'tokens', 'errors', 'latency_ms_median'].includes(k))
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td><code>${esc(JSON.stringify(v))}</code></td></tr>`)
    .join('');
  const failures = failing
    .map(
      (r) => `<tr><td>${esc(r.id)}<br><small>${esc(r.type ?? '')} · ${esc(r.hardness)}</small></td><td>${esc(r.question)}${
        r.error ? `<div class="err">${esc(r.error)}</div>` : `<div class="why">UEX: ${esc(r.uexReason)}</div>`
      }</td><td><pre>${esc(r.goldSql)}</pre></td><td><pre>${esc(r.predSql ?? '')}${r.predParams?.length ? `\n-- params: ${esc(JSON.stringify(r.predParams))}` : ''}</pre></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ChatBI eval: ${esc(summary.benchmark)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #d8dde6;border-radius:8px;padding:10px 16px}
.card b{display:block;font-size:22px}
table.bars th{text-align:right;padding-right:12px;font-weight:500;white-space:nowrap}
.bar{position:relative;width:420px;height:18px;background:#eef1f5;margin:2px 0;border-radius:3px}
.bar span{position:absolute;left:0;top:0;bottom:0;border-radius:3px}.bar em{position:relative;padding-left:6px;font-size:12px;font-style:normal}
table.fail{border-collapse:collapse;width:100%}table.fail td,table.fail th{border-top:1px solid #e3e6eb;vertical-align:top;padding:6px}
pre{white-space:pre-wrap;font-size:12px;margin:0;max-width:560px}.err{color:#b3261e}.why{color:#6a6f7a;font-size:12px}
</style></head><body>
<h1>ChatBI evaluation: ${esc(summary.benchmark)}</h1>
<div class="cards">${headline.map(([k, v]) => `<div class="card">${esc(k)}<b>${esc(v)}</b></div>`).join('')}</div>
${extras ? `<table>${extras}</table>` : ''}
${bars('By Spider hardness (of the gold query)', summary.by_hardness, exact)}
${bars('By question type', summary.by_type, exact)}
<h2>Failing questions (not EX): ${failing.length}</h2>
<table class="fail"><tr><th>id</th><th>question</th><th>gold SQL</th><th>ChatBI SQL</th></tr>
${failures}
</table>
</body></html>
`;
}
