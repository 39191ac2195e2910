-- Canonical tables for spark (hand-written self-test copy of `kennzahl tables` output)

CREATE TABLE subscriptions (
  customer STRING NOT NULL,
  start_date DATE NOT NULL,
  trial_end DATE,
  end_date DATE,
  end_scheduled BOOLEAN NOT NULL,
  amount_cents BIGINT NOT NULL,
  interval_months INTEGER NOT NULL,
  plan STRING,
  state STRING NOT NULL,
  currency STRING
)
USING csv OPTIONS (path 'subscriptions.csv', header 'true');

CREATE TABLE tickets (
  id STRING NOT NULL,
  created TIMESTAMP NOT NULL,
  first_response TIMESTAMP,
  resolved TIMESTAMP,
  contacts INTEGER,
  first_contact_resolution BOOLEAN,
  channel STRING,
  urgency STRING,
  ticket_type STRING,
  customer STRING
)
USING csv OPTIONS (path 'tickets.csv', header 'true');
