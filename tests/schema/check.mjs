// Validates declarations against schemas/soc2scope.schema.json with ajv, a validator
// independent of soc2scope, and cross-checks the loader:
//   node check.mjs REPO_ROOT SOC2SCOPE_BINARY
// - every example, valid fixture and starter template must satisfy the schema;
// - every invalid fixture must be rejected by the loader (exit 2), and by the schema too
//   unless its first line says "# loader-only: <why the schema cannot see it>".
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import YAML from "yaml";

const [root, binary] = process.argv.slice(2);
if (!root || !binary) {
  console.error("usage: node check.mjs REPO_ROOT SOC2SCOPE_BINARY");
  process.exit(2);
}

const schema = JSON.parse(readFileSync(join(root, "schemas/soc2scope.schema.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function yamlFiles(dir, { recursive }) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      // evidence/ holds artefacts and ci/ holds CI configuration, not declarations.
      if (recursive && !["evidence", "node_modules", "ci"].includes(name)) out.push(...yamlFiles(path, { recursive }));
    } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      out.push(path);
    }
  }
  return out;
}

// The schema's view of a file: parsed as YAML 1.2 (core schema), as editors do. A file that
// does not parse, or whose bytes are not UTF-8, is rejected before the schema is consulted.
function schemaVerdict(path) {
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch {
    return { ok: false, why: "not UTF-8" };
  }
  let value;
  try {
    const docs = YAML.parseAllDocuments(text, { uniqueKeys: true, merge: false, maxAliasCount: 100 });
    if (docs.length !== 1) return { ok: false, why: `${docs.length} YAML documents` };
    if (docs[0].errors.length) return { ok: false, why: `YAML: ${docs[0].errors[0].message.split("\n")[0]}` };
    value = docs[0].toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, why: `YAML: ${String(e.message).split("\n")[0]}` };
  }
  if (validate(value)) return { ok: true };
  const first = validate.errors[0];
  return { ok: false, why: `schema: ${first.instancePath || "/"} ${first.message}` };
}

let failures = 0;
let passed = 0;
function check(condition, message) {
  if (condition) {
    passed++;
  } else {
    failures++;
    console.error(`FAIL ${message}`);
  }
}

const rel = (p) => relative(root, p);

const valid = [
  ...yamlFiles(join(root, "examples"), { recursive: true }),
  ...yamlFiles(join(root, "tests/fixtures/valid"), { recursive: true }),
  ...yamlFiles(join(root, "templates"), { recursive: false }),
];
for (const path of valid) {
  const verdict = schemaVerdict(path);
  check(verdict.ok, `${rel(path)}: the schema rejects a valid declaration (${verdict.why})`);
}

const invalidDir = join(root, "tests/fixtures/invalid");
const invalid = yamlFiles(invalidDir, { recursive: false });
let schemaChecked = 0;
for (const path of invalid) {
  const run = spawnSync(binary, ["validate", "-q", "-f", rel(path)], { cwd: root, encoding: "utf8" });
  check(run.status === 2, `${rel(path)}: the loader accepted an invalid fixture (exit ${run.status})`);
  const firstLine = readFileSync(path, "latin1").split("\n")[0];
  if (firstLine.startsWith("# loader-only:")) continue;
  schemaChecked++;
  const verdict = schemaVerdict(path);
  check(!verdict.ok, `${rel(path)}: the schema accepts a fixture the loader rejects`);
}
check(valid.length >= 10, `expected at least 10 valid files, found ${valid.length}`);
check(schemaChecked >= 20, `expected at least 20 schema-checked invalid fixtures, found ${schemaChecked}`);

console.log(`${valid.length} valid files and ${invalid.length} invalid fixtures (${schemaChecked} also checked by the schema)`);
console.log(`${passed} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
