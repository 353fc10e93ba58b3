// Validates the JSON that `soc2scope check --format json` prints for every example and
// check fixture against schemas/soc2scope-check.schema.json, with ajv:
//   node check-report.mjs REPO_ROOT SOC2SCOPE_BINARY
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import Ajv from "ajv";

const [root, binary] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(join(root, "schemas/soc2scope-check.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

const declarations = [
  ...readdirSync(join(root, "examples")).sort().map((d) => `examples/${d}/soc2scope.yaml`)
    .filter((f) => existsSync(join(root, f))),
  ...readdirSync(join(root, "tests/fixtures/check")).sort().map((f) => `tests/fixtures/check/${f}`),
  "tests/fixtures/valid/minimal.yaml",
];
let passed = 0;
let failed = 0;
for (const file of declarations) {
  const run = spawnSync(binary, ["--as-of", "2026-11-30", "--format", "json", "check", "-q", "-f", file],
                        { cwd: root, encoding: "utf8" });
  let ok = run.status === 0 || run.status === 1;
  let why = `exit ${run.status}: ${run.stderr}`;
  if (ok) {
    try {
      const report = JSON.parse(run.stdout);
      ok = validate(report);
      why = JSON.stringify(validate.errors);
      if (ok && (report.result === "fail") !== (run.status === 1)) {
        ok = false;
        why = `result ${report.result} but exit ${run.status}`;
      }
    } catch (e) {
      ok = false;
      why = `not JSON: ${e.message}`;
    }
  }
  if (ok) passed++;
  else {
    failed++;
    console.error(`FAIL ${file}: ${why}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
