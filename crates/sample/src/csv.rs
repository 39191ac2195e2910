//! CSV writers in two dialects: English (comma, decimal point, ISO dates, UTF-8, `\n`) and
//! German Excel (semicolon, decimal comma, `dd.mm.yyyy`, German headers and values,
//! Windows-1252, `\r\n`).

use records::{
    BillingInterval, CostRow, Dataset, Date, DateTime, Deal, DealOutcome, Invoice, Lead, Money,
    Month, SubState, Subscriptions, SurveyAnswer, SurveyKind, Ticket, UsageEvent,
};

/// The CSV dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CsvFormat {
    /// Comma, decimal point, ISO 8601 dates, UTF-8, LF line ends.
    English,
    /// Semicolon, decimal comma, `dd.mm.yyyy`, German headers, Windows-1252, CRLF line ends —
    /// what German Excel writes.
    GermanExcel,
}

struct Writer {
    format: CsvFormat,
    text: String,
}

impl Writer {
    fn german(&self) -> bool {
        self.format == CsvFormat::GermanExcel
    }

    fn delimiter(&self) -> char {
        if self.german() {
            ';'
        } else {
            ','
        }
    }

    fn row(&mut self, fields: &[String]) {
        let delimiter = self.delimiter();
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                self.text.push(delimiter);
            }
            let needs_quotes = field.contains([delimiter, '"', '\n', '\r']);
            if needs_quotes {
                self.text.push('"');
                self.text.push_str(&field.replace('"', "\"\""));
                self.text.push('"');
            } else {
                self.text.push_str(field);
            }
        }
        self.text.push_str(if self.german() { "\r\n" } else { "\n" });
    }

    fn header(&mut self, english: &[&str], german: &[&str]) {
        let names = if self.german() { german } else { english };
        let fields: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        self.row(&fields);
    }

    fn money(&self, m: Money) -> String {
        let cents = m.cents();
        let sign = if cents < 0 { "-" } else { "" };
        let abs = cents.unsigned_abs();
        let sep = if self.german() { ',' } else { '.' };
        format!("{sign}{}{sep}{:02}", abs / 100, abs % 100)
    }

    fn number(&self, x: f64) -> String {
        let text = if x.fract() == 0.0 && x.abs() < 1e15 {
            format!("{}", x as i64)
        } else {
            format!("{x}")
        };
        if self.german() {
            text.replace('.', ",")
        } else {
            text
        }
    }

    fn date(&self, d: Date) -> String {
        if self.german() {
            let (y, m, day) = d.ymd();
            format!("{day:02}.{m:02}.{y:04}")
        } else {
            d.to_string()
        }
    }

    fn date_opt(&self, d: Option<Date>) -> String {
        d.map(|d| self.date(d)).unwrap_or_default()
    }

    fn datetime(&self, t: DateTime) -> String {
        if self.german() {
            let secs = t.unix().rem_euclid(86_400);
            format!(
                "{} {:02}:{:02}:{:02}",
                self.date(t.date()),
                secs / 3600,
                secs / 60 % 60,
                secs % 60
            )
        } else {
            t.to_string()
        }
    }

    fn datetime_opt(&self, t: Option<DateTime>) -> String {
        t.map(|t| self.datetime(t)).unwrap_or_default()
    }

    fn month(&self, m: Month) -> String {
        if self.german() {
            format!("{:02}.{:04}", m.number(), m.year())
        } else {
            m.to_string()
        }
    }

    /// Translates the generator's English category values in the German dialect.
    fn word(&self, english: &str) -> String {
        if !self.german() {
            return english.to_string();
        }
        let german = match english {
            "active" => "aktiv",
            "canceled" => "gekündigt",
            "low" => "niedrig",
            "normal" => "normal",
            "high" => "hoch",
            "urgent" => "dringend",
            "question" => "Frage",
            "problem" => "Problem",
            "complaint" => "Beschwerde",
            "mail" => "E-Mail",
            "phone" => "Telefon",
            "chat" => "Chat",
            other => other,
        };
        german.to_string()
    }

    fn opt_word<S: AsRef<str>>(&self, v: &Option<S>) -> String {
        v.as_ref().map(|s| self.word(s.as_ref())).unwrap_or_default()
    }

    fn yes_no(&self, v: Option<bool>) -> String {
        match (v, self.german()) {
            (None, _) => String::new(),
            (Some(true), true) => "ja".into(),
            (Some(false), true) => "nein".into(),
            (Some(b), false) => b.to_string(),
        }
    }
}

fn interval(i: BillingInterval, german: bool) -> String {
    let word = match (i, german) {
        (BillingInterval::MONTH, false) => "month",
        (BillingInterval::QUARTER, false) => "quarter",
        (BillingInterval::HALF_YEAR, false) => "half_year",
        (BillingInterval::YEAR, false) => "year",
        (BillingInterval::MONTH, true) => "monatlich",
        (BillingInterval::QUARTER, true) => "vierteljährlich",
        (BillingInterval::HALF_YEAR, true) => "halbjährlich",
        (BillingInterval::YEAR, true) => "jährlich",
        (_, false) => return format!("every {} months", i.months()),
        (_, true) => return format!("alle {} Monate", i.months()),
    };
    word.to_string()
}

/// The Stripe word of a state (what the import reads back); empty when unknown.
fn state_word(state: SubState) -> &'static str {
    match state {
        SubState::Unknown => "",
        SubState::Active => "active",
        SubState::Trialing => "trialing",
        SubState::PastDue => "past_due",
        SubState::Unpaid => "unpaid",
        SubState::NonRenewing => "non_renewing",
        SubState::Paused => "paused",
        SubState::Ended => "canceled",
        SubState::NeverPaid => "incomplete_expired",
        SubState::Future => "future",
    }
}

fn survey_kind(k: Option<SurveyKind>) -> &'static str {
    match k {
        Some(SurveyKind::Nps) => "NPS",
        Some(SurveyKind::Csat) => "CSAT",
        Some(SurveyKind::Ces) => "CES",
        None => "",
    }
}

fn outcome(o: DealOutcome, german: bool) -> &'static str {
    match (o, german) {
        (DealOutcome::Won, false) => "won",
        (DealOutcome::Lost, false) => "lost",
        (DealOutcome::Open, false) => "open",
        (DealOutcome::Won, true) => "gewonnen",
        (DealOutcome::Lost, true) => "verloren",
        (DealOutcome::Open, true) => "offen",
    }
}

/// Writes a dataset as CSV with a header line. English output is UTF-8; German Excel output
/// is Windows-1252 (characters it lacks would become `&#NNNN;`, which the generator's texts
/// never need).
pub fn write_csv(dataset: &Dataset, format: CsvFormat) -> Vec<u8> {
    let mut w = Writer { format, text: String::with_capacity(dataset.len() * 64 + 128) };
    match dataset {
        Dataset::Subscriptions(rows) => subscriptions(&mut w, rows),
        Dataset::Invoices(rows) => invoices(&mut w, rows),
        Dataset::Surveys(rows) => surveys(&mut w, rows),
        Dataset::Tickets(rows) => tickets(&mut w, rows),
        Dataset::Deals(rows) => deals(&mut w, rows),
        Dataset::Leads(rows) => leads(&mut w, rows),
        Dataset::Usage(rows) => usage(&mut w, rows),
        Dataset::Costs(rows) => costs(&mut w, rows),
        Dataset::Accounts(rows) => accounts(&mut w, rows),
    }
    match format {
        CsvFormat::English => w.text.into_bytes(),
        CsvFormat::GermanExcel => encoding_rs::WINDOWS_1252.encode(&w.text).0.into_owned(),
    }
}

fn subscriptions(w: &mut Writer, rows: &Subscriptions) {
    let g = w.german();
    w.header(
        &["customer", "start", "end", "amount", "interval", "plan", "status"],
        &["Kunde", "Beginn", "Ende", "Betrag", "Intervall", "Tarif", "Status"],
    );
    for r in rows.iter() {
        let f = [
            r.customer().to_string(),
            w.date(r.start()),
            w.date_opt(r.end()),
            w.money(r.amount()),
            interval(r.interval(), g),
            r.plan().unwrap_or_default().to_string(),
            w.word(state_word(r.state())),
        ];
        w.row(&f);
    }
}

fn invoices(w: &mut Writer, rows: &[Invoice]) {
    w.header(
        &["customer", "date", "amount", "period_months"],
        &["Kunde", "Datum", "Betrag", "Monate"],
    );
    for r in rows {
        let f = [
            r.customer.to_string(),
            w.date(r.date),
            w.money(r.amount),
            r.period_months.to_string(),
        ];
        w.row(&f);
    }
}

fn surveys(w: &mut Writer, rows: &[SurveyAnswer]) {
    w.header(
        &["date", "score", "kind", "customer", "segment", "comment"],
        &["Datum", "Wert", "Art", "Kunde", "Segment", "Kommentar"],
    );
    for r in rows {
        let f = [
            w.date(r.date),
            w.number(r.score),
            survey_kind(r.kind).to_string(),
            r.customer.clone().unwrap_or_default(),
            r.segment.clone().unwrap_or_default(),
            r.comment.clone().unwrap_or_default(),
        ];
        w.row(&f);
    }
}

fn tickets(w: &mut Writer, rows: &[Ticket]) {
    w.header(
        &[
            "id",
            "created",
            "first_response",
            "resolved",
            "contacts",
            "first_contact_resolution",
            "channel",
            "urgency",
            "type",
            "customer",
        ],
        &[
            "Ticket",
            "Erstellt",
            "Erste Antwort",
            "Gelöst",
            "Kontakte",
            "Erstlösung",
            "Kanal",
            "Dringlichkeit",
            "Typ",
            "Kunde",
        ],
    );
    for r in rows {
        let f = [
            r.id.clone(),
            w.datetime(r.created),
            w.datetime_opt(r.first_response),
            w.datetime_opt(r.resolved),
            r.contacts.map(|c| c.to_string()).unwrap_or_default(),
            w.yes_no(r.first_contact_resolution),
            w.opt_word(&r.channel),
            w.opt_word(&r.urgency),
            w.opt_word(&r.ticket_type),
            r.customer.clone().unwrap_or_default(),
        ];
        w.row(&f);
    }
}

fn deals(w: &mut Writer, rows: &[Deal]) {
    let g = w.german();
    w.header(
        &["id", "created", "closed", "outcome", "value", "stage", "source", "lost_at_stage"],
        &[
            "ID",
            "Erstellt",
            "Abgeschlossen",
            "Ergebnis",
            "Wert",
            "Phase",
            "Quelle",
            "Verloren in Phase",
        ],
    );
    for r in rows {
        let f = [
            r.id.clone(),
            w.date(r.created),
            w.date_opt(r.closed),
            outcome(r.outcome, g).to_string(),
            r.value.map(|v| w.money(v)).unwrap_or_default(),
            r.stage.clone().unwrap_or_default(),
            r.source.clone().unwrap_or_default(),
            r.lost_at_stage.clone().unwrap_or_default(),
        ];
        w.row(&f);
    }
}

fn leads(w: &mut Writer, rows: &[Lead]) {
    w.header(&["id", "created", "first_contact"], &["ID", "Eingang", "Erstkontakt"]);
    for r in rows {
        let f = [
            r.id.clone().unwrap_or_default(),
            w.datetime(r.created),
            w.datetime_opt(r.first_contact),
        ];
        w.row(&f);
    }
}

fn usage(w: &mut Writer, rows: &[UsageEvent]) {
    w.header(
        &["timestamp", "user", "account", "event", "session_seconds"],
        &["Zeitpunkt", "Nutzer", "Konto", "Ereignis", "Sitzungsdauer (s)"],
    );
    for r in rows {
        let f = [
            w.datetime(r.timestamp),
            r.user.to_string(),
            r.account.as_deref().unwrap_or_default().to_string(),
            r.event.as_deref().unwrap_or_default().to_string(),
            r.session_seconds.map(|s| w.number(s)).unwrap_or_default(),
        ];
        w.row(&f);
    }
}

fn accounts(w: &mut Writer, rows: &[records::Account]) {
    let g = w.german();
    w.header(&["customer_id", "industry", "country"], &["Kunden-ID", "Branche", "Land"]);
    for r in rows {
        let ((de, en), country) = crate::generate::account_attributes(&r.customer);
        let industry = if g { de } else { en };
        w.row(&[r.customer.to_string(), industry.to_string(), country.to_string()]);
    }
}

fn costs(w: &mut Writer, rows: &[CostRow]) {
    w.header(
        &["month", "sales", "marketing", "customer_success"],
        &["Monat", "Vertrieb", "Marketing", "Customer Success"],
    );
    for r in rows {
        let f =
            [w.month(r.month), w.money(r.sales), w.money(r.marketing), w.money(r.customer_success)];
        w.row(&f);
    }
}
