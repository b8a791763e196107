// acme-orders: a tiny HTTP service. Nothing here talks to a real database; it is scenery for the demo.
const http = require('node:http');
const { listOrders } = require('./db');

function handler(req, res) {
  if (req.url === '/orders') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(listOrders()));
    return;
  }
  res.writeHead(404);
  res.end();
}

if (require.main === module) {
  const port = Number(process.env.PORT) || 3000;
  http.createServer(handler).listen(port, '127.0.0.1', () => console.log(`acme-orders on http://127.0.0.1:${port}`));
}

module.exports = { handler };
