//! The generators, one function per dataset kind.

use crate::rng::Rng;
use records::{
    Account, BillingInterval, CostRow, Date, DateTime, Deal, DealOutcome, Invoice, Lead, Money,
    Month, SubState, Subscription, SurveyAnswer, SurveyKind, SurveyScale, Ticket, UsageEvent,
};

/// Number of generated months (2024-01 … 2025-12).
pub const MONTHS: i32 = 24;

/// First generated month.
pub fn first_month() -> Month {
    first_day().month()
}

/// 2024-01-01, a Monday; all data lies in the 24 months from here.
pub fn first_day() -> Date {
    // 2024-01-01 is day 19 723 since 1970-01-01.
    Date::from_days(19_723)
}

/// The day after the last generated day (2026-01-01).
fn end_day() -> Date {
    first_month().add(MONTHS).first_day()
}

/// Stable customer id of customer `i` (0-based): `K00001`, `K00002`, …
pub fn customer_id(i: usize) -> String {
    format!("K{:05}", i + 1)
}

/// Plan names and monthly prices in cents.
const PLANS: [(&str, i64); 3] = [("Basic", 4_900), ("Pro", 9_900), ("Business", 24_900)];

/// The same day `k` months later (clamped to the month's length).
fn add_months(date: Date, k: i32) -> Date {
    let (_, _, day) = date.ymd();
    let month = date.month().add(k);
    let last = month.last_day();
    let wanted = month.first_day().add_days(day as i32 - 1);
    wanted.min(last)
}

fn day_in_month(rng: &mut Rng, month: Month) -> Date {
    month.first_day().add_days(rng.range(0, 27) as i32)
}

fn subscription(customer: &str, start: Date, plan: usize, annual: bool) -> Subscription {
    let (name, price) = PLANS[plan.min(PLANS.len() - 1)];
    Subscription {
        interval: if annual { BillingInterval::YEAR } else { BillingInterval::MONTH },
        plan: Some(name.into()),
        state: SubState::Active,
        ..Subscription::new(customer, start, None, Money(if annual { price * 10 } else { price }))
    }
}

fn close(mut sub: Subscription, end: Date, out: &mut Vec<Subscription>) {
    sub.end = Some(end);
    sub.state = SubState::Ended;
    out.push(sub);
}

/// The subscription history of customer `i`: signup (more customers later, as a growing
/// business has, but some in every month), monthly upgrades, downgrades and churn, annual plans that can only end at
/// their anniversary, and reactivations a few months after churn. It depends only on `seed`
/// and `i`, so usage events and surveys can follow the same customers.
pub fn customer_life(seed: u64, i: usize) -> Vec<Subscription> {
    let mut rng = Rng::fork(seed, i as u64);
    let id = customer_id(i);
    // Half the signups uniform, half skewed to later months: steady growth, yet every month
    // has new customers.
    let m0 = if rng.chance(0.5) {
        rng.below(MONTHS as u64)
    } else {
        rng.below(MONTHS as u64).max(rng.below(MONTHS as u64))
    } as i32;
    let mut plan = rng.weighted(&[50, 35, 15]);
    let annual = rng.chance(0.2);
    let mut out = Vec::new();
    let mut current =
        Some(subscription(&id, day_in_month(&mut rng, first_month().add(m0)), plan, annual));
    let mut reactivate_at = None;
    for t in m0 + 1..MONTHS {
        let month = first_month().add(t);
        match current.take() {
            Some(sub) => {
                if sub.interval == BillingInterval::YEAR {
                    let anniversary = month.since(sub.start.month()) % 12 == 0;
                    if anniversary && rng.chance(0.15) {
                        // Annual plans end on their anniversary day.
                        let years = month.since(sub.start.month()) / 12;
                        let end = add_months(sub.start, years * 12);
                        close(sub, end, &mut out);
                        reactivate_at = rng.chance(0.3).then(|| t + rng.range(2, 8) as i32);
                    } else {
                        current = Some(sub);
                    }
                    continue;
                }
                let date = day_in_month(&mut rng, month);
                let r = rng.unit();
                if r < 0.025 {
                    close(sub, date, &mut out);
                    reactivate_at = rng.chance(0.3).then(|| t + rng.range(2, 8) as i32);
                } else if r < 0.045 && plan + 1 < PLANS.len() {
                    close(sub, date, &mut out);
                    plan += 1;
                    current = Some(subscription(&id, date, plan, false));
                } else if r < 0.055 && plan > 0 {
                    close(sub, date, &mut out);
                    plan -= 1;
                    current = Some(subscription(&id, date, plan, false));
                } else {
                    current = Some(sub);
                }
            }
            None => {
                if reactivate_at == Some(t) {
                    current = Some(subscription(&id, day_in_month(&mut rng, month), plan, false));
                    reactivate_at = None;
                }
            }
        }
    }
    out.extend(current);
    out
}

/// `n` customers' subscriptions.
pub fn subscriptions(n: usize, seed: u64) -> Vec<Subscription> {
    (0..n).flat_map(|i| customer_life(seed, i)).collect()
}

/// Invoices of `n` customers: one per billing period of each subscription (monthly plans
/// monthly, annual plans once a year covering 12 months), until the subscription ends.
pub fn invoices(n: usize, seed: u64) -> Vec<Invoice> {
    let mut out = Vec::new();
    for sub in subscriptions(n, seed) {
        let step = sub.interval.months() as i32;
        let stop = sub.end.unwrap_or_else(end_day).min(end_day());
        let mut k = 0;
        loop {
            let date = add_months(sub.start, k * step);
            if date >= stop {
                break;
            }
            out.push(Invoice::new(&sub.customer, date, sub.amount, step as u32));
            k += 1;
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.customer.cmp(&b.customer)));
    out
}

const PROMOTER_COMMENTS: &[&str] = &[
    "Toller Support, schnelle Antworten",
    "Sehr übersichtlich und einfach zu bedienen",
    "Great product, the reports save us hours",
    "Excellent support and fast onboarding",
    "Die Berichte sind super, spart uns viel Zeit",
    "Easy to use, great value",
];
const PASSIVE_COMMENTS: &[&str] = &[
    "Gut, aber die Exportfunktion könnte besser sein",
    "Solid tool, pricing is a bit high",
    "Funktioniert, manchmal etwas langsam",
    "Good overall, missing some integrations",
];
const DETRACTOR_COMMENTS: &[&str] = &[
    "Zu teuer für den Funktionsumfang",
    "Support antwortet langsam, Probleme bleiben offen",
    "Too expensive and the export keeps failing",
    "Slow support, we are considering alternatives",
    "Ständig Fehler beim Import, sehr ärgerlich",
];

fn random_time(rng: &mut Rng, day: Date, from_hour: i64, to_hour: i64) -> DateTime {
    let secs = rng.range(from_hour * 3600, to_hour * 3600 - 1);
    DateTime::from_unix(day.at_midnight().unix() + secs)
}

fn random_day(rng: &mut Rng) -> Date {
    first_day().add_days(rng.below((end_day().days() - first_day().days()) as u64) as i32)
}

/// A random day on which a customer with these active ranges subscribes; `None` if never.
fn random_active_day(rng: &mut Rng, ranges: &[(i32, i32)]) -> Option<Date> {
    let total: i64 = ranges.iter().map(|(a, b)| i64::from(b - a)).sum();
    let mut offset = rng.below(total.max(0) as u64) as i32;
    for &(from, to) in ranges {
        if offset < to - from {
            return Some(Date::from_days(from + offset));
        }
        offset -= to - from;
    }
    None
}

/// `n` survey answers by `max(3, n / 3)` customers, each given while the customer subscribes:
/// 70 % NPS (half of them without a kind, as many exports have), 20 % CSAT on 1–5, 10 % CES
/// on 1–7; 40 % with a German or English comment.
pub fn surveys(n: usize, seed: u64) -> Vec<SurveyAnswer> {
    let mut rng = Rng::fork(seed, 1 << 40);
    let lives: Vec<Vec<(i32, i32)>> = (0..(n / 3).max(3)).map(|i| active_ranges(seed, i)).collect();
    let mut out: Vec<SurveyAnswer> = (0..n)
        .map(|_| {
            let customer = rng.below(lives.len() as u64) as usize;
            let date = match random_active_day(&mut rng, &lives[customer]) {
                Some(day) => day,
                None => random_day(&mut rng),
            };
            let which = rng.weighted(&[70, 20, 10]);
            // The scales the import decides for the written file: CSAT 1–5, CES 1–7.
            let (score, kind, comment) = match which {
                0 => {
                    let band = rng.weighted(&[25, 30, 45]);
                    let score = match band {
                        0 => rng.range(0, 6),
                        1 => rng.range(7, 8),
                        _ => rng.range(9, 10),
                    };
                    let pool = [DETRACTOR_COMMENTS, PASSIVE_COMMENTS, PROMOTER_COMMENTS][band];
                    let comment = rng.chance(0.4).then(|| rng.pick(pool).to_string());
                    let kind = rng.chance(0.5).then_some(SurveyKind::Nps);
                    (score as f64, kind, comment)
                }
                1 => {
                    (rng.weighted(&[5, 10, 20, 35, 30]) as f64 + 1.0, Some(SurveyKind::Csat), None)
                }
                _ => (rng.range(1, 7) as f64, Some(SurveyKind::Ces), None),
            };
            SurveyAnswer {
                date,
                score,
                kind,
                customer: Some(customer_id(customer)),
                segment: Some(rng.pick(&["SMB", "Mid-Market", "Enterprise"]).to_string()),
                comment,
                scale: match kind {
                    Some(SurveyKind::Csat) => Some(SurveyScale::OneToFive),
                    Some(SurveyKind::Ces) => Some(SurveyScale::OneToSeven),
                    _ => None,
                },
            }
        })
        .collect();
    out.sort_by_key(|a| a.date);
    out
}

/// `n` tickets over 104 weeks, 6 % of them in one spike week (an outage), from
/// `max(3, n / 4)` customers, preferring customers who subscribe on the ticket's day.
pub fn tickets(n: usize, seed: u64) -> Vec<Ticket> {
    let mut rng = Rng::fork(seed, 2 << 40);
    let lives: Vec<Vec<(i32, i32)>> = (0..(n / 4).max(3)).map(|i| active_ranges(seed, i)).collect();
    let spike_week = rng.range(52, 95);
    let mut out: Vec<Ticket> = (0..n)
        .map(|idx| {
            let week = if rng.chance(0.06) { spike_week } else { rng.range(0, 103) };
            let day = first_day().add_days((week * 7 + rng.range(0, 4)) as i32);
            let created = random_time(&mut rng, day, 7, 19);
            // A few tries find an active customer on almost every day after the first weeks.
            let mut customer = rng.below(lives.len() as u64) as usize;
            for _ in 0..16 {
                let d = day.days();
                if lives[customer].iter().any(|&(from, to)| from <= d && d < to) {
                    break;
                }
                customer = rng.below(lives.len() as u64) as usize;
            }
            let urgency_idx = rng.weighted(&[40, 35, 20, 5]);
            let urgency = ["low", "normal", "high", "urgent"][urgency_idx];
            let ticket_type = ["question", "problem", "complaint"][rng.weighted(&[50, 35, 15])];
            let mean_minutes = [240, 120, 45, 15][urgency_idx];
            let first_response = rng.chance(0.92).then(|| {
                let minutes = rng.range(1, 2 * mean_minutes);
                DateTime::from_unix(created.unix() + minutes * 60)
            });
            let contacts = rng.weighted(&[60, 25, 10, 5]) as u32 + 1;
            let resolved = rng
                .chance(0.85)
                .then(|| DateTime::from_unix(created.unix() + rng.range(20, 60 * 24 * 5) * 60));
            Ticket {
                id: format!("T{:06}", idx + 1),
                created,
                first_response,
                first_contact_resolution: rng
                    .chance(0.5)
                    .then_some(contacts == 1 && resolved.is_some()),
                contacts: Some(contacts),
                resolved,
                channel: Some(rng.pick(&["mail", "phone", "chat"]).to_string()),
                urgency: Some(urgency.to_string()),
                ticket_type: Some(ticket_type.to_string()),
                customer: Some(customer_id(customer)),
            }
        })
        .collect();
    out.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    out
}

/// `n` deals: older ones mostly closed (25 % won, 55 % lost), recent ones mostly open.
pub fn deals(n: usize, seed: u64) -> Vec<Deal> {
    let mut rng = Rng::fork(seed, 3 << 40);
    let recent = end_day().add_days(-60);
    let mut out: Vec<Deal> = (0..n)
        .map(|idx| {
            let created = random_day(&mut rng);
            let outcome = if created >= recent {
                [DealOutcome::Open, DealOutcome::Won, DealOutcome::Lost]
                    [rng.weighted(&[70, 10, 20])]
            } else {
                [DealOutcome::Won, DealOutcome::Lost, DealOutcome::Open]
                    [rng.weighted(&[25, 55, 20])]
            };
            let cycle = rng.range(7, 90) as i32;
            let closed = (outcome != DealOutcome::Open)
                .then(|| created.add_days(cycle).min(end_day().add_days(-1)));
            let stage = match outcome {
                DealOutcome::Won => "Gewonnen",
                DealOutcome::Lost => "Verloren",
                DealOutcome::Open => *rng.pick(&["Qualifizierung", "Angebot", "Verhandlung"]),
            };
            Deal {
                id: format!("D{:06}", idx + 1),
                created,
                closed,
                outcome,
                value: Some(Money(rng.range(10, 500) * 10_000)),
                stage: Some(stage.to_string()),
                source: Some(rng.pick(&["Website", "Empfehlung", "Messe", "Outbound"]).to_string()),
                // Where a lost deal was lost, from its index so the random stream (and every
                // other generated value) stays as it was: early stages lose most deals.
                lost_at_stage: (outcome == DealOutcome::Lost).then(|| {
                    ["Qualifizierung", "Qualifizierung", "Angebot", "Verhandlung"][idx % 4]
                        .to_string()
                }),
            }
        })
        .collect();
    out.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    out
}

/// `n` leads in business hours; 85 % contacted, about a third of those within 5 minutes.
pub fn leads(n: usize, seed: u64) -> Vec<Lead> {
    let mut rng = Rng::fork(seed, 4 << 40);
    let mut out: Vec<Lead> = (0..n)
        .map(|idx| {
            let day = random_day(&mut rng);
            let created = random_time(&mut rng, day, 8, 18);
            let first_contact = rng.chance(0.85).then(|| {
                let minutes = if rng.chance(0.35) { rng.range(1, 5) } else { rng.range(6, 600) };
                DateTime::from_unix(created.unix() + minutes * 60 + rng.range(0, 59))
            });
            Lead { id: Some(format!("L{:06}", idx + 1)), created, first_contact }
        })
        .collect();
    out.sort_by_key(|a| a.created);
    out
}

const FEATURES: &[&str] =
    &["login", "dashboard", "report", "export", "import", "invite", "api", "settings"];

/// Active day ranges `[from, to)` of customer `i` inside the generated period.
fn active_ranges(seed: u64, i: usize) -> Vec<(i32, i32)> {
    customer_life(seed, i)
        .iter()
        .map(|s| {
            let from = s.start.days().max(first_day().days());
            let to = s.end.unwrap_or_else(end_day).min(end_day()).days();
            (from, to)
        })
        .filter(|(from, to)| from < to)
        .collect()
}

/// `n` usage events of `max(3, n / 400)` accounts (about 400 events per account, enough for
/// realistic active days), which are the customers `K00001…` of the
/// subscription generator with the same seed, active only while they subscribe. Accounts
/// differ in users (1–8), activity and feature breadth; one in ten fades out in the last 30
/// days (for the at-risk list).
pub fn usage(n: usize, seed: u64) -> Vec<UsageEvent> {
    let mut rng = Rng::fork(seed, 5 << 40);
    let n_accounts = (n / 400).max(3);
    struct Account {
        id: String,
        ranges: Vec<(i32, i32)>,
        days: i64,
        users: u64,
        features: usize,
        fading: bool,
    }
    let accounts: Vec<Account> = (0..n_accounts)
        .map(|i| {
            let ranges = active_ranges(seed, i);
            let days = ranges.iter().map(|(a, b)| i64::from(b - a)).sum();
            Account {
                id: customer_id(i),
                ranges,
                days,
                users: rng.range(1, 8) as u64,
                features: rng.range(2, FEATURES.len() as i64) as usize,
                fading: rng.chance(0.1),
            }
        })
        .collect();
    // Cumulative weights (more users → more events) for a binary-search pick per event.
    let mut cumulative = Vec::with_capacity(accounts.len());
    let mut total = 0u64;
    for a in &accounts {
        total += u64::from(a.days > 0) * (1 + a.users);
        cumulative.push(total);
    }
    let fade_from = end_day().days() - 30;
    let mut out = Vec::with_capacity(n);
    if total == 0 {
        return out;
    }
    while out.len() < n {
        let x = rng.below(total);
        let a = &accounts[cumulative.partition_point(|&c| c <= x).min(accounts.len() - 1)];
        let Some(day) = random_active_day(&mut rng, &a.ranges).map(|d| d.days()) else { continue };
        if a.fading && day >= fade_from && rng.chance(0.85) {
            continue;
        }
        let event = FEATURES[rng.below(a.features as u64) as usize];
        out.push(UsageEvent {
            timestamp: random_time(&mut rng, Date::from_days(day), 7, 21),
            user: format!("{}-u{}", a.id, rng.below(a.users) + 1).into(),
            account: Some(a.id.as_str().into()),
            event: Some(event.into()),
            session_seconds: (event == "login").then(|| rng.range(60, 3600) as f64),
        });
    }
    out.sort_by(|a, b| a.timestamp.cmp(&b.timestamp).then_with(|| a.user.cmp(&b.user)));
    out
}

/// `n` months of costs ending 2025-12, growing slowly; at most 12,000 months (back to the
/// year 1026, as dates before 1000 are not valid in the records).
pub fn costs(n: usize, seed: u64) -> Vec<CostRow> {
    let n = n.min(12_000);
    let mut rng = Rng::fork(seed, 6 << 40);
    let last = first_month().add(MONTHS - 1);
    (0..n)
        .map(|k| {
            let month = last.add(k as i32 + 1 - n as i32);
            let growth = 100 + k as i64 * 2;
            CostRow {
                month,
                sales: Money(rng.range(18_000, 24_000) * growth),
                marketing: Money(rng.range(8_000, 14_000) * growth),
                customer_success: Money(rng.range(6_000, 9_000) * growth),
            }
        })
        .collect()
}

/// `n` accounts (customers `K00001` … of [`customer_id`]) in an order that depends on the
/// seed, as a CRM export lists them; their attributes follow from the id
/// ([`account_attributes`]).
pub fn accounts(n: usize, seed: u64) -> Vec<Account> {
    let mut rng = Rng::fork(seed, 7 << 40);
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    order.into_iter().map(|i| Account { customer: customer_id(i).into() }).collect()
}

/// Industry (German, English) and country of an account, from its id.
pub fn account_attributes(customer: &str) -> ((&'static str, &'static str), &'static str) {
    const INDUSTRIES: [(&str, &str); 4] = [
        ("Handel", "Retail"),
        ("Software", "Software"),
        ("Industrie", "Manufacturing"),
        ("Gesundheit", "Healthcare"),
    ];
    const COUNTRIES: [&str; 3] = ["DE", "AT", "CH"];
    let h = customer.bytes().fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(usize::from(b)));
    (INDUSTRIES[h % INDUSTRIES.len()], COUNTRIES[(h / 7) % COUNTRIES.len()])
}
