//! Segments: the report of the rows with one value of an attribute (plan, country, channel,
//! …), and a filter ("only plan Team") that applies to every section.
//!
//! A segment is a scope of rows, nothing else: its report is [`crate::report()`]'s report of
//! those rows, so [`crate::figure`] gives a segment's figures by the one definition of each
//! KPI. The as-of day, the analysed months and the currency are those of all rows, so every
//! segment covers the same months.
//!
//! # Attributes
//!
//! The import keeps the text columns of a file per row ([`records::Attributes`]); attributes
//! of the same key ([`records::AttributeColumn::key`]: the mapped field, else the header in
//! lower case) are one attribute across files. A file without the column takes the value of
//! the row's customer from the files that have it (the customer's last row there), so a
//! subscriptions file's plan applies to the customer's tickets and survey answers. Rows
//! without a value form their own segment ("(none)"), values beyond the first 50 distinct
//! ones the segment "other"; so the segments of an attribute hold every row once.
//!
//! # Revenue within a segment
//!
//! A customer's MRR in a month is rounded once, as without segments, and shared out over the
//! segments of its subscriptions (cumulative rounding, see `revenue/scoped.rs`), so **the
//! segments' MRR adds up to the total MRR every month**. Movements are classified by the
//! customer, not by the segment: a customer whose MRR leaves segment A and arrives in
//! segment B while it stays a customer (a plan switch) counts as **contraction in A and
//! expansion in B**, not as churn and new; a customer who stops paying altogether is churn in
//! the segments it paid in last; new and reactivation are the customer's first and returning
//! payments. Hence the segments' new, reactivation and churn MRR add up to the totals, and
//! so does expansion − contraction; expansion and contraction alone add up to more than the
//! totals by the MRR that moved between segments. Customer counts of segments add up to the
//! total unless a customer pays in two segments at once (it counts in both).

use crate::report::{report_in, Scope};
use crate::revenue::EXCLUDED;
use crate::util::FxMap;
use crate::{report, Report, ReportOptions};
use records::{AttributeColumn, Attributes, Dataset};
use serde::{Deserialize, Serialize};

/// The scope key of the rest of a split shown in part (no value's code, not excluded).
const REST: u16 = 256;

/// Distinct values of an attribute across files; later ones are "other".
pub const MAX_VALUES: usize = AttributeColumn::MAX_VALUES;

/// `COLUMN=VALUE`: only the rows whose attribute `attribute` has `value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// The attribute: a column header or a field id (`plan`), in any case.
    pub attribute: String,
    /// The value, in any case.
    pub value: String,
}

impl std::str::FromStr for Condition {
    type Err = SegmentError;
    fn from_str(s: &str) -> Result<Condition, SegmentError> {
        match s.split_once('=') {
            Some((a, v)) if !a.trim().is_empty() => {
                Ok(Condition { attribute: a.trim().to_string(), value: v.trim().to_string() })
            }
            _ => Err(SegmentError::BadCondition { text: s.to_string() }),
        }
    }
}

/// An attribute the imported files offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeInfo {
    /// The key `--by` and conditions match (the field id or the header in lower case).
    pub key: String,
    /// The header as the first file with it writes it.
    pub name: String,
    /// Its values, in the order they first appear (at most [`MAX_VALUES`]).
    pub values: Vec<String>,
}

/// What went wrong choosing a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegmentError {
    /// No file has this attribute.
    UnknownAttribute {
        /// As asked for.
        name: String,
        /// The attributes there are.
        available: Vec<String>,
    },
    /// The attribute has no such value.
    UnknownValue {
        /// The attribute.
        attribute: String,
        /// As asked for.
        value: String,
        /// Its values.
        available: Vec<String>,
    },
    /// A condition without `=`.
    BadCondition {
        /// As written.
        text: String,
    },
}

impl SegmentError {
    /// The message in German (`de`) or English.
    pub fn message(&self, de: bool) -> String {
        let list = |v: &[String]| if v.is_empty() { "–".to_string() } else { v.join(", ") };
        match (self, de) {
            (SegmentError::UnknownAttribute { name, available }, true) => format!(
                "Keine Spalte „{name}“ in den Dateien. Vorhandene Merkmale: {}",
                list(available)
            ),
            (SegmentError::UnknownAttribute { name, available }, false) => format!(
                "No column \"{name}\" in the files. Available attributes: {}",
                list(available)
            ),
            (SegmentError::UnknownValue { attribute, value, available }, true) => {
                format!("„{attribute}“ hat keinen Wert „{value}“. Werte: {}", list(available))
            }
            (SegmentError::UnknownValue { attribute, value, available }, false) => {
                format!("\"{attribute}\" has no value \"{value}\". Values: {}", list(available))
            }
            (SegmentError::BadCondition { text }, true) => {
                format!("„{text}“ ist keine Bedingung SPALTE=WERT.")
            }
            (SegmentError::BadCondition { text }, false) => {
                format!("\"{text}\" is no condition COLUMN=VALUE.")
            }
        }
    }
}

impl std::fmt::Display for SegmentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(false))
    }
}

impl std::error::Error for SegmentError {}

/// One segment: its value and its report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// The value; `None` for "other" and for rows without a value.
    pub value: Option<String>,
    /// The values beyond the first [`MAX_VALUES`].
    pub other: bool,
    /// For the rest of a split shown in part ([`split_first`]): how many segments it holds
    /// (0: an ordinary segment).
    #[serde(default)]
    pub rest: u32,
    /// The report of the segment's rows.
    pub report: Report,
}

impl Segment {
    /// The value as shown: the value, "other"/"Sonstige" or "(none)"/"(ohne Angabe)".
    pub fn label(&self, de: bool) -> String {
        match (&self.value, self.other, de) {
            _ if self.rest > 0 && de => format!("Rest ({} weitere)", self.rest),
            _ if self.rest > 0 => format!("rest ({} more)", self.rest),
            (Some(v), _, _) => v.clone(),
            (None, true, true) => "Sonstige".to_string(),
            (None, true, false) => "other".to_string(),
            (None, false, true) => "(ohne Angabe)".to_string(),
            (None, false, false) => "(none)".to_string(),
        }
    }
}

/// The report split by one attribute.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// The attribute.
    pub attribute: AttributeInfo,
    /// One per value that has rows (after the filter), most rows first; "other" and "(none)"
    /// last.
    pub segments: Vec<Segment>,
}

/// The key of a row's value: an index into the attribute's values, [`AttributeColumn::OTHER`]
/// or [`AttributeColumn::NONE`].
struct Resolved {
    info: AttributeInfo,
    /// Per dataset, one code per row.
    codes: Vec<Vec<u8>>,
}

/// The customer a row belongs to, where its kind has one.
fn customer(d: &Dataset, row: usize) -> Option<&str> {
    match d {
        Dataset::Subscriptions(v) => v.get(row).map(|r| r.customer()),
        Dataset::Invoices(v) => v.get(row).map(|r| r.customer.as_str()),
        Dataset::Surveys(v) => v.get(row).and_then(|r| r.customer.as_deref()),
        Dataset::Tickets(v) => v.get(row).and_then(|r| r.customer.as_deref()),
        Dataset::Usage(v) => v.get(row).and_then(|r| r.account.as_deref()),
        Dataset::Accounts(v) => v.get(row).map(|r| r.customer.as_str()),
        Dataset::Deals(_) | Dataset::Leads(_) | Dataset::Costs(_) => None,
    }
}

fn normal(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Every attribute of the files, merged by key, in the order they first appear.
pub fn attributes(attrs: &[Attributes]) -> Vec<AttributeInfo> {
    let mut out: Vec<AttributeInfo> = Vec::new();
    for a in attrs {
        for col in &a.columns {
            let key = col.key();
            let i = match out.iter().position(|x| x.key == key) {
                Some(i) => i,
                None => {
                    out.push(AttributeInfo { key, name: col.name.clone(), values: Vec::new() });
                    out.len() - 1
                }
            };
            for v in &col.values {
                if out[i].values.len() < MAX_VALUES && !out[i].values.contains(v) {
                    out[i].values.push(v.clone());
                }
            }
        }
    }
    out
}

/// The attribute named `name` (its key, or a header of it, in any case).
fn find(attrs: &[Attributes], name: &str) -> Result<AttributeInfo, SegmentError> {
    let all = attributes(attrs);
    let wanted = normal(name);
    let hit = all.iter().find(|a| a.key == wanted || normal(&a.name) == wanted).or_else(|| {
        // Any file's own header for the attribute (a mapped `Tarif` is the key `plan`).
        let col = attrs.iter().flat_map(|a| &a.columns).find(|c| normal(&c.name) == wanted)?;
        all.iter().find(|a| a.key == col.key())
    });
    hit.cloned().ok_or_else(|| SegmentError::UnknownAttribute {
        name: name.to_string(),
        available: all.iter().map(|a| a.name.clone()).collect(),
    })
}

/// Every row's value of attribute `info`, joined across files by customer.
fn resolve(datasets: &[Dataset], attrs: &[Attributes], info: AttributeInfo) -> Resolved {
    let global = |v: &str| info.values.iter().position(|x| x == v);
    let empty = Attributes::default();
    let mut codes: Vec<Option<Vec<u8>>> = Vec::with_capacity(datasets.len());
    let mut by_customer: FxMap<&str, u8> = FxMap::default();
    for (i, d) in datasets.iter().enumerate() {
        let a = attrs.get(i).unwrap_or(&empty);
        let Some(col) = a.columns.iter().find(|c| c.key() == info.key) else {
            codes.push(None);
            continue;
        };
        // Local code → global code.
        let map: Vec<u8> = col
            .values
            .iter()
            .map(|v| global(v).map_or(AttributeColumn::OTHER, |g| g as u8))
            .collect();
        let rows: Vec<u8> = col
            .codes
            .iter()
            .map(|&c| match c {
                AttributeColumn::NONE | AttributeColumn::OTHER => c,
                c => map.get(usize::from(c)).copied().unwrap_or(AttributeColumn::OTHER),
            })
            .collect();
        for (r, &code) in rows.iter().enumerate() {
            if code != AttributeColumn::NONE {
                if let Some(c) = customer(d, r) {
                    by_customer.insert(c, code);
                }
            }
        }
        codes.push(Some(rows));
    }
    let codes = codes
        .into_iter()
        .zip(datasets)
        .map(|(own, d)| {
            own.unwrap_or_else(|| {
                (0..d.len())
                    .map(|r| {
                        let c = customer(d, r).and_then(|c| by_customer.get(c));
                        c.copied().unwrap_or(AttributeColumn::NONE)
                    })
                    .collect()
            })
        })
        .collect();
    Resolved { info, codes }
}

/// Per dataset, whether each row meets every condition.
fn mask(
    datasets: &[Dataset],
    attrs: &[Attributes],
    filter: &[Condition],
) -> Result<Vec<Vec<bool>>, SegmentError> {
    let mut keep: Vec<Vec<bool>> = datasets.iter().map(|d| vec![true; d.len()]).collect();
    for cond in filter {
        let info = find(attrs, &cond.attribute)?;
        let wanted = normal(&cond.value);
        let Some(code) = info.values.iter().position(|v| normal(v) == wanted) else {
            return Err(SegmentError::UnknownValue {
                attribute: cond.attribute.clone(),
                value: cond.value.clone(),
                available: info.values,
            });
        };
        let resolved = resolve(datasets, attrs, info);
        for (k, c) in keep.iter_mut().zip(&resolved.codes) {
            for (k, &c) in k.iter_mut().zip(c) {
                *k &= usize::from(c) == code;
            }
        }
    }
    Ok(keep)
}

/// The report of the rows that meet every condition of `filter` (the dashboard's global
/// filter, the CLI's `--where`); with no condition, [`report()`].
pub fn filtered(
    datasets: &[Dataset],
    attrs: &[Attributes],
    options: &ReportOptions,
    filter: &[Condition],
) -> Result<Report, SegmentError> {
    if filter.is_empty() {
        return Ok(report(datasets, options));
    }
    let keys = filter_keys(datasets, attrs, filter)?;
    Ok(report_in(datasets, options, Some(Scope { keys: &keys, target: 0 })))
}

/// Per dataset and row, key 0 for the rows that meet every condition of `filter`, else
/// `EXCLUDED` (the scope of [`filtered`]; the drill-down of a filtered figure uses it too).
pub(crate) fn filter_keys(
    datasets: &[Dataset],
    attrs: &[Attributes],
    filter: &[Condition],
) -> Result<Vec<Vec<u16>>, SegmentError> {
    let keep = mask(datasets, attrs, filter)?;
    Ok(keep.iter().map(|k| k.iter().map(|&k| if k { 0 } else { EXCLUDED }).collect()).collect())
}

/// The report split by the attribute `by` (a header or field id, any case), of the rows that
/// meet `filter`: one [`Segment`] per value with rows.
pub fn split(
    datasets: &[Dataset],
    attrs: &[Attributes],
    options: &ReportOptions,
    by: &str,
    filter: &[Condition],
) -> Result<Split, SegmentError> {
    split_first(datasets, attrs, options, (by, filter), usize::MAX)
}

/// [`split`], computing only the first `n` segments (the dashboard shows five side by side)
/// and, when there are more, one more segment of all the others (the rest, `rest` > 0), so the
/// segments still hold every row once and their MRR adds up to the total.
pub fn split_first(
    datasets: &[Dataset],
    attrs: &[Attributes],
    options: &ReportOptions,
    (by, filter): (&str, &[Condition]),
    n: usize,
) -> Result<Split, SegmentError> {
    let info = find(attrs, by)?;
    let keep = mask(datasets, attrs, filter)?;
    let resolved = resolve(datasets, attrs, info);
    let mut rows_per_code = [0u64; 256];
    let keys: Vec<Vec<u16>> = resolved
        .codes
        .iter()
        .zip(&keep)
        .map(|(codes, keep)| {
            codes
                .iter()
                .zip(keep)
                .map(|(&c, &k)| {
                    if k {
                        rows_per_code[usize::from(c)] += 1;
                        u16::from(c)
                    } else {
                        EXCLUDED
                    }
                })
                .collect()
        })
        .collect();
    let mut order: Vec<u8> = (0..=255u8).filter(|&c| rows_per_code[usize::from(c)] > 0).collect();
    // Most rows first (ties: first seen); "other" and "(none)" are the largest codes.
    order.sort_by_key(|&c| {
        let special = c == AttributeColumn::OTHER || c == AttributeColumn::NONE;
        (special, std::cmp::Reverse(rows_per_code[usize::from(c)]), c)
    });
    let rest = order.get(n..).unwrap_or_default().to_vec();
    let mut segments: Vec<Segment> = order
        .into_iter()
        .take(n)
        .map(|code| {
            let report =
                report_in(datasets, options, Some(Scope { keys: &keys, target: code.into() }));
            let value = resolved.info.values.get(usize::from(code)).cloned();
            Segment { value, other: code == AttributeColumn::OTHER, rest: 0, report }
        })
        .collect();
    if !rest.is_empty() {
        let mut in_rest = [false; 256];
        for &c in &rest {
            in_rest[usize::from(c)] = true;
        }
        let keys: Vec<Vec<u16>> = keys
            .iter()
            .map(|k| {
                k.iter()
                    .map(|&k| match in_rest.get(usize::from(k)) {
                        Some(true) => REST,
                        _ => k,
                    })
                    .collect()
            })
            .collect();
        let report = report_in(datasets, options, Some(Scope { keys: &keys, target: REST }));
        let count = u32::try_from(rest.len()).unwrap_or(u32::MAX);
        segments.push(Segment { value: None, other: false, rest: count, report });
    }
    Ok(Split { attribute: resolved.info, segments })
}

/// The attributes of rows built in memory (the demo data, tests): the label fields the rows
/// carry (plan, segment, channel, urgency, ticket type, source, stage), named by field, as
/// an import of the same rows keeps them.
pub fn label_attributes(dataset: &Dataset) -> Attributes {
    fn column<'a>(
        field: &str,
        cells: impl Iterator<Item = Option<&'a str>>,
    ) -> Option<AttributeColumn> {
        let mut col = AttributeColumn::new(field, Some(field));
        for c in cells {
            col.push(c.unwrap_or(""));
        }
        col.codes.iter().any(|&c| c != AttributeColumn::NONE).then_some(col)
    }
    let columns = match dataset {
        Dataset::Subscriptions(v) => vec![column("plan", v.iter().map(|r| r.plan()))],
        Dataset::Surveys(v) => vec![column("segment", v.iter().map(|r| r.segment.as_deref()))],
        Dataset::Tickets(v) => vec![
            column("channel", v.iter().map(|r| r.channel.as_deref())),
            column("urgency", v.iter().map(|r| r.urgency.as_deref())),
            column("ticket_type", v.iter().map(|r| r.ticket_type.as_deref())),
        ],
        Dataset::Deals(v) => vec![
            column("stage", v.iter().map(|r| r.stage.as_deref())),
            column("source", v.iter().map(|r| r.source.as_deref())),
        ],
        _ => Vec::new(),
    };
    Attributes { columns: columns.into_iter().flatten().collect() }
}
