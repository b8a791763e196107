const test = require('node:test');
const assert = require('node:assert/strict');
const { handler } = require('../src/server');

function call(url) {
  return new Promise((resolve) => {
    const res = {
      status: 0,
      body: '',
      writeHead(status) { this.status = status; },
      end(body = '') { this.body = body; resolve(this); },
    };
    handler({ url }, res);
  });
}

test('GET /orders lists the orders', async () => {
  const res = await call('/orders');
  assert.equal(res.status, 200);
  assert.equal(JSON.parse(res.body).length, 2);
});

test('unknown paths are 404', async () => {
  assert.equal((await call('/nope')).status, 404);
});
