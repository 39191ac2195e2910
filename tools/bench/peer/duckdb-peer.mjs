// DuckDB-Wasm as a peer: window.duck.* are called by tools/bench/browser.mjs.
import * as duckdb from './duckdb/duckdb-browser.mjs';

const BUNDLE = 'eh';
let db = null;
let conn = null;

window.duck = {
  // Worker start, wasm compile and instantiate: done before the file is picked, as the app
  // starts its import worker when the page loads. Timed apart.
  async init() {
    const t0 = performance.now();
    // ?bundle=mvp|eh (default BUNDLE below).
    const bundle = new URLSearchParams(location.search).get('bundle') ?? BUNDLE;
    const worker = new Worker(`./duckdb/duckdb-browser-${bundle}.worker.js`);
    db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    // Absolute: the worker resolves a relative URL against its own script.
    await db.instantiate(new URL(`./duckdb/duckdb-${bundle}.wasm`, location.href).href);
    conn = await db.connect();
    // No network: never fetch an extension from extensions.duckdb.org (the query needs none).
    await conn.query('SET autoinstall_known_extensions = false');
    await conn.query('SET autoload_known_extensions = false');
    return { initMs: performance.now() - t0, version: await db.getVersion(), bundle };
  },

  // The picked file → typed table → MRR per month (mrr.sql), each step timed.
  async run() {
    const sql = await (await fetch('mrr.sql')).text();
    const file = document.getElementById('file').files[0];
    const t0 = performance.now();
    await db.registerFileHandle('subscriptions.csv', file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    await conn.query("CREATE TABLE subscriptions AS SELECT * FROM read_csv('subscriptions.csv', header = true)");
    const t1 = performance.now();
    const res = await conn.query(sql);
    const t2 = performance.now();
    const rows = res.toArray().map((r) => ({ month: `${r.year}-${String(r.month).padStart(2, '0')}`, mrr: Number(r.mrr), customers: Number(r.customers) }));
    const count = await conn.query('SELECT count(*) AS n FROM subscriptions');
    return { loadMs: t1 - t0, queryMs: t2 - t1, ms: t2 - t0, rows: Number(count.toArray()[0].n), months: rows.length, last: rows.at(-1), bytes: file.size };
  },
};
window.duckReady = true;
