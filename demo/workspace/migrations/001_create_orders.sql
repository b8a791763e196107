-- 001: orders table
CREATE TABLE orders (
  id        SERIAL PRIMARY KEY,
  customer  TEXT NOT NULL,
  total     NUMERIC(10, 2) NOT NULL,
  status    TEXT NOT NULL DEFAULT 'pending',
  created   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX orders_customer ON orders (customer);
