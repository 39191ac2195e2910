//! Evaluation: input validation against the [`InputDef`]s, one calculator per variant, and the
//! formula with the user's numbers.

use crate::survey::check_scores;
use crate::{
    find, t, Band, FormulaPart, InputDef, InputValue, Inputs, KpiDef, KpiError, Outcome, Quantity,
    Text, Unit,
};

/// Computes `variant` of KPI `kpi` from `inputs`.
///
/// Only the inputs the variant lists are read; others are ignored. Every input is checked
/// against its [`InputDef`] (finite, range, whole counts) before any arithmetic.
///
/// ```
/// use kpi::{evaluate, FormulaPart, InputValue, Inputs};
/// let inputs: Inputs = [
///     ("opportunities", 100.0),
///     ("deal_value", 3000.0),
///     ("win_rate", 0.20),
///     ("cycle_days", 30.0),
/// ]
/// .into_iter()
/// .map(|(id, v)| (id.to_string(), InputValue::Number(v)))
/// .collect();
/// let outcome = evaluate("sales_velocity", "standard", &inputs)?;
/// assert_eq!(outcome.value.value, 2000.0);
/// assert_eq!(outcome.formula.first(), Some(&FormulaPart::Op("(")));
/// # Ok::<(), kpi::KpiError>(())
/// ```
pub fn evaluate(kpi: &str, variant: &str, inputs: &Inputs) -> Result<Outcome, KpiError> {
    let def = find(kpi).ok_or_else(|| KpiError::UnknownKpi { kpi: kpi.to_string() })?;
    let var = def.variant(variant).ok_or_else(|| KpiError::UnknownVariant {
        kpi: def.id.to_string(),
        variant: variant.to_string(),
    })?;
    if def.dataset_only {
        return Err(KpiError::DatasetOnly { kpi: def.id });
    }
    let mut calc = Calc { kpi: def, inputs, seen: Vec::new() };
    let computed = crate::defs::calculate(def.id, var.id, &mut calc)?;
    calc.finish(var.id, computed)
}

/// Relative distance from a half cent within which an `f64` result counts as exactly on it.
///
/// Money typed as decimals (2,01 €) is not exact in `f64`, and each operation adds an error
/// of about one unit in the last place (1.1 × 10⁻¹⁶ relative); a calculator's handful of
/// operations stays far below 10⁻¹². An amount of R whole cents divided by a whole number n
/// lies at least 1 ÷ (2n) cents from a half cent unless it is on one, and 1 ÷ (2n) exceeds
/// the tolerance 10⁻¹² × R ÷ n whenever R < 5 × 10¹¹ cents: every such division rounds as
/// its exact value does (the property tests check amounts up to 10⁹ €).
const HALF_CENT_TOLERANCE: f64 = 1e-12;

/// Whole cents of a money amount in major units, rounded half up: 1,005 € is 101 cents, as
/// the exact decimal value rounds, although the `f64` nearest to 1.005 lies just below it.
/// Negative amounts round half away from zero (−1,005 € is −101 cents), as `analytics`
/// rounds its integer divisions, so a calculator and the dashboard agree to the cent.
/// `None` for NaN, infinities and amounts beyond ±9 × 10¹³ (no longer exact in `f64` cents).
///
/// ```
/// assert_eq!(kpi::money_cents(2.01 / 2.0), Some(101));
/// assert_eq!(kpi::money_cents(-2.01 / 2.0), Some(-101));
/// assert_eq!(kpi::money_cents(0.3), Some(30));
/// assert_eq!(kpi::money_cents(f64::NAN), None);
/// ```
pub fn money_cents(value: f64) -> Option<i64> {
    let x = (value * 100.0).abs();
    if !x.is_finite() || x >= 9.0e15 {
        return None;
    }
    let whole = x.floor();
    let tolerance = (x * HALF_CENT_TOLERANCE).max(f64::EPSILON);
    let up = x - whole >= 0.5 - tolerance;
    // Exact: `whole` is an integer below 2⁵³.
    let cents = whole as i64 + i64::from(up);
    Some(if value < 0.0 { -cents } else { cents })
}

/// Rounds a money amount to whole cents with [`money_cents`] and turns −0 into 0. Beyond its
/// range every `f64` is a whole number of cents already, and NaN and infinities stay as they
/// are for the caller's overflow check.
pub(crate) fn round_cents(value: f64) -> f64 {
    match money_cents(value) {
        Some(cents) => cents as f64 / 100.0 + 0.0,
        None => (value * 100.0).round() / 100.0 + 0.0,
    }
}

/// Sorts `values` ascending by [`f64::total_cmp`] in place (heap sort: O(n log n) without
/// allocating, and a few hundred bytes of wasm where `sort_by` brings std's stable sort, issue
/// 18). The order of equal values does not matter for the numbers it sorts.
pub(crate) fn heap_sort(values: &mut [f64]) {
    fn sift_down(v: &mut [f64], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && v[child].total_cmp(&v[child + 1]).is_lt() {
                child += 1;
            }
            if v[root].total_cmp(&v[child]).is_ge() {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    let n = values.len();
    for root in (0..n / 2).rev() {
        sift_down(values, root, n);
    }
    for end in (1..n).rev() {
        values.swap(0, end);
        sift_down(values, 0, end);
    }
}

/// A formula token before substitution.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Tok {
    /// Operator.
    O(&'static str),
    /// Input by id; its value is filled in.
    I(&'static str),
    /// Fixed text.
    T(Text),
}

/// What a calculator returns; [`Calc::finish`] turns it into an [`Outcome`].
pub(crate) struct Computed {
    pub value: f64,
    pub unit: Unit,
    pub toks: Vec<Tok>,
    pub breakdown: Vec<(Text, Quantity)>,
}

impl Computed {
    pub(crate) fn new(value: f64, unit: Unit, toks: Vec<Tok>) -> Computed {
        Computed { value, unit, toks, breakdown: Vec::new() }
    }

    pub(crate) fn with(mut self, label: Text, value: f64, unit: Unit) -> Computed {
        self.breakdown.push((label, Quantity { value, unit }));
        self
    }
}

/// Reads and validates inputs for one evaluation.
pub(crate) struct Calc<'a> {
    kpi: &'static KpiDef,
    inputs: &'a Inputs,
    seen: Vec<(&'static str, f64)>,
}

impl Calc<'_> {
    fn def(&self, id: &'static str) -> Result<&'static InputDef, KpiError> {
        // A calculator asking for an undeclared input is a registry bug; the registry tests
        // evaluate every variant, so this surfaces there rather than in the app.
        self.kpi.input(id).ok_or(KpiError::MissingInput { input: id })
    }

    /// A validated number input.
    pub(crate) fn num(&mut self, id: &'static str) -> Result<f64, KpiError> {
        let def = self.def(id)?;
        let value = match self.inputs.get(id) {
            None => return Err(KpiError::MissingInput { input: id }),
            Some(InputValue::Number(value)) => *value,
            Some(InputValue::List(_)) => {
                return Err(KpiError::WrongKind { input: id, expected_list: false })
            }
        };
        check_number(def, value)?;
        self.seen.push((id, value));
        Ok(value)
    }

    /// A validated list input: survey answers (ids starting with `answers`) must be whole
    /// numbers on the scale, other lists finite values within the unit's range.
    pub(crate) fn list(&mut self, id: &'static str) -> Result<Vec<f64>, KpiError> {
        let def = self.def(id)?;
        let values = match self.inputs.get(id) {
            None => return Err(KpiError::MissingInput { input: id }),
            Some(InputValue::List(values)) => values.clone(),
            Some(InputValue::Number(_)) => {
                return Err(KpiError::WrongKind { input: id, expected_list: true })
            }
        };
        let (min, max) = match def.unit {
            Unit::ScoreList { min, max } => (min, max),
            _ => (0.0, f64::MAX),
        };
        if id.starts_with("answers") {
            check_scores(&values, min, max)?;
        } else {
            if values.is_empty() {
                return Err(KpiError::NoAnswers { input: id });
            }
            for (index, &value) in values.iter().enumerate() {
                if !(value >= min && value <= max) {
                    return Err(KpiError::BadListEntry { input: id, index, value });
                }
            }
        }
        self.seen.push((id, values.len() as f64));
        Ok(values)
    }

    /// `num / den`, with `DivisionByZero` naming `den_input` when `den` is zero.
    pub(crate) fn div(&self, num: f64, den: f64, den_input: &'static str) -> Result<f64, KpiError> {
        if den == 0.0 {
            Err(KpiError::DivisionByZero { input: den_input })
        } else {
            Ok(num / den)
        }
    }

    fn quantity(&self, value: f64, unit: Unit) -> Result<Quantity, KpiError> {
        let value = if unit.is_money() { round_cents(value) } else { value + 0.0 };
        if value.is_finite() {
            Ok(Quantity { value, unit })
        } else {
            Err(KpiError::Overflow { kpi: self.kpi.id })
        }
    }

    fn finish(self, variant: &'static str, computed: Computed) -> Result<Outcome, KpiError> {
        let value = self.quantity(computed.value, computed.unit)?;
        let mut formula = Vec::with_capacity(computed.toks.len() + 2);
        for tok in computed.toks {
            formula.push(match tok {
                Tok::O(op) => FormulaPart::Op(op),
                Tok::T(text) => FormulaPart::Text(text),
                Tok::I(id) => {
                    let def = self.def(id)?;
                    let entered = self.seen.iter().find(|(seen, _)| *seen == id);
                    let (unit, shown) = match (def.unit, entered) {
                        // A list shows as its number of answers.
                        (Unit::ScoreList { .. }, Some((_, n))) => (Unit::Count, *n),
                        (unit, Some((_, v))) => (unit, *v),
                        (_, None) => return Err(KpiError::MissingInput { input: id }),
                    };
                    FormulaPart::Input { id, value: Quantity { value: shown, unit } }
                }
            });
        }
        formula.push(FormulaPart::Op("="));
        formula.push(FormulaPart::Result(value));
        let mut breakdown = Vec::with_capacity(computed.breakdown.len());
        for (label, q) in computed.breakdown {
            breakdown.push((label, self.quantity(q.value, q.unit)?));
        }
        let same_unit =
            std::mem::discriminant(&value.unit) == std::mem::discriminant(&self.kpi.result_unit);
        let band = if same_unit { Band::find(self.kpi.bands, value.value) } else { None };
        Ok(Outcome { kpi: self.kpi.id, variant, value, formula, band, breakdown })
    }
}

/// Checks one number against its definition.
fn check_number(def: &InputDef, value: f64) -> Result<(), KpiError> {
    let input = def.id;
    if !value.is_finite() {
        return Err(KpiError::NotFinite { input });
    }
    if let Some(min) = def.min {
        if value < min {
            return Err(if min == 0.0 {
                KpiError::Negative { input, value }
            } else {
                KpiError::OutOfRange { input, value, min: def.min, max: def.max }
            });
        }
    }
    if let Some(max) = def.max {
        if value > max {
            return Err(if def.unit == Unit::Ratio && max == 1.0 {
                KpiError::RatioAboveOne { input, value }
            } else {
                KpiError::OutOfRange { input, value, min: def.min, max: def.max }
            });
        }
    }
    if def.unit == Unit::Count && value.fract() != 0.0 {
        return Err(KpiError::NotWhole { input, value });
    }
    Ok(())
}

// Shared calculator shapes; the per-KPI calculators in `defs` are built from these.

/// `part ÷ whole` as a ratio, with `part ≤ whole` enforced.
pub(crate) fn part_of(
    c: &mut Calc,
    part: &'static str,
    whole: &'static str,
) -> Result<Computed, KpiError> {
    let p = c.num(part)?;
    let w = c.num(whole)?;
    let value = c.div(p, w, whole)?;
    if p > w {
        return Err(KpiError::PartExceedsWhole { part, whole, part_value: p, whole_value: w });
    }
    Ok(Computed::new(value, Unit::Ratio, vec![Tok::I(part), Tok::O("÷"), Tok::I(whole)]))
}

/// `num ÷ den` in `unit`, without a part-of-whole constraint.
pub(crate) fn per(
    c: &mut Calc,
    num: &'static str,
    den: &'static str,
    unit: Unit,
) -> Result<Computed, KpiError> {
    let n = c.num(num)?;
    let d = c.num(den)?;
    let value = c.div(n, d, den)?;
    Ok(Computed::new(value, unit, vec![Tok::I(num), Tok::O("÷"), Tok::I(den)]))
}

/// Text for the constant 100 in formulas.
pub(crate) const HUNDRED: Text = t("100", "100");

#[cfg(test)]
mod tests {
    use super::heap_sort;

    #[test]
    fn heap_sort_orders_like_total_cmp() {
        let mut v = [3.5, -1.0, 7.0, 0.0, 3.5, -0.0, 12.25, 2.0, 1e9, -7.5];
        heap_sort(&mut v);
        assert_eq!(v, [-7.5, -1.0, -0.0, 0.0, 2.0, 3.5, 3.5, 7.0, 12.25, 1e9]);
        // Against std's sort on every length up to 40, in a scrambled order.
        for n in 0..40usize {
            let mut a: Vec<f64> = (0..n).map(|i| ((i * 37 + 11) % 23) as f64 - 9.5).collect();
            let mut b = a.clone();
            heap_sort(&mut a);
            b.sort_by(f64::total_cmp);
            assert_eq!(a, b, "n = {n}");
        }
    }
}
