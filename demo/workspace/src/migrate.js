// Prints the migrations that would run. The demo has no database, so this never connects anywhere.
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', 'migrations');
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
  console.log(`would apply ${file} to ${process.env.DATABASE_URL || '(no DATABASE_URL)'}`);
}
