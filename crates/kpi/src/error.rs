//! Typed errors with German and English messages that say what to change.

use crate::{KpiDef, Lang, Unit};

/// Why a KPI could not be computed. Every variant names the offending input where there is
/// one ([`KpiError::input`]) and has a message in both languages ([`KpiError::message`]).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum KpiError {
    /// No KPI has this id.
    #[error("unknown KPI `{kpi}`")]
    UnknownKpi {
        /// The id asked for.
        kpi: String,
    },
    /// The KPI has no variant with this id.
    #[error("KPI `{kpi}` has no variant `{variant}`")]
    UnknownVariant {
        /// KPI id.
        kpi: String,
        /// The variant id asked for.
        variant: String,
    },
    /// A required input is absent.
    #[error("input `{input}` is missing")]
    MissingInput {
        /// Input id.
        input: &'static str,
    },
    /// A list was given where a number is expected, or the other way round.
    #[error("input `{input}` has the wrong kind (expected a list: {expected_list})")]
    WrongKind {
        /// Input id.
        input: &'static str,
        /// True when the input expects a list.
        expected_list: bool,
    },
    /// NaN or infinity.
    #[error("input `{input}` is not a finite number")]
    NotFinite {
        /// Input id.
        input: &'static str,
    },
    /// A value below zero where only zero or more makes sense.
    #[error("input `{input}` is negative ({})", en(.value))]
    Negative {
        /// Input id.
        input: &'static str,
        /// The value given.
        value: f64,
    },
    /// A fractional count.
    #[error("input `{input}` must be a whole number ({})", en(.value))]
    NotWhole {
        /// Input id.
        input: &'static str,
        /// The value given.
        value: f64,
    },
    /// The input is a divisor and is zero.
    #[error("input `{input}` is zero but is divided by")]
    DivisionByZero {
        /// Input id of the divisor.
        input: &'static str,
    },
    /// More customers lost than existed.
    #[error("{} lost but only {} existed", en(.lost), en(.existing))]
    LostExceedsExisting {
        /// Customers lost.
        lost: f64,
        /// Customers that could have been lost.
        existing: f64,
    },
    /// Churned plus contraction MRR exceeds the MRR there was to lose.
    #[error("MRR lost ({}) exceeds MRR available ({})", en(.lost), en(.start))]
    MrrLossExceedsStart {
        /// Churned plus contraction MRR.
        lost: f64,
        /// MRR that could have been lost.
        start: f64,
    },
    /// End minus new customers exceeds the customers at the start.
    #[error("retained customers ({}) exceed customers at start ({})", en(.retained), en(.start))]
    RetainedExceedsStart {
        /// End minus new.
        retained: f64,
        /// Customers at the start.
        start: f64,
    },
    /// A part (e.g. renewed contracts) exceeds its whole (contracts up for renewal).
    #[error("`{part}` ({}) exceeds `{whole}` ({})", en(.part_value), en(.whole_value))]
    PartExceedsWhole {
        /// Input id of the part.
        part: &'static str,
        /// Input id of the whole.
        whole: &'static str,
        /// The part's value.
        part_value: f64,
        /// The whole's value.
        whole_value: f64,
    },
    /// A ratio above 100 %.
    #[error("input `{input}` is above 100 % ({})", en_percent(.value))]
    RatioAboveOne {
        /// Input id.
        input: &'static str,
        /// The value given.
        value: f64,
    },
    /// A survey answer outside its scale or not a whole number.
    #[error("answer {index} ({}) is not a whole number from {} to {}", en(.value), en(.min), en(.max))]
    ScoreOffScale {
        /// The answer.
        value: f64,
        /// Zero-based position in the list.
        index: usize,
        /// Lowest answer on the scale.
        min: f64,
        /// Highest answer on the scale.
        max: f64,
    },
    /// A value outside the input's valid range.
    #[error("input `{input}` ({}) is outside its range", en(.value))]
    OutOfRange {
        /// Input id.
        input: &'static str,
        /// The value given.
        value: f64,
        /// Smallest valid value, if bounded below.
        min: Option<f64>,
        /// Largest valid value, if bounded above.
        max: Option<f64>,
    },
    /// A survey or list with no entries.
    #[error("input `{input}` has no answers")]
    NoAnswers {
        /// Input id.
        input: &'static str,
    },
    /// A list of times contains a negative or non-finite entry.
    #[error("entry {index} of `{input}` is invalid ({})", en(.value))]
    BadListEntry {
        /// Input id.
        input: &'static str,
        /// Zero-based position.
        index: usize,
        /// The entry (may be NaN).
        value: f64,
    },
    /// In a funnel a later count exceeds an earlier one.
    #[error("`{part}` ({}) exceeds `{whole}` ({}) in the funnel", en(.part_value), en(.whole_value))]
    FunnelGrows {
        /// Later step.
        part: &'static str,
        /// Earlier step.
        whole: &'static str,
        /// Later step's value.
        part_value: f64,
        /// Earlier step's value.
        whole_value: f64,
    },
    /// The inputs are valid but so large that the result is not a finite number.
    #[error("result of `{kpi}` is too large to compute")]
    Overflow {
        /// KPI id.
        kpi: &'static str,
    },
    /// The KPI needs a dataset; there is no honest calculator.
    #[error("KPI `{kpi}` can only be computed from a dataset")]
    DatasetOnly {
        /// KPI id.
        kpi: &'static str,
    },
}

impl KpiError {
    /// The input field to show the error next to, if any.
    pub fn input(&self) -> Option<&'static str> {
        match self {
            KpiError::MissingInput { input }
            | KpiError::WrongKind { input, .. }
            | KpiError::NotFinite { input }
            | KpiError::Negative { input, .. }
            | KpiError::NotWhole { input, .. }
            | KpiError::DivisionByZero { input }
            | KpiError::RatioAboveOne { input, .. }
            | KpiError::OutOfRange { input, .. }
            | KpiError::NoAnswers { input }
            | KpiError::BadListEntry { input, .. } => Some(input),
            KpiError::LostExceedsExisting { .. } => Some("lost"),
            KpiError::MrrLossExceedsStart { .. } => Some("churned_mrr"),
            KpiError::RetainedExceedsStart { .. } => Some("end"),
            KpiError::PartExceedsWhole { part, .. } | KpiError::FunnelGrows { part, .. } => {
                Some(part)
            }
            // Answer lists are named after their scale: `answers` (0–10 or 1–5),
            // `answers_7` and `answers_10`.
            KpiError::ScoreOffScale { min, max, .. } => Some(if *min == 1.0 && *max == 10.0 {
                "answers_10"
            } else if *min == 1.0 && *max == 7.0 {
                "answers_7"
            } else {
                "answers"
            }),
            KpiError::UnknownKpi { .. }
            | KpiError::UnknownVariant { .. }
            | KpiError::Overflow { .. }
            | KpiError::DatasetOnly { .. } => None,
        }
    }

    /// Like [`KpiError::message`], with input ids replaced by the input names of `kpi`
    /// ("„cycle_days“" becomes "„Verkaufszyklus (Tage)“").
    pub fn message_for(&self, kpi: &KpiDef, lang: Lang) -> String {
        let unit_of = |id: &str| kpi.input(id).map(|input| input.unit);
        let mut text = self.message_with(lang, &unit_of);
        for input in kpi.inputs {
            let name = input.name.get(lang);
            text = text
                .replace(&format!("„{}“", input.id), &format!("„{name}“"))
                .replace(&format!("“{}”", input.id), &format!("“{name}”"));
        }
        text
    }

    /// A message for the user that says what to change; inputs are named by id (see
    /// [`KpiError::message_for`] for display names).
    pub fn message(&self, lang: Lang) -> String {
        self.message_with(lang, &|_| None)
    }

    /// The message with every number written as the user reads it in `lang` (`110 %`,
    /// `312,5`), never as a raw `f64` (`110.00000000000001`); `unit_of` gives an input's unit
    /// where it is known, so that a share shows as a percentage.
    fn message_with(&self, lang: Lang, unit_of: &dyn Fn(&str) -> Option<Unit>) -> String {
        let lang = crate::built_lang(lang);
        let de = lang == Lang::De;
        let n = |value: &f64| number(*value, lang);
        let of = |input: &str, value: &f64| value_in(*value, unit_of(input), lang);
        match self {
            KpiError::UnknownKpi { kpi } => pick(
                de,
                || format!("Unbekannte Kennzahl „{kpi}“. Wählen Sie eine Kennzahl aus der Liste."),
                || format!("Unknown KPI “{kpi}”. Pick a KPI from the list."),
            ),
            KpiError::UnknownVariant { kpi, variant } => pick(
                de,
                || {
                    format!("„{kpi}“ hat keine Variante „{variant}“. Wählen Sie eine der angebotenen Varianten.")
                },
                || format!("“{kpi}” has no variant “{variant}”. Pick one of the offered variants."),
            ),
            KpiError::MissingInput { input } => pick(
                de,
                || format!("Bitte einen Wert für „{input}“ eingeben."),
                || format!("Please enter a value for “{input}”."),
            ),
            KpiError::WrongKind { input, expected_list } => match (de, expected_list) {
                (true, true) => format!("„{input}“ erwartet eine Liste von Antworten."),
                (true, false) => format!("„{input}“ erwartet eine einzelne Zahl."),
                (false, true) => format!("“{input}” expects a list of answers."),
                (false, false) => format!("“{input}” expects a single number."),
            },
            KpiError::NotFinite { input } => pick(
                de,
                || format!("„{input}“ ist keine gültige Zahl. Bitte eine endliche Zahl eingeben."),
                || format!("“{input}” is not a valid number. Please enter a finite number."),
            ),
            KpiError::Negative { input, value } => {
                let value = of(input, value);
                pick(
                    de,
                    || {
                        format!("„{input}“ darf nicht negativ sein ({value}). Bitte 0 oder mehr eingeben.")
                    },
                    || format!("“{input}” cannot be negative ({value}). Please enter 0 or more."),
                )
            }
            KpiError::NotWhole { input, value } => {
                let value = n(value);
                pick(
                    de,
                    || format!("„{input}“ ist eine Anzahl und muss ganzzahlig sein ({value})."),
                    || format!("“{input}” is a count and must be a whole number ({value})."),
                )
            }
            KpiError::DivisionByZero { input } => pick(
                de,
                || {
                    format!("„{input}“ ist 0, es wird aber dadurch geteilt. Bitte einen Wert über 0 eingeben.")
                },
                || {
                    format!("“{input}” is 0 but the formula divides by it. Please enter a value above 0.")
                },
            ),
            KpiError::LostExceedsExisting { lost, existing } => {
                let (lost, existing) = (n(lost), n(existing));
                pick(
                    de,
                    || {
                        format!("Es können nicht {lost} Kunden verloren gehen, wenn nur {existing} da waren. Verlorene Kunden verringern oder Kundenzahl erhöhen.")
                    },
                    || {
                        format!("{lost} customers cannot be lost when only {existing} existed. Lower the lost customers or raise the customer count.")
                    },
                )
            }
            KpiError::MrrLossExceedsStart { lost, start } => {
                let (lost, start) = (of("churned_mrr", lost), of("mrr_start", start));
                pick(
                    de,
                    || {
                        format!("Verlorener MRR (Abwanderung + Downgrades = {lost}) übersteigt den vorhandenen MRR ({start}). Verluste verringern oder Start-MRR erhöhen.")
                    },
                    || {
                        format!("Lost MRR (churn + contraction = {lost}) exceeds the MRR there was ({start}). Lower the losses or raise the starting MRR.")
                    },
                )
            }
            KpiError::RetainedExceedsStart { retained, start } => {
                let (retained, start) = (n(retained), n(start));
                pick(
                    de,
                    || {
                        format!("Endbestand minus Neukunden ({retained}) ist größer als der Anfangsbestand ({start}). Neukunden erhöhen oder Endbestand prüfen.")
                    },
                    || {
                        format!("End minus new customers ({retained}) exceeds the customers at the start ({start}). Raise the new customers or check the end count.")
                    },
                )
            }
            KpiError::PartExceedsWhole { part, whole, part_value, whole_value } => {
                let (part_value, whole_value) = (of(part, part_value), of(whole, whole_value));
                pick(
                    de,
                    || {
                        format!("„{part}“ ({part_value}) kann nicht größer sein als „{whole}“ ({whole_value}). Einen der beiden Werte korrigieren.")
                    },
                    || {
                        format!("“{part}” ({part_value}) cannot exceed “{whole}” ({whole_value}). Correct one of the two.")
                    },
                )
            }
            KpiError::RatioAboveOne { input, value } => {
                let (value, all) = (percent(*value, lang), percent(1.0, lang));
                pick(
                    de,
                    || format!("„{input}“ ist ein Anteil und darf höchstens {all} sein ({value})."),
                    || format!("“{input}” is a share and cannot exceed {all} ({value})."),
                )
            }
            KpiError::ScoreOffScale { value, index, min, max } => {
                let (value, min, max) = (n(value), n(min), n(max));
                pick(
                    de,
                    || {
                        format!("Antwort Nr. {} ({value}) liegt nicht auf der Skala: erlaubt sind ganze Zahlen von {min} bis {max}.", index + 1)
                    },
                    || {
                        format!("Answer no. {} ({value}) is off the scale: whole numbers from {min} to {max} are allowed.", index + 1)
                    },
                )
            }
            KpiError::OutOfRange { input, value, min, max } => {
                let range = match (min, max) {
                    (Some(lo), Some(hi)) => format!("{} … {}", of(input, lo), of(input, hi)),
                    (Some(lo), None) => format!("≥ {}", of(input, lo)),
                    (None, Some(hi)) => format!("≤ {}", of(input, hi)),
                    (None, None) => String::new(),
                };
                let value = of(input, value);
                pick(
                    de,
                    || {
                        format!(
                            "„{input}“ ({value}) liegt außerhalb des gültigen Bereichs {range}."
                        )
                    },
                    || format!("“{input}” ({value}) is outside the valid range {range}."),
                )
            }
            KpiError::NoAnswers { input } => pick(
                de,
                || format!("„{input}“ enthält keine Antworten. Bitte mindestens eine eingeben."),
                || format!("“{input}” contains no answers. Please enter at least one."),
            ),
            KpiError::BadListEntry { input, index, value } => {
                let value = n(value);
                pick(
                    de,
                    || {
                        format!("Eintrag Nr. {} in „{input}“ ({value}) ist ungültig. Bitte eine Zahl ab 0 eingeben.", index + 1)
                    },
                    || {
                        format!("Entry no. {} in “{input}” ({value}) is invalid. Please enter a number of 0 or more.", index + 1)
                    },
                )
            }
            KpiError::FunnelGrows { part, whole, part_value, whole_value } => {
                let (part_value, whole_value) = (n(part_value), n(whole_value));
                pick(
                    de,
                    || {
                        format!("Im Funnel kann „{part}“ ({part_value}) nicht größer sein als der vorige Schritt „{whole}“ ({whole_value}).")
                    },
                    || {
                        format!("In a funnel “{part}” ({part_value}) cannot exceed the previous step “{whole}” ({whole_value}).")
                    },
                )
            }
            KpiError::Overflow { kpi } => pick(
                de,
                || {
                    format!("Die Eingaben für „{kpi}“ sind zu groß, um ein Ergebnis zu berechnen. Bitte kleinere Werte eingeben.")
                },
                || {
                    format!("The inputs for “{kpi}” are too large to compute a result. Please enter smaller values.")
                },
            ),
            KpiError::DatasetOnly { kpi } => pick(
                de,
                || {
                    format!("„{kpi}“ lässt sich nur aus einem Datensatz berechnen. Bitte Daten importieren.")
                },
                || format!("“{kpi}” can only be computed from a dataset. Please import data."),
            ),
        }
    }
}

/// `value` with the separators of `lang`, at most six decimals and no trailing zeros:
/// `312,5`, `1.100`, `0,3` (the `f64` sum 0.30000000000000004).
fn number(value: f64, lang: Lang) -> String {
    let text = locale::format_number(value, 6, lang);
    let point = if lang == Lang::De { ',' } else { '.' };
    if text.contains(point) {
        text.trim_end_matches('0').trim_end_matches(point).to_string()
    } else {
        text
    }
}

/// A fraction as a percentage in `lang`: `110 %` (de), `110%` (en).
fn percent(fraction: f64, lang: Lang) -> String {
    let number = number(fraction * 100.0, lang);
    if lang == Lang::De {
        format!("{number}\u{202F}%")
    } else {
        format!("{number}%")
    }
}

/// A value of an input in `unit`: shares as percentages, everything else as a number.
fn value_in(value: f64, unit: Option<Unit>, lang: Lang) -> String {
    match unit {
        Some(Unit::Ratio) => percent(value, lang),
        _ => number(value, lang),
    }
}

/// English number for the `Display` texts (developer-facing, but as readable as the messages).
fn en(value: &f64) -> String {
    number(*value, Lang::En)
}

/// English percentage for the `Display` texts.
fn en_percent(fraction: &f64) -> String {
    percent(*fraction, Lang::En)
}

/// The German or the English message; only the chosen one is formatted, so a one-language
/// build (`crate::ONLY_LANG`) holds only its language's texts.
fn pick(de: bool, german: impl FnOnce() -> String, english: impl FnOnce() -> String) -> String {
    if de {
        german()
    } else {
        english()
    }
}
