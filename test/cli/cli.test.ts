import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../../src/cli/main.js';

const ADMIN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
const CLEAN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function run(argv: string[], cwd: string, stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { cwd, stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: () => stdin, isTty: false, env: {} };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('iamlint CLI', () => {
  it('prints the JSON contract and exits 1 on findings', async () => {
    const dir = project({ 'admin.json': ADMIN, 'ok.json': CLEAN });
    const r = await run(['--format', 'json', '.'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { findings: { ruleId: string; file: string; line: number; endLine: number; resource: string; severity: string }[] };
    const admin = report.findings.find((f) => f.ruleId === 'admin-access');
    expect(admin).toMatchObject({ file: 'admin.json', resource: 'admin.json', severity: 'critical', line: 6 });
    expect(report.findings.filter((f) => f.file === 'ok.json')).toEqual([]);
  });

  it('exits 0 when nothing reaches --fail-on', async () => {
    const dir = project({ 'ok.json': CLEAN });
    expect((await run(['.'], dir)).code).toBe(0);
    const admin = project({ 'admin.json': ADMIN });
    expect((await run(['--fail-on', 'none', '.'], admin)).code).toBe(0);
  });

  it('stylish output groups by file with line:col, severity, message and rule id, and a summary', async () => {
    const dir = project({ 'admin.json': ADMIN });
    const r = await run(['admin.json'], dir);
    expect(r.out).toMatch(/^admin\.json\n/);
    expect(r.out).toMatch(/ {2}6:\d+\s+critical\s+.+\s+admin-access\n/);
    expect(r.out).toMatch(/resource: admin\.json/);
    expect(r.out).toMatch(/✖ \d+ problems? \(\d+ critical/);
    expect(r.out).not.toContain('\u001b[');
  });

  it('exits 2 on bad usage and on a missing path', async () => {
    const dir = project({});
    expect((await run(['--format', 'xml'], dir)).code).toBe(2);
    expect((await run(['--bogus'], dir)).code).toBe(2);
    const missing = await run(['nope/'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file or directory: nope/');
  });

  it('honours .gitignore and --ignore', async () => {
    const dir = project({ '.gitignore': 'generated/\n', 'generated/admin.json': ADMIN, 'vendor/admin.json': ADMIN, 'ok.json': CLEAN });
    const r = await run(['--format', 'json', '--ignore', 'vendor/**', '.'], dir);
    expect(JSON.parse(r.out).findings).toEqual([]);
  });

  it('lints standard input under the given name', async () => {
    const r = await run(['--stdin', '--stdin-filename', 'policies/admin.json', '--format', 'json'], project({}), ADMIN);
    const findings = JSON.parse(r.out).findings as { file: string; ruleId: string }[];
    expect(findings.some((f) => f.file === 'policies/admin.json' && f.ruleId === 'admin-access')).toBe(true);
  });

  it('lists rules, explains one, and refuses an unknown one', async () => {
    const dir = project({});
    const list = await run(['--list-rules'], dir);
    expect(list.out).toMatch(/^admin-access\s+critical\s+Disallow/m);
    const ex = await run(['--explain', 'parse-error'], dir);
    expect(ex.out).toContain('# parse-error');
    expect((await run(['--explain', 'no-such-rule'], dir)).code).toBe(2);
  });

  it('writes the report to --output', async () => {
    const dir = project({ 'admin.json': ADMIN });
    await run(['--format', 'json', '-o', 'out.json', 'admin.json'], dir);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).findings.length).toBeGreaterThan(0);
  });

  it('the installed launcher runs the built CLI', () => {
    const dir = project({ 'admin.json': ADMIN });
    const bin = join(process.cwd(), 'bin/iamlint.js');
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' })).toMatch(/^\d+\.\d+\.\d+\n$/);
    const r = spawnSync(process.execPath, [bin, '--format', 'json', 'admin.json'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(0);
  });

  it('prints SARIF and markdown, and names every format in the help', async () => {
    const dir = project({ 'admin.json': ADMIN });
    const sarif = await run(['--format', 'sarif', 'admin.json'], dir);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.out) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.some((r) => r.ruleId === 'admin-access' && r.locations[0]!.physicalLocation.artifactLocation.uri === 'admin.json')).toBe(true);
    const md = await run(['--format', 'markdown', '--fail-on', 'none', 'admin.json'], dir);
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/^### iamlint: \d+ findings in 1 file\n/);
    const help = await run(['--help'], dir);
    for (const word of ['sarif', 'github', 'markdown', '--changed-since', '--sarif-file', 'iamlint lsp']) expect(help.out).toContain(word);
  });

  it('refuses --changed-since without a revision or with --stdin', async () => {
    const dir = project({});
    expect((await run(['--changed-since', '', '.'], dir)).code).toBe(2);
    expect((await run(['--changed-since', 'HEAD', '--stdin'], dir)).code).toBe(2);
  });
});
