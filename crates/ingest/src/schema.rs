//! What each dataset kind needs: fields, whether they are required, their type, and the
//! header names (German, English, and those of well-known exports) that map to them.
//!
//! Headers are compared after [`normalize_header`]: lower case, umlauts folded (`ü` → `ue`),
//! punctuation and a trailing `utc` dropped, so `Created (UTC)` and `created_utc` both read
//! `created`.

use records::DatasetKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

// `ColumnType` is what the sniffer reports and what `compatible` and the kind scores read; it
// lives here so that `sniff` depends on `schema` and not the other way round.
/// What a column's values look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    /// No values.
    Empty,
    /// Whole numbers.
    Integer,
    /// Numbers with fractions.
    Decimal,
    /// Numbers with a currency symbol or code.
    Money,
    /// Numbers with `%`.
    Percent,
    /// Calendar days.
    Date,
    /// Dates with a time of day.
    DateTime,
    /// Months: `2025-01`, `01.2025`, `Jan 2025`.
    Month,
    /// Boolean words (ja/nein, yes/no, …).
    Bool,
    /// Anything else.
    Text,
}

/// How a field's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// Free text.
    Text,
    /// Calendar day (a datetime is cut to its day).
    Date,
    /// Instant (a date means midnight UTC).
    DateTime,
    /// Amount of money in cents.
    Money,
    /// Any number.
    Number,
    /// Whole number ≥ 0.
    Count,
    /// Boolean word or 1/0.
    Bool,
    /// Billing interval word or number of months.
    Interval,
    /// Deal outcome word (won/lost/open, gewonnen/verloren/offen).
    Outcome,
    /// Survey kind (NPS/CSAT/CES).
    SurveyKind,
    /// Calendar month.
    Month,
    /// Duration (seconds, unit taken from the header, or h:mm:ss).
    Duration,
}

/// One field of a dataset kind.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct FieldSpec {
    /// Stable id used in mappings (`customer`, `start`, …).
    pub id: &'static str,
    /// German label for the UI and messages.
    pub label_de: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// How cells are read.
    pub ty: FieldType,
    /// Whether a row without it is rejected (and a file without the column refused).
    pub required: bool,
    /// Normalised header names that map to this field, best first.
    pub synonyms: &'static [&'static str],
}

const fn f(
    id: &'static str,
    label_de: &'static str,
    label_en: &'static str,
    ty: FieldType,
    required: bool,
    synonyms: &'static [&'static str],
) -> FieldSpec {
    FieldSpec { id, label_de, label_en, ty, required, synonyms }
}

use FieldType as T;

const CUSTOMER: &[&str] = &[
    "customer id",
    "customer",
    "kunde",
    "kundennummer",
    "kunden nr",
    "kundennr",
    "kunden id",
    "kundenid",
    "account id",
    "account",
    "konto",
    "client",
    "client id",
    "debitor",
    "debitorennummer",
    "customer email",
    "customer name",
    "kundenname",
    // Freshdesk's ticket export ("Company Name"), before its "Customer interactions".
    "company name",
    "company",
    "firma",
    "organization",
    "organisation",
    "requester",
    "email",
    "e mail",
    // Google Forms and SurveyMonkey ("Email Address", "E-Mail-Adresse").
    "email address",
    "e mail adresse",
];

const SUBSCRIPTIONS: &[FieldSpec] = &[
    f("customer", "Kunde", "Customer", T::Text, true, CUSTOMER),
    f(
        "start",
        "Beginn",
        "Start",
        T::Date,
        true,
        &[
            "start",
            "start date",
            "startdatum",
            "beginn",
            "vertragsbeginn",
            "abo beginn",
            "abobeginn",
            "started at",
            "start at",
            "aktiv seit",
            "seit",
            "laufzeitbeginn",
            "activated at",
            "created",
            "created at",
            "erstellt",
            "erstellt am",
            "current period start",
        ],
    ),
    f(
        "end",
        "Ende",
        "End",
        T::Date,
        false,
        &[
            "ended at",
            "end",
            "end date",
            "ende",
            "enddatum",
            "vertragsende",
            "ended",
            "beendet am",
            "laufzeitende",
            "abo ende",
            "aboende",
            "end at",
            "expires at",
            "expired at",
            "cancellation effective date",
        ],
    ),
    f(
        "cancelled_at",
        "Kündigungsdatum",
        "Cancelled at",
        T::Date,
        false,
        &[
            "canceled at",
            "cancelled at",
            "kuendigungsdatum",
            "gekuendigt am",
            "cancellation date",
            "churn date",
            "kuendigung",
            "kuendigung zum",
            "cancel date",
        ],
    ),
    f(
        "amount",
        "Betrag",
        "Amount",
        T::Money,
        true,
        &[
            "amount",
            "betrag",
            "preis",
            "price",
            "mrr",
            "monatsbetrag",
            "plan amount",
            "netto",
            "nettobetrag",
            "wert",
            "value",
            "unit amount",
            "abo betrag",
            "gebuehr",
            "entgelt",
        ],
    ),
    f(
        "quantity",
        "Menge",
        "Quantity",
        T::Number,
        false,
        &["quantity", "menge", "anzahl", "seats", "lizenzen", "plaetze", "qty"],
    ),
    f(
        "interval",
        "Intervall",
        "Interval",
        T::Interval,
        false,
        &[
            "interval",
            "intervall",
            "abrechnungsintervall",
            "billing interval",
            "billing period unit",
            "plan interval unit",
            "interval unit",
            "billing cycle",
            "zahlungsintervall",
            "abrechnungszeitraum",
            "plan interval",
            "turnus",
            "zahlweise",
            "abrechnung",
        ],
    ),
    f(
        "plan",
        "Tarif",
        "Plan",
        T::Text,
        false,
        &[
            "plan",
            "tarif",
            "produkt",
            "product",
            "paket",
            "plan name",
            "edition",
            "tarifname",
            "artikel",
        ],
    ),
    f(
        "status",
        "Status",
        "Status",
        T::Text,
        false,
        &[
            "status",
            "abo status",
            "subscription status",
            "zustand",
            "vertragsstatus",
            "state",
            "subscription state",
            "subscriptions status",
        ],
    ),
    f(
        "trial_start",
        "Testphase ab",
        "Trial start",
        T::Date,
        false,
        &[
            "trial start",
            "trial started at",
            "trial start date",
            "testphase beginn",
            "testphase ab",
            "testbeginn",
            "beginn testphase",
        ],
    ),
    f(
        "trial_end",
        "Testphase bis",
        "Trial end",
        T::Date,
        false,
        &[
            "trial end",
            "trial ends at",
            "trial ended at",
            "trial end date",
            "testphase ende",
            "testphase bis",
            "ende testphase",
            "testende",
        ],
    ),
    f(
        "cancel_at",
        "Endet am (geplant)",
        "Cancel at",
        T::Date,
        false,
        &["cancel at", "cancels at", "scheduled cancellation", "geplantes ende", "endet am"],
    ),
    f(
        "cancel_at_period_end",
        "Kündigung zum Periodenende",
        "Cancel at period end",
        T::Bool,
        false,
        &[
            "cancel at period end",
            "cancel at end of period",
            "kuendigung zum periodenende",
            "kuendigung zum laufzeitende",
            "endet zum periodenende",
        ],
    ),
    f(
        "current_period_end",
        "Ende der laufenden Periode",
        "Current period end",
        T::Date,
        false,
        &[
            "current period end",
            "current period ends at",
            "current term end",
            "next billing date",
            "next billed at",
            "next payment date",
            "renewal date",
            "naechste abrechnung",
            "naechste zahlung",
            "verlaengerung am",
            "periodenende",
        ],
    ),
    f(
        "interval_count",
        "Intervall-Anzahl",
        "Interval count",
        T::Interval,
        false,
        &[
            "interval count",
            "interval length",
            "plan interval length",
            "plan interval count",
            "billing frequency",
            "billing cycle frequency",
            "billing period",
            "frequency",
            "intervall anzahl",
            "anzahl intervalle",
        ],
    ),
    f(
        "discount",
        "Rabatt",
        "Discount",
        T::Money,
        false,
        &[
            "discount",
            "discount amount",
            "rabatt",
            "rabattbetrag",
            "nachlass",
            "recurring discount",
        ],
    ),
    f("currency", "Währung", "Currency", T::Text, false, CURRENCY),
];

const CURRENCY: &[&str] = &[
    "currency",
    "currency code",
    "waehrung",
    "waehrungscode",
    "subscription currency",
    "plan currency",
    "invoice currency",
];

const INVOICES: &[FieldSpec] = &[
    f("customer", "Kunde", "Customer", T::Text, true, CUSTOMER),
    f(
        "date",
        "Datum",
        "Date",
        T::Date,
        true,
        &[
            "invoice date",
            "rechnungsdatum",
            "date",
            "datum",
            "belegdatum",
            "paid at",
            "bezahlt am",
            "zahlungsdatum",
            "payment date",
            "buchungsdatum",
            "created",
            "created at",
            "erstellt",
        ],
    ),
    f(
        "amount",
        "Betrag",
        "Amount",
        T::Money,
        true,
        &[
            "amount",
            "betrag",
            "rechnungsbetrag",
            "total",
            "amount paid",
            "gesamtbetrag",
            // Net before gross: revenue is counted without VAT when the file has both.
            "netto",
            "nettobetrag",
            "brutto",
            "bruttobetrag",
            "amount due",
            "summe",
            "invoice amount",
            "umsatz",
        ],
    ),
    f(
        "period",
        "Zeitraum (Monate)",
        "Period (months)",
        T::Interval,
        false,
        &[
            "period",
            "zeitraum",
            "leistungszeitraum",
            "months",
            "monate",
            "laufzeit",
            "abrechnungszeitraum",
            "interval",
            "intervall",
            "billing period",
        ],
    ),
    f(
        "service_start",
        "Leistungszeitraum von",
        "Service period start",
        T::Date,
        false,
        &[
            "service period start",
            "period start",
            "line item period start",
            "leistungszeitraum von",
            "leistungszeitraum beginn",
            "leistungsbeginn",
            "leistung von",
            "zeitraum von",
            "service start",
            "service from",
        ],
    ),
    f(
        "service_end",
        "Leistungszeitraum bis",
        "Service period end",
        T::Date,
        false,
        &[
            "service period end",
            "period end",
            "line item period end",
            "leistungszeitraum bis",
            "leistungszeitraum ende",
            "leistungsende",
            "leistung bis",
            "zeitraum bis",
            "service end",
            "service to",
        ],
    ),
    f(
        "subscription",
        "Abo",
        "Subscription",
        T::Text,
        false,
        &[
            "subscription",
            "subscription id",
            "abo",
            "abo id",
            "abonnement",
            "vertrag",
            "vertragsnummer",
            "plan id",
            "plan",
            "tarif",
            "price id",
        ],
    ),
    f(
        "recurring",
        "Wiederkehrend",
        "Recurring",
        T::Bool,
        false,
        &["recurring", "is recurring", "wiederkehrend", "abo position", "subscription item"],
    ),
    f(
        "line_type",
        "Art",
        "Type",
        T::Text,
        false,
        &[
            "type",
            "line type",
            "item type",
            "line item type",
            "art",
            "belegart",
            "belegtyp",
            "positionsart",
            "rechnungsart",
            "rechnungstyp",
            "document type",
            "dokumenttyp",
            "typ",
        ],
    ),
    f(
        "description",
        "Beschreibung",
        "Description",
        T::Text,
        false,
        &[
            "description",
            "beschreibung",
            "bezeichnung",
            "position",
            "artikel",
            "produkt",
            "product",
            "leistung",
            "line item description",
            "betreff",
            "text",
        ],
    ),
    f("currency", "Währung", "Currency", T::Text, false, CURRENCY),
];

const SURVEYS: &[FieldSpec] = &[
    f(
        "date",
        "Datum",
        "Date",
        T::Date,
        true,
        &[
            "date",
            "datum",
            "response date",
            "antwortdatum",
            "submitted at",
            "beantwortet am",
            "response timestamp",
            "created",
            "created at",
            "zeitstempel",
            "timestamp",
            "survey date",
            "umfragedatum",
            "erstellt",
            "erstellt am",
            "responded at",
            "rated at",
            "rating date",
            "completed at",
            "survey response date",
            // Typeform's CSV export ("Submit Date (UTC)"), SurveyMonkey's ("End Date").
            "submit date",
            "end date",
        ],
    ),
    f(
        "score",
        "Bewertung",
        "Score",
        T::Number,
        true,
        &[
            "score",
            "bewertung",
            "nps",
            "nps score",
            "rating",
            "punkte",
            "punktzahl",
            "note",
            "empfehlung",
            "antwort",
            "wert",
            "csat",
            "ces",
            "nps rating",
            "likelihood to recommend",
            "zufriedenheit",
            "satisfaction",
            // Survey tools name the column after the question ("How likely are you to
            // recommend us …?", "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?").
            "recommend",
            "weiterempfehlen",
            "empfehlen",
            "satisfied",
            "zufrieden",
            "effort",
            "aufwand",
            "easy",
            "einfach",
            "leicht",
        ],
    ),
    f(
        "kind",
        "Fragetyp",
        "Question type",
        T::SurveyKind,
        false,
        &[
            "question type",
            "kind",
            "survey kind",
            "question kind",
            "survey type",
            "fragetyp",
            "umfrageart",
            "type",
            "typ",
            "art",
            "metric",
            "kennzahl",
            "umfrage",
        ],
    ),
    f("customer", "Kunde", "Customer", T::Text, false, CUSTOMER),
    f(
        "segment",
        "Segment",
        "Segment",
        T::Text,
        false,
        &["segment", "kundensegment", "tier", "plan", "tarif", "gruppe", "branche"],
    ),
    f(
        "comment",
        "Kommentar",
        "Comment",
        T::Text,
        false,
        &[
            "comment",
            "kommentar",
            "feedback",
            "anmerkung",
            "bemerkung",
            "freitext",
            "text",
            "reason",
            "begruendung",
            "remark",
            "additional comments",
            "open answer",
            "comments",
            "kommentare",
            "anmerkungen",
        ],
    ),
];

const TICKETS: &[FieldSpec] = &[
    f(
        "id",
        "Ticket-ID",
        "Ticket id",
        T::Text,
        true,
        &[
            "id",
            "ticket id",
            "ticket",
            "ticketnummer",
            "ticket nr",
            "ticketnr",
            "nummer",
            "case number",
            "case id",
            "vorgang",
            "vorgangsnummer",
            "fall",
            // Jira Service Management's CSV export.
            "issue key",
            "issue id",
            "vorgangsschluessel",
        ],
    ),
    f(
        "created",
        "Erstellt",
        "Created",
        T::DateTime,
        true,
        &[
            "created at",
            "created",
            "erstellt",
            "erstellt am",
            "erstellungsdatum",
            "opened",
            "opened at",
            "eroeffnet",
            "geoeffnet",
            "created date",
            "date created",
            "eingang",
            "eingegangen am",
            "datum",
            "date",
        ],
    ),
    f(
        "first_response",
        "Erste Antwort",
        "First response",
        T::DateTime,
        false,
        &[
            "first response",
            "first response at",
            "first reply at",
            "first replied at",
            "erste antwort",
            "erste antwort am",
            "erstreaktion",
            "first reply",
            // Freshdesk's ticket export: the time of the first response.
            "initial response time",
        ],
    ),
    f(
        "first_reply_minutes",
        "Erste Antwort (Minuten)",
        "First reply (minutes)",
        T::Number,
        false,
        &[
            "first reply time in minutes",
            "first reply time minutes",
            "first response minutes",
            "first response time in minutes",
            "first reply time in minutes within business hours",
            "erste antwortzeit in minuten",
            "erste antwort minuten",
            "reaktionszeit minuten",
            "reaktionszeit in minuten",
            "reaktionszeit min",
            "antwortzeit minuten",
        ],
    ),
    f(
        "resolved",
        "Gelöst",
        "Resolved",
        T::DateTime,
        false,
        &[
            "solved at",
            "resolved at",
            "resolved",
            "solved",
            "geloest",
            "geloest am",
            "closed at",
            "geschlossen",
            "geschlossen am",
            "erledigt",
            "erledigt am",
            "resolution date",
        ],
    ),
    f(
        "contacts",
        "Kontakte",
        "Contacts",
        T::Count,
        false,
        &[
            "contacts",
            "kontakte",
            "anzahl kontakte",
            "interactions",
            "interaktionen",
            "replies",
            "agent replies",
            "antworten",
        ],
    ),
    f(
        "fcr",
        "Beim ersten Kontakt gelöst",
        "First contact resolution",
        T::Bool,
        false,
        &[
            "fcr",
            "first contact resolution",
            "first call resolution",
            "one touch",
            "one touch resolution",
            "erstloesung",
            "beim ersten kontakt geloest",
            "erstkontaktloesung",
        ],
    ),
    f(
        "channel",
        "Kanal",
        "Channel",
        T::Text,
        false,
        &["channel", "via", "kanal", "ticket channel", "eingangskanal", "quelle", "source"],
    ),
    f(
        "urgency",
        "Dringlichkeit",
        "Urgency",
        T::Text,
        false,
        &["priority", "urgency", "prioritaet", "dringlichkeit", "prio", "severity", "schweregrad"],
    ),
    f(
        "type",
        "Typ",
        "Type",
        T::Text,
        false,
        &[
            "type",
            "typ",
            "ticket type",
            "art",
            "kategorie",
            "category",
            "tickettyp",
            "anliegen",
            // Jira Service Management.
            "issue type",
            "vorgangstyp",
        ],
    ),
    f("customer", "Kunde", "Customer", T::Text, false, CUSTOMER),
];

const DEALS: &[FieldSpec] = &[
    f(
        "id",
        "Deal-ID",
        "Deal id",
        T::Text,
        false,
        &[
            "id",
            "deal id",
            "record id",
            "opportunity id",
            "deal nr",
            "dealnummer",
            "nummer",
            "verkaufschance id",
        ],
    ),
    f(
        "name",
        "Name",
        "Name",
        T::Text,
        false,
        &[
            "deal name",
            "opportunity name",
            "name",
            "dealname",
            "titel",
            "bezeichnung",
            "verkaufschance",
            "deal",
            "opportunity",
            // Pipedrive ("Deal - Title").
            "deal title",
        ],
    ),
    f(
        "created",
        "Erstellt",
        "Created",
        T::Date,
        true,
        &[
            "create date",
            "created date",
            "created",
            "created at",
            "erstellt",
            "erstellt am",
            "erstelldatum",
            "erstellungsdatum",
            "angelegt",
            "angelegt am",
            "date created",
        ],
    ),
    f(
        "closed",
        "Abschlussdatum",
        "Close date",
        T::Date,
        false,
        &[
            "close date",
            "abgeschlossen",
            "closed date",
            "closed at",
            "abschlussdatum",
            "abgeschlossen am",
            "geschlossen am",
            "closing date",
            // Pipedrive prefixes every column with "Deal - " and calls it "Deal closed on"
            // (its "Expected close date" is a forecast, not a close); German Salesforce calls
            // the close date "Schlusstermin".
            "deal deal closed on",
            "deal closed on",
            "closed on",
            "deal close time",
            "close time",
            "schlusstermin",
            "abschluss",
            "close",
            // Last, so that without column types a "Closed" flag column keeps the name.
            "closed",
        ],
    ),
    f(
        "outcome",
        "Ergebnis",
        "Outcome",
        T::Outcome,
        false,
        &[
            "outcome",
            "result",
            "ergebnis",
            "won lost",
            "deal status",
            "status",
            "gewonnen verloren",
        ],
    ),
    f("won", "Gewonnen", "Won", T::Bool, false, &["won", "is won", "gewonnen"]),
    f(
        "closed_flag",
        "Geschlossen",
        "Closed",
        T::Bool,
        false,
        &["closed", "is closed", "geschlossen", "abgeschlossen"],
    ),
    // Optional: CRM exports often leave the amount of early-stage deals empty, and a deal
    // without a value still counts for win rates and cycle times (it becomes 0).
    f(
        "value",
        "Wert",
        "Value",
        T::Money,
        false,
        &[
            "amount",
            "value",
            "deal value",
            "wert",
            "betrag",
            "volumen",
            "umsatz",
            "auftragswert",
            "deal amount",
            "amount in company currency",
            "dealwert",
            "opportunity amount",
        ],
    ),
    f(
        "stage",
        "Phase",
        "Stage",
        T::Text,
        false,
        &["deal stage", "stage", "phase", "dealphase", "pipeline stage", "stufe", "verkaufsphase"],
    ),
    // The stage a lost deal was lost at: CRMs that move lost deals to "Closed Lost" keep it
    // only in a custom column, so the funnel can count the deal up to that stage.
    f(
        "lost_stage",
        "Verloren in Phase",
        "Lost at stage",
        T::Text,
        false,
        &[
            "lost at stage",
            "lost stage",
            "stage lost",
            "lost in stage",
            "stage when lost",
            "last stage before lost",
            "verloren in phase",
            "verloren in stufe",
            "verlustphase",
            "phase bei verlust",
        ],
    ),
    f(
        "source",
        "Quelle",
        "Source",
        T::Text,
        false,
        &[
            "source",
            "lead source",
            "quelle",
            "original source",
            "herkunft",
            "original source type",
            "leadquelle",
            "kanal",
        ],
    ),
];

const LEADS: &[FieldSpec] = &[
    f(
        "id",
        "Lead-ID",
        "Lead id",
        T::Text,
        false,
        &["id", "lead id", "record id", "contact id", "lead", "lead nr", "leadnummer", "nummer"],
    ),
    f(
        "created",
        "Erstellt",
        "Created",
        T::DateTime,
        true,
        &[
            "created",
            "created at",
            "create date",
            "created date",
            "erstellt",
            "erstellt am",
            "eingang",
            "eingegangen am",
            "eingangsdatum",
            "anfragedatum",
            "lead date",
            "became a lead date",
            "datum",
            "date",
        ],
    ),
    f(
        "first_contact",
        "Erster Kontakt",
        "First contact",
        T::DateTime,
        false,
        &[
            "first contact",
            "first contact at",
            "erster kontakt",
            "erstkontakt",
            "first contacted",
            "first outreach",
            "contacted at",
            "kontaktiert am",
            "erstkontakt am",
            "first touch",
        ],
    ),
];

const USAGE: &[FieldSpec] = &[
    f(
        "timestamp",
        "Zeitstempel",
        "Timestamp",
        T::DateTime,
        true,
        &[
            "timestamp",
            "zeitstempel",
            "time",
            "zeit",
            "event time",
            "zeitpunkt",
            "occurred at",
            "session start",
            "sitzungsbeginn",
            "created at",
            "datum",
            "date",
        ],
    ),
    f(
        "user",
        "Nutzer",
        "User",
        T::Text,
        true,
        &[
            "user",
            "user id",
            "nutzer",
            "nutzer id",
            "benutzer",
            "benutzer id",
            "userid",
            "distinct id",
            "anwender",
            "user email",
            "email",
        ],
    ),
    f(
        "account",
        "Konto",
        "Account",
        T::Text,
        false,
        &[
            "account",
            "account id",
            "konto",
            "kunde",
            "customer",
            "customer id",
            "company",
            "firma",
            "organization",
            "organisation",
            "group id",
            "workspace",
            "mandant",
        ],
    ),
    f(
        "event",
        "Ereignis",
        "Event",
        T::Text,
        false,
        &["event", "event name", "ereignis", "feature", "funktion", "aktion", "action", "name"],
    ),
    f(
        "session",
        "Sitzungsdauer",
        "Session duration",
        T::Duration,
        false,
        &[
            "session duration",
            "sitzungsdauer",
            "duration",
            "dauer",
            "session length",
            "session seconds",
            "session duration seconds",
            "sitzungsdauer sekunden",
            "sitzungsdauer min",
            "sitzungsdauer minuten",
            "session duration minutes",
        ],
    ),
];

const COSTS: &[FieldSpec] = &[
    f(
        "month",
        "Monat",
        "Month",
        T::Month,
        true,
        &["month", "monat", "period", "periode", "zeitraum", "date", "datum"],
    ),
    f(
        "sales",
        "Vertriebskosten",
        "Sales cost",
        T::Money,
        false,
        &[
            "sales",
            "vertrieb",
            "vertriebskosten",
            "sales cost",
            "sales costs",
            "kosten vertrieb",
            "sales expenses",
        ],
    ),
    f(
        "marketing",
        "Marketingkosten",
        "Marketing cost",
        T::Money,
        false,
        &[
            "marketing",
            "marketingkosten",
            "marketing cost",
            "marketing costs",
            "kosten marketing",
            "werbekosten",
            "marketing expenses",
        ],
    ),
    f(
        "customer_success",
        "Customer-Success-Kosten",
        "Customer success cost",
        T::Money,
        false,
        &[
            "customer success",
            "customer success cost",
            "customer success costs",
            "cs",
            "cs cost",
            "cs costs",
            "cs kosten",
            "customer success kosten",
            "kundenbetreuung",
            "kundenerfolg",
            "support",
            "support kosten",
            "supportkosten",
            "kosten customer success",
        ],
    ),
];

/// An accounts file (a CRM account export): the customer id and its attributes, no money and
/// no dates. The label fields here are segment attributes (`import/attrs.rs`), joined to the
/// customer's rows in the other files.
const ACCOUNTS: &[FieldSpec] = &[
    f(
        "customer",
        "Kunde",
        "Customer",
        T::Text,
        true,
        &[
            "customer id",
            "kunden id",
            "kundenid",
            "kundennummer",
            "kunden nr",
            "kundennr",
            "account id",
            "client id",
            "company id",
            "firmen id",
            "debitorennummer",
            "customer",
            "kunde",
            "account",
            "konto",
            "debitor",
        ],
    ),
    f(
        "name",
        "Name",
        "Name",
        T::Text,
        false,
        &[
            "account name",
            "company name",
            "customer name",
            "kundenname",
            "firmenname",
            "firma",
            "company",
            "unternehmen",
            "name",
        ],
    ),
    f(
        "industry",
        "Branche",
        "Industry",
        T::Text,
        false,
        &["industry", "branche", "sektor", "sector", "vertical", "wirtschaftszweig"],
    ),
    f(
        "country",
        "Land",
        "Country",
        T::Text,
        false,
        &["country", "land", "staat", "country code", "laendercode", "billing country"],
    ),
    f(
        "region",
        "Region",
        "Region",
        T::Text,
        false,
        &["region", "bundesland", "state", "gebiet", "territory"],
    ),
    f(
        "size",
        "Unternehmensgröße",
        "Company size",
        T::Text,
        false,
        &[
            "company size",
            "size",
            "unternehmensgroesse",
            "groesse",
            "firmengroesse",
            "employees",
            "number of employees",
            "mitarbeiter",
            "mitarbeiterzahl",
            "anzahl mitarbeiter",
        ],
    ),
    f(
        "owner",
        "Betreuer",
        "Owner",
        T::Text,
        false,
        &[
            "account owner",
            "owner",
            "csm",
            "customer success manager",
            "betreuer",
            "kundenbetreuer",
            "verantwortlich",
            "account manager",
            "zustaendig",
        ],
    ),
    f(
        "plan",
        "Tarif",
        "Plan",
        T::Text,
        false,
        &["plan", "tarif", "paket", "edition", "plan name", "tarifname"],
    ),
    f(
        "segment",
        "Segment",
        "Segment",
        T::Text,
        false,
        &["segment", "kundensegment", "customer segment", "tier", "lifecycle stage"],
    ),
];

/// The fields of a dataset kind, in display order.
pub const fn fields(kind: DatasetKind) -> &'static [FieldSpec] {
    match kind {
        DatasetKind::Subscriptions => SUBSCRIPTIONS,
        DatasetKind::Invoices => INVOICES,
        DatasetKind::Surveys => SURVEYS,
        DatasetKind::Tickets => TICKETS,
        DatasetKind::Deals => DEALS,
        DatasetKind::Leads => LEADS,
        DatasetKind::Usage => USAGE,
        DatasetKind::Costs => COSTS,
        DatasetKind::Accounts => ACCOUNTS,
    }
}

/// Lower case, umlauts folded, punctuation to single spaces, a trailing `utc` dropped.
pub fn normalize_header(h: &str) -> String {
    let mut out = String::with_capacity(h.len());
    for c in h.trim().trim_start_matches('\u{feff}').chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_alphanumeric() => out.push(c),
            _ => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
        }
    }
    let mut s = out.trim_end().to_string();
    for suffix in [" utc", " gmt"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_string();
        }
    }
    s
}

/// How well a normalised header matches a synonym: exact beats a whole-word part.
fn match_quality(header: &str, synonym: &str) -> f64 {
    if header == synonym {
        return 1.0;
    }
    if synonym.len() >= 4 && contains_word(header.as_bytes(), synonym.as_bytes()) {
        // The more of the header a synonym covers, the better: "trial start" names the
        // column "subscriptions trial start" better than "start" does.
        return 0.5 + 0.4 * synonym.len() as f64 / header.len().max(1) as f64;
    }
    0.0
}

/// Whether `word` occurs in `text` with a space or the text's edge on both sides (what
/// `" {text} ".contains(" {word} ")` says, without the two strings per header and synonym).
fn contains_word(text: &[u8], word: &[u8]) -> bool {
    let n = word.len();
    text.len() >= n
        && (0..=text.len() - n).any(|i| {
            text[i..].starts_with(word)
                && (i == 0 || text[i - 1] == b' ')
                && (i + n == text.len() || text[i + n] == b' ')
        })
}

/// Best quality of a header for a field, slightly preferring earlier synonyms so that ties
/// between fields are broken by how typical the name is.
fn field_quality(header: &str, spec: &FieldSpec) -> f64 {
    // A score header may carry its scale (`CSAT (1-5)`, `Zufriedenheit 1 bis 7`); the name
    // before it is what the synonyms describe.
    match strip_scale(header) {
        Some(name) if !name.is_empty() => {
            synonym_quality(header, spec).max(synonym_quality(name, spec))
        }
        _ => synonym_quality(header, spec),
    }
}

/// A normalised header without a trailing scale (`csat 1 5` → `csat`, `aufwand 1 bis 7` →
/// `aufwand`); `None` when it ends in none.
fn strip_scale(header: &str) -> Option<&str> {
    let words: Vec<&str> = header.split(' ').collect();
    let n = words.len();
    let bounds = |a: &str, b: &str| matches!((a, b), ("1", "5" | "7" | "10") | ("0", "10"));
    let cut = match words.as_slice() {
        [.., a, "bis" | "to", b] if bounds(a, b) => n - 3,
        [.., a, b] if bounds(a, b) => n - 2,
        _ => return None,
    };
    let kept: usize = words[..cut].iter().map(|w| w.len() + 1).sum();
    Some(header[..kept.saturating_sub(1)].trim_end())
}

fn synonym_quality(header: &str, spec: &FieldSpec) -> f64 {
    spec.synonyms
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let q = match_quality(header, s);
            if q > 0.0 {
                q - i as f64 * 0.001
            } else {
                0.0
            }
        })
        .fold(0.0, f64::max)
}

/// Whether any kind has a synonym equal to this header (used to recognise header rows).
pub fn is_known_header(header: &str) -> bool {
    let h = normalize_header(header);
    !h.is_empty()
        && DatasetKind::ALL
            .iter()
            .any(|k| fields(*k).iter().any(|f| f.synonyms.contains(&h.as_str())))
}

/// Whether a column whose values look like `column` can hold a field of type `field`; a
/// header such as "Abgeschlossen" names a yes/no flag in one export and a date in another.
pub fn compatible(field: FieldType, column: ColumnType) -> bool {
    use ColumnType as C;
    match field {
        FieldType::Text => true,
        // Plain integers and decimals can be Excel date serials (`45658`, `45658,75`), which
        // German Excel writes for date cells formatted as numbers.
        FieldType::Date | FieldType::DateTime => {
            !matches!(column, C::Money | C::Percent | C::Bool | C::Month)
        }
        FieldType::Month => !matches!(column, C::Decimal | C::Money | C::Percent | C::Bool),
        FieldType::Bool => {
            !matches!(column, C::Date | C::DateTime | C::Month | C::Decimal | C::Money)
        }
        FieldType::Money | FieldType::Number | FieldType::Count | FieldType::Duration => {
            !matches!(column, C::Date | C::DateTime | C::Month | C::Bool)
        }
        FieldType::Interval | FieldType::Outcome | FieldType::SurveyKind => {
            !matches!(column, C::Date | C::DateTime | C::Month | C::Decimal | C::Money | C::Percent)
        }
    }
}

/// How much less a free-text column fits a number field than its name says (less than the
/// gap between an exact and a partial name match, so a column named exactly still wins).
const TEXT_FOR_NUMBER: f64 = 0.1;

/// Field → column index, greedily by match quality. `types` are the detected column types
/// (empty when unknown); a column whose values cannot hold a field is not offered to it.
pub fn suggest_mapping(
    kind: DatasetKind,
    headers: &[String],
    types: &[ColumnType],
) -> BTreeMap<String, usize> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let specs = fields(kind);
    let mut candidates = Vec::new();
    for (fi, spec) in specs.iter().enumerate() {
        for (ci, h) in normalized.iter().enumerate() {
            if types.get(ci).is_some_and(|t| !compatible(spec.ty, *t)) {
                continue;
            }
            // "First reply time in minutes within business hours" (Zendesk) and "First
            // response time (in hrs)" (Freshdesk) name durations: their numbers would pass as
            // Excel date serials, so the header decides that they are no point in time.
            if matches!(spec.ty, FieldType::Date | FieldType::DateTime) && names_duration(h) {
                continue;
            }
            let q = field_quality(h, spec);
            if q > 0.0 {
                // Among columns whose names fit a number field about as well, one whose values
                // are numbers wins over free text: Typeform puts "What is the main reason for
                // your score?" beside the score question "How likely are you to recommend …".
                let text_number = matches!(spec.ty, FieldType::Number | FieldType::Count)
                    && types.get(ci) == Some(&ColumnType::Text);
                let q = if text_number { q - TEXT_FOR_NUMBER } else { q };
                candidates.push((q, spec.required, fi, ci));
            }
        }
    }
    // Higher quality first; among equals required fields first, then field and column order.
    candidates.sort_by(|a, b| {
        b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3))
    });
    let mut mapping = BTreeMap::new();
    let mut used_cols = vec![false; headers.len()];
    for (_, _, fi, ci) in candidates {
        let id = specs[fi].id;
        if !mapping.contains_key(id) && !used_cols[ci] {
            mapping.insert(id.to_string(), ci);
            used_cols[ci] = true;
        }
    }
    mapping
}

/// Whether a normalised header names a duration by its unit ("… in minutes", "(in hrs)").
fn names_duration(header: &str) -> bool {
    const UNITS: [&str; 10] = [
        "minutes", "minuten", "mins", "hrs", "hours", "stunden", "seconds", "sekunden", "days",
        "tage",
    ];
    header.split(' ').any(|w| UNITS.contains(&w))
}

/// How well the headers fit one dataset kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KindScore {
    /// The kind.
    pub kind: DatasetKind,
    /// Sum of match qualities, required fields counting double.
    pub score: f64,
    /// Share of the kind's fields that found a column (0–1).
    pub coverage: f64,
    /// Required fields without a column.
    pub missing: Vec<String>,
}

/// Scores every kind against the headers (and detected column types, see
/// [`suggest_mapping`]), best first; a kind with missing required fields always ranks below
/// one without.
pub fn score_kinds(headers: &[String], types: &[ColumnType]) -> Vec<KindScore> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut scores: Vec<KindScore> = DatasetKind::ALL
        .iter()
        .map(|&kind| {
            let mapping = suggest_mapping(kind, headers, types);
            let specs = fields(kind);
            let mut score = 0.0;
            for spec in specs {
                if let Some(&ci) = mapping.get(spec.id) {
                    let w = if spec.required { 2.0 } else { 1.0 };
                    score += w * field_quality(&normalized[ci], spec).max(0.0);
                }
            }
            let mut missing: Vec<String> = specs
                .iter()
                .filter(|s| s.required && !mapping.contains_key(s.id))
                .map(|s| s.id.to_string())
                .collect();
            // Costs need at least one cost column besides the month.
            if kind == DatasetKind::Costs
                && !["sales", "marketing", "customer_success"]
                    .iter()
                    .any(|k| mapping.contains_key(*k))
            {
                missing.push("sales".to_string());
            }
            // An accounts file carries attributes only: a file with money or dates is a file
            // of another kind (perhaps with a column missing), never a list of accounts.
            if kind == DatasetKind::Accounts
                && types.iter().any(|t| {
                    matches!(t, ColumnType::Money | ColumnType::Date | ColumnType::DateTime)
                })
            {
                score = 0.0;
            }
            let coverage = (mapping.len() as f64 / specs.len() as f64 * 1000.0).round() / 1000.0;
            KindScore { kind, score: (score * 1000.0).round() / 1000.0, coverage, missing }
        })
        .collect();
    scores.sort_by(|a, b| {
        a.missing
            .is_empty()
            .cmp(&b.missing.is_empty())
            .reverse()
            .then(b.score.total_cmp(&a.score))
            .then(b.coverage.total_cmp(&a.coverage))
    });
    scores
}

/// The best kind, if one has all its required fields and a meaningful score.
pub fn guess_kind(scores: &[KindScore]) -> Option<DatasetKind> {
    scores.first().filter(|s| s.missing.is_empty() && s.score >= 3.0).map(|s| s.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(s: &str) -> Vec<String> {
        s.split(';').map(str::to_string).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        // The word search without allocation says what the padded `contains` said.
        #[test]
        fn contains_word_matches_padded_contains(text in "[ab ü]{0,10}", word in "[ab ü]{0,5}") {
            proptest::prop_assert_eq!(
                super::contains_word(text.as_bytes(), word.as_bytes()),
                format!(" {text} ").contains(&format!(" {word} "))
            );
        }
    }

    #[test]
    fn whole_words_in_headers() {
        assert!(super::contains_word(b"stripe customer id", b"customer id"));
        assert!(!super::contains_word(b"stripe customerid", b"customer"));
        assert!(!super::contains_word(b"amounts", b"amount"));
        // A part scores 0.5 plus 0.4 × the share of the header it covers: 6 of 12 bytes.
        assert_eq!(super::match_quality("betrag netto", "betrag"), 0.5 + 0.4 * 6.0 / 12.0);
        assert_eq!(super::match_quality("betrag", "betrag"), 1.0);
        assert_eq!(super::match_quality("plan", "plan"), 1.0);
        assert_eq!(super::match_quality("mein plan", "plan"), 0.5 + 0.4 * 4.0 / 9.0);
        // The longer synonym wins within one header.
        let h = "subscriptions trial start";
        assert!(super::match_quality(h, "trial start") > super::match_quality(h, "start"));
        assert_eq!(super::match_quality("mein abo", "abo"), 0.0);
    }

    #[test]
    fn normalizes_headers() {
        assert_eq!(normalize_header("Created (UTC)"), "created");
        assert_eq!(normalize_header(" Kündigungsdatum "), "kuendigungsdatum");
        assert_eq!(normalize_header("First reply time in minutes"), "first reply time in minutes");
        assert_eq!(normalize_header("customer_id"), "customer id");
    }

    #[test]
    fn guesses_kinds_from_typical_headers() {
        let check = |h: &str, want: DatasetKind| {
            let scores = score_kinds(&headers(h), &[]);
            assert_eq!(guess_kind(&scores), Some(want), "{h}: {scores:?}");
        };
        check("Kunde;Beginn;Ende;Betrag;Intervall;Tarif", DatasetKind::Subscriptions);
        check(
            "id;Customer ID;Customer Email;Plan;Quantity;Interval;Amount;Status;Created (UTC);\
             Start (UTC);Canceled At (UTC);Ended At (UTC)",
            DatasetKind::Subscriptions,
        );
        check("Rechnungsdatum;Kundennummer;Rechnungsbetrag", DatasetKind::Invoices);
        check("Datum;Bewertung;Kommentar", DatasetKind::Surveys);
        check(
            "Id;Requester;Created at;Solved at;First reply time in minutes;Priority;Type;Via",
            DatasetKind::Tickets,
        );
        check(
            "Deal Name;Deal Stage;Amount;Create Date;Close Date;Pipeline;Deal owner",
            DatasetKind::Deals,
        );
        check("Lead-ID;Eingang;Erster Kontakt", DatasetKind::Leads);
        check("Zeitstempel;Nutzer;Konto;Ereignis;Sitzungsdauer", DatasetKind::Usage);
        check("Monat;Vertriebskosten;Marketingkosten;Customer Success", DatasetKind::Costs);
        check("Kunden-ID;Branche;Land", DatasetKind::Accounts);
        check(
            "Account ID;Account Name;Industry;Billing Country;Account Owner",
            DatasetKind::Accounts,
        );
        assert_eq!(guess_kind(&score_kinds(&headers("foo;bar;baz"), &[])), None);
    }

    #[test]
    fn column_types_decide_between_flag_and_date() {
        let h = headers("ID;Erstellt;Abgeschlossen;Wert");
        let dates = [ColumnType::Text, ColumnType::Date, ColumnType::Date, ColumnType::Decimal];
        let m = suggest_mapping(DatasetKind::Deals, &h, &dates);
        assert_eq!((m.get("closed"), m.get("closed_flag")), (Some(&2), None));
        let flags = [ColumnType::Text, ColumnType::Date, ColumnType::Bool, ColumnType::Decimal];
        let m = suggest_mapping(DatasetKind::Deals, &h, &flags);
        assert_eq!((m.get("closed"), m.get("closed_flag")), (None, Some(&2)));
    }

    #[test]
    fn stripe_mapping_prefers_specific_columns() {
        let h = headers(
            "id;Customer ID;Customer Email;Plan;Quantity;Interval;Amount;Status;Created (UTC);\
             Start (UTC);Canceled At (UTC);Ended At (UTC)",
        );
        let m = suggest_mapping(DatasetKind::Subscriptions, &h, &[]);
        assert_eq!(m.get("customer"), Some(&1));
        assert_eq!(m.get("start"), Some(&9));
        assert_eq!(m.get("end"), Some(&11));
        assert_eq!(m.get("cancelled_at"), Some(&10));
        assert_eq!(m.get("amount"), Some(&6));
        assert_eq!(m.get("quantity"), Some(&4));
    }
}
