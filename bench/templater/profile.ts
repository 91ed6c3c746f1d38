import type { DuckDbWarehouse } from '@chatbi/warehouse';
import { median } from './timing';

export interface FormProfile {
  form: string;
  /** DuckDB's own latency of the statement, ms. */
  latencyMs: number;
  /** CPU time over all of DuckDB's threads, ms. */
  cpuMs: number;
  rowsScanned: number;
  /** The operator tree, depth first, with each operator's median time in ms (summed over threads). */
  operators: string;
}

interface ProfileNode {
  operator_type?: string;
  operator_timing?: number;
  children?: ProfileNode[];
}

interface ProfileRoot extends ProfileNode {
  latency: number;
  cpu_time: number;
  cumulative_rows_scanned: number;
}

/**
 * Where each form's time goes: DuckDB's EXPLAIN ANALYZE (JSON) of the same statement with the same
 * parameters, `runs` times after one warm-up; medians per operator. Operators under 0.01 ms are left
 * out of the listing.
 */
export async function profileForms(warehouse: DuckDbWarehouse, forms: Record<string, { text: string; params: unknown[] }>, runs: number): Promise<FormProfile[]> {
  const profiles: FormProfile[] = [];
  for (const [form, sql] of Object.entries(forms)) {
    const samples: ProfileRoot[] = [];
    for (let i = -1; i < runs; i++) {
      const result = await warehouse.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql.text}`, sql.params, { timeoutMs: 600_000, maxRows: 10 });
      const text = Object.values(result.rows[0] ?? {}).find((v) => typeof v === 'string' && v.trimStart().startsWith('{'));
      if (typeof text !== 'string') throw new Error(`EXPLAIN ANALYZE of ${form} gave no JSON profile`);
      if (i >= 0) samples.push(JSON.parse(text) as ProfileRoot);
    }
    const timings = new Map<string, number[]>();
    const walk = (node: ProfileNode, path: string) => {
      for (const [i, child] of (node.children ?? []).entries()) {
        const key = `${path}/${i}:${child.operator_type}`;
        const list = timings.get(key);
        if (list) list.push((child.operator_timing ?? 0) * 1000);
        else timings.set(key, [(child.operator_timing ?? 0) * 1000]);
        walk(child, key);
      }
    };
    for (const s of samples) walk(s, '');
    const operators = [...timings.entries()]
      .map(([key, ms]) => ({ name: key.slice(key.lastIndexOf(':') + 1), ms: median(ms) }))
      .filter((o) => o.ms >= 0.01 && o.name !== 'EXPLAIN_ANALYZE')
      .map((o) => `${o.name} ${o.ms.toFixed(2)}`)
      .join(', ');
    profiles.push({
      form,
      latencyMs: median(samples.map((s) => s.latency * 1000)),
      cpuMs: median(samples.map((s) => s.cpu_time * 1000)),
      rowsScanned: median(samples.map((s) => s.cumulative_rows_scanned)),
      operators,
    });
  }
  return profiles;
}
