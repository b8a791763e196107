// Writes docs/rules.md from the rules' metadata and case tables.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../src/engine/rules';
import { renderRuleDocs } from '../src/engine/docs';

const file = path.join(__dirname, '../docs/rules.md');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, renderRuleDocs(allRules));
console.log(`wrote ${path.relative(process.cwd(), file)} (${allRules.length} rules)`);
