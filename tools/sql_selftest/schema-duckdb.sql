-- Canonical tables for duckdb (hand-written self-test copy of `kennzahl tables` output)

CREATE TABLE subscriptions (
  customer VARCHAR NOT NULL,
  start_date DATE NOT NULL,
  trial_end DATE,
  end_date DATE,
  end_scheduled BOOLEAN NOT NULL,
  amount_cents BIGINT NOT NULL,
  interval_months INTEGER NOT NULL,
  plan VARCHAR,
  state VARCHAR NOT NULL,
  currency VARCHAR
);
COPY subscriptions FROM 'subscriptions.csv' (HEADER);

CREATE TABLE tickets (
  id VARCHAR NOT NULL,
  created TIMESTAMP NOT NULL,
  first_response TIMESTAMP,
  resolved TIMESTAMP,
  contacts INTEGER,
  first_contact_resolution BOOLEAN,
  channel VARCHAR,
  urgency VARCHAR,
  ticket_type VARCHAR,
  customer VARCHAR
);
COPY tickets FROM 'tickets.csv' (HEADER);
