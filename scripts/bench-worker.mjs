// Lints one folder in-process and prints one JSON line of measurements (run by bench.mjs in a fresh process).
import { performance } from 'node:perf_hooks';
const t0 = performance.now();
const { lintPaths } = await import('../dist/src/engine/lint.js');
const { ALL_CHECKS } = await import('../dist/checks/index.js');
const loaded = performance.now();
const [dirArg, repeatArg, ...ignore] = process.argv.slice(2);
const dir = (await import('node:path')).resolve(dirArg);
const repeat = Number(repeatArg ?? 1);
const runs = [];
let last;
for (let i = 0; i < repeat; i++) {
  const s = performance.now();
  last = await lintPaths([dir], { root: dir, checks: ALL_CHECKS, ignore });
  runs.push(performance.now() - s);
}
const best = Math.min(...runs);
console.log(JSON.stringify({
  dir, loadMs: loaded - t0, firstMs: runs[0], bestMs: best, files: last.files, bytes: last.bytes,
  units: last.units.length, findings: last.findings.length, failures: last.failures.length,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
}));
