#!/usr/bin/env python3
"""Property test: the MRR/movements SQL on DuckDB gives the engine's figures on generated data.

For several seeds it writes a Stripe-style subscription export (a few thousand rows with
free trials, scheduled ends, plan changes, returns after a gap, 1/3/5/6/12/24-month
intervals, quantities, never-paid and past-due states, a second currency), turns it into the
canonical tables with `kennzahl tables`, and compares, for every month of the analysed range,
every quarter and every year, the figures of `kennzahl report --json` with the rows of the
queries `kennzahl sql --dialect duckdb --json` prints, run in DuckDB:

    mrr, arr, customers, arpu, new/reactivation/expansion/contraction/churned MRR
    (cents and counts exactly), churn_rate, churn_rate_b, revenue_churn, ndr, grr (1e-9),
    and, for a range period and for a quarter without --as-of (both sides derive it from the
    data), the dashboard tiles (trials_started, free_to_paid too).

Run with the SQL venv:  /work/.venv-sql/bin/python tools/sql_props.py [--seeds 1,2,3]
Environment: KZ_CLI = the kennzahl binary (default target/debug/kennzahl).
Exit code 0 when every figure matches, 1 otherwise (the first mismatches are printed).
"""

import argparse
import csv
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.environ.get("KZ_CLI", os.path.join(ROOT, "target", "debug", "kennzahl"))

STRIPE_HEADER = [
    "id", "Customer ID", "Plan", "Quantity", "Currency", "Interval", "Interval Count",
    "Amount", "Status", "Created (UTC)", "Start (UTC)", "Current Period Start (UTC)",
    "Current Period End (UTC)", "Trial Start (UTC)", "Trial End (UTC)", "Canceled At (UTC)",
    "Cancel At Period End", "Ended At (UTC)",
]

FIRST = dt.date(2023, 1, 1)
AS_OF = dt.date(2025, 6, 17)  # a partial as-of month: measured on that day

# (Interval, Interval Count): 1, 3, 5 (does not divide a year), 6, 12 and 24 months.
INTERVALS = [("month", 1)] * 8 + [("month", 3), ("month", 5), ("month", 6), ("year", 1), ("year", 2)]
INTERVAL_MONTHS = {"month": 1, "year": 12}


def ts(d):
    return f"{d.isoformat()} 09:00" if d else ""


def add_days(d, n):
    return d + dt.timedelta(days=n)


def generate(seed, customers):
    """Stripe export rows: every customer has one to three subscriptions in a row (a plan
    change on the same day, or a return after a gap), some with a free trial."""
    rnd = random.Random(seed)
    span = (AS_OF - FIRST).days
    rows = []
    n = 0
    for c in range(customers):
        cust = f"cus_{seed}_{c:05d}"
        start = add_days(FIRST, rnd.randrange(span + 40))  # some start after the as-of day
        currency = "usd" if rnd.random() < 0.08 else "eur"
        for _ in range(rnd.choice([1, 1, 1, 2, 2, 3])):
            n += 1
            interval, count = rnd.choice(INTERVALS)
            amount = rnd.choice([9, 19, 29, 49, 99, 149, 299]) + rnd.choice([0, 0.5, 0.99, 0.01])
            quantity = rnd.choice([1, 1, 1, 2, 3])
            trial_end = add_days(start, rnd.choice([7, 14, 30])) if rnd.random() < 0.25 else None
            length = rnd.randrange(20, 900)
            end = add_days(start, length)
            r = rnd.random()
            row = {
                "id": f"sub_{seed}_{n}", "Customer ID": cust, "Plan": f"plan{rnd.randrange(4)}",
                "Quantity": str(quantity), "Currency": currency, "Interval": interval,
                "Interval Count": str(count), "Amount": f"{amount:.2f}",
                "Created (UTC)": ts(start), "Start (UTC)": ts(start),
                "Current Period Start (UTC)": ts(start), "Current Period End (UTC)": "",
                "Trial Start (UTC)": ts(start) if trial_end else "",
                "Trial End (UTC)": ts(trial_end), "Canceled At (UTC)": "",
                "Cancel At Period End": "false", "Ended At (UTC)": "",
            }
            nxt = None
            if r < 0.05:
                row["Status"] = rnd.choice(["incomplete", "incomplete_expired"])
            elif end <= AS_OF and r < 0.75:
                # ended: a plan change on the same day, a return after a gap, or gone
                row["Status"] = "canceled"
                row["Canceled At (UTC)"] = ts(add_days(end, -rnd.randrange(0, 20)))
                row["Ended At (UTC)"] = ts(end)
                nxt = end if rnd.random() < 0.5 else add_days(end, rnd.randrange(20, 200))
            elif r < 0.85:
                # set to cancel at the end of the current period (scheduled, maybe before as-of)
                row["Status"] = "active"
                row["Cancel At Period End"] = "true"
                row["Current Period End (UTC)"] = ts(add_days(AS_OF, rnd.randrange(-60, 90)))
            elif trial_end and trial_end > AS_OF:
                row["Status"] = "trialing"
            else:
                row["Status"] = rnd.choice(["active"] * 6 + ["past_due", "unpaid"])
            rows.append(row)
            if nxt is None:
                break
            start = nxt
    return rows


def run(args, **kw):
    out = subprocess.run(args, capture_output=True, text=True, **kw)
    if out.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed ({out.returncode}): {out.stderr}")
    return out.stdout


def load(con, tables_dir):
    """Every canonical table, empty where the kind is missing (the revenue queries read
    subscriptions and invoices)."""
    # The schema file creates each table present and loads it (`COPY … FROM 'x.csv'`, a path
    # relative to the tables folder).
    schema = open(os.path.join(tables_dir, "schema-duckdb.sql"), encoding="utf-8").read()
    cwd = os.getcwd()
    os.chdir(tables_dir)
    try:
        con.execute(schema)
    finally:
        os.chdir(cwd)
    have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "invoices" not in have:
        con.execute(
            "CREATE TABLE invoices (customer VARCHAR, invoice_date DATE, amount_cents BIGINT, "
            "period_months INTEGER, service_start DATE, line VARCHAR, currency VARCHAR)"
        )
    if "subscriptions" not in have:
        con.execute(
            "CREATE TABLE subscriptions (customer VARCHAR, start_date DATE, trial_end DATE, "
            "end_date DATE, end_scheduled BOOLEAN, amount_cents BIGINT, interval_months INTEGER, "
            "plan VARCHAR, state VARCHAR, currency VARCHAR)"
        )


CORE = ["mrr", "arr", "customers", "arpu", "new_mrr", "reactivation_mrr", "expansion_mrr",
        "contraction_mrr", "churned_mrr", "churn_rate", "churn_rate_b", "revenue_churn", "ndr",
        "grr"]
RATIOS = {"churn_rate", "churn_rate_b", "revenue_churn", "ndr", "grr", "free_to_paid"}


def expected_of(entry):
    """The engine's figures of one month / quarter / year entry of the report's revenue."""
    mv, ret = entry["movements"], entry["retention"]
    if "mrr" in entry:
        level = {"mrr": entry["mrr"], "arr": entry["arr"], "customers": entry["customers"],
                 "arpu": entry["arpu"]}
    else:
        level = {"mrr": entry["mrr_end"], "arr": entry["mrr_end"] * 12,
                 "customers": entry["customers_end"]}
        level["arpu"] = (None if not level["customers"] else
                         (2 * level["mrr"] + level["customers"]) // (2 * level["customers"]))
    return {
        **level,
        "new_mrr": mv["new"], "reactivation_mrr": mv["reactivation"],
        "expansion_mrr": mv["expansion"], "contraction_mrr": mv["contraction"],
        "churned_mrr": mv["churn"], "churn_rate": ret["logo_churn_a"],
        "churn_rate_b": ret["logo_churn_b"], "revenue_churn": ret["revenue_churn"],
        "ndr": ret["nrr"], "grr": ret["grr"],
    }


def same(kpi, want, got):
    if want is None or got is None:
        return want is None and got is None
    if kpi in RATIOS:
        return abs(want - got) <= 1e-9
    return float(want) == float(got)


def sql_rows(con, period, kpis, cache, as_of=AS_OF):
    day = ["--as-of", as_of.isoformat()] if as_of else []
    out = run([CLI, "sql", "--dialect", "duckdb", "--json", "--period", period] + day
              + [a for k in kpis for a in ("--kpi", k)])
    got = {}
    for q in json.loads(out):
        text = q["sql"]
        if text is None:
            continue
        # The MRR core KPIs share one query (only the header comment differs): run it once.
        body = "\n".join(line for line in text.splitlines() if not line.startswith("--"))
        rows = cache.get(body)
        if rows is None:
            rows = con.execute(text).fetchall()
            cache[body] = rows
        for kpi, value in rows:
            if kpi == q["kpi"]:
                got[kpi] = value
    return got


def check_seed(seed, customers, work):
    rows = generate(seed, customers)
    export = os.path.join(work, f"stripe_subscriptions_{seed}.csv")
    with open(export, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=STRIPE_HEADER)
        w.writeheader()
        w.writerows(rows)
    tables = os.path.join(work, f"tables_{seed}")
    run([CLI, "tables", export, "--out", tables])
    # One thread: the queries are small, and ./dev test runs beside other work on two cores.
    con = duckdb.connect(config={"threads": 1})
    load(con, tables)
    report = json.loads(run([CLI, "report", export, "--json", "--as-of", AS_OF.isoformat(),
                             "--period", "2024-02..2025-05"]))
    rev = report["revenue"]
    periods = [(m["month"], expected_of(m)) for m in rev["months"]]
    periods += [(q["label"], expected_of(q)) for q in rev["quarters"]]
    periods += [(y["label"], expected_of(y)) for y in rev["years"]]
    bad, compared, cache = [], 0, {}
    for label, want in periods:
        got = sql_rows(con, label, CORE, cache)
        for kpi in CORE:
            compared += 1
            if not same(kpi, want[kpi], got.get(kpi)):
                bad.append(f"seed {seed} {label} {kpi}: engine {want[kpi]} sql {got.get(kpi)}")
    # The dashboard tiles of a range (start to end, not an average), trials included.
    tiles = {t["kpi"]: t["value"] for t in report["tiles"]}
    kpis = [k for k in tiles if k in CORE or k in ("trials_started", "free_to_paid")]
    got = sql_rows(con, "2024-02..2025-05", kpis, cache)
    for kpi in kpis:
        compared += 1
        if not same(kpi, tiles[kpi], got.get(kpi)):
            bad.append(f"seed {seed} 2024-02..2025-05 {kpi}: engine {tiles[kpi]} sql {got.get(kpi)}")
    # Without --as-of both take the latest day something happened (here: a start after AS_OF).
    report = json.loads(run([CLI, "report", export, "--json", "--period", "2025-Q2"]))
    tiles = {t["kpi"]: t["value"] for t in report["tiles"]}
    kpis = [k for k in tiles if k in CORE or k in ("trials_started", "free_to_paid")]
    got = sql_rows(con, "2025-Q2", kpis, cache, as_of=None)
    for kpi in kpis:
        compared += 1
        if not same(kpi, tiles[kpi], got.get(kpi)):
            bad.append(f"seed {seed} 2025-Q2 (derived as-of) {kpi}: engine {tiles[kpi]} sql {got.get(kpi)}")
    print(f"seed {seed}: {len(rows)} subscription rows, {len(periods) + 2} periods, "
          f"{compared} figures compared, {len(bad)} differ")
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--customers", type=int, default=2500)
    args = ap.parse_args()
    bad = []
    with tempfile.TemporaryDirectory(prefix="kz-sql-props-") as work:
        for seed in [int(s) for s in args.seeds.split(",")]:
            bad += check_seed(seed, args.customers, work)
    for line in bad[:40]:
        print(line)
    if bad:
        print(f"FAILED: {len(bad)} figures differ")
        return 1
    print("ok: every figure matches")
    return 0


if __name__ == "__main__":
    sys.exit(main())
