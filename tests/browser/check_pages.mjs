// kpproc's pages as a user meets them, in Debian's Chromium driven headless: kpproc serve's
// search, meeting, person and body pages over a database of the seeds and examples, and a page
// kp.exporter.html wrote. Each page's content is checked, its accessibility by axe-core (no
// violation of WCAG 2 A or AA rules), an entity's value is shown on keyboard focus, the print
// style hides what paper cannot use, and a screenshot of each is taken.
//
//   node check_pages.mjs KPPROC SOURCE_DIR SCREENSHOT_DIR
//
// Prints one line a check and exits 1 if any failed.

import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [kpproc, sourceDir, screenshots] = process.argv.slice(2);
if (!kpproc || !sourceDir || !screenshots) {
  console.error("usage: node check_pages.mjs KPPROC SOURCE_DIR SCREENSHOT_DIR");
  process.exit(2);
}

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"}  ${what}`);
  if (!ok) failures += 1;
}

function run(args) {
  const r = spawnSync(kpproc, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`kpproc ${args.join(" ")} failed: ${r.stderr}`);
}

// kpproc serve on a free port; resolves to its address once it says it listens.
function startServer(database) {
  const server = spawn(kpproc, ["serve", "--port", "0", database], { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let said = "";
    server.stderr.on("data", (chunk) => {
      said += chunk;
      const found = said.match(/at (http:\/\/[0-9.:]+)\//);
      if (found) resolve({ server, base: found[1] });
    });
    server.on("exit", (code) => reject(new Error(`kpproc serve ended (${code}): ${said}`)));
  });
}

// axe-core's WCAG 2 A and AA rules on the page; the violations, each "rule: where".
async function accessibilityViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`);
}

async function visit(browser, url, name, content) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 1300 });
  const response = await page.goto(url, { waitUntil: "load" });
  check(response.status() === 200, `${name}: ${url} answers 200`);
  const text = await page.evaluate(() => document.body.innerText);
  for (const expected of content) {
    check(text.toLowerCase().includes(expected.toLowerCase()), `${name}: shows "${expected}"`);
  }
  const violations = await accessibilityViolations(page);
  check(violations.length === 0, `${name}: no accessibility violation${violations.length ? ": " + violations.join(" | ") : ""}`);
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
  return page;
}

// On a meeting page: an entity's value shows when its link has the keyboard's focus, and
// the print style hides the values and the links' colour.
async function checkMeetingPage(page) {
  const shown = await page.evaluate(() => {
    const link = document.querySelector("a.entity");
    if (!link) return null;
    link.focus();
    return getComputedStyle(link.querySelector(".tip")).clipPath;
  });
  check(shown === "none", "meeting: an entity's type and value show on keyboard focus");
  await page.emulateMediaType("print");
  const hidden = await page.evaluate(() => getComputedStyle(document.querySelector("a.entity .tip")).display);
  check(hidden === "none", "meeting: printed, the entities' values are left out");
}

async function main() {
  mkdirSync(screenshots, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "kpproc-browser-"));
  const inputs = [join(sourceDir, "tests/data/seeds"), join(sourceDir, "examples/data")];
  const database = join(work, "minutes.sqlite");
  run(["run", "-q", "--chain", "auto ! entities ! sqlite", "-o", database, ...inputs]);
  const exported = join(work, "meeting.html");
  run(["run", "-q", "--chain", "auto ! entities ! html", "-o", exported,
    join(sourceDir, "examples/data/pcp-minutes-2023-10-17.txt")]);
  const { server, base } = await startServer(database);
  const browser = await puppeteer.launch({
    executablePath: process.env.KPPROC_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    await visit(browser, `${base}/?q=%22county+lines%22`, "search", ["passages found", "county lines"]);
    const search = await browser.newPage();
    await search.goto(`${base}/?q=%22county+lines%22`);
    const meetingUrl = await search.evaluate(() => document.querySelector(".hits a").href);
    const meeting = await visit(browser, meetingUrl, "meeting",
      ["Kent and Medway Police and Crime Panel", "Present", "Resolution"]);
    await checkMeetingPage(meeting);
    await visit(browser, `${base}/people/person:scott.m`, "person", ["M Scott", "Meetings", "Roles held"]);
    await visit(browser, `${base}/bodies/Kent%20and%20Medway%20Police%20and%20Crime%20Panel`, "body",
      ["Kent and Medway Police and Crime Panel", "meetings"]);
    await visit(browser, `file://${exported}`, "exported", ["Kent and Medway Police and Crime Panel"]);
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`${failures === 0 ? "all passed" : failures + " failed"}; screenshots in ${screenshots}`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`FAILED: ${e.stack || e}`);
  process.exit(1);
});
