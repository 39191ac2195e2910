//! The dialect helpers of the revenue queries and a small builder for `WITH` chains.
//!
//! Months are numbered `year × 12 + month − 1` (July 2025 = 24306), so that month
//! arithmetic is integer arithmetic in every dialect; only the month number of a date, integer
//! division, `DOUBLE` and a series of months differ between DuckDB, PostgreSQL and Spark.

use super::super::{Ctx, Dialect};
use records::{Date, Month};

/// The month number of a month (`year × 12 + month − 1`), as SQL text that shows the month.
pub(super) fn month_literal(m: Month) -> String {
    format!("{} * 12 + {} - 1", m.year(), m.number())
}

/// Renders dialect-specific pieces and the user's table and column names.
pub(super) struct W<'a> {
    pub(super) ctx: &'a Ctx<'a>,
}

impl W<'_> {
    /// `table AS alias`, with the user's table name.
    pub(super) fn from(&self, table: &str, alias: &str) -> String {
        format!("{} AS {alias}", self.ctx.table(table))
    }

    /// `alias.column`, with the user's column name.
    pub(super) fn col(&self, alias: &str, table: &str, column: &str) -> String {
        format!("{alias}.{}", self.ctx.col(table, column))
    }

    /// The month number of a date expression.
    pub(super) fn month_no(&self, date: &str) -> String {
        format!(
            "(CAST(EXTRACT(YEAR FROM {date}) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM {date}) AS INTEGER) - 1)"
        )
    }

    /// A date literal.
    pub(super) fn date(&self, d: Date) -> String {
        self.ctx.date(d)
    }

    /// Integer division of non-negative integers.
    pub(super) fn idiv(&self, a: &str, b: &str) -> String {
        match self.ctx.dialect {
            Dialect::DuckDb => format!("({a}) // ({b})"),
            Dialect::Postgres => format!("({a}) / ({b})"),
            Dialect::Spark => format!("({a}) div ({b})"),
        }
    }

    /// `⌊a ÷ b⌋` for integers and a positive `b`, exact in every dialect.
    pub(super) fn floor_div(&self, a: &str, b: &str) -> String {
        format!(
            "CASE WHEN {a} >= 0 THEN {} ELSE -({}) END",
            self.idiv(a, b),
            self.idiv(&format!("-({a}) + ({b}) - 1"), b)
        )
    }

    /// `a ÷ b` rounded half away from zero, for integers and a positive `b` (the engine's
    /// rounding of ARPU, CAC and retention cost).
    pub(super) fn div_round(&self, a: &str, b: &str) -> String {
        format!(
            "CASE WHEN {a} >= 0 THEN {} ELSE -({}) END",
            self.idiv(&format!("2 * ({a}) + ({b})"), &format!("2 * ({b})")),
            self.idiv(&format!("-2 * ({a}) + ({b})"), &format!("2 * ({b})"))
        )
    }

    /// An expression as a double.
    pub(super) fn double(&self, x: &str) -> String {
        match self.ctx.dialect {
            Dialect::Postgres => format!("CAST({x} AS DOUBLE PRECISION)"),
            _ => format!("CAST({x} AS DOUBLE)"),
        }
    }

    /// `num ÷ den` as a double, `NULL` for a zero denominator.
    pub(super) fn ratio(&self, num: &str, den: &str) -> String {
        format!("{} / NULLIF({}, 0)", self.double(num), self.double(den))
    }

    /// A `FROM` item with one column `month_no` holding the month numbers `lo..=hi`.
    pub(super) fn month_series(&self, lo: &str, hi: &str, alias: &str) -> String {
        match self.ctx.dialect {
            Dialect::Spark => {
                format!("(SELECT explode(sequence({lo}, {hi})) AS month_no) AS {alias}")
            }
            _ => format!("generate_series({lo}, {hi}) AS {alias}(month_no)"),
        }
    }
}

/// A `WITH` chain: named steps, rendered in the order they were added.
#[derive(Default)]
pub(super) struct Chain {
    steps: Vec<(String, String)>,
}

impl Chain {
    /// Adds a step (`name AS (body)`); `comment` says what it holds.
    pub(super) fn step(&mut self, name: &str, comment: &str, body: &str) {
        if self.steps.iter().any(|(n, _)| n == name) {
            return;
        }
        let mut text = String::new();
        for line in comment.lines() {
            text.push_str("  -- ");
            text.push_str(line);
            text.push('\n');
        }
        for line in body.trim_matches('\n').lines() {
            text.push_str("  ");
            text.push_str(line);
            text.push('\n');
        }
        self.steps.push((name.to_string(), text));
    }

    /// The query: the header comment, the chain and the final `SELECT`.
    pub(super) fn render(&self, header: &str, select: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("-- ");
            out.push_str(line);
            out.push('\n');
        }
        if !self.steps.is_empty() {
            out.push_str("WITH\n");
            let n = self.steps.len();
            for (i, (name, text)) in self.steps.iter().enumerate() {
                out.push_str(name);
                out.push_str(" AS (\n");
                out.push_str(text);
                out.push_str(if i + 1 < n { "),\n" } else { ")\n" });
            }
        }
        out.push_str(select.trim_matches('\n'));
        out.push('\n');
        out
    }
}
