import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DEFS = resolve(__dirname, '..', '..', 'crates', 'kpi', 'src', 'defs');

/**
 * What the browser suite needs to know about `kpi::registry()`, read from its Rust source
 * (crates/kpi/src/defs) rather than from the app under test: how many KPIs the `REGISTRY`
 * list holds, and the ids of those marked `dataset_only: true` (their calculator can only say
 * "import data").
 */
export function registry(): { count: number; datasetOnly: string[] } {
  const mod = readFileSync(join(DEFS, 'mod.rs'), 'utf8');
  const list = mod.match(/REGISTRY: &\[KpiDef\] = &\[([\s\S]*?)\];/);
  if (!list) throw new Error('REGISTRY not found in crates/kpi/src/defs/mod.rs');
  const count = [...list[1].matchAll(/\w+::[A-Z0-9_]+,/g)].length;
  const datasetOnly: string[] = [];
  for (const file of readdirSync(DEFS).filter((f) => f.endsWith('.rs') && f !== 'mod.rs')) {
    const src = readFileSync(join(DEFS, file), 'utf8');
    for (const m of src.matchAll(/dataset_only: true/g)) {
      // The id of the KpiDef this field belongs to is the last `id: "…"` before it.
      const ids = [...src.slice(0, m.index).matchAll(/\bid: "(\w+)"/g)];
      if (!ids.length) throw new Error(`dataset_only without an id in defs/${file}`);
      datasetOnly.push(ids[ids.length - 1][1]);
    }
  }
  return { count, datasetOnly };
}
