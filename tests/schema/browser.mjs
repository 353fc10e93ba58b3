// Renders the HTML boundary statement and evidence checklist in headless Chromium (Debian's
// chromium package), to a PNG and a PDF, and fails on any console error, page error or
// network request: the pages must be self-contained.
//   node browser.mjs REPO_ROOT SOC2SCOPE_BINARY OUT_DIR
import { mkdirSync, statSync, writeFileSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { launch, offlinePage } from "./offline-chromium.mjs";

const [root, binary, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });

const pages = [
  ["statement", ["--format", "html", "statement", "-f", "examples/hardware-saas/soc2scope.yaml"]],
  ["statement-internal", ["--format", "html", "statement", "--internal", "-f", "examples/gappy/soc2scope.yaml"]],
  ["statement-hostile", ["--format", "html", "statement", "-f", "tests/fixtures/check/hostile-text.yaml"]],
  ["evidence", ["--format", "html", "evidence", "-f", "examples/hardware-saas/soc2scope.yaml"]],
];

const browser = await launch();
let failed = 0;
let passed = 0;
const check = (ok, what) => { if (ok) passed++; else { failed++; console.error(`FAIL ${what}`); } };

for (const [name, args] of pages) {
  const run = spawnSync(binary, ["--as-of", "2026-11-30", "-q", ...args], { cwd: root, encoding: "utf8" });
  check(run.status === 0, `${name}: soc2scope exited ${run.status}: ${run.stderr}`);
  const html = join(resolve(outDir), `${name}.html`);
  writeFileSync(html, run.stdout);
  const { page, problems } = await offlinePage(browser, { viewport: { width: 1100, height: 900 } });
  await page.goto(`file://${html}`, { waitUntil: "load" });
  const png = join(outDir, `${name}.png`);
  const pdf = join(outDir, `${name}.pdf`);
  await page.screenshot({ path: png, fullPage: true });
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: pdf, format: "A4", printBackground: true });
  check(problems.length === 0, `${name}: ${problems.join("; ")}`);
  check(statSync(png).size > 10000, `${name}: the screenshot is empty`);
  check(readFileSync(pdf).subarray(0, 5).toString() === "%PDF-" && statSync(pdf).size > 10000, `${name}: no PDF`);
  if (name.startsWith("statement")) {
    check(await page.locator("svg[aria-label='System boundary diagram']").count() === 1, `${name}: no diagram`);
  }
  if (name === "statement-hostile") {
    // The organization is named <script>alert(1)</script>: it must show as text.
    const text = await page.locator("header").innerText();
    check(text.includes("<script>alert(1)</script>"), `${name}: the hostile name is not shown as text`);
    check(await page.locator("script").count() === 0, `${name}: a script element was injected`);
  }
  await page.close();
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
