/**
 * Build-time helpers behind `npm run schema` (scripts/gen-schema.ts) and the test that the generated files are
 * current. Never imported by the extension or the CLI at run time: it pulls in ajv.
 *
 * schemas/blastradius.schema.json is the single source of truth for the rule file's shape. Two things derive from it:
 * - its `rules.properties` part, generated from `allRules` (ids, default decisions, descriptions);
 * - `schema-validator.generated.ts`, the schema compiled by ajv into standalone code, so the CLI validates a rule
 *   file without loading ajv (start-up matters: the CLI runs before every agent command).
 */
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import type { Rule } from '../rule';

type Json = Record<string, unknown>;

/** VS Code-specific keywords the schema uses for completion and hover; ajv ignores them. */
const EDITOR_KEYWORDS = ['enumDescriptions', 'markdownDescription', 'defaultSnippets', 'deprecationMessage', 'errorMessage', 'doNotSuggest'];

const SETTING_DESCRIPTIONS: Record<string, string> = {
  off: 'Turn the rule off (loosening: needs approval).',
  allow: 'Record its findings without pausing (loosening unless the default is allow: needs approval).',
  ask: 'Pause for a person.',
  block: 'Deny at once.',
};

function ruleProperty(rule: Rule): Json {
  const m = rule.meta;
  return {
    description: `${m.description} Default: ${m.decision}.`,
    markdownDescription: `**${m.id}** (default \`${m.decision}\`, severity ${m.severity})\n\n${m.description}${m.safer ? `\n\nSafer: ${m.safer}` : ''}`,
    type: 'string',
    enum: ['off', 'allow', 'ask', 'block'],
    enumDescriptions: ['off', 'allow', 'ask', 'block'].map((s) => (s === m.decision ? `The default. ${SETTING_DESCRIPTIONS[s]}` : SETTING_DESCRIPTIONS[s])),
    default: m.decision,
  };
}

/** The schema with `rules.properties` regenerated from `rules` (sorted by id). */
export function schemaWithRules(schema: Json, rules: readonly Rule[]): Json {
  const props: Json = {};
  for (const rule of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) props[rule.meta.id] = ruleProperty(rule);
  const properties = schema.properties as Record<string, Json>;
  return { ...schema, properties: { ...properties, rules: { ...properties.rules, properties: props } } };
}

export function renderSchema(schema: Json): string {
  return JSON.stringify(schema, null, 2) + '\n';
}

/** Standalone validator source for `schema`, as a TypeScript module (ESM syntax, type-checking off). */
export function renderValidator(schema: Json): string {
  const ajv = new Ajv({ code: { source: true, esm: true }, allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addVocabulary(EDITOR_KEYWORDS);
  const validate = ajv.compile(schema);
  const code = standaloneCode(ajv, validate);
  return [
    '// @ts-nocheck',
    '/* eslint-disable */',
    '// Generated from schemas/blastradius.schema.json by `npm run schema`; do not edit. A test checks it is current.',
    code.trim(),
    '',
  ].join('\n');
}
