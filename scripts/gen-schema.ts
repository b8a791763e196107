// Regenerates the rule ids in schemas/blastradius.schema.json from the built-in rules, and the standalone
// validator compiled from that schema (src/engine/config/schema-validator.generated.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../src/engine/rules';
import { renderSchema, renderValidator, schemaWithRules } from '../src/engine/config/schema-gen';

const root = path.join(__dirname, '..');
const schemaFile = path.join(root, 'schemas/blastradius.schema.json');
const validatorFile = path.join(root, 'src/engine/config/schema-validator.generated.ts');

const schema = schemaWithRules(JSON.parse(fs.readFileSync(schemaFile, 'utf8')), allRules);
fs.writeFileSync(schemaFile, renderSchema(schema));
fs.writeFileSync(validatorFile, renderValidator(schema));
console.log(`wrote ${path.relative(process.cwd(), schemaFile)} (${allRules.length} rule ids) and ${path.relative(process.cwd(), validatorFile)}`);
