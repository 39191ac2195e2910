//! Survey answers per month: NPS, CSAT and CES with their counts, and word frequencies of
//! comments split by promoters, passives and detractors.
//!
//! - NPS: answers of kind `Nps`, or without kind and with a score in 0..=10. 0–6 detractor,
//!   7–8 passive, 9–10 promoter (a fractional score counts by its value: < 7 detractor,
//!   < 9 passive). NPS = % promoters − % detractors, from −100 to +100.
//! - CSAT: answers of kind `Csat`, each on its own file's scale (`SurveyAnswer::scale`, which
//!   the import decides per file): satisfied are 4–5 on 1–5, 6–7 on 1–7 (the top two boxes,
//!   as 4–5 on 1–5), 6–10 on 1–10 and on 0–10 (catalogue variant B). Stored as a fraction.
//! - CES: answers of kind `Ces`, mean of the scores (the scale's direction is the survey's:
//!   1–5 lower is better, the 1–7 agreement scale higher is better).
//!
//! Answers on different scales are never pooled. The catalogue defines CSAT and CES on one
//! scale each and says nothing of converting between them, so the headline figures (months,
//! quarters, totals, and the dashboard tiles that read them) use one scale per kind: the one
//! with the most answers (ties: the smaller scale), named in `csat_scale` and `ces_scale`.
//! Every scale's own totals are in `csat_by_scale` and `ces_by_scale`, so answers on the
//! other scales are shown apart instead of being dropped silently. Answers without a scale
//! (rows built in memory, not read by the import) get the smallest scale that holds all such
//! answers of their kind.
//!
//! Scores outside their scale or not finite are counted in `ignored_answers`, never used.

use crate::util::{month_str, plausible, quarter_ranges, ratio};
use records::{Month, SurveyAnswer, SurveyKind, SurveyScale};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Options for the survey analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyOptions {
    /// How many words to keep per NPS category (default 20).
    pub top_words: usize,
}

impl Default for SurveyOptions {
    fn default() -> Self {
        SurveyOptions { top_words: 20 }
    }
}

/// NPS counts and score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct NpsSummary {
    /// Answers 9–10.
    pub promoters: u32,
    /// Answers 7–8.
    pub passives: u32,
    /// Answers 0–6.
    pub detractors: u32,
    /// All valid NPS answers.
    pub responses: u32,
    /// % promoters − % detractors (−100 … +100); `None` without answers.
    pub nps: Option<f64>,
}

/// CSAT counts and share.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct CsatSummary {
    /// Satisfied answers (4–5 on a 1–5 scale, 6–10 on a 1–10 scale).
    pub satisfied: u32,
    /// All valid CSAT answers.
    pub responses: u32,
    /// Satisfied ÷ responses as a fraction.
    pub csat: Option<f64>,
}

/// CES mean.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct CesSummary {
    /// Valid CES answers.
    pub responses: u32,
    /// Mean score.
    pub mean: Option<f64>,
}

/// Survey figures of one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthSurveys {
    /// The month of the answers.
    #[serde(with = "month_str")]
    pub month: Month,
    /// NPS.
    pub nps: NpsSummary,
    /// CSAT.
    pub csat: CsatSummary,
    /// CES.
    pub ces: CesSummary,
}

/// Survey figures of a quarter, from the summed answers of its months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodSurveys {
    /// `2025-Q1`.
    pub label: String,
    /// NPS.
    pub nps: NpsSummary,
    /// CSAT.
    pub csat: CsatSummary,
    /// CES.
    pub ces: CesSummary,
}

/// A word and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordCount {
    /// The lowercased word.
    pub word: String,
    /// Occurrences.
    pub count: u32,
}

/// The most frequent comment words per NPS category (most frequent first, ties
/// alphabetically).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordFrequencies {
    /// Words of promoters' comments.
    pub promoters: Vec<WordCount>,
    /// Words of passives' comments.
    pub passives: Vec<WordCount>,
    /// Words of detractors' comments.
    pub detractors: Vec<WordCount>,
}

/// CSAT over all answers on one scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScaleCsat {
    /// The scale.
    pub scale: SurveyScale,
    /// Its answers.
    pub csat: CsatSummary,
}

/// CES over all answers on one scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScaleCes {
    /// The scale.
    pub scale: SurveyScale,
    /// Its answers.
    pub ces: CesSummary,
}

/// Everything the survey analysis produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyReport {
    /// Maximum of the CSAT scale of the headline figures (`csat_scale`; 5 without CSAT).
    pub csat_scale_max: u8,
    /// The CSAT scale of the headline figures: the one with the most answers.
    #[serde(default)]
    pub csat_scale: Option<SurveyScale>,
    /// The CES scale of the headline figures: the one with the most answers.
    #[serde(default)]
    pub ces_scale: Option<SurveyScale>,
    /// CSAT over all answers of each scale, smallest scale first (never pooled).
    #[serde(default)]
    pub csat_by_scale: Vec<ScaleCsat>,
    /// CES over all answers of each scale, smallest scale first (never pooled).
    #[serde(default)]
    pub ces_by_scale: Vec<ScaleCes>,
    /// Every month from the first to the last answer, oldest first (empty months included).
    pub months: Vec<MonthSurveys>,
    /// Calendar quarters overlapping the months (answers pooled, not months averaged).
    pub quarters: Vec<PeriodSurveys>,
    /// NPS over all answers.
    pub nps_total: NpsSummary,
    /// CSAT over all answers.
    pub csat_total: CsatSummary,
    /// CES over all answers.
    pub ces_total: CesSummary,
    /// Comment words by NPS category.
    pub words: WordFrequencies,
    /// Answers left out (score outside its scale or not a number).
    pub ignored_answers: u32,
}

/// NPS category of a valid score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NpsCategory {
    /// 0–6.
    Detractor,
    /// 7–8.
    Passive,
    /// 9–10.
    Promoter,
}

/// The NPS category of an answer, `None` if it is not an NPS answer or out of range.
pub fn nps_category(answer: &SurveyAnswer) -> Option<NpsCategory> {
    let is_nps = match answer.kind {
        Some(SurveyKind::Nps) => true,
        None => true,
        Some(_) => false,
    };
    let s = answer.score;
    if !is_nps || !s.is_finite() || !(0.0..=10.0).contains(&s) {
        return None;
    }
    Some(if s >= 9.0 {
        NpsCategory::Promoter
    } else if s >= 7.0 {
        NpsCategory::Passive
    } else {
        NpsCategory::Detractor
    })
}

impl NpsSummary {
    fn add(&mut self, category: NpsCategory) {
        self.responses += 1;
        match category {
            NpsCategory::Promoter => self.promoters += 1,
            NpsCategory::Passive => self.passives += 1,
            NpsCategory::Detractor => self.detractors += 1,
        }
    }

    fn finish(mut self) -> NpsSummary {
        let diff = f64::from(self.promoters) - f64::from(self.detractors);
        self.nps = ratio(diff * 100.0, f64::from(self.responses));
        self
    }
}

/// Per-month NPS, CSAT, CES and comment words; `None` when there are no answers.
pub fn surveys(answers: &[SurveyAnswer], options: &SurveyOptions) -> Option<SurveyReport> {
    let dates = || answers.iter().map(|a| a.date).filter(|d| plausible(*d));
    let first = dates().min()?.month();
    let last = dates().max()?.month();
    let scales = Scales::of(answers);
    let (csat_by_scale, ces_by_scale) = by_scale(answers, &scales);
    let csat_scale = headline(csat_by_scale.iter().map(|s| (s.scale, s.csat.responses)));
    let ces_scale = headline(ces_by_scale.iter().map(|s| (s.scale, s.ces.responses)));
    let csat_scale_max = csat_scale.map_or(5, SurveyScale::max);
    let mut months: Vec<MonthSurveys> = first
        .through(last)
        .map(|month| MonthSurveys {
            month,
            nps: NpsSummary::default(),
            csat: CsatSummary::default(),
            ces: CesSummary::default(),
        })
        .collect();
    let mut ces_sums = vec![0.0f64; months.len()];
    let mut ignored = 0u32;
    for a in answers {
        let idx = a.date.month().since(first) as usize;
        let Some(m) = months.get_mut(idx) else { continue };
        let s = a.score;
        match a.kind {
            Some(SurveyKind::Csat) => match scales.of_answer(a) {
                Some(scale) if scale.contains(s) => {
                    // Answers on another scale than the headline's count only in
                    // `csat_by_scale`.
                    if Some(scale) == csat_scale {
                        m.csat.responses += 1;
                        m.csat.satisfied += u32::from(s >= satisfied_from(scale));
                    }
                }
                _ => ignored += 1,
            },
            Some(SurveyKind::Ces) => match scales.of_answer(a) {
                Some(scale) if scale.contains(s) => {
                    if Some(scale) == ces_scale {
                        m.ces.responses += 1;
                        ces_sums[idx] += s;
                    }
                }
                _ => ignored += 1,
            },
            _ => match nps_category(a) {
                Some(c) => m.nps.add(c),
                None => ignored += 1,
            },
        }
    }
    let (nps_total, csat_total, ces_total) = pool(&months, &ces_sums);
    let quarters = quarter_ranges(first, months.len())
        .into_iter()
        .map(|(label, range)| {
            let (nps, csat, ces) = pool(&months[range.clone()], &ces_sums[range]);
            PeriodSurveys { label, nps, csat, ces }
        })
        .collect();
    for (m, ces_sum) in months.iter_mut().zip(&ces_sums) {
        m.nps = m.nps.finish();
        m.csat.csat = ratio(f64::from(m.csat.satisfied), f64::from(m.csat.responses));
        m.ces.mean = ratio(*ces_sum, f64::from(m.ces.responses));
    }
    Some(SurveyReport {
        csat_scale_max,
        csat_scale,
        ces_scale,
        csat_by_scale,
        ces_by_scale,
        months,
        quarters,
        nps_total,
        csat_total,
        ces_total,
        words: word_frequencies(answers, options.top_words),
        ignored_answers: ignored,
    })
}

/// The rule [`surveys`] counts CSAT answers by, for the drill-down: for an answer of
/// `answers`, `None` when it does not count in the headline CSAT (another kind, another
/// scale than the headline's, out of its scale), else whether it is satisfied.
pub(crate) fn csat_rule(answers: &[SurveyAnswer]) -> impl Fn(&SurveyAnswer) -> Option<bool> {
    let scales = Scales::of(answers);
    let (csat_by_scale, _) = by_scale(answers, &scales);
    let head = headline(csat_by_scale.iter().map(|s| (s.scale, s.csat.responses)));
    move |a| {
        if a.kind != Some(SurveyKind::Csat) {
            return None;
        }
        let scale = scales.of_answer(a).filter(|s| s.contains(a.score) && Some(*s) == head)?;
        Some(a.score >= satisfied_from(scale))
    }
}

/// The rule [`surveys`] counts CES answers by, for the drill-down: for an answer of
/// `answers`, its score when it counts in the headline CES (kind CES, on the headline's
/// scale, within it), else `None`.
pub(crate) fn ces_rule(answers: &[SurveyAnswer]) -> impl Fn(&SurveyAnswer) -> Option<f64> {
    let scales = Scales::of(answers);
    let (_, ces_by_scale) = by_scale(answers, &scales);
    let head = headline(ces_by_scale.iter().map(|s| (s.scale, s.ces.responses)));
    move |a| {
        if a.kind != Some(SurveyKind::Ces) {
            return None;
        }
        scales.of_answer(a).filter(|s| s.contains(a.score) && Some(*s) == head)?;
        Some(a.score)
    }
}

/// The lowest CSAT answer that counts as satisfied on `scale`.
pub fn satisfied_from(scale: SurveyScale) -> f64 {
    match scale {
        SurveyScale::OneToFive => 4.0,
        SurveyScale::OneToSeven | SurveyScale::OneToTen | SurveyScale::ZeroToTen => 6.0,
    }
}

/// The scale of each answer: its own, or for answers without one the smallest scale of its
/// kind that holds all such answers (what the import decides for a file).
struct Scales {
    csat_unset: Option<SurveyScale>,
    ces_unset: Option<SurveyScale>,
}

impl Scales {
    fn of(answers: &[SurveyAnswer]) -> Scales {
        let unset = |kind: SurveyKind, candidates: &[SurveyScale]| {
            let scores = || {
                answers
                    .iter()
                    .filter(|a| a.kind == Some(kind) && a.scale.is_none() && a.score.is_finite())
                    .map(|a| a.score)
            };
            let min = scores().reduce(f64::min)?;
            let max = scores().reduce(f64::max)?;
            SurveyScale::fitting(min, max, candidates)
        };
        Scales {
            csat_unset: unset(SurveyKind::Csat, &SurveyScale::ALL),
            ces_unset: unset(SurveyKind::Ces, &SurveyScale::CES),
        }
    }

    fn of_answer(&self, a: &SurveyAnswer) -> Option<SurveyScale> {
        match a.kind {
            Some(SurveyKind::Csat) => a.scale.or(self.csat_unset),
            Some(SurveyKind::Ces) => a.scale.or(self.ces_unset),
            _ => None,
        }
    }
}

/// CSAT and CES totals per scale, smallest scale first.
fn by_scale(answers: &[SurveyAnswer], scales: &Scales) -> (Vec<ScaleCsat>, Vec<ScaleCes>) {
    let mut csat: Vec<ScaleCsat> = Vec::new();
    let mut ces: Vec<(ScaleCes, f64)> = Vec::new();
    for a in answers.iter().filter(|a| plausible(a.date)) {
        let Some(scale) = scales.of_answer(a).filter(|s| s.contains(a.score)) else { continue };
        if a.kind == Some(SurveyKind::Csat) {
            let i = match csat.iter().position(|c| c.scale == scale) {
                Some(i) => i,
                None => {
                    csat.push(ScaleCsat { scale, csat: CsatSummary::default() });
                    csat.len() - 1
                }
            };
            csat[i].csat.responses += 1;
            csat[i].csat.satisfied += u32::from(a.score >= satisfied_from(scale));
        } else {
            let i = match ces.iter().position(|(c, _)| c.scale == scale) {
                Some(i) => i,
                None => {
                    ces.push((ScaleCes { scale, ces: CesSummary::default() }, 0.0));
                    ces.len() - 1
                }
            };
            ces[i].0.ces.responses += 1;
            ces[i].1 += a.score;
        }
    }
    csat.sort_by_key(|c| c.scale);
    ces.sort_by_key(|(c, _)| c.scale);
    for c in &mut csat {
        c.csat.csat = ratio(f64::from(c.csat.satisfied), f64::from(c.csat.responses));
    }
    let ces = ces
        .into_iter()
        .map(|(mut c, sum)| {
            c.ces.mean = ratio(sum, f64::from(c.ces.responses));
            c
        })
        .collect();
    (csat, ces)
}

/// The scale with the most answers; among equals the smaller one (the list is sorted).
fn headline(counts: impl Iterator<Item = (SurveyScale, u32)>) -> Option<SurveyScale> {
    let mut best: Option<(SurveyScale, u32)> = None;
    for (scale, n) in counts {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((scale, n));
        }
    }
    best.map(|(scale, _)| scale)
}

/// Pools the answer counts of several months into one summary each.
fn pool(months: &[MonthSurveys], ces_sums: &[f64]) -> (NpsSummary, CsatSummary, CesSummary) {
    let mut nps = NpsSummary::default();
    let mut csat = CsatSummary::default();
    let mut ces = CesSummary::default();
    for m in months {
        nps.promoters += m.nps.promoters;
        nps.passives += m.nps.passives;
        nps.detractors += m.nps.detractors;
        nps.responses += m.nps.responses;
        csat.satisfied += m.csat.satisfied;
        csat.responses += m.csat.responses;
        ces.responses += m.ces.responses;
    }
    csat.csat = ratio(f64::from(csat.satisfied), f64::from(csat.responses));
    ces.mean = ratio(ces_sums.iter().sum(), f64::from(ces.responses));
    (nps.finish(), csat, ces)
}

/// German and English words too common to say anything about a comment.
const STOP_WORDS: &[&str] = &[
    // English
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "get",
    "got", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into",
    "is", "it", "its", "just", "me", "more", "my", "no", "not", "of", "on", "or", "our", "out",
    "over", "really", "she", "so", "some", "than", "that", "the", "their", "them", "then", "there",
    "they", "this", "to", "too", "up", "us", "very", "was", "we", "were", "what", "when", "which",
    "who", "will", "with", "would", "you", "your", // German
    "aber", "alle", "als", "also", "am", "an", "auch", "auf", "aus", "bei", "beim", "bin", "bis",
    "bisher", "da", "damit", "dann", "das", "dass", "dem", "den", "der", "des", "die", "dies",
    "diese", "doch", "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es",
    "etwas", "für", "gibt", "hat", "hatte", "hier", "ich", "ihr", "im", "immer", "in", "ins",
    "ist", "ja", "jetzt", "kann", "man", "mehr", "mein", "meine", "mich", "mir", "mit", "nach",
    "nicht", "noch", "nur", "ob", "oder", "ohne", "schon", "sehr", "sich", "sie", "sind", "so",
    "um", "und", "uns", "unser", "vom", "von", "vor", "war", "waren", "was", "weil", "wenn", "wie",
    "wir", "wird", "wurde", "zu", "zum", "zur",
];

/// Lowercases, splits at everything that is not a letter or digit, and drops stop words,
/// one-letter tokens and pure numbers.
pub fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .filter(|t| t.chars().count() > 1)
        .filter(|t| !t.chars().all(|c| c.is_numeric()))
        .filter(|t| !STOP_WORDS.contains(&t.as_str()))
        .collect()
}

/// The `top_n` most frequent comment words per NPS category.
pub fn word_frequencies(answers: &[SurveyAnswer], top_n: usize) -> WordFrequencies {
    let mut counts: [HashMap<String, u32>; 3] = Default::default();
    for a in answers {
        let (Some(category), Some(comment)) = (nps_category(a), a.comment.as_deref()) else {
            continue;
        };
        let slot = match category {
            NpsCategory::Promoter => 0,
            NpsCategory::Passive => 1,
            NpsCategory::Detractor => 2,
        };
        for word in tokenize(comment) {
            *counts[slot].entry(word).or_default() += 1;
        }
    }
    let [p, n, d] = counts.map(|map| top(map, top_n));
    WordFrequencies { promoters: p, passives: n, detractors: d }
}

fn top(map: HashMap<String, u32>, top_n: usize) -> Vec<WordCount> {
    let mut words: Vec<WordCount> =
        map.into_iter().map(|(word, count)| WordCount { word, count }).collect();
    words.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
    words.truncate(top_n);
    words
}
