// Validates `soc2scope check --format sarif` against the SARIF 2.1.0 schema that GitHub's
// upload action validates with, and checks what code scanning relies on:
//   node sarif.mjs REPO_ROOT SOC2SCOPE_BINARY SARIF_SCHEMA
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [root, binary, schemaPath] = process.argv.slice(2);
// The schema GitHub ships puts an "anyOf" under region.properties, which a strict meta-schema
// check rejects; GitHub's own validator tolerates it, and so do we.
const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

const runs = [
  ["examples/gappy/soc2scope.yaml"],
  ["examples/hardware-saas/soc2scope.yaml"],
  ["examples/saas/soc2scope.yaml"],
  ["tests/fixtures/check/hostile-text.yaml"],
  ["examples/hardware-saas/soc2scope.yaml", "--baseline", "tests/fixtures/drift/old.lock.json"],
];
let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) passed++;
  else {
    failed++;
    console.error(`FAIL ${what}`);
  }
}
for (const [file, ...extra] of runs) {
  const run = spawnSync(binary, ["--as-of", "2026-11-30", "--format", "sarif", "check", "-q", "-f", file, ...extra],
                        { cwd: root, encoding: "utf8" });
  check(run.status === 0 || run.status === 1, `${file}: exit ${run.status} ${run.stderr}`);
  let sarif;
  try {
    sarif = JSON.parse(run.stdout);
  } catch (e) {
    check(false, `${file}: not JSON`);
    continue;
  }
  check(validate(sarif), `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  const r = sarif.runs[0];
  check(sarif.runs.length === 1, `${file}: one run`);
  check(typeof r.automationDetails?.id === "string", `${file}: automationDetails.id`);
  const ruleIds = r.tool.driver.rules.map((x) => x.id);
  const prints = new Set();
  for (const res of r.results) {
    check(ruleIds[res.ruleIndex] === res.ruleId, `${file}: ruleIndex of ${res.ruleId}`);
    const loc = res.locations?.[0]?.physicalLocation;
    check(loc && loc.artifactLocation.uri && loc.region.startLine >= 1, `${file}: location of ${res.ruleId}`);
    const fp = res.partialFingerprints?.["soc2scopeFinding/v1"];
    check(typeof fp === "string", `${file}: fingerprint of ${res.ruleId}`);
    prints.add(fp + res.message.text);
  }
  check(prints.size === r.results.length, `${file}: results are distinct`);
  for (const rule of r.tool.driver.rules) {
    check(rule.help?.text && rule.properties?.tags?.some((t) => t.startsWith("TSC-")), `${file}: help and TSC tags of ${rule.id}`);
  }
  if (file.includes("hardware-saas") && extra.length === 0) {
    const waived = r.results.filter((x) => x.suppressions?.length);
    check(waived.length === 1 && waived[0].suppressions[0].justification.includes("ciso"),
          `${file}: the waived finding is a suppression with its justification`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
