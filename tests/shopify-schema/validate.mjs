// Checks the Shopify connector against Shopify's official Admin GraphQL schema, offline.
//
//   node validate.mjs SCHEMA.json.gz DOCUMENTS_DIR [ANSWERS_DIR]
//
// 1. Every operation in DOCUMENTS_DIR/*.graphql (with the fragments of that folder) must
//    validate against the schema: a typo, a wrong type or a field Shopify removed fails.
// 2. Every answer the Shopify test server gave (ANSWERS_DIR/*.json, each
//    {"operation", "variables", "data"}) is executed back through the schema with its data as
//    the root value: an enum value Shopify does not have, a null where the schema says
//    non-null, or a field the document did not ask for fails. So the test server answers "as
//    the schema says".
import { buildClientSchema, parse, validate, execute, Kind } from 'graphql';
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';

const [schemaPath, docsDir, answersDir] = process.argv.slice(2);
if (!schemaPath || !docsDir) {
  console.error('usage: node validate.mjs SCHEMA.json.gz DOCUMENTS_DIR [ANSWERS_DIR]');
  process.exit(2);
}
const raw = JSON.parse(gunzipSync(readFileSync(schemaPath)).toString());
const schema = buildClientSchema(raw.data ?? raw);

const files = readdirSync(docsDir).filter((f) => f.endsWith('.graphql')).sort();
const sources = Object.fromEntries(files.map((f) => [f, readFileSync(join(docsDir, f), 'utf8')]));
const fragments = files
  .filter((f) => parse(sources[f]).definitions.every((d) => d.kind === Kind.FRAGMENT_DEFINITION))
  .map((f) => sources[f])
  .join('\n');

let failures = 0;
let checked = 0;
const operations = {};
for (const file of files) {
  const doc = parse(sources[file]);
  const ops = doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (ops.length === 0) continue;
  // Only the fragments this operation spreads are sent with it (see shopify/documents.rs).
  const full = parse(sources[file] + '\n' + (sources[file].includes('...') ? fragments : ''));
  const errors = validate(schema, full);
  checked += 1;
  if (errors.length) {
    failures += errors.length;
    for (const e of errors) console.error(`FAIL ${file}: ${e.message}`);
  } else {
    console.log(`ok   ${file} (${ops.map((o) => o.name?.value).join(', ')})`);
  }
  for (const op of ops) operations[op.name.value] = full;
}

// JSON with every object's keys sorted: the test server (serde_json) sorts them, graphql-js
// keeps the document's order, and neither order means anything.
const sortKeys = (v) =>
  Array.isArray(v)
    ? v.map(sortKeys)
    : v && typeof v === 'object'
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]))
      : v;
const canonical = (v) => JSON.stringify(sortKeys(JSON.parse(JSON.stringify(v))));

let answers = 0;
if (answersDir) {
  for (const f of readdirSync(answersDir).filter((f) => f.endsWith('.json')).sort()) {
    const answer = JSON.parse(readFileSync(join(answersDir, f), 'utf8'));
    const document = operations[answer.operation];
    if (!document) {
      failures += 1;
      console.error(`FAIL ${f}: the test server answered ${answer.operation}, which we never send`);
      continue;
    }
    const result = await execute({
      schema,
      document,
      operationName: answer.operation,
      variableValues: answer.variables ?? {},
      rootValue: answer.data,
    });
    answers += 1;
    if (result.errors?.length) {
      failures += result.errors.length;
      for (const e of result.errors) console.error(`FAIL ${f}: ${e.message} at ${e.path?.join('.')}`);
    } else if (canonical(result.data) !== canonical(answer.data)) {
      failures += 1;
      console.error(`FAIL ${f}: the answer has fields the document did not ask for, or lacks some`);
      console.error('  sent:     ' + JSON.stringify(answer.data).slice(0, 400));
      console.error('  expected: ' + JSON.stringify(result.data).slice(0, 400));
    }
  }
}
console.log(`shopify schema: ${checked} documents and ${answers} test-server answers checked, ${failures} failures`);
process.exit(failures ? 1 : 0);
