// Speed benchmark (a script, not a test): cold start on one small policy, then throughput and peak RSS per corpus.
//   npm run bench [-- DIR ...]      default: each kind folder of ../shared/bench-corpus
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '../shared/bench-corpus');
const dirs = process.argv.slice(2).length
  ? process.argv.slice(2).map((d) => resolve(d))
  : existsSync(corpus) ? readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(corpus, d.name)) : [];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Cold start: the whole CLI process on one small policy, as a pre-commit hook or editor would start it.
const tmp = mkdtempSync(join(tmpdir(), 'iamlint-bench-'));
const policy = join(tmp, 'policy.json');
writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }));
const walls = [];
for (let i = 0; i < 11; i++) {
  const s = process.hrtime.bigint();
  spawnSync(process.execPath, [join(root, 'bin/iamlint.js'), '--format', 'json', policy], { encoding: 'utf8' });
  walls.push(Number(process.hrtime.bigint() - s) / 1e6);
}
const bare = [];
for (let i = 0; i < 11; i++) {
  const s = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  bare.push(Number(process.hrtime.bigint() - s) / 1e6);
}
console.log(`cold start, one small policy: median ${median(walls).toFixed(0)} ms wall (bare node -e 0: ${median(bare).toFixed(0)} ms)`);

// What a configuration file and a custom rule (with a JSONPath, so the JSONPath library loads) add to a cold start:
// the same policy with and without them, runs interleaved so that machine load affects both alike.
const withConfig = mkdtempSync(join(tmpdir(), 'iamlint-bench-config-'));
writeFileSync(join(withConfig, 'policy.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }));
writeFileSync(
  join(withConfig, '.iamlint.yml'),
  [
    'rules:',
    '  wildcard-resource: off',
    '  admin-access: { severity: high }',
    '  trust-cross-account-no-external-id:',
    "    options: { trustedAccounts: ['111111111111'] }",
    'ignore: [fixtures/**]',
    'failOn: medium',
    'suppressions: { maxExpiryDays: 180, forbid: [admin-access] }',
    'customRules: [rules/]',
    '',
  ].join('\n'),
);
mkdirSync(join(withConfig, 'rules'));
writeFileSync(
  join(withConfig, 'rules', 'no-iam-actions.yml'),
  // Selects the policy's statements and evaluates a JSONPath on them, so the JSONPath library is loaded too.
  ['id: acme-no-iam-actions', 'severity: medium', "message: 'No IAM actions in {{resource}}.'", 'select:', '  statements: { effect: Allow }', 'match:', '  path: $.actions[*]', "  matches: 'iam:*'", ''].join('\n'),
);
// The child reports its own CPU time (user + system) at exit: on a loaded machine CPU time is steadier than wall time.
const cpuHook = 'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\nCPU_US "+(u.user+u.system)+"\\n")})';
const timed = (dir) => {
  const s = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', cpuHook, join(root, 'bin/iamlint.js'), '--format', 'json', 'policy.json'], { encoding: 'utf8', cwd: dir });
  if (r.status === 2) throw new Error(r.stderr);
  const cpu = Number(/CPU_US (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
  return { wall: Number(process.hrtime.bigint() - s) / 1e6, cpu };
};
const wallExtra = [];
const cpuExtra = [];
const cpuPlain = [];
for (let i = 0; i < 25; i++) {
  // Alternate which goes first, and compare each pair: the median difference shrugs off load spikes.
  let a, b;
  if (i % 2) {
    a = timed(tmp);
    b = timed(withConfig);
  } else {
    b = timed(withConfig);
    a = timed(tmp);
  }
  wallExtra.push(b.wall - a.wall);
  cpuExtra.push(b.cpu - a.cpu);
  cpuPlain.push(a.cpu);
}
console.log(
  `config file + custom rule (JSONPath evaluated) add, median of 25 paired runs: ${median(wallExtra).toFixed(1)} ms wall, ` +
    `${median(cpuExtra).toFixed(1)} ms CPU (CPU without them: ${median(cpuPlain).toFixed(0)} ms)`,
);

console.log('\ncorpus'.padEnd(22), 'files'.padStart(6), 'MB'.padStart(7), 'first s'.padStart(8), 'best s'.padStart(8), 'files/s'.padStart(9), 'MB/s'.padStart(7), 'RSS MB'.padStart(7), 'findings'.padStart(9));
/** Template corpora are also measured by syntax: YAML and JSON templates parse very differently. */
const runs = dirs.flatMap((dir) =>
  dir.endsWith('/cloudformation')
    ? [
        { dir, label: 'cloudformation', ignore: [] },
        { dir, label: '  YAML templates', ignore: ['**/*.json'] },
        { dir, label: '  JSON templates', ignore: ['**/*.yaml', '**/*.yml', '**/*.template'] },
      ]
    : [{ dir, label: dir.split('/').pop(), ignore: [] }],
);
for (const { dir, label, ignore } of runs) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/bench-worker.mjs'), dir, '5', ...ignore], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    console.log(`${dir}: failed\n${r.stderr}`);
    continue;
  }
  const m = JSON.parse(r.stdout.trim().split('\n').pop());
  const mb = m.bytes / 1e6;
  console.log(
    label.padEnd(21),
    String(m.files).padStart(6),
    mb.toFixed(2).padStart(7),
    (m.firstMs / 1000).toFixed(2).padStart(8),
    (m.bestMs / 1000).toFixed(2).padStart(8),
    (m.files / (m.bestMs / 1000)).toFixed(0).padStart(9),
    (mb / (m.bestMs / 1000)).toFixed(2).padStart(7),
    m.maxRssMb.toFixed(0).padStart(7),
    String(m.findings).padStart(9),
    m.failures ? `  check failures: ${m.failures}` : '',
  );
}
