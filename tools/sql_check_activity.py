#!/usr/bin/env python3
"""Checks the activity KPIs' SQL (crates/warehouse/src/sql/activity) on DuckDB, PostgreSQL and
Spark against `kennzahl report --json` tiles. A developer's tool of the sqlact helper; the
harness proper is `sqlrun`'s.

usage: sql_check_activity.py --name NAME --as-of DAY --periods P,P,... [--engines duckdb,postgres,spark]
                             [--pg-host DIR --pg-port N] FILE...

Canonical tables come from `kennzahl tables FILE... --out DIR` when the CLI has it, else from
`kennzahl inspect FILE --json` rows converted here. Tables of kinds not in the files are created
empty (a query reading them sees no rows, as the report sees no dataset).
"""
import argparse, csv, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KZ = os.environ.get("KZ_CLI", os.path.join(ROOT, "target/debug/kennzahl"))

# name -> [(column, type)] (schema.rs); type: text date ts cents int float bool
TABLES = {
    "subscriptions": [("customer", "text"), ("start_date", "date"), ("trial_end", "date"), ("end_date", "date"),
                      ("end_scheduled", "bool"), ("amount_cents", "cents"), ("interval_months", "int"),
                      ("plan", "text"), ("state", "text"), ("currency", "text")],
    "invoices": [("customer", "text"), ("invoice_date", "date"), ("amount_cents", "cents"), ("period_months", "int"),
                 ("service_start", "date"), ("line", "text"), ("currency", "text")],
    "survey_answers": [("answer_date", "date"), ("score", "float"), ("kind", "text"), ("customer", "text"),
                       ("segment", "text"), ("scale", "text")],
    "tickets": [("id", "text"), ("created", "ts"), ("first_response", "ts"), ("resolved", "ts"), ("contacts", "int"),
                ("first_contact_resolution", "bool"), ("channel", "text"), ("urgency", "text"),
                ("ticket_type", "text"), ("customer", "text")],
    "deals": [("id", "text"), ("created", "date"), ("closed", "date"), ("outcome", "text"), ("value_cents", "cents"),
              ("stage", "text"), ("source", "text"), ("lost_at_stage", "text")],
    "leads": [("id", "text"), ("created", "ts"), ("first_contact", "ts")],
    "usage_events": [("event_time", "ts"), ("user_id", "text"), ("account", "text"), ("event", "text"),
                     ("session_seconds", "float")],
    "costs": [("month", "date"), ("sales_cents", "cents"), ("marketing_cents", "cents"),
              ("customer_success_cents", "cents")],
}
SQL_TYPE = {
    "duckdb": {"text": "VARCHAR", "date": "DATE", "ts": "TIMESTAMP", "cents": "BIGINT", "int": "INTEGER",
               "float": "DOUBLE", "bool": "BOOLEAN"},
    "postgres": {"text": "VARCHAR", "date": "DATE", "ts": "TIMESTAMP", "cents": "BIGINT", "int": "INTEGER",
                 "float": "DOUBLE PRECISION", "bool": "BOOLEAN"},
    "spark": {"text": "STRING", "date": "DATE", "ts": "TIMESTAMP", "cents": "BIGINT", "int": "INTEGER",
              "float": "DOUBLE", "bool": "BOOLEAN"},
}
KIND_TABLE = {"subscriptions": "subscriptions", "invoices": "invoices", "surveys": "survey_answers",
              "tickets": "tickets", "deals": "deals", "leads": "leads", "usage": "usage_events", "costs": "costs"}


def ts(v):
    return "" if v is None else v.replace("T", " ").replace("Z", "")


def val(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def from_inspect(kind, row):
    """A typed row of `kennzahl inspect --json` as canonical columns."""
    g = row.get
    if kind == "subscriptions":
        return [g("customer"), g("start"), g("trial_end"), g("end"), g("end_scheduled"), g("amount"), g("interval"),
                g("plan"), (g("state") or "unknown").lower(), g("currency")]
    if kind == "invoices":
        return [g("customer"), g("date"), g("amount"), g("period_months"), g("service_start"),
                (g("line") or "recurring").lower(), g("currency")]
    if kind == "surveys":
        return [g("date"), g("score"), g("kind") and g("kind").lower(), g("customer"), g("segment"), g("scale")]
    if kind == "tickets":
        return [g("id"), ts(g("created")), ts(g("first_response")), ts(g("resolved")), g("contacts"),
                g("first_contact_resolution"), g("channel"), g("urgency"), g("ticket_type"), g("customer")]
    if kind == "deals":
        return [g("id"), g("created"), g("closed"), g("outcome").lower(), g("value"), g("stage"), g("source"),
                g("lost_at_stage")]
    if kind == "leads":
        return [g("id"), ts(g("created")), ts(g("first_contact"))]
    if kind == "usage":
        return [ts(g("timestamp")), g("user"), g("account"), g("event"), g("session_seconds")]
    raise SystemExit(f"no conversion for {kind}")


def canonical(files, out):
    os.makedirs(out, exist_ok=True)
    r = subprocess.run([KZ, "tables", *files, "--out", out], capture_output=True, text=True)
    if r.returncode == 0 and any(f.endswith(".csv") for f in os.listdir(out)):
        return "kennzahl tables"
    rows = {}
    for f in files:
        d = json.loads(subprocess.run([KZ, "inspect", f, "--json"], capture_output=True, text=True).stdout)
        if d.get("kind") in (None, "costs"):
            continue
        rows.setdefault(KIND_TABLE[d["kind"]], []).extend(from_inspect(d["kind"], x) for x in d["rows"])
    for table, rs in rows.items():
        with open(os.path.join(out, table + ".csv"), "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow([c for c, _ in TABLES[table]])
            for r_ in rs:
                w.writerow([val(v) for v in r_])
    return "inspect rows"


def expected(files, period, as_of):
    day = [] if as_of == "none" else ["--as-of", as_of]
    r = subprocess.run([KZ, "report", *files, "--json", "--period", period, *day],
                       capture_output=True, text=True)
    d = json.loads(r.stdout)
    return {t["kpi"]: t["value"] for t in d["tiles"]}


ACTIVITY = ["nps", "csat", "ces", "ticket_volume", "first_response_time", "first_response_time_p90", "fcr",
            "resolution_rate", "lead_response_time", "win_rate", "win_loss_ratio", "win_loss_value_ratio",
            "sales_velocity", "dau_mau", "avg_session_duration", "sessions_per_day", "product_usage_rate",
            "at_risk", "health_score"]


def queries(dialect, period, as_of):
    day = [] if as_of == "none" else ["--as-of", as_of]
    kpis = [a for k in ACTIVITY for a in ("--kpi", k)]
    out = subprocess.run([KZ, "sql", "--dialect", dialect, "--period", period, *day, *kpis, "--json"],
                         capture_output=True, text=True, check=True).stdout
    return [(q["kpi"], q["sql"]) for q in json.loads(out) if q["sql"]]


def run_duckdb(tdir, jobs):
    import duckdb
    con = duckdb.connect()
    for t, cols in TABLES.items():
        types = ", ".join(f"'{c}': '{SQL_TYPE['duckdb'][ty]}'" for c, ty in cols)
        path = os.path.join(tdir, t + ".csv")
        if os.path.exists(path):
            con.execute(f"CREATE TABLE {t} AS SELECT * FROM read_csv('{path}', header=true, columns={{{types}}})")
        else:
            con.execute(f"CREATE TABLE {t} ({', '.join(c + ' ' + SQL_TYPE['duckdb'][ty] for c, ty in cols)})")
    res = {}
    for key, kpi, sql in jobs:
        try:
            rows = con.execute(sql).fetchall()
            res[key] = dict(rows).get(kpi, "missing")
        except Exception as e:  # noqa
            res[key] = f"ERROR {str(e)[:300]}"
    return res


def run_postgres(tdir, jobs, host, port):
    db = "act_" + str(os.getpid())
    psql = ["psql", "-h", host, "-p", str(port), "-U", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=0"]
    subprocess.run(psql + ["-c", f"DROP DATABASE IF EXISTS {db}", "-c", f"CREATE DATABASE {db}"], check=True)
    setup = []
    for t, cols in TABLES.items():
        setup.append(f"CREATE TABLE {t} ({', '.join(c + ' ' + SQL_TYPE['postgres'][ty] for c, ty in cols)});")
        path = os.path.join(tdir, t + ".csv")
        if os.path.exists(path):
            setup.append(f"\\copy {t} FROM '{path}' WITH (FORMAT csv, HEADER true)")
    subprocess.run(psql + ["-d", db], input="\n".join(setup), text=True, check=True)
    res = {}
    for key, kpi, sql in jobs:
        r = subprocess.run(psql + ["-d", db, "-A", "-t", "-F", "\t"], input=sql + ";\n", capture_output=True, text=True)
        if r.returncode != 0 or r.stderr.strip():
            res[key] = f"ERROR {r.stderr.strip()[:300]}"
            continue
        got = dict(line.split("\t", 1) for line in r.stdout.splitlines() if "\t" in line)
        v = got.get(kpi, "missing")
        res[key] = None if v == "" else (float(v) if v != "missing" else v)
    subprocess.run(psql + ["-c", f"DROP DATABASE {db}"])
    return res


def run_spark(tdir, jobs):
    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master("local[2]").appName("sqlact")
             .config("spark.sql.session.timeZone", os.environ.get("SPARK_TZ", "UTC")).config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "2").config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    for t, cols in TABLES.items():
        schema = ", ".join(f"{c} {SQL_TYPE['spark'][ty]}" for c, ty in cols)
        path = os.path.join(tdir, t + ".csv")
        if os.path.exists(path):
            df = spark.read.csv(path, header=True, schema=schema, timestampFormat="yyyy-MM-dd HH:mm:ss")
        else:
            df = spark.createDataFrame([], schema)
        df.createOrReplaceTempView(t)
    res = {}
    for key, kpi, sql in jobs:
        try:
            rows = spark.sql(sql).collect()
            res[key] = {r[0]: r[1] for r in rows}.get(kpi, "missing")
        except Exception as e:  # noqa
            res[key] = f"ERROR {str(e)[:300]}"
    spark.stop()
    return res


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(b, str):
        return False
    return abs(a - b) <= 1e-9 * max(1.0, abs(a))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--periods", required=True)
    ap.add_argument("--engines", default="duckdb,postgres,spark")
    ap.add_argument("--pg-host", default="/tmp/sqlact-pg")
    ap.add_argument("--pg-port", default=54391)
    ap.add_argument("--tables", help="use this directory of canonical tables")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    tdir = a.tables or tempfile.mkdtemp(prefix=f"act-{a.name}-")
    how = "given" if a.tables else canonical(a.files, tdir)
    print(f"# {a.name}: tables from {how} in {tdir}")
    periods = a.periods.split(",")
    exp = {p: expected(a.files, p, a.as_of) for p in periods}
    summary, per_kpi = {}, {}
    for engine in a.engines.split(","):
        dialect = engine
        jobs = [((p, kpi), kpi, sql) for p in periods for kpi, sql in queries(dialect, p, a.as_of)]
        if engine == "duckdb":
            got = run_duckdb(tdir, jobs)
        elif engine == "postgres":
            got = run_postgres(tdir, jobs, a.pg_host, a.pg_port)
        else:
            got = run_spark(tdir, jobs)
        ok = 0
        for (p, kpi), v in sorted(got.items()):
            e = exp[p].get(kpi)
            per_kpi.setdefault(f"{engine} {kpi}", [0, 0, 0])[1] += 1
            if e is not None:
                per_kpi[f"{engine} {kpi}"][2] += 1
            if same(e, v):
                per_kpi[f"{engine} {kpi}"][0] += 1
                ok += 1
                if os.environ.get("VERBOSE"):
                    print(f"ok {engine} {p} {kpi}: {e} {v}")
            else:
                print(f"MISMATCH {engine} {a.name} {p} {kpi}: engine {e} sql {v}")
        summary[engine] = (ok, len(got))
        print(f"{engine}: {ok}/{len(got)} match")
    # per engine and KPI: [matched, compared, of them with a value (not NULL)]
    print(json.dumps({"name": a.name, "summary": summary, "per_kpi": per_kpi}))


if __name__ == "__main__":
    main()
