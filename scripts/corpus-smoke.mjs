// Robustness smoke run (a script, not a test: it takes a while): every CloudFormation template and CDK cloud
// assembly under the bench corpus must lint without a crash, a hang or a check failure.
//   npm run build --silent && node scripts/corpus-smoke.mjs [DIR ...]
//   default: ../shared/bench-corpus/cloudformation and ../shared/bench-corpus/cdk (skipped when absent)
// Prints per folder: files, units, parse problems, notes, findings, seconds; and every crash. Exit 1 on a crash.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { lintPaths } = await import(join(root, 'dist/src/engine/lint.js'));
const { ALL_CHECKS } = await import(join(root, 'dist/checks/index.js'));

const corpus = resolve(root, '../shared/bench-corpus');
const dirs = process.argv.slice(2).length
  ? process.argv.slice(2).map((d) => resolve(d))
  : ['cloudformation', 'cdk'].map((d) => join(corpus, d)).filter((d) => existsSync(d));
if (dirs.length === 0) {
  console.log('no corpus found; nothing to do');
  process.exit(0);
}

let crashes = 0;
for (const dir of dirs) {
  // One run per top-level entry, so a crash names its folder and the rest still run.
  const entries = statSync(dir).isDirectory() ? readdirSync(dir).filter((e) => !e.startsWith('.')).map((e) => join(dir, e)) : [dir];
  const total = { files: 0, units: 0, problems: 0, findings: 0, failures: 0 };
  const s = performance.now();
  for (const entry of entries) {
    try {
      const r = await lintPaths([entry], { root: dir, checks: ALL_CHECKS });
      total.files += r.files;
      total.units += r.units.length;
      total.findings += r.findings.length;
      total.problems += r.findings.filter((f) => f.ruleId === 'parse-error').length;
      total.failures += r.failures.length;
      for (const f of r.failures) console.log(`check failure in ${entry}: ${f.ruleId} ${String(f.error).split('\n')[0]}`);
    } catch (e) {
      crashes++;
      console.log(`CRASH in ${entry}: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }
  const secs = (performance.now() - s) / 1000;
  console.log(
    `${dir}: ${total.files} files, ${total.units} units, ${total.problems} parse-error findings, ${total.findings} findings, ${total.failures} check failures, ${secs.toFixed(1)} s`,
  );
}
if (crashes) {
  console.log(`${crashes} crash(es)`);
  process.exit(1);
}
