//! The registry: one module per catalogue section, each holding its [`KpiDef`]s as constants
//! and one calculator per variant.

mod retention;
mod revenue;
mod sales;
mod support;
mod surveys;
mod usage;
mod value;

use crate::eval::{Calc, Computed};
use crate::{InputDef, KpiDef, KpiError, Text, Unit, VariantDef};

/// Every KPI in display order.
pub(crate) static REGISTRY: &[KpiDef] = &[
    retention::RETENTION_RATE,
    retention::CHURN_RATE,
    retention::REVENUE_CHURN,
    retention::NDR,
    retention::GRR,
    retention::RENEWAL_RATE,
    revenue::MRR,
    revenue::ARR,
    revenue::ARPU,
    revenue::EXPANSION_MRR,
    revenue::MRR_MOVEMENTS,
    revenue::UPSELL_RATE,
    revenue::CROSS_SELL_RATE,
    revenue::SHARE_OF_WALLET,
    value::CLV,
    value::CAC,
    value::CLV_CAC_RATIO,
    value::CAC_PAYBACK_MONTHS,
    value::RETENTION_COST,
    value::ROI,
    surveys::NPS,
    surveys::CSAT,
    surveys::CES,
    surveys::ADVOCACY_RATE,
    surveys::ENGAGEMENT_SCORE,
    surveys::HEALTH_SCORE,
    surveys::QUALITATIVE_FEEDBACK,
    support::FCR,
    support::RESOLUTION_RATE,
    support::FIRST_RESPONSE_TIME,
    support::LEAD_RESPONSE_TIME,
    support::TICKET_VOLUME,
    sales::SALES_VELOCITY,
    sales::WIN_RATE,
    sales::WIN_LOSS_RATIO,
    sales::CONVERSION_RATE,
    sales::FREE_TO_PAID,
    sales::ONBOARDING_DROPOFF,
    usage::DAU_MAU,
    usage::AVG_SESSION_DURATION,
    usage::PRODUCT_USAGE_RATE,
    usage::SESSIONS_PER_DAY,
];

/// Runs the calculator of one variant.
pub(crate) fn calculate(
    kpi: &'static str,
    variant: &'static str,
    c: &mut Calc,
) -> Result<Computed, KpiError> {
    let result = retention::calculate(kpi, variant, c)
        .or_else(|| revenue::calculate(kpi, variant, c))
        .or_else(|| value::calculate(kpi, variant, c))
        .or_else(|| surveys::calculate(kpi, variant, c))
        .or_else(|| support::calculate(kpi, variant, c))
        .or_else(|| sales::calculate(kpi, variant, c))
        .or_else(|| usage::calculate(kpi, variant, c));
    result.unwrap_or_else(|| {
        Err(KpiError::UnknownVariant { kpi: kpi.to_string(), variant: variant.to_string() })
    })
}

// Const constructors keep the data files short; every input kind has its usual range.

const fn input(
    id: &'static str,
    name: Text,
    hint: Text,
    unit: Unit,
    min: Option<f64>,
    max: Option<f64>,
    default: f64,
) -> InputDef {
    InputDef { id, name, hint, unit, min, max, default, default_list: &[] }
}

/// A whole number ≥ 0.
const fn count(id: &'static str, name: Text, hint: Text, default: f64) -> InputDef {
    input(id, name, hint, Unit::Count, Some(0.0), None, default)
}

/// Money ≥ 0 in major units.
const fn money(id: &'static str, name: Text, hint: Text, default: f64) -> InputDef {
    input(id, name, hint, Unit::Money, Some(0.0), None, default)
}

/// A fraction from 0 to 1.
const fn ratio(id: &'static str, name: Text, hint: Text, default: f64) -> InputDef {
    input(id, name, hint, Unit::Ratio, Some(0.0), Some(1.0), default)
}

/// A number ≥ 0 in `unit`.
const fn amount(id: &'static str, name: Text, hint: Text, unit: Unit, default: f64) -> InputDef {
    input(id, name, hint, unit, Some(0.0), None, default)
}

/// A list of whole-number answers from `min` to `max`.
const fn answers(
    id: &'static str,
    name: Text,
    hint: Text,
    min: f64,
    max: f64,
    list: &'static [f64],
) -> InputDef {
    InputDef {
        id,
        name,
        hint,
        unit: Unit::ScoreList { min, max },
        min: Some(min),
        max: Some(max),
        default: min,
        default_list: list,
    }
}

const fn variant(
    id: &'static str,
    name: Text,
    when: Text,
    formula: Text,
    inputs: &'static [&'static str],
) -> VariantDef {
    VariantDef { id, name, when, formula, inputs }
}
