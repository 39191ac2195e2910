#!/usr/bin/env python3
"""Writes edge-case fixtures for the activity KPIs' SQL (sqlact's checks): several survey scales,
answers without a kind, tickets without a resolution column, leads contacted at 300 and 301
seconds or before they came in, deals without values or close dates, usage without accounts,
subscriptions that ended, never paid or have a trial. usage: sql_activity_fixtures.py OUTDIR [SEED]
"""
import csv, os, random, sys
from datetime import date, datetime, timedelta

out = sys.argv[1]
rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
os.makedirs(out, exist_ok=True)
D0 = date(2025, 1, 1)
CUST = [f"C{i:03d}" for i in range(1, 41)]


def day(a=0, b=300):
    return D0 + timedelta(days=rnd.randint(a, b))


def ts(d, h=None):
    return datetime(d.year, d.month, d.day, rnd.randint(0, 23) if h is None else h, rnd.randint(0, 59), rnd.randint(0, 59))


def fmt(t):
    return t.strftime("%Y-%m-%d %H:%M:%S")


def write(name, header, rows):
    with open(os.path.join(out, name), "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


# Surveys: CSAT on 1-5 (file a) and 1-10 (file b), CES on 1-7, NPS with and without kind.
write("surveys_a.csv", ["date", "score", "kind", "customer"],
      [[day(), rnd.randint(1, 5), "CSAT", rnd.choice(CUST)] for _ in range(70)]
      + [[day(), rnd.randint(0, 10), "NPS", rnd.choice(CUST)] for _ in range(90)])
write("surveys_b.csv", ["date", "score", "kind", "customer"],
      [[day(), rnd.randint(1, 10), "CSAT", rnd.choice(CUST)] for _ in range(60)]
      + [[day(), rnd.randint(1, 7), "CES", rnd.choice(CUST)] for _ in range(50)])
write("surveys_nokind.csv", ["date", "score", "customer"],
      [[day(), rnd.randint(0, 10), rnd.choice(CUST)] for _ in range(40)])

# Tickets without a resolution column and without an FCR flag (contacts only).
rows = []
for i in range(300):
    c = ts(day())
    gap = rnd.choice([rnd.randint(-3600, -1), rnd.randint(0, 600), rnd.randint(60, 200000), None])
    fr = fmt(c + timedelta(seconds=gap)) if gap is not None else ""
    rows.append([f"T{i:04d}", fmt(c), fr, rnd.choice(["1", "2", "3", ""]), rnd.choice(CUST + [""])])
write("tickets_noresolved.csv", ["id", "created", "first_response", "contacts", "customer"], rows)
# Tickets with resolutions (some after the as-of day) and the flag.
rows = []
for i in range(200):
    c = ts(day(150, 240))
    fr = c + timedelta(seconds=rnd.randint(0, 400000))
    res = c + timedelta(days=rnd.randint(0, 20), seconds=rnd.randint(0, 80000))
    rows.append([f"R{i:04d}", fmt(c), fmt(fr), fmt(res) if rnd.random() < .8 else "",
                 rnd.choice(["true", "false", ""]), rnd.choice(CUST)])
write("tickets_flag.csv", ["id", "created", "first_response", "resolved", "first_contact_resolution", "customer"], rows)

# Leads: within 5 minutes, exactly 300 s, 301 s, never, before coming in.
rows = []
for i in range(250):
    c = ts(day())
    gap = rnd.choice([rnd.randint(0, 299), 300, 301, rnd.randint(302, 90000), None, -60])
    rows.append([f"L{i:04d}", fmt(c), fmt(c + timedelta(seconds=gap)) if gap is not None else ""])
write("leads.csv", ["id", "created", "first_contact"], rows)

# Deals: some without value, won ones without close date, closes after the as-of day.
rows = []
for i in range(220):
    cr = day(0, 260)
    outcome = rnd.choice(["won", "lost", "open", "won"])
    closed = "" if outcome == "open" or rnd.random() < .1 else (cr + timedelta(days=rnd.randint(0, 90))).isoformat()
    value = "" if rnd.random() < .15 else f"{rnd.randint(100, 90000) / 7:.2f}"
    rows.append([f"D{i:04d}", cr.isoformat(), closed, outcome, value, "Angebot", "Website", ""])
write("deals.csv", ["id", "created", "closed", "outcome", "value", "stage", "source", "lost_at_stage"], rows)

# Usage: accounts C001..C030 (some events without account), a few event names, sessions.
rows = []
for i in range(6000):
    d = day(60, 250)
    acc = rnd.choice(CUST[:30])
    rows.append([fmt(ts(d)), f"{acc}-u{rnd.randint(1, 7)}", acc if rnd.random() < .95 else "",
                 rnd.choice(["login", "report", "export", "api", "share", "admin"]),
                 rnd.choice(["", "", f"{rnd.randint(0, 4000)}", f"{rnd.random() * 900:.1f}"])])
write("usage.csv", ["timestamp", "user", "account", "event", "session_seconds"], rows)

# Subscriptions: customers C001..C040, some ended before the as-of day, trials, never paid.
rows = []
for i, c in enumerate(CUST):
    start = day(0, 200)
    end = (start + timedelta(days=rnd.randint(20, 300))).isoformat() if i % 3 == 0 else ""
    status = "canceled" if end else rnd.choice(["active", "active", "trialing", "past_due"])
    rows.append([c, start.isoformat(), end, f"{rnd.choice([29, 49, 99])}.00", "month", "Basic", status])
write("subscriptions.csv", ["customer", "start", "end", "amount", "interval", "plan", "status"], rows)
