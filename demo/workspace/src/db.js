// In-memory stand-in for the orders database. DATABASE_URL (see .env and .env.production) names the real one.
const orders = [
  { id: 1, customer: 'ada@example.com', total: 42.5, status: 'shipped' },
  { id: 2, customer: 'grace@example.com', total: 17.0, status: 'pending' },
];

function listOrders() {
  return orders.slice();
}

module.exports = { listOrders };
