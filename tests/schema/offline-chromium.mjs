// Debian's chromium through playwright-core (no browser download), with pages that may load
// local files only: every other request, console error or warning, page error and dialog is
// collected in the page's `problems` for the test to fail on.
import { chromium } from "playwright-core";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function offlinePage(browser, options = {}) {
  const page = await browser.newPage(options);
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.route("**/*", (r) => {
    const url = r.request().url();
    if (url.startsWith("file://")) return r.continue();
    problems.push(`network request: ${url}`);
    return r.abort();
  });
  return { page, problems };
}
