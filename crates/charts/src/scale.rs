//! Value cleaning, linear scales and "nice" tick steps.

/// Values beyond this magnitude are clamped so that spans and tick steps stay finite.
const LIMIT: f64 = 1e300;

/// A finite input value, clamped into a range where arithmetic cannot overflow; `None` for
/// NaN and ±∞, which every chart treats as a missing value.
pub(crate) fn clean(v: f64) -> Option<f64> {
    if v.is_finite() {
        Some(v.clamp(-LIMIT, LIMIT))
    } else {
        None
    }
}

/// Maps a domain interval onto a pixel interval.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Linear {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Linear {
    /// A scale from `[d0, d1]` to `[r0, r1]`.
    pub(crate) fn new(d0: f64, d1: f64, r0: f64, r1: f64) -> Linear {
        Linear { d0, d1, r0, r1 }
    }

    /// Pixel position of `v`; the middle of the range for a degenerate domain.
    pub(crate) fn map(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span == 0.0 || !span.is_finite() {
            return (self.r0 + self.r1) / 2.0;
        }
        // Dividing before multiplying keeps huge domains from overflowing.
        let t = (v - self.d0) / span;
        self.r0 + t * (self.r1 - self.r0)
    }

    /// Like [`Linear::map`], but clamped into the pixel range.
    pub(crate) fn map_clamped(&self, v: f64) -> f64 {
        let (lo, hi) = if self.r0 <= self.r1 { (self.r0, self.r1) } else { (self.r1, self.r0) };
        crate::svg::fit(self.map(v), lo, hi)
    }
}

/// A rounded domain and its tick values.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Ticks {
    pub(crate) lo: f64,
    pub(crate) hi: f64,
    pub(crate) values: Vec<f64>,
}

/// Rounds `[lo, hi]` outward to a 1-2-5 step with about five ticks. With `include_zero`
/// the domain always contains 0, which keeps bar and area charts honest.
pub(crate) fn nice(lo: f64, hi: f64, include_zero: bool) -> Ticks {
    let (mut lo, mut hi) = (lo.min(hi), lo.max(hi));
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if lo == hi {
        // A single value (or all zeros): widen around it so the line sits mid-chart.
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.5 };
        if include_zero && lo >= 0.0 {
            hi += pad;
        } else {
            lo -= pad;
            hi += pad;
        }
    }
    let fallback = Ticks { lo, hi, values: vec![lo, hi] };
    let (step_mant, step_exp) = nice_step((hi - lo) / 5.0);
    let step = step_mant * pow10(step_exp);
    if !step.is_normal() {
        return fallback;
    }
    let k0 = (lo / step).floor();
    let k1 = (hi / step).ceil();
    if !(k0.is_finite() && k1.is_finite()) || k1 - k0 > 50.0 || k1 <= k0 {
        return fallback;
    }
    // Computing k·mantissa / 10^-exp instead of k·step avoids ticks like 0.30000000000000004.
    let at = |k: f64| {
        if step_exp < 0 {
            k * step_mant / pow10(-step_exp)
        } else {
            k * step_mant * pow10(step_exp)
        }
    };
    let mut values = Vec::new();
    let mut k = k0;
    while k <= k1 {
        values.push(at(k));
        k += 1.0;
    }
    Ticks { lo: at(k0), hi: at(k1), values }
}

fn pow10(e: i32) -> f64 {
    10f64.powi(e)
}

/// Splits a raw step into a 1, 2 or 5 mantissa and a power of ten.
fn nice_step(raw: f64) -> (f64, i32) {
    if !(raw.is_finite() && raw > 0.0) {
        return (1.0, 0);
    }
    let exp = raw.log10().floor() as i32;
    let f = raw / pow10(exp);
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        return (1.0, exp + 1);
    };
    (m, exp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(lo: f64, hi: f64, zero: bool, want: &[f64]) {
        let t = nice(lo, hi, zero);
        assert_eq!(t.values, want, "nice({lo}, {hi}, {zero})");
        assert_eq!(t.lo, want[0]);
        assert_eq!(t.hi, want[want.len() - 1]);
    }

    #[test]
    fn nice_ticks() {
        check(0.0, 60_000.0, true, &[0.0, 20_000.0, 40_000.0, 60_000.0]);
        check(3.0, 97.0, true, &[0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        check(0.0, 0.0, true, &[0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        check(-12.0, 7.0, true, &[-15.0, -10.0, -5.0, 0.0, 5.0, 10.0]);
        check(0.0, 0.3, true, &[0.0, 0.1, 0.2, 0.3]);
        check(5.0, 5.0, false, &[2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]);
    }

    #[test]
    fn huge_values_stay_finite() {
        let t = nice(-1e300, 1e300, true);
        assert!(t.values.iter().all(|v| v.is_finite()));
        assert!(t.values.len() >= 2);
    }

    #[test]
    fn degenerate_scale_maps_to_middle() {
        assert_eq!(Linear::new(1.0, 1.0, 0.0, 100.0).map(1.0), 50.0);
        assert_eq!(Linear::new(0.0, 10.0, 100.0, 0.0).map(2.5), 75.0);
        assert_eq!(clean(f64::NAN), None);
        assert_eq!(clean(f64::NEG_INFINITY), None);
    }
}
