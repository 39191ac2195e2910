-- MRR per month (tools/bench: the DuckDB-Wasm peer; quoted in BENCHMARKS.md). A subscription
-- counts in month M when it is active on M's last day (first month ≤ M < month of its end);
-- amounts in twelfths of a cent per month, summed per customer and month and rounded once, half
-- up (analytics::revenue's rule), so the figures equal the dashboard's to the cent. Months are
-- integers (year × 12 + month − 1), as in the warehouse SQL: no time-zone extension needed.
WITH s AS (
  SELECT customer,
         year("start") * 12 + month("start") - 1 AS first_month,
         year("end") * 12 + month("end") - 1 AS end_month,
         CAST(round(amount * 100) AS BIGINT)
           * CASE "interval" WHEN 'year' THEN 1 WHEN 'quarter' THEN 4 ELSE 12 END AS twelfths
  FROM subscriptions
),
months AS (
  SELECT unnest(generate_series(min(first_month), greatest(max(first_month), max(end_month)))) AS month
  FROM s
),
customer_month AS (
  SELECT m.month, s.customer, sum(s.twelfths) AS twelfths
  FROM s JOIN months m ON m.month >= s.first_month AND (s.end_month IS NULL OR m.month < s.end_month)
  GROUP BY m.month, s.customer
)
SELECT month // 12 AS year, month % 12 + 1 AS month,
       sum((twelfths + 6) // 12) / 100 AS mrr,
       count(*) FILTER (WHERE twelfths > 0) AS customers
FROM customer_month
GROUP BY ALL
ORDER BY year, month
