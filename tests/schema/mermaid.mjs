// Parses and renders every Mermaid diagram soc2scope writes with Mermaid itself (the npm
// package's bundle, in Debian's chromium, offline), so a diagram that GitHub or a wiki would
// refuse to draw fails here: `diagram --format mermaid` and the ```mermaid block of the
// Markdown statement, for the examples and for a declaration full of hostile text.
//   node mermaid.mjs REPO_ROOT SOC2SCOPE_BINARY OUT_DIR
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { launch, offlinePage } from "./offline-chromium.mjs";

const [root, binary, outDir] = process.argv.slice(2);
if (!root || !binary || !outDir) {
  console.error("usage: node mermaid.mjs REPO_ROOT SOC2SCOPE_BINARY OUT_DIR");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const bundle = createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js");

const declarations = [
  "examples/hardware-saas/soc2scope.yaml",
  "examples/saas/soc2scope.yaml",
  "examples/gappy/soc2scope.yaml",
  "tests/fixtures/check/hostile-text.yaml",
  "tests/fixtures/check/hostile-diagram.yaml",
];
// The component names of hostile-diagram.yaml, each of which must be drawn as written.
const hostileNames = [
  "end",
  'say "hi" ]) --> x',
  "a|b; c #35; %% not a comment",
  "<script>alert(1)</script> <img src=x onerror=alert(2)>",
  "click n0 call alert(3)",
  "graph TD; A-->B `code` {x} (y) ::: cls",
];

let failed = 0;
let passed = 0;
const check = (ok, what) => { if (ok) passed++; else { failed++; console.error(`FAIL ${what}`); } };

function soc2scope(args) {
  const run = spawnSync(binary, ["--as-of", "2026-11-30", "-q", ...args], { cwd: root, encoding: "utf8" });
  check(run.status === 0, `soc2scope ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

// [name, Mermaid source, labels that must be drawn]
const diagrams = [];
for (const file of declarations) {
  const name = file.split("/").slice(-2).join("/");
  diagrams.push([`${name} diagram`, soc2scope(["diagram", "--format", "mermaid", "-f", file])]);
  const markdown = soc2scope(["statement", "--format", "markdown", "-f", file]);
  const blocks = [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  check(blocks.length === 1, `${name} statement: expected one mermaid block, found ${blocks.length}`);
  if (blocks.length) diagrams.push([`${name} statement`, blocks[0]]);
}

const page_html = join(resolve(outDir), "mermaid.html");
writeFileSync(page_html, `<!doctype html><meta charset="utf-8"><body><script src="file://${bundle}"></script>`);

const browser = await launch();
const { page, problems } = await offlinePage(browser);
await page.goto(`file://${page_html}`, { waitUntil: "load" });
await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" }));

let n = 0;
for (const [name, source] of diagrams) {
  const result = await page.evaluate(async ([id, text]) => {
    try {
      await window.mermaid.parse(text);
      const { svg } = await window.mermaid.render(id, text);
      const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
      return {
        svg,
        nodes: doc.querySelectorAll("g.node").length,
        labels: [...doc.querySelectorAll("g.node .nodeLabel, g.node text")].map((e) => e.textContent),
        scripts: doc.querySelectorAll("script, foreignObject script, [onload], [onerror]").length,
        text: doc.documentElement.textContent,
      };
    } catch (e) {
      return { error: String(e && e.message ? e.message : e) };
    }
  }, [`d${n++}`, source]);
  if (result.error) {
    check(false, `${name}: Mermaid refused it: ${result.error}\n${source}`);
    continue;
  }
  writeFileSync(join(outDir, `${name.replace(/[^a-z0-9]+/gi, "-")}.svg`), result.svg);
  // Every component the source declares as a node is drawn as one.
  const declared = (source.match(/^\s*n\d+\[/gm) || []).length;
  check(declared > 0 && result.nodes === declared, `${name}: ${result.nodes} nodes drawn, ${declared} declared`);
  check(result.scripts === 0, `${name}: the drawing carries script`);
  if (name.startsWith("check/hostile-diagram")) {
    // Names full of markup and Mermaid syntax come out as the text they are, not as structure.
    for (const want of hostileNames) {
      check(result.labels.includes(want), `${name}: '${want}' is not drawn as written (${JSON.stringify(result.labels)})`);
    }
  }
}
check(problems.length === 0, `browser: ${problems.join("; ")}`);
await browser.close();
console.log(`${passed} passed, ${failed} failed (${diagrams.length} diagrams)`);
process.exit(failed ? 1 : 0);
