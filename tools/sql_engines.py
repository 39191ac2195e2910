#!/usr/bin/env python3
"""The real-engine test of the generated SQL (issue 16).

For each data set (a self-test fixture with hand-computed values, the sample data and two
German-Excel fixtures) this script writes the canonical tables with `kennzahl tables`, loads them
into DuckDB (Python `duckdb`, `read_csv` with the types of schema-duckdb.sql), PostgreSQL
(Debian's server started here on a free local port in a temp folder, `\\copy`) and Spark SQL
(PySpark local[2], one session, `spark.read.csv` with the schema of schema-spark.sql, temp views
named like the tables), runs every query of `kennzahl sql --dialect X --json` for a month, a
quarter, a year and a range, and compares each (kpi, value) row with `tiles[].value` of
`kennzahl report --json` for the same files, period and as-of date: counts and cents exactly,
everything else within 1e-9 (relative, at least absolute), NULL only with NULL.

KPIs whose SQL is still None are listed, not failed. Exit status: 0 all compared figures match,
1 a mismatch (or a table that did not load), 2 an engine or the CLI could not run.

Run with the venv `./dev setup` makes (.venv-sql: duckdb, pyspark): `./dev sql [--engines …]`.
"""

from __future__ import annotations

import argparse
import atexit
import csv
import json
import logging
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SELFTEST = ROOT / "tools" / "sql_selftest"
DATA = ROOT / "crates" / "ingest" / "tests" / "data"
ENGINES = ("duckdb", "postgres", "spark")
DIALECT = {"duckdb": "duckdb", "postgres": "postgres", "spark": "spark"}
DOUBLE = {"duckdb": "DOUBLE", "postgres": "DOUBLE PRECISION", "spark": "DOUBLE"}
PG_BIN = Path(os.environ.get("KZ_PG_BIN", "/usr/lib/postgresql/15/bin"))

# KPIs in integer units (analytics::Unit::Money and Unit::Count, crates/analytics/src/kpis.rs):
# compared exactly whenever the report's value is a whole number (cents, counts).
EXACT = {
    "mrr", "arr", "arpu", "new_mrr", "reactivation_mrr", "expansion_mrr", "contraction_mrr",
    "churned_mrr", "non_recurring_revenue", "cac", "retention_cost",
    "customers", "trials_started", "ticket_volume", "at_risk",
}
TOLERANCE = 1e-9
VERBOSE = False


# --- data sets -------------------------------------------------------------------------------


@dataclass
class Dataset:
    """Files read together (one import), the as-of day and the periods compared."""

    name: str
    files: list[Path] = field(default_factory=list)
    as_of: str | None = None  # None: the report's own default as-of day
    periods: list[str] | None = None  # None: derived from the as-of day
    # The self-test: canonical tables and queries written by hand, expected values computed by
    # hand (tools/sql_selftest/README.md); no CLI involved.
    selftest: bool = False


def datasets(tmp: Path, cli: Path) -> list[Dataset]:
    sample_dir = tmp / "sample-files"
    return [
        Dataset("selftest", selftest=True),
        # The app's demo data set in German Excel format (semicolons, decimal commas, dd.mm.yyyy).
        Dataset("sample", files=[sample_dir]),
        # Subscriptions: FastBill export (Windows-1252, CRLF, semicolons, 1.188,00) and a
        # hand-written German file (two-digit years, '1.234,50 €', Kündigungsdatum), with the
        # cost sheet ('März 2025', a 'Summe' row) for CAC and retention cost and sevDesk
        # invoices (WKR recurring, RE one-time, GU credit) for non-recurring revenue.
        Dataset(
            "de-subscriptions",
            files=[
                DATA / "exports" / "fastbill_abos.csv",
                ROOT / "tests" / "data" / "semicolon_decimal_comma_cp1252.csv",
                DATA / "costs_de_cp1252.csv",
                DATA / "exports" / "sevdesk_invoices.csv",
            ],
            as_of="2025-04-30",
            periods=["2025-03", "2025-Q1", "2025", "2025-02..2025-04"],
        ),
        # Tickets, surveys and leads from German tools (Windows-1252, 'ja'/'nein', an impossible
        # 31.02. date that is rejected, quotes „…“).
        Dataset(
            "de-activity",
            files=[
                DATA / "tickets_de_cp1252.csv",
                DATA / "surveys_de.csv",
                DATA / "leads_de_cp1252.csv",
            ],
            as_of="2026-01-15",
            periods=["2025-12", "2025-Q1", "2025", "2025-01..2025-03"],
        ),
        # Free trials (no German fixture has them): Stripe and Chargebee exports, trials that
        # converted and one that did not.
        Dataset(
            "exports-trials",
            files=[DATA / "exports" / "stripe_subscriptions.csv", DATA / "exports" / "chargebee_subscriptions.csv"],
            as_of="2025-04-15",
            periods=["2025-03", "2025-Q1", "2025", "2025-01..2025-02"],
        ),
    ]


# --- small helpers ---------------------------------------------------------------------------


class SetupError(Exception):
    """An engine or the CLI could not run: exit status 2."""


def log(msg: str) -> None:
    print(msg, flush=True)


def run(cmd: list[str], ok=(0,), **kw) -> subprocess.CompletedProcess:
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode not in ok:
        raise SetupError(
            f"{' '.join(map(str, cmd))[:300]}: exit {p.returncode}\n{(p.stderr or p.stdout)[-2000:]}"
        )
    return p


def files_of(ds: Dataset) -> list[str]:
    out: list[str] = []
    for f in ds.files:
        out += [str(p) for p in sorted(f.glob("*.csv"))] if f.is_dir() else [str(f)]
    return out


def month_add(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def periods_for(as_of: str) -> list[str]:
    """The last complete month before the as-of day, its quarter, its year and the six months
    ending with it (quarter and year may be partial, ending on the as-of day)."""
    d = date.fromisoformat(as_of)
    y, m = month_add(d.year, d.month, -1)
    y0, m0 = month_add(y, m, -5)
    return [f"{y}-{m:02}", f"{y}-Q{(m - 1) // 3 + 1}", f"{y}", f"{y0}-{m0:02}..{y}-{m:02}"]


def create_statements(text: str) -> dict[str, str]:
    """The `CREATE TABLE name (…)` statements of a schema script, comments removed, by table
    (the script's load statements after them are left out)."""
    text = re.sub(r"--[^\n]*", "", text)
    out: dict[str, str] = {}
    for m in re.finditer(r"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([`\"\w.]+)\s*\(", text, re.I):
        name = m.group(1).strip('`"').split(".")[-1]
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        out[name] = text[m.start() : i]
    return out


def parse_schema(text: str) -> dict[str, list[tuple[str, str]]]:
    """`CREATE TABLE name (col TYPE [NOT NULL], …)` statements → {table: [(column, type)]}."""
    tables: dict[str, list[tuple[str, str]]] = {}
    for name, stmt in create_statements(text).items():
        body = stmt[stmt.index("(") + 1 : -1]
        cols = []
        for part in body.split(","):
            words = part.split()
            if not words or words[0].upper() in ("PRIMARY", "CONSTRAINT", "UNIQUE", "CHECK"):
                continue
            col = words[0].strip('`"')
            ty = " ".join(w for w in words[1:] if w.upper() not in ("NOT", "NULL"))
            cols.append((col, ty))
        tables[name] = cols
    return tables


# ColType::sql (crates/warehouse/src/schema.rs) per dialect.
COLTYPE = {
    "duckdb": {"Text": "VARCHAR", "Date": "DATE", "Timestamp": "TIMESTAMP", "Cents": "BIGINT",
               "Int": "INTEGER", "Float": "DOUBLE", "Bool": "BOOLEAN"},
    "postgres": {"Text": "VARCHAR", "Date": "DATE", "Timestamp": "TIMESTAMP", "Cents": "BIGINT",
                 "Int": "INTEGER", "Float": "DOUBLE PRECISION", "Bool": "BOOLEAN"},
    "spark": {"Text": "STRING", "Date": "DATE", "Timestamp": "TIMESTAMP", "Cents": "BIGINT",
              "Int": "INTEGER", "Float": "DOUBLE", "Bool": "BOOLEAN"},
}


def canonical_tables() -> dict[str, list[tuple[str, str]]]:
    """Every canonical table with its columns and ColType, read from warehouse::schema::TABLES.
    A data set without a kind gets that table empty: a query may read a table whose kind the
    files lack (the revenue queries read subscriptions and invoices), as in a warehouse where
    the user creates an empty one."""
    src = (ROOT / "crates" / "warehouse" / "src" / "schema.rs").read_text(encoding="utf-8")
    out = {}
    for m in re.finditer(r'name: "(\w+)",\s*kind: DatasetKind::\w+,\s*columns: &\[(.*?)\],\s*\}', src, re.S):
        out[m.group(1)] = re.findall(r'col\(\s*"(\w+)",\s*(\w+),', m.group(2))
    if len(out) < 8:
        raise SetupError(f"read {len(out)} canonical tables from crates/warehouse/src/schema.rs, expected 8")
    return out


def empty_create(table: str, dialect: str) -> str:
    cols = ", ".join(f"{c} {COLTYPE[dialect][t]}" for c, t in CANONICAL[table])
    return f"CREATE TABLE {table} ({cols})"


CANONICAL: dict[str, list[tuple[str, str]]] = {}


def csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as f:
        return max(sum(1 for _ in csv.reader(f)) - 1, 0)


def num(v) -> float | None:
    if v is None:
        return None
    if isinstance(v, str):
        if v in ("", "NULL", "\\N"):
            return None
        return float(v)
    return float(v)


def fmt(v: float | None) -> str:
    if v is None:
        return "NULL"
    return repr(v)


def same(kpi: str, got: float | None, want: float | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    if math.isnan(got) or math.isnan(want):
        return False
    if kpi in EXACT and want == round(want):
        return got == want
    return abs(got - want) <= TOLERANCE * max(1.0, abs(want))


# --- engines ---------------------------------------------------------------------------------


class Engine:
    name = ""

    def start(self) -> None: ...

    def load(self, tables_dir: Path, tables: list[str]) -> dict[str, int]:
        """Loads DIR/<table>.csv for each table; returns the row count each engine sees."""
        raise NotImplementedError

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        raise NotImplementedError

    def stop(self) -> None: ...


class DuckDb(Engine):
    name = "duckdb"

    def start(self) -> None:
        import duckdb  # noqa: PLC0415

        self.duckdb = duckdb
        self.con = None

    def load(self, tables_dir: Path, tables: list[str]) -> dict[str, int]:
        if self.con is not None:
            self.con.close()
        self.con = self.duckdb.connect(":memory:", config={"threads": 2})
        schema_sql = (tables_dir / "schema-duckdb.sql").read_text(encoding="utf-8")
        schema = parse_schema(schema_sql)
        creates = create_statements(schema_sql)
        counts = {}
        for t in tables:
            self.con.execute(creates[t])
            types = ", ".join(f"'{c}': '{ty}'" for c, ty in schema[t])
            path = str(tables_dir / f"{t}.csv").replace("'", "''")
            self.con.execute(
                f"INSERT INTO {t} SELECT * FROM read_csv('{path}', header = true, delim = ',', "
                f"quote = '\"', escape = '\"', auto_detect = false, columns = {{{types}}}, "
                f"dateformat = '%Y-%m-%d', timestampformat = '%Y-%m-%d %H:%M:%S', "
                f"allow_quoted_nulls = false, encoding = 'utf-8')"
            )
            counts[t] = self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in CANONICAL.keys() - set(tables):
            self.con.execute(empty_create(t, "duckdb"))
        return counts

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        cur = self.con.execute(sql)
        return [d[0] for d in cur.description], cur.fetchall()

    def stop(self) -> None:
        if getattr(self, "con", None) is not None:
            self.con.close()
            self.con = None


class Postgres(Engine):
    """Debian's PostgreSQL 15 in a temp data directory on a free 127.0.0.1 port."""

    name = "postgres"

    def __init__(self) -> None:
        self.base: Path | None = None
        self.running = False

    def _as_server_user(self, cmd: list[str]) -> list[str]:
        # initdb and the server refuse to run as root.
        return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd

    def start(self) -> None:
        if not (PG_BIN / "initdb").exists():
            raise SetupError(f"no PostgreSQL in {PG_BIN} (./dev setup installs Debian's postgresql)")
        self.base = Path(tempfile.mkdtemp(prefix="kennzahl-pg-"))
        atexit.register(self.stop)
        if os.geteuid() == 0:
            import pwd  # noqa: PLC0415

            pw = pwd.getpwnam("postgres")
            os.chown(self.base, pw.pw_uid, pw.pw_gid)
        data = self.base / "data"
        run(self._as_server_user([str(PG_BIN / "initdb"), "-D", str(data), "-U", "kz",
                                  "--auth=trust", "-E", "UTF8", "--locale=C"]))
        for attempt in range(3):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                self.port = s.getsockname()[1]
            opts = (f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.base} "
                    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c TimeZone=UTC")
            p = subprocess.run(
                self._as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l",
                                      str(self.base / "server.log"), "-o", opts, "-w", "-t", "60", "start"]),
                capture_output=True, text=True)
            if p.returncode == 0:
                self.running = True
                return
        log_text = (self.base / "server.log").read_text(errors="replace")[-2000:] if (self.base / "server.log").exists() else ""
        raise SetupError(f"pg_ctl start failed: {p.stderr}\n{log_text}")

    def psql(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        cmd = [str(PG_BIN / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
               "-p", str(self.port), "-U", "kz", "-d", "postgres", *args]
        return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd,
                              env={**os.environ, "PGTZ": "UTC", "PGCLIENTENCODING": "UTF8"})

    def _psql_ok(self, *args: str, cwd: Path | None = None) -> str:
        p = self.psql(*args, cwd=cwd)
        if p.returncode != 0:
            raise RuntimeError(p.stderr.strip() or p.stdout.strip())
        return p.stdout

    def load(self, tables_dir: Path, tables: list[str]) -> dict[str, int]:
        self._psql_ok("-c", "DROP SCHEMA public CASCADE", "-c", "CREATE SCHEMA public")
        # The script as a user runs it (README): CREATE TABLE and \copy FROM 'table.csv' beside it.
        self._psql_ok("-f", "schema-postgres.sql", cwd=tables_dir)
        for t in sorted(CANONICAL.keys() - set(tables)):
            self._psql_ok("-c", empty_create(t, "postgres"))
        return {t: int(self._psql_ok("-At", "-c", f"SELECT count(*) FROM {t}").strip()) for t in tables}

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        out = self._psql_ok("-A", "-F", "\x1f", "-P", "footer=off", "-P", "null=\\N", "-c", sql)
        lines = out.splitlines()
        if not lines:
            return [], []
        cols = lines[0].split("\x1f")
        rows = [tuple(None if v == "\\N" else v for v in line.split("\x1f")) for line in lines[1:]]
        return cols, rows

    def stop(self) -> None:
        if self.base is None:
            return
        if self.running:
            subprocess.run(self._as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(self.base / "data"),
                                                 "-m", "immediate", "-w", "stop"]),
                           capture_output=True, text=True)
            self.running = False
        shutil.rmtree(self.base, ignore_errors=True)
        self.base = None


class Spark(Engine):
    """One local[2] SparkSession for every data set; temp views named like the tables."""

    name = "spark"

    def start(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="kennzahl-spark-"))
        atexit.register(self.stop)
        log4j = self.tmp / "log4j2.properties"
        log4j.write_text("rootLogger.level = error\nrootLogger.appenderRef.stderr.ref = console\n"
                         "appender.console.type = Console\nappender.console.name = console\n"
                         "appender.console.target = SYSTEM_ERR\n"
                         "appender.console.layout.type = PatternLayout\n"
                         "appender.console.layout.pattern = spark %p %c{1}: %m%n\n"
                         "logger.repl.name = org.apache.spark.repl.Main\nlogger.repl.level = error\n")
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        # Spark reads log4j2.properties from its configuration folder: errors only.
        os.environ["SPARK_CONF_DIR"] = str(self.tmp)
        os.environ["PYSPARK_PYTHON"] = sys.executable
        from pyspark.sql import SparkSession  # noqa: PLC0415

        # PySpark logs every failed query with its whole plan as JSON; the harness reports
        # the error's first line itself.
        logging.getLogger("SQLQueryContextLogger").disabled = True

        java_opts = f"-Dlog4j2.configurationFile=file:{log4j} -Duser.timezone=UTC"
        builder = (
            SparkSession.builder.master("local[2]")
            .appName("kennzahl-sql-engines")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.extraJavaOptions", java_opts)
            .config("spark.local.dir", str(self.tmp))
            .config("spark.sql.warehouse.dir", str(self.tmp / "warehouse"))
        )
        # The JVM's own start-up lines (incubator modules, default log level) and any later
        # Spark log go to a file, not between the results; a failed start prints its tail.
        self.log = self.tmp / "spark.log"
        saved = os.dup(2)
        try:
            with self.log.open("w") as f:
                os.dup2(f.fileno(), 2)
                self.spark = builder.getOrCreate()
        except Exception as e:  # noqa: BLE001
            tail = self.log.read_text(errors="replace")[-2000:]
            raise SetupError(f"SparkSession did not start: {first_line(e)}\n{tail}") from e
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        self.spark.sparkContext.setLogLevel("ERROR")
        self.views: list[str] = []

    def load(self, tables_dir: Path, tables: list[str]) -> dict[str, int]:
        for v in self.views:
            self.spark.catalog.dropTempView(v)
        self.views = []
        schema = parse_schema((tables_dir / "schema-spark.sql").read_text(encoding="utf-8"))
        counts = {}
        for t in tables:
            ddl = ", ".join(f"`{c}` {ty}" for c, ty in schema[t])
            df = self.spark.read.csv(
                str(tables_dir / f"{t}.csv"), schema=ddl, header=True, sep=",", quote='"',
                escape='"', multiLine=True, encoding="UTF-8", mode="FAILFAST",
                dateFormat="yyyy-MM-dd", timestampFormat="yyyy-MM-dd HH:mm:ss",
            ).cache()
            df.createOrReplaceTempView(t)
            self.views.append(t)
            counts[t] = df.count()
        for t in sorted(CANONICAL.keys() - set(tables)):
            ddl = ", ".join(f"`{c}` {COLTYPE['spark'][ty]}" for c, ty in CANONICAL[t])
            self.spark.createDataFrame([], schema=ddl).createOrReplaceTempView(t)
            self.views.append(t)
        return counts

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        df = self.spark.sql(sql)
        return df.columns, [tuple(r) for r in df.collect()]

    def batch(self, sqls: list[str]) -> list[tuple[list[str], list[tuple]]]:
        """Every query in one UNION ALL, its rows tagged with the query's index."""
        parts = []
        for i, q in enumerate(sqls):
            cols = self.spark.sql(q).columns  # analysis only: the contract's column names
            if [c.lower() for c in cols] != ["kpi", "value"]:
                raise ValueError(f"columns {cols}")
            parts.append(f"SELECT {i} AS kz_query, kpi, value FROM (\n{q.strip().rstrip(';')}\n) kz_q{i}")
        rows = self.spark.sql("\nUNION ALL\n".join(parts)).collect()
        out: list[tuple[list[str], list[tuple]]] = [(["kpi", "value"], []) for _ in sqls]
        for r in rows:
            out[r[0]][1].append((r[1], r[2]))
        return out

    def cpu_seconds(self) -> float | None:
        """CPU time the JVM used so far (user + system): the cost without the wait for a
        busy machine's other processes."""
        try:
            pid = self.spark.sparkContext._gateway.proc.pid
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except Exception:  # noqa: BLE001 - a figure for the log only
            return None

    def stop(self) -> None:
        if getattr(self, "spark", None) is not None:
            cpu = self.cpu_seconds()
            if cpu is not None:
                log(f"spark: the JVM used {cpu:.0f} s of CPU")
            self.spark.stop()
            self.spark = None
        if getattr(self, "tmp", None) is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


# --- the comparison --------------------------------------------------------------------------


@dataclass
class Tally:
    compared: int = 0
    matched: int = 0
    mismatches: list[str] = field(default_factory=list)
    no_sql: set[str] = field(default_factory=set)
    no_tile: set[str] = field(default_factory=set)
    compared_kpis: set[str] = field(default_factory=set)
    load_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    queries: int = 0


def first_line(e: Exception) -> str:
    text = str(e).strip()
    return (text.splitlines() or [type(e).__name__])[0][:300]


def values_of(cols: list[str], rows: list[tuple]) -> dict[str, float | None] | str:
    """{kpi: value} of one query's result, or what breaks the query contract."""
    if [c.lower() for c in cols] != ["kpi", "value"]:
        return f"contract: columns {cols}, not [kpi, value]"
    values: dict[str, float | None] = {}
    for kpi, value in rows:
        if kpi in values:
            return f"contract: two rows for {kpi}"
        try:
            values[kpi] = num(value)
        except (TypeError, ValueError):
            return f"contract: value {value!r} of {kpi} is not a number"
    return values


def run_query(engine: Engine, sql: str, cache: dict, tally: Tally) -> dict[str, float | None] | str:
    """{kpi: value} of one query, or an error text (cached per query text)."""
    if sql not in cache:
        tally.queries += 1
        try:
            cache[sql] = values_of(*engine.query(sql))
        except Exception as e:  # noqa: BLE001 - any engine error is a failed comparison
            cache[sql] = f"error: {first_line(e)}"
    return cache[sql]


def prefetch(engine: Engine, sqls: list[str], cache: dict, tally: Tally) -> None:
    """Runs the queries not yet cached as one statement where the engine gains by it (Spark:
    one job instead of one per query). Any failure leaves them to run one by one, so an error
    is reported for the query that causes it."""
    todo = [q for q in dict.fromkeys(sqls) if q not in cache]
    if len(todo) < 2 or not hasattr(engine, "batch"):
        return
    try:
        results = engine.batch(todo)
    except Exception as e:  # noqa: BLE001
        if VERBOSE:
            log(f"  one statement for {len(todo)} queries failed ({first_line(e)[:120]}): one by one")
        return
    tally.queries += len(todo)
    for q, (cols, rows) in zip(todo, results):
        cache[q] = values_of(cols, rows)


def compare(engine: Engine, tally: Tally, where: str, queries: list[dict], want: dict[str, float | None],
            kpis: set[str] | None, cache: dict, expect_mismatch: set[str] = frozenset()) -> None:
    wanted = [q for q in queries if (not kpis or q["kpi"] in kpis) and q.get("sql") and q["kpi"] in want]
    prefetch(engine, [q["sql"] for q in wanted], cache, tally)
    for q in queries:
        kpi, sql = q["kpi"], q.get("sql")
        if kpis and kpi not in kpis:
            continue
        if sql is None:
            tally.no_sql.add(kpi)
            continue
        if kpi not in want:
            # The report has no tile for it: these files hold no data set it needs.
            tally.no_tile.add(kpi)
            continue
        result = run_query(engine, sql, cache, tally)
        tally.compared += 1
        tally.compared_kpis.add(kpi)
        if isinstance(result, str):
            ok, got = False, result
        elif kpi not in result:
            ok, got = False, f"no row for {kpi} (rows: {sorted(result)})"
        else:
            ok, got = same(kpi, result[kpi], want[kpi]), fmt(result[kpi])
        if kpi in expect_mismatch:
            # The self-test's deliberately wrong value: the comparison must catch it.
            ok = not ok
            got = f"{got} (a deliberately wrong expected value was NOT caught)"
        if ok:
            tally.matched += 1
        else:
            tally.mismatches.append(f"{where} {kpi}: {engine.name} {got}, report {fmt(want[kpi])}")


def cli_json(cli: Path, *args: str) -> object:
    p = run([str(cli), *args], ok=(0, 1))
    try:
        return json.loads(p.stdout)
    except json.JSONDecodeError as e:
        raise SetupError(f"kennzahl {' '.join(args)[:200]}: not JSON ({e})") from e


@dataclass
class Prepared:
    """One data set made ready for every engine: its tables and, per period, the expected
    values and every dialect's queries."""

    name: str
    tables_dir: Path
    tables: list[str]
    rows: dict[str, int]
    # (period label, {kpi: value}, {dialect: [{kpi, sql}]}, kpis expected to mismatch)
    checks: list[tuple[str, dict, dict, set]]


def prepare(ds: Dataset, cli: Path, tmp: Path, engines: list[str]) -> Prepared:
    if ds.selftest:
        spec = json.loads((SELFTEST / "queries.json").read_text(encoding="utf-8"))
        tables_dir = SELFTEST
        checks = []
        for case in spec["cases"]:
            queries = {e: [{"kpi": q["kpi"], "sql": q["sql"][e] if isinstance(q["sql"], dict)
                            else q["sql"].replace("{double}", DOUBLE[e])} for q in case["queries"]]
                       for e in engines}
            checks.append((case["name"], case["expected"], queries, set(case.get("expect_mismatch", []))))
    else:
        files = files_of(ds)
        tables_dir = tmp / ds.name / "tables"
        run([str(cli), "tables", *files, "--out", str(tables_dir)], ok=(0, 1))
        as_of = ds.as_of
        if as_of is None:
            report = cli_json(cli, "report", *files, "--json")
            as_of = report["as_of"]["date"]
        checks = []
        for period in ds.periods or periods_for(as_of):
            report = cli_json(cli, "report", *files, "--json", "--period", period, "--as-of", as_of)
            want = {t["kpi"]: num(t["value"]) for t in report["tiles"]}
            queries = {}
            for e in engines:
                queries[e] = cli_json(cli, "sql", "--dialect", DIALECT[e], "--json", "--period", period,
                                      "--as-of", as_of)
            checks.append((f"{period} as of {as_of}", want, queries, set()))
    tables = sorted(p.stem for p in tables_dir.glob("*.csv"))
    rows = {t: csv_rows(tables_dir / f"{t}.csv") for t in tables}
    return Prepared(ds.name, tables_dir, tables, rows, checks)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engines", default=",".join(ENGINES), help="comma-separated: duckdb,postgres,spark")
    ap.add_argument("--kpi", action="append", default=[], help="only these KPI ids (repeatable, or comma-separated)")
    ap.add_argument("--datasets", default="", help="only these data sets (comma-separated: selftest,sample,de-subscriptions,de-activity,exports-trials)")
    ap.add_argument("--cli", default=os.environ.get("KZ_CLI", str(ROOT / "target" / "debug" / "kennzahl")))
    ap.add_argument("--verbose", action="store_true", help="print every comparison's timing")
    args = ap.parse_args()
    global VERBOSE
    VERBOSE = args.verbose

    engines = [e for e in args.engines.split(",") if e]
    for e in engines:
        if e not in ENGINES:
            ap.error(f"unknown engine {e!r} (duckdb, postgres, spark)")
    kpis = {k for arg in args.kpi for k in arg.split(",") if k} or None
    cli = Path(args.cli)

    tmp = Path(tempfile.mkdtemp(prefix="kennzahl-sql-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    # SIGTERM (a CI timeout) runs the finally blocks too: the PostgreSQL server is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(2))

    try:
        CANONICAL.update(canonical_tables())
    except SetupError as e:
        log(f"FAILED: {e}")
        return 2
    chosen = [d for d in datasets(tmp, cli) if not args.datasets or d.name in args.datasets.split(",")]
    t0 = time.monotonic()
    try:
        if any(not d.selftest for d in chosen):
            if not cli.exists():
                raise SetupError(f"no CLI at {cli} (cargo build -p kennzahl-cli, or --cli / KZ_CLI)")
            if any(d.name == "sample" for d in chosen):
                run([str(cli), "sample", "--out", str(tmp / "sample-files"), "--format", "de"])
        prepared = [prepare(d, cli, tmp, engines) for d in chosen]
        log(f"prepared {len(prepared)} data sets in {time.monotonic() - t0:.1f} s "
            f"({', '.join(f'{p.name}: {len(p.checks)} periods' for p in prepared)})")
    except SetupError as e:
        log(f"FAILED to prepare the data sets: {e}")
        return 2

    tallies: dict[str, Tally] = {}
    for name in engines:
        engine = {"duckdb": DuckDb, "postgres": Postgres, "spark": Spark}[name]()
        tally = tallies[name] = Tally()
        t = time.monotonic()
        try:
            engine.start()
            startup = time.monotonic() - t
            for p in prepared:
                try:
                    counts = engine.load(p.tables_dir, p.tables)
                except Exception as e:  # noqa: BLE001
                    tally.load_errors.append(f"{p.name}: loading failed: {first_line(e)}")
                    continue
                for t_name, n in counts.items():
                    if n != p.rows[t_name]:
                        tally.load_errors.append(f"{p.name}: {t_name} has {n} rows in {name}, "
                                                 f"{p.rows[t_name]} in the CSV")
                cache: dict = {}
                for label, want, queries, expect_mismatch in p.checks:
                    tc = time.monotonic()
                    compare(engine, tally, f"{p.name} {label}", queries[name], want, kpis, cache, expect_mismatch)
                    if args.verbose:
                        log(f"  {name} {p.name} {label}: {time.monotonic() - tc:.1f} s")
        except SetupError as e:
            log(f"FAILED to start {name}: {e}")
            engine.stop()
            return 2
        except Exception as e:  # noqa: BLE001
            tally.load_errors.append(f"{name} failed: {first_line(e)}")
        finally:
            engine.stop()
        tally.seconds = time.monotonic() - t
        log(f"{name}: {tally.seconds:.1f} s ({startup:.1f} s start-up, {tally.queries} queries)")

    # The summary: one row per engine, then every mismatch and the KPIs without SQL.
    log("")
    log(f"{'engine':10} {'compared':>9} {'matched':>8} {'mismatched':>11} {'no SQL yet':>11} {'seconds':>8}")
    failed = False
    for name, t in tallies.items():
        bad = len(t.mismatches)
        log(f"{name:10} {t.compared:9} {t.matched:8} {bad:11} {len(t.no_sql):11} {t.seconds:8.1f}")
        failed |= bool(bad or t.load_errors)
    for name, t in tallies.items():
        for line in t.load_errors + t.mismatches:
            log(f"  MISMATCH {name}: {line}")
    no_sql = sorted(set().union(*(t.no_sql for t in tallies.values())))
    if no_sql:
        log(f"no SQL yet ({len(no_sql)}): {', '.join(no_sql)}")
    untested = sorted(set().union(*(t.no_tile - t.compared_kpis for t in tallies.values())))
    if untested:
        log(f"SQL never compared (no data set has a report figure for it): {', '.join(untested)}")
    total = sum(t.compared for t in tallies.values())
    if failed:
        log(f"FAILED: the engines disagree with the report ({time.monotonic() - t0:.0f} s)")
        return 1
    log(f"ok: {total} figures agree with the report ({time.monotonic() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
