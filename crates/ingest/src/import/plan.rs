//! The column plan: which column each field of the kind is read from, with its decimal style,
//! day/month order and duration unit, checked against the file before any row is read.

use super::result::ScaleSource;
use super::result::{FieldSetting, Settings};
use crate::error::IngestError;
use crate::schema::{self, FieldSpec};
use crate::sniff::Sniffed;
use crate::value::{parse_survey_kind, scale_in_header, DateOrder, DecimalStyle};
use crate::ImportOptions;
use records::{DatasetKind, SurveyKind, SurveyScale};

pub(crate) struct ColPlan {
    pub(crate) index: usize,
    pub(crate) decimal: DecimalStyle,
    pub(crate) order: DateOrder,
    /// Seconds per unit for duration fields (from the header: minutes, hours, ms).
    pub(crate) unit: f64,
    /// Money written in cents (the header says so: Recurly's `unit_amount_in_cents`).
    pub(crate) cents: bool,
}

/// Whether a money column's header says its amounts are in cents.
pub(crate) fn in_cents(header: &str) -> bool {
    let h = schema::normalize_header(header);
    h.split(' ').any(|w| matches!(w, "cents" | "cent" | "minor"))
}

pub(crate) struct Plan {
    pub(crate) kind: DatasetKind,
    pub(crate) specs: &'static [FieldSpec],
    pub(crate) cols: Vec<Option<ColPlan>>,
    pub(crate) headers: Vec<String>,
    /// Survey kind implied by the score column's header (`NPS`, `CSAT`, `CES`).
    pub(crate) survey_kind: Option<SurveyKind>,
    /// Scale of CSAT and CES answers fixed before any row is read: the user's choice, else
    /// the score column's header. `None`: decided from the file's values at the end.
    pub(crate) survey_scale: Option<(SurveyScale, ScaleSource)>,
    /// A subscriptions file whose end column names the last day in force (German contract
    /// terms, [`super::convert::last_day_header`]): decided once here, not per row (its
    /// header normalisation was 4 % of an import).
    pub(crate) end_is_last_day: bool,
}

pub(crate) fn unit_seconds(header: &str) -> f64 {
    let h = schema::normalize_header(header);
    let words: Vec<&str> = h.split(' ').collect();
    if words.iter().any(|w| matches!(*w, "ms" | "millisekunden" | "milliseconds")) {
        0.001
    } else if words.iter().any(|w| matches!(*w, "min" | "minuten" | "minutes" | "mins")) {
        60.0
    } else if words.iter().any(|w| matches!(*w, "h" | "std" | "stunden" | "hours")) {
        3600.0
    } else {
        1.0
    }
}

pub(crate) fn build_plan(sniffed: &Sniffed, options: &ImportOptions) -> Result<Plan, IngestError> {
    let Some(kind) = sniffed.kind else {
        return Err(IngestError::UnknownKind { headers: sniffed.headers.clone() });
    };
    let specs = schema::fields(kind);
    let n_cols = sniffed.headers.len();
    for (field, &index) in &sniffed.mapping {
        if index >= n_cols || !specs.iter().any(|s| s.id == field) {
            return Err(IngestError::BadMapping { field: field.clone(), index, columns: n_cols });
        }
    }
    for spec in specs.iter().filter(|s| s.required) {
        if !sniffed.mapping.contains_key(spec.id) {
            return Err(missing(kind, spec));
        }
    }
    if kind == DatasetKind::Costs
        && !["sales", "marketing", "customer_success"]
            .iter()
            .any(|f| sniffed.mapping.contains_key(*f))
    {
        if let Some(spec) = specs.iter().find(|s| s.id == "sales") {
            return Err(missing(kind, spec));
        }
    }
    let cols = specs
        .iter()
        .map(|spec| {
            let index = *sniffed.mapping.get(spec.id)?;
            let profile = sniffed.columns.get(index);
            let detected = profile.and_then(|p| p.decimal);
            let fallback =
                if sniffed.delimiter == ';' { DecimalStyle::Comma } else { DecimalStyle::Point };
            let decimal = options.decimal.get(&index).copied().or(detected).unwrap_or(fallback);
            let date = profile.and_then(|p| p.date.as_ref());
            let order = match date.and_then(|d| d.order) {
                Some(order) => order,
                None => options.date_order.unwrap_or(DateOrder::Dmy),
            };
            let unit = unit_seconds(&sniffed.headers[index]);
            let cents = in_cents(&sniffed.headers[index]);
            Some(ColPlan { index, decimal, order, unit, cents })
        })
        .collect();
    let survey_kind = sniffed.mapping.get("score").and_then(|&i| {
        let h = schema::normalize_header(&sniffed.headers[i]);
        h.split(' ').find_map(parse_survey_kind).or_else(|| question_kind(&h))
    });
    let header_scale = sniffed
        .mapping
        .get("score")
        .and_then(|&i| scale_in_header(&sniffed.headers[i]))
        .map(|s| (s, ScaleSource::Header));
    let survey_scale = match options.survey_scale {
        Some(s) => Some((s, ScaleSource::Chosen)),
        None => header_scale,
    };
    // Answers on a scale other than 0–10 are no NPS answers (NPS is 0–10): a file without any
    // kind, whose header or user names such a scale, holds CSAT answers, not NPS read wrongly.
    let off_nps = survey_scale.is_some_and(|(s, _)| s != SurveyScale::ZeroToTen);
    let survey_kind = match survey_kind {
        None if off_nps && !sniffed.mapping.contains_key("kind") => Some(SurveyKind::Csat),
        known => known,
    };
    let end_is_last_day = kind == DatasetKind::Subscriptions
        && sniffed
            .mapping
            .get("end")
            .is_some_and(|&i| super::convert::last_day_header(&sniffed.headers, i));
    Ok(Plan {
        kind,
        specs,
        cols,
        headers: sniffed.headers.clone(),
        survey_kind,
        survey_scale,
        end_is_last_day,
    })
}

/// The kind a question text asks for (survey tools name the score column after the
/// question): recommending is NPS, satisfaction CSAT, effort or ease CES. `h` is normalised.
fn question_kind(h: &str) -> Option<SurveyKind> {
    let has = |list: &[&str]| h.split(' ').any(|w| list.contains(&w));
    if has(&["recommend", "empfehlen", "weiterempfehlen", "empfehlung"]) {
        Some(SurveyKind::Nps)
    } else if has(&["satisfied", "satisfaction", "zufrieden", "zufriedenheit"]) {
        Some(SurveyKind::Csat)
    } else if has(&["effort", "easy", "aufwand", "einfach", "leicht"]) {
        Some(SurveyKind::Ces)
    } else {
        None
    }
}

fn missing(kind: DatasetKind, spec: &FieldSpec) -> IngestError {
    IngestError::MissingColumn {
        kind,
        field: spec.id.to_string(),
        label_de: spec.label_de.to_string(),
    }
}

pub(super) fn settings(sniffed: &Sniffed, plan: &Plan) -> Settings {
    let fields = plan
        .specs
        .iter()
        .zip(&plan.cols)
        .filter_map(|(spec, col)| {
            let col = col.as_ref()?;
            let ambiguous = sniffed
                .columns
                .get(col.index)
                .and_then(|p| p.date.as_ref())
                .is_some_and(|d| d.ambiguous);
            Some(FieldSetting {
                field: spec.id.to_string(),
                column: col.index,
                header: plan.headers[col.index].clone(),
                decimal: col.decimal,
                date_order: col.order,
                date_ambiguous: ambiguous,
            })
        })
        .collect();
    Settings {
        encoding: sniffed.encoding,
        delimiter: sniffed.delimiter,
        quote: sniffed.quote,
        has_header: sniffed.has_header,
        headers: sniffed.headers.clone(),
        kind: plan.kind,
        mapping: sniffed.mapping.clone(),
        fields,
        survey_scales: Vec::new(),
    }
}
