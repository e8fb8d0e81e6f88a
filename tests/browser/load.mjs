// kpproc serve under load on loopback: CLIENTS clients at once, each asking for search, meeting,
// person and API pages one after another for SECONDS, while a few slow clients trickle a
// request a byte at a time. Reports requests a second and latency percentiles; fails on any
// error, or a 99th percentile over the bound.
//
//   node load.mjs KPPROC SOURCE_DIR [CLIENTS=200] [SECONDS=20] [P99_BOUND_MS=2000]

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [kpproc, sourceDir, clients = "200", seconds = "20", bound = "2000"] = process.argv.slice(2);
if (!kpproc || !sourceDir) {
  console.error("usage: node load.mjs KPPROC SOURCE_DIR [CLIENTS] [SECONDS] [P99_BOUND_MS]");
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "kpproc-load-"));
const database = join(work, "minutes.sqlite");
const made = spawnSync(kpproc, ["run", "-q", "--chain", "auto ! entities ! sqlite", "-o", database,
  join(sourceDir, "tests/data/seeds"), join(sourceDir, "examples/data")], { encoding: "utf8" });
if (made.status !== 0) throw new Error(made.stderr);

const server = spawn(kpproc, ["serve", "--port", "0", database], { stdio: ["ignore", "ignore", "pipe"] });
const base = await new Promise((resolve, reject) => {
  let said = "";
  server.stderr.on("data", (c) => {
    said += c;
    const m = said.match(/at http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) resolve(Number(m[1]));
  });
  server.on("exit", (code) => reject(new Error(`kpproc serve ended (${code}): ${said}`)));
});

const targets = ["/?q=Panel", "/?q=%22county+lines%22&type=paragraph", "/meetings/1", "/meetings/3",
  "/people/person:scott.m", "/api/search?q=report&limit=5", "/api/meetings/2", "/bodies", "/people?q=Cllr"];
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(clients) });
const latencies = [];
let errors = 0;
const firstErrors = [];

function get(path) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.get({ host: "127.0.0.1", port: base, path, agent, timeout: 30000 }, (res) => {
      res.resume();
      res.on("end", () => {
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (res.statusCode !== 200) {
          errors += 1;
          if (firstErrors.length < 5) firstErrors.push(`${path}: ${res.statusCode}`);
        }
        resolve();
      });
    });
    req.on("error", (e) => {
      errors += 1;
      if (firstErrors.length < 5) firstErrors.push(`${path}: ${e.message}`);
      resolve();
    });
  });
}

// Slow clients: a request line sent a byte every 200 ms, never finished.
const slow = [];
for (let i = 0; i < 4; i++) {
  const socket = net.connect(base, "127.0.0.1");
  socket.on("error", () => {});
  const line = "GET /?q=slow HTTP/1.1\r\nHost: x\r\n";
  let at = 0;
  const timer = setInterval(() => { if (at < line.length) socket.write(line[at++]); }, 200);
  slow.push({ socket, timer });
}

const deadline = Date.now() + Number(seconds) * 1000;
const started = Date.now();
await Promise.all(Array.from({ length: Number(clients) }, async (_, i) => {
  for (let k = i; Date.now() < deadline; k++) {
    await get(targets[k % targets.length]);
  }
}));
const elapsed = (Date.now() - started) / 1000;
for (const s of slow) { clearInterval(s.timer); s.socket.destroy(); }
agent.destroy();

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
const p99 = pct(0.99);
console.log(`requests: ${latencies.length} in ${elapsed.toFixed(1)} s (${(latencies.length / elapsed).toFixed(0)} a second) ` +
  `from ${clients} clients; latency p50 ${pct(0.5).toFixed(1)} ms, p90 ${pct(0.9).toFixed(1)} ms, ` +
  `p99 ${p99.toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms; errors ${errors}`);
if (firstErrors.length) console.log(`first errors: ${firstErrors.join("; ")}`);

server.kill("SIGTERM");
const code = await new Promise((resolve) => server.on("exit", (c) => resolve(c)));
rmSync(work, { recursive: true, force: true });
const ok = errors === 0 && p99 <= Number(bound) && code === 0 && latencies.length > 0;
console.log(ok ? "load test passed" : `load test FAILED (errors ${errors}, p99 ${p99.toFixed(0)} ms > ${bound}?, exit ${code})`);
process.exit(ok ? 0 : 1);
