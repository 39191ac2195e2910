//! Customer-success KPIs as data, and their evaluation.
//!
//! Reading path:
//! 1. [`registry`] lists every KPI as a [`KpiDef`]: German and English names and explanations,
//!    its [`InputDef`]s (unit, valid range, default), its [`VariantDef`]s where sources disagree
//!    (the first one is the default), the [`Direction`] and the interpretation [`Band`]s.
//! 2. [`evaluate`] computes one KPI variant from an [`Inputs`] map and returns an [`Outcome`]:
//!    the value with its [`Unit`], the formula with the user's numbers substituted
//!    ([`FormulaPart`]), the matching band and a breakdown of intermediate figures.
//! 3. Bad input never panics and never yields NaN or infinity: it is a [`KpiError`] that names
//!    the input to fix ([`KpiError::input`]) and explains the fix in German and English
//!    ([`KpiError::message`], or [`KpiError::message_for`] with the inputs' display names).
//!    Answer lists are named after their scale (`answers`, `answers_7`, `answers_10`), which is
//!    how [`KpiError::ScoreOffScale`] finds its field.
//! 4. Survey helpers work on raw answers: [`nps_from_scores`], [`nps_from_counts`],
//!    [`csat_from_scores`], [`ces_from_scores`]; [`sales_velocity`] is the seed's worked example.
//!
//! Conventions:
//! - Ratios are fractions (`0.25`, shown as 25 %); the NPS is in points from −100 to 100.
//! - Money inputs are in major units (`3000.0` €). **Money results are whole cents, rounded
//!   half up** ([`money_cents`]: 2,01 € ÷ 2 = 1,01 €; negative amounts half away from zero, as
//!   the dashboard's integer divisions round) after the computation in `f64`, so a calculator
//!   and the dashboard agree to the cent; ratios, scores and durations are not rounded.
//! - [`Band`] edges are inclusive on both sides and the first band in slice order that contains
//!   the value wins; this lets "≥ 3" and "≤ 1" both include their edge.
//! - A KPI marked [`KpiDef::dataset_only`] has no honest calculator (qualitative feedback is word
//!   frequencies over comments); [`evaluate`] returns [`KpiError::DatasetOnly`] for it. Other
//!   dataset KPIs (MRR movements, ticket volume, first response time) have a calculator form
//!   over totals; the dashboards compute the dataset versions.
//! - [`evaluate`] reads only the inputs of the chosen variant; counts must be whole numbers,
//!   ratios lie in 0…1, and parts may not exceed their wholes.
//!
//! ```
//! use kpi::{evaluate, InputValue, Inputs};
//! let mut inputs = Inputs::new();
//! inputs.insert("lost".into(), InputValue::Number(2.0));
//! inputs.insert("start".into(), InputValue::Number(100.0));
//! let outcome = evaluate("churn_rate", "a", &inputs)?;
//! assert_eq!(outcome.value.value, 0.02);
//! # Ok::<(), kpi::KpiError>(())
//! ```

#![deny(missing_docs)]

mod defs;
mod error;
mod eval;
pub mod show;
mod sources;
mod survey;

pub use error::KpiError;
pub use eval::{evaluate, money_cents};
pub use sources::{source, Source, SOURCES};
pub use survey::{
    ces_from_scores, csat_from_scores, nps_from_counts, nps_from_scores, sales_velocity,
    CesVariant, CsatScale, NpsBreakdown,
};

use std::collections::BTreeMap;

/// The two languages every text exists in (the product's one language type, from `locale`).
pub use locale::Lang;

/// A text in German and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Text {
    /// German text.
    pub de: &'static str,
    /// English text.
    pub en: &'static str,
}

impl Text {
    /// The text in `lang` (in a one-language build, see [`built_lang`], the built one's).
    pub fn get(&self, lang: Lang) -> &'static str {
        match built_lang(lang) {
            Lang::De => self.de,
            Lang::En => self.en,
        }
    }
}

/// The one language this build has texts in, when exactly one of the features `lang-de` and
/// `lang-en` is on (the calculator modules of the app, issue 18: a page downloads one
/// language's texts); `None` with both or neither (the default: CLI, static pages, workbench).
pub const ONLY_LANG: Option<Lang> = if cfg!(feature = "lang-de") == cfg!(feature = "lang-en") {
    None
} else if cfg!(feature = "lang-de") {
    Some(Lang::De)
} else {
    Some(Lang::En)
};

/// The language whose texts a lookup in `lang` gets: `lang` itself, or in a one-language build
/// ([`ONLY_LANG`]) the built language, so the other language's texts are never referenced and
/// the linker drops them.
pub const fn built_lang(lang: Lang) -> Lang {
    match ONLY_LANG {
        Some(only) => only,
        None => lang,
    }
}

/// Builds a [`Text`] in const context; in a one-language build both fields hold that
/// language's text, so the other literal is not part of the constant (nor of the binary).
pub(crate) const fn t(de: &'static str, en: &'static str) -> Text {
    match ONLY_LANG {
        Some(Lang::De) => Text { de, en: de },
        Some(Lang::En) => Text { de: en, en },
        None => Text { de, en },
    }
}

/// The catalogue's sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Retention and churn.
    Retention,
    /// Recurring revenue.
    Revenue,
    /// Customer value and cost.
    ValueCost,
    /// Satisfaction and loyalty surveys.
    Surveys,
    /// Customer support.
    Support,
    /// Sales and funnel.
    Sales,
    /// Product usage.
    Usage,
}

impl Category {
    /// Every category in display order.
    pub const ALL: [Category; 7] = [
        Category::Retention,
        Category::Revenue,
        Category::ValueCost,
        Category::Surveys,
        Category::Support,
        Category::Sales,
        Category::Usage,
    ];

    /// Stable id for URLs and tests.
    pub fn id(&self) -> &'static str {
        match self {
            Category::Retention => "retention",
            Category::Revenue => "revenue",
            Category::ValueCost => "value_cost",
            Category::Surveys => "surveys",
            Category::Support => "support",
            Category::Sales => "sales",
            Category::Usage => "usage",
        }
    }

    /// Display name.
    pub fn name(&self) -> Text {
        match self {
            Category::Retention => t("Bindung und Abwanderung", "Retention and churn"),
            Category::Revenue => t("Umsatz", "Revenue"),
            Category::ValueCost => t("Wert und Kosten", "Value and cost"),
            Category::Surveys => t("Zufriedenheit und Loyalität", "Satisfaction and loyalty"),
            Category::Support => t("Support", "Support"),
            Category::Sales => t("Vertrieb und Funnel", "Sales and funnel"),
            Category::Usage => t("Nutzung", "Usage"),
        }
    }
}

/// Which way a KPI should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// A higher value is better.
    HigherIsBetter,
    /// A lower value is better.
    LowerIsBetter,
    /// Neither direction is better by itself.
    Neutral,
}

/// The unit of an input or result; decides formatting and input widgets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    /// A number of things (customers, tickets); whole numbers.
    Count,
    /// Money in major units of the user's currency.
    Money,
    /// A fraction, shown as a percentage.
    Ratio,
    /// Days.
    Days,
    /// Minutes.
    Minutes,
    /// Seconds.
    Seconds,
    /// Months.
    Months,
    /// Years.
    Years,
    /// A score on a closed scale.
    Score {
        /// Lowest possible score.
        min: f64,
        /// Highest possible score.
        max: f64,
    },
    /// A plain number (a factor, a ratio like 3:1, NPS points).
    Number,
    /// Money per day.
    MoneyPerDay,
    /// A list of survey answers on a closed scale (or of non-negative values, see the hint).
    ScoreList {
        /// Lowest allowed value.
        min: f64,
        /// Highest allowed value.
        max: f64,
    },
}

impl Unit {
    /// Whether values in this unit are money and therefore rounded to cents.
    pub fn is_money(&self) -> bool {
        matches!(self, Unit::Money | Unit::MoneyPerDay)
    }

    /// Whether an input in this unit takes a list ([`InputValue::List`]).
    pub fn is_list(&self) -> bool {
        matches!(self, Unit::ScoreList { .. })
    }
}

/// One input field of a KPI.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InputDef {
    /// Key in [`Inputs`].
    pub id: &'static str,
    /// Label.
    pub name: Text,
    /// One sentence under the field: what to enter.
    pub hint: Text,
    /// Unit of the value (money in major units, ratios as fractions).
    pub unit: Unit,
    /// Smallest valid value (inclusive), if any.
    pub min: Option<f64>,
    /// Largest valid value (inclusive), if any.
    pub max: Option<f64>,
    /// Default value; for list inputs the scale's lower end (see `default_list`).
    pub default: f64,
    /// Default answers for list inputs; empty for number inputs.
    pub default_list: &'static [f64],
}

impl InputDef {
    /// The default as an [`InputValue`]: a list for list units, a number otherwise.
    pub fn default_value(&self) -> InputValue {
        if self.unit.is_list() {
            InputValue::List(self.default_list.to_vec())
        } else {
            InputValue::Number(self.default)
        }
    }
}

/// One way of computing a KPI.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VariantDef {
    /// Stable id, unique within the KPI.
    pub id: &'static str,
    /// Label.
    pub name: Text,
    /// One sentence: when this variant applies.
    pub when: Text,
    /// The formula in symbols.
    pub formula: Text,
    /// Ids into [`KpiDef::inputs`], in display order.
    pub inputs: &'static [&'static str],
}

/// Colour of an interpretation band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    /// Healthy.
    Good,
    /// Watch it.
    Warn,
    /// Act.
    Bad,
    /// No judgement.
    Neutral,
}

impl Tone {
    /// The CSS class suffix of the tone (`band-good` …), shared by the app and the static pages.
    pub fn css_class(self) -> &'static str {
        match self {
            Tone::Good => "good",
            Tone::Warn => "warn",
            Tone::Bad => "bad",
            Tone::Neutral => "neutral",
        }
    }
}

/// An interpretation range of a KPI's value.
///
/// Both edges are inclusive; `None` means unbounded. Bands may overlap at their edges: the first
/// band in [`KpiDef::bands`] that contains a value is the one that applies ([`Band::find`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// Lower edge (inclusive).
    pub min: Option<f64>,
    /// Upper edge (inclusive).
    pub max: Option<f64>,
    /// What the range means.
    pub label: Text,
    /// Colour.
    pub tone: Tone,
}

impl Band {
    /// Whether `value` lies within both (inclusive) edges.
    pub fn contains(&self, value: f64) -> bool {
        self.min.is_none_or(|min| value >= min) && self.max.is_none_or(|max| value <= max)
    }

    /// The first band in `bands` that contains `value`.
    pub fn find(bands: &'static [Band], value: f64) -> Option<&'static Band> {
        bands.iter().find(|band| band.contains(value))
    }
}

/// Which explanatory chart the app shows beside a KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Cumulative revenue over the sales cycle.
    VelocityCumulative,
    /// Promoters, passives and detractors.
    NpsDistribution,
    /// CLV:CAC ratio against its bands.
    ClvCacBands,
    /// Customers remaining under a churn rate.
    ChurnRemaining,
    /// Cumulative margin until CAC is paid back.
    CacPayback,
    /// Onboarding or sales funnel.
    Funnel,
    /// No chart.
    None,
}

/// A KPI definition: everything the app shows about a KPI, as data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KpiDef {
    /// Stable id (the catalogue's id).
    pub id: &'static str,
    /// Full name.
    pub name: Text,
    /// Abbreviation or short name.
    pub abbr: Text,
    /// Catalogue section.
    pub category: Category,
    /// One line: what it measures.
    pub description: Text,
    /// A few sentences from the seed articles.
    pub explanation: Text,
    /// Every input used by any variant.
    pub inputs: &'static [InputDef],
    /// At least one; the first is the default.
    pub variants: &'static [VariantDef],
    /// Which way is better (for the default variant, see [`KpiDef::direction_for`]).
    pub direction: Direction,
    /// Interpretation bands, applied when the outcome's unit is `result_unit`.
    pub bands: &'static [Band],
    /// Unit of the default variant's result.
    pub result_unit: Unit,
    /// Seed files the definition comes from (`"000"` … `"004"`, or a convention).
    pub seeds: &'static [&'static str],
    /// Explanatory chart.
    pub chart: ChartKind,
    /// True when only a dataset can produce this KPI honestly; [`evaluate`] then returns
    /// [`KpiError::DatasetOnly`].
    pub dataset_only: bool,
}

impl KpiDef {
    /// The input with this id.
    pub fn input(&self, id: &str) -> Option<&'static InputDef> {
        self.inputs.iter().find(|input| input.id == id)
    }

    /// The variant with this id.
    pub fn variant(&self, id: &str) -> Option<&'static VariantDef> {
        self.variants.iter().find(|variant| variant.id == id)
    }

    /// The default (first) variant.
    pub fn default_variant(&self) -> &'static VariantDef {
        // Every registry entry has at least one variant (tested); the fallback only keeps
        // this function total.
        self.variants.first().unwrap_or(&NO_VARIANT)
    }

    /// Default values for every input of the KPI.
    pub fn default_inputs(&self) -> Inputs {
        inputs_from(self.inputs.iter().map(|input| (input.id.to_string(), input.default_value())))
    }

    /// Direction of a variant's result; differs from [`KpiDef::direction`] only where a
    /// variant turns the scale around (CES B and C: agreement and positive share; the share of
    /// leads answered within five minutes).
    pub fn direction_for(&self, variant: &str) -> Direction {
        match (self.id, variant) {
            ("ces", "b") | ("ces", "c") | ("lead_response_time", "share_within_5") => {
                Direction::HigherIsBetter
            }
            _ => self.direction,
        }
    }
}

static NO_VARIANT: VariantDef =
    VariantDef { id: "", name: t("", ""), when: t("", ""), formula: t("", ""), inputs: &[] };

/// Every KPI, grouped by category in display order.
pub fn registry() -> &'static [KpiDef] {
    defs::REGISTRY
}

/// The KPI with this id.
pub fn find(id: &str) -> Option<&'static KpiDef> {
    registry().iter().find(|kpi| kpi.id == id)
}

/// A value entered for an input.
#[derive(Debug, Clone, PartialEq)]
pub enum InputValue {
    /// A single number.
    Number(f64),
    /// A list of answers or values.
    List(Vec<f64>),
}

/// Input values by input id; money in major units (3000.0 €), ratios as fractions (0.2).
pub type Inputs = BTreeMap<String, InputValue>;

/// `pairs` as [`Inputs`], inserted one by one (a later pair with the same id wins, as with
/// `collect`). `BTreeMap`'s `FromIterator` sorts the pairs first, and that stable sort is
/// several kB of wasm per element type: the calculator page collects through here (issue 18).
pub fn inputs_from(pairs: impl IntoIterator<Item = (String, InputValue)>) -> Inputs {
    let mut inputs = Inputs::new();
    for (id, value) in pairs {
        inputs.insert(id, value);
    }
    inputs
}

/// A value with its unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    /// The value (finite; money in major units holding whole cents, see [`money_cents`]).
    pub value: f64,
    /// Its unit.
    pub unit: Unit,
}

impl Quantity {
    /// Whole cents of a money quantity (see [`money_cents`]); `None` for other units.
    pub fn cents(&self) -> Option<i64> {
        if self.unit.is_money() {
            money_cents(self.value)
        } else {
            None
        }
    }
}

/// One piece of a formula with the user's numbers substituted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FormulaPart {
    /// A word or constant, e.g. "% promoters" or "12".
    Text(Text),
    /// An operator or bracket: "×", "÷", "+", "−", "/", "(", ")", "=".
    Op(&'static str),
    /// An input with the value used.
    Input {
        /// Input id.
        id: &'static str,
        /// The value as entered.
        value: Quantity,
    },
    /// The result (always last, after `Op("=")`).
    Result(Quantity),
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// KPI id.
    pub kpi: &'static str,
    /// Variant id.
    pub variant: &'static str,
    /// The value; its unit may differ from [`KpiDef::result_unit`] for some variants.
    pub value: Quantity,
    /// The formula with numbers, ending in `Op("=")`, `Result(value)`.
    pub formula: Vec<FormulaPart>,
    /// The first band containing the value, if the KPI has bands for this unit.
    pub band: Option<&'static Band>,
    /// Intermediate figures, e.g. NPS shares or CLV and CAC.
    pub breakdown: Vec<(Text, Quantity)>,
}
