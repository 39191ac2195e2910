#!/usr/bin/env python3
"""The native DuckDB peer of `kennzahl report` (tools/bench/cli_duckdb.sh): MRR per month
straight from a subscriptions CSV, in one fresh in-memory connection.

usage: duckdb_mrr.py FILE --threads N [--query changes|grid] [--memory-limit 8GB]
       (venv .venv-sql: DuckDB 2.0.1)
Prints one JSON line: seconds from connect to the fetched result (the Python start and the
`import duckdb` before it are not counted), the number of months and the last month's MRR in
euros and customers, so the run can be checked against kennzahl's figures.
"""

import argparse
from pathlib import Path
import json
import time

# Both verbatim in BENCHMARKS.md. Shared by both: a subscription counts in month M when it is
# active on M's last day (first month <= M < month of its end); amounts in twelfths of a cent
# per month, summed per customer and month and rounded once, half up (analytics::revenue's
# rule), so the figures equal the dashboard's to the cent. Months are integers
# (year * 12 + month - 1).
SUBSCRIPTIONS = """
WITH s AS (
  SELECT customer,
         year("start") * 12 + month("start") - 1 AS first_month,
         year("end") * 12 + month("end") - 1 AS end_month,
         CAST(round(amount * 100) AS BIGINT)
           * CASE "interval" WHEN 'year' THEN 1 WHEN 'quarter' THEN 4 ELSE 12 END AS twelfths
  FROM read_csv(?, header = true)
),"""

PEER_SQL = (Path(__file__).resolve().parent / "peer" / "mrr.sql").read_text(encoding="utf-8")

QUERIES = {
    # The default: change points per customer, like kennzahl's revenue pass and the warehouse
    # SQL (no customer x month grid). Each customer's MRR is a running sum of its changes,
    # rounded once per run; the monthly totals are running sums of what each change adds.
    "changes": SUBSCRIPTIONS + """
changes AS (
  SELECT customer, month, sum(delta) AS delta
  FROM (SELECT customer, first_month AS month, twelfths AS delta FROM s
        UNION ALL
        SELECT customer, end_month, -twelfths FROM s WHERE end_month IS NOT NULL)
  GROUP BY customer, month
),
runs AS (
  SELECT customer, month, sum(delta) OVER (PARTITION BY customer ORDER BY month) AS twelfths
  FROM changes
),
steps AS (
  SELECT month,
         (twelfths + 6) // 12 - coalesce((lag(twelfths) OVER w + 6) // 12, 0) AS cents,
         (twelfths > 0)::INT - coalesce((lag(twelfths) OVER w > 0)::INT, 0) AS customers
  FROM runs
  WINDOW w AS (PARTITION BY customer ORDER BY month)
),
per_month AS (
  SELECT month, sum(cents) AS cents, sum(customers) AS customers FROM steps GROUP BY month
),
months AS (
  SELECT unnest(generate_series(min(month), max(month))) AS month FROM per_month
),
totals AS (
  SELECT m.month,
         sum(coalesce(p.cents, 0)) OVER (ORDER BY m.month) AS cents,
         sum(coalesce(p.customers, 0)) OVER (ORDER BY m.month) AS customers
  FROM months m LEFT JOIN per_month p ON p.month = m.month
)
SELECT month // 12 AS year, month % 12 + 1 AS month, cents / 100 AS mrr, customers
FROM totals
WHERE customers > 0
ORDER BY year, month
""",
    # The straightforward form (the DuckDB-Wasm peer of the browser bench): every subscription
    # joined to every month it is active in. On the 1 GB file it passed 12 GB of RSS. The query
    # after its `s` CTE is the browser peer's own (tools/bench/peer/mrr.sql), read from there.
    "grid": SUBSCRIPTIONS + PEER_SQL[PEER_SQL.index("months AS ("):],
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--query", choices=sorted(QUERIES), default="changes")
    ap.add_argument("--memory-limit", default="8GB", help="DuckDB's memory_limit")
    ap.add_argument("--temp-dir", help="DuckDB's temp_directory (spilling)")
    ap.add_argument("--print-query", action="store_true")
    a = ap.parse_args()
    if a.print_query:
        print(QUERIES[a.query].strip())
        return
    import duckdb

    t0 = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"SET threads = {a.threads}")
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET memory_limit = '{a.memory_limit}'")
    if a.temp_dir:
        con.execute(f"SET temp_directory = '{a.temp_dir}'")
    rows = con.execute(QUERIES[a.query], [a.file]).fetchall()
    seconds = time.perf_counter() - t0
    last = rows[-1] if rows else (None, None, None, None)
    print(json.dumps({
        "seconds": round(seconds, 3),
        "threads": a.threads,
        "query": a.query,
        "memory_limit": a.memory_limit,
        "months": len(rows),
        "last_month": f"{last[0]}-{last[1]:02d}" if rows else None,
        "last_mrr": float(last[2]) if rows else None,
        "last_customers": last[3],
    }))


if __name__ == "__main__":
    main()
