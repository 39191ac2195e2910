//! Decimal text to `f64`, correctly rounded, without core's tables.
//!
//! [`parse_decimal`] gives exactly what `text.parse::<f64>().ok()` gives (same grammar, same
//! value, rounded to nearest with ties to even). core's parser carries an 11 kB table of
//! powers of five that brotli cannot shrink; this one computes with a small big integer
//! instead, which a calculator page can afford (it parses a handful of fields per keystroke).
//! [`parse_f64`] is this parser with the feature `lean-parse` (the calculator modules, issue
//! 18) and `str::parse` without it (the workbench, whose other code links core's anyway).

/// Significant digits kept; later digits only decide rounding as a "something non-zero"
/// flag. 800 is beyond the 767 significant digits an exact halfway point between two `f64`
/// can have, so the flag is exact.
const MAX_DIGITS: usize = 800;

/// `text` as `f64`, exactly as `text.parse::<f64>().ok()`: [`parse_decimal`] with the
/// feature `lean-parse`, else `str::parse`.
pub fn parse_f64(text: &str) -> Option<f64> {
    if cfg!(feature = "lean-parse") {
        parse_decimal(text)
    } else {
        text.parse().ok()
    }
}

/// `text` as `f64` like `str::parse::<f64>`: `[+-]` then `inf`, `infinity` or `nan` (any
/// case), or digits with an optional `.` and an optional exponent (`e`/`E`, optional sign,
/// digits); at least one digit before or after the point. `None` for anything else.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let signed = |v: f64| if negative { -v } else { v };
    if rest.eq_ignore_ascii_case(b"inf") || rest.eq_ignore_ascii_case(b"infinity") {
        return Some(signed(f64::INFINITY));
    }
    if rest.eq_ignore_ascii_case(b"nan") {
        return Some(signed(f64::NAN));
    }
    let mut digits: Vec<u8> = Vec::new();
    // The value is 0.DIGITS × 10^point, plus something below the last kept digit if `dropped`.
    let mut point: i64 = 0;
    let mut dropped = false;
    let mut seen_digit = false;
    let mut i = 0;
    let mut after_point = false;
    while i < rest.len() {
        match rest[i] {
            d @ b'0'..=b'9' => {
                seen_digit = true;
                if digits.is_empty() && d == b'0' {
                    if after_point {
                        point -= 1;
                    }
                } else {
                    if !after_point {
                        point += 1;
                    }
                    if digits.len() < MAX_DIGITS {
                        digits.push(d - b'0');
                    } else if d != b'0' {
                        dropped = true;
                    }
                }
            }
            b'.' if !after_point => after_point = true,
            _ => break,
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    if i < rest.len() {
        if rest[i] != b'e' && rest[i] != b'E' {
            return None;
        }
        i += 1;
        let (exp_negative, start) = match rest.get(i) {
            Some(b'-') => (true, i + 1),
            Some(b'+') => (false, i + 1),
            _ => (false, i),
        };
        let exp_digits = &rest[start..];
        if exp_digits.is_empty() || !exp_digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        // Saturates far beyond any exponent that still matters.
        let exp = exp_digits.iter().fold(0i64, |e, d| (e * 10 + i64::from(d - b'0')).min(1 << 40));
        point += if exp_negative { -exp } else { exp };
    }
    while digits.last() == Some(&0) {
        digits.pop();
    }
    if digits.is_empty() {
        return Some(signed(0.0));
    }
    // 0.DIGITS × 10^point lies in [10^(point−1), 10^point).
    if point > 310 {
        return Some(signed(f64::INFINITY));
    }
    if point < -330 {
        return Some(signed(0.0));
    }
    let exp10 = point - digits.len() as i64;
    if digits.len() <= 15 && !dropped && exp10.abs() <= 22 {
        // Exact integer and exact power of ten: one correctly rounded operation.
        let whole = digits.iter().fold(0u64, |w, &d| w * 10 + u64::from(d)) as f64;
        let scale = POW10[exp10.unsigned_abs() as usize];
        return Some(signed(if exp10 < 0 { whole / scale } else { whole * scale }));
    }
    let mut num = Big::from_digits(&digits);
    let value = if exp10 >= 0 {
        num.mul_pow10(exp10 as u32);
        let (top, e2, sticky) = num.top64();
        round(top, e2, sticky || dropped)
    } else {
        let mut den = Big::one();
        den.mul_pow10(exp10.unsigned_abs() as u32);
        // Quotient of 64 bits: num × 2^-e2 / den in [2^63, 2^64).
        let mut e2 = num.bits() as i64 - den.bits() as i64 - 64;
        let shift = |n: &Big, d: &Big, e2: i64| {
            let (mut n, mut d) = (n.clone(), d.clone());
            if e2 < 0 {
                n.shl(e2.unsigned_abs() as usize);
            } else {
                d.shl(e2 as usize);
            }
            (n, d)
        };
        // num / den lies in (2^(bits(num)−bits(den)−1), 2^(bits(num)−bits(den)+1)), so the
        // quotient is in [2^63, 2^65): one step up when it reaches 2^64.
        let (mut n, mut d) = shift(&num, &den, e2);
        let mut d64 = d.clone();
        d64.shl(64);
        if !n.cmp(&d64).is_lt() {
            e2 += 1;
            (n, d) = shift(&num, &den, e2);
        }
        let mut q: u64 = 0;
        for bit in (0..64).rev() {
            let mut part = d.clone();
            part.shl(bit);
            if !n.cmp(&part).is_lt() {
                n.sub(&part);
                q |= 1 << bit;
            }
        }
        round(q, e2 as i32, !n.is_zero() || dropped)
    };
    Some(signed(value))
}

/// Powers of ten that `f64` holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `top × 2^e2` (plus a little more if `sticky`), `top` with its highest bit set, rounded to
/// the nearest `f64` (ties to even), subnormals and overflow included.
fn round(top: u64, e2: i32, sticky: bool) -> f64 {
    // The leading bit's binary exponent.
    let lead = i64::from(e2) + 63;
    // Bits of `top` below the kept mantissa: 11 for a normal number, more for a subnormal.
    let drop = 11 + (-1022 - lead).max(0);
    if drop > 65 {
        return 0.0;
    }
    let wide = u128::from(top);
    let mut kept = wide >> drop;
    let rest = wide & ((1u128 << drop) - 1);
    let half = 1u128 << (drop - 1);
    if rest > half || (rest == half && (sticky || kept & 1 == 1)) {
        kept += 1;
    }
    if lead < -1022 {
        // Subnormal (or, rounded up to 2^52, the smallest normal): the bits are the mantissa.
        return f64::from_bits(kept as u64);
    }
    let mut biased = lead + 1023;
    if kept == 1 << 53 {
        kept >>= 1;
        biased += 1;
    }
    if biased >= 2047 {
        return f64::INFINITY;
    }
    f64::from_bits(((biased as u64) << 52) | (kept as u64 & ((1 << 52) - 1)))
}

/// An unsigned integer of 32-bit limbs, least significant first; no leading zero limbs.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn one() -> Big {
        Big(vec![1])
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut n = Big(Vec::new());
        for chunk in digits.chunks(9) {
            let value = chunk.iter().fold(0u32, |v, &d| v * 10 + u32::from(d));
            n.mul_add(10u32.pow(chunk.len() as u32), value);
        }
        n
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    /// self = self × factor + add.
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(factor) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut exp: u32) {
        while exp > 0 {
            let step = exp.min(9);
            self.mul_add(10u32.pow(step), 0);
            exp -= step;
        }
    }

    fn bits(&self) -> usize {
        match self.0.last() {
            Some(&top) => self.0.len() * 32 - top.leading_zeros() as usize,
            None => 0,
        }
    }

    fn shl(&mut self, bits: usize) {
        let (limbs, bits) = (bits / 32, bits % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = v;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if limbs > 0 && !self.is_zero() {
            self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        }
    }

    fn cmp(&self, other: &Big) -> std::cmp::Ordering {
        self.0.len().cmp(&other.0.len()).then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    /// self −= other; `other` must not be larger.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(v < 0);
            *limb = v.rem_euclid(1 << 32) as u32;
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// The highest 64 bits (highest bit set), the binary exponent of the lowest of them, and
    /// whether any bit below them is set.
    fn top64(&self) -> (u64, i32, bool) {
        let bits = self.bits();
        let mut top: u64 = 0;
        let mut sticky = false;
        for i in 0..bits {
            let bit = (self.0[i / 32] >> (i % 32)) & 1 == 1;
            if i + 64 >= bits {
                top |= u64::from(bit) << (i + 64 - bits);
            } else {
                sticky |= bit;
            }
        }
        (top, bits as i32 - 64, sticky)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_decimal as parse_f64;

    fn same(text: &str) {
        let core = text.parse::<f64>().ok();
        let ours = parse_f64(text);
        match (core, ours) {
            (Some(a), Some(b)) if a.is_nan() => assert!(b.is_nan(), "{text:?}: {b}"),
            (Some(a), Some(b)) => {
                assert_eq!(a.to_bits(), b.to_bits(), "{text:?}: core {a:e}, ours {b:e}")
            }
            (a, b) => assert_eq!(a.is_some(), b.is_some(), "{text:?}: core {a:?}, ours {b:?}"),
        }
    }

    #[test]
    fn hand_picked_values() {
        assert_eq!(parse_f64("3000.50"), Some(3000.5));
        assert_eq!(parse_f64("0.1"), Some(0.1));
        assert_eq!(parse_f64("-2"), Some(-2.0));
        assert_eq!(parse_f64("1e400"), Some(f64::INFINITY));
        assert_eq!(parse_f64("0.30000000000000004"), Some(0.1 + 0.2));
        // 2^53 + 1 lies halfway between two floats: ties to even gives 2^53.
        assert_eq!(parse_f64("9007199254740993"), Some(9007199254740992.0));
        assert_eq!(parse_f64("9007199254740993.0000000001"), Some(9007199254740994.0));
        assert_eq!(parse_f64("1,5"), None);
        assert_eq!(parse_f64(""), None);
        for text in [
            "0",
            "-0",
            "+0",
            "0.0",
            ".5",
            "5.",
            ".",
            "-",
            "+",
            "e5",
            "1e",
            "1e+",
            "1e-5",
            "1E5",
            "1.5e-3",
            "inf",
            "-Infinity",
            "NaN",
            "nan",
            "-nan",
            "infinit",
            "1_000",
            " 1",
            "1 ",
            "0x10",
            "00012.50",
            "1..2",
            "1.2.3",
            "1e5.5",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-400",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "179769313486231580793728971405301e276",
            "8.98846567431158e307",
            "123456789012345678901234567890",
            "0.000001",
            "1e22",
            "1e23",
            "9007199254740991",
            "9007199254740992",
            "9007199254740995",
            "1e99999999999999999999",
            "0e99999999999",
            "1e-99999999999999",
        ] {
            same(text);
        }
    }

    #[test]
    fn long_inputs_round_like_core() {
        // Halfway between 1 and the next float, then a digit far beyond the 800 kept.
        let half = "1.00000000000000011102230246251565404236316680908203125";
        same(half);
        let far = format!("{half}{}1", "0".repeat(900));
        same(&far);
        assert!(parse_f64(&far) > parse_f64(half));
        same(&"9".repeat(1000));
        same(&format!("0.{}", "3".repeat(1200)));
    }

    #[test]
    fn every_kind_of_f64_round_trips_through_its_texts() {
        // A fixed pseudo-random walk over bit patterns (xorshift), all exponents.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x);
            if !v.is_finite() {
                continue;
            }
            same(&format!("{v}"));
            same(&format!("{v:e}"));
            same(&format!("{v:.3e}"));
            same(&format!("{:.20e}", v));
            // Decimal strings near v that are not shortest forms.
            let digits = x % 1_000_000_000_000_000_000;
            let exp = (x >> 40) as i64 % 700 - 350;
            same(&format!("{digits}e{exp}"));
            same(&format!("{}.{}e{}", digits % 1000, digits, exp / 2));
        }
    }

    #[test]
    fn money_and_share_link_texts() {
        for cents in (0..200_000u64).step_by(7) {
            same(&format!("{}.{:02}", cents / 100, cents % 100));
            same(&format!("{}", cents as f64 / 100.0));
        }
        for i in 0..5_000u32 {
            same(&format!("{}", f64::from(i) / 1000.0));
            same(&format!("{}", f64::from(i) * 0.1));
        }
    }
}
