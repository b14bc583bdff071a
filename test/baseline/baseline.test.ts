/** Baselines: record findings by identity, report only new ones, count the known and the gone. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../../src/cli/main.js';
import { applyBaseline, buildBaseline, readBaseline, BaselineError } from '../../src/engine/baseline.js';
import type { Finding } from '../../src/finding.js';

const f = (over: Partial<Finding>): Finding => ({
  ruleId: 'admin-access',
  severity: 'critical',
  message: 'm',
  messageId: 'x',
  file: 'a.json',
  line: 5,
  column: 1,
  endLine: 5,
  endColumn: 2,
  resource: 'a.json',
  resourceType: 'policy-file',
  path: 'Statement/0/Action',
  ...over,
});

describe('baseline entries', () => {
  it('identify findings by rule, file, resource and path, relative to the baseline folder; lines do not matter', () => {
    const b = buildBaseline([f({}), f({ line: 9 }), f({ ruleId: 'wildcard-action' })], '/repo/sub', '/repo/.iamlint-baseline.json');
    expect(b.findings.map((e) => [e.ruleId, e.file, e.count])).toEqual([
      ['admin-access', 'sub/a.json', 2],
      ['wildcard-action', 'sub/a.json', 1],
    ]);
    const moved = applyBaseline([f({ line: 25 }), f({ line: 30 }), f({ ruleId: 'wildcard-action', line: 99 })], b, {
      root: '/repo/sub',
      baselineFile: '/repo/.iamlint-baseline.json',
      linted: new Set(['a.json']),
    });
    expect(moved).toMatchObject({ fresh: [], known: 3, gone: 0 });
    // The same baseline from the repository root (another working folder) gives the same answer.
    const fromRoot = applyBaseline([f({ file: 'sub/a.json' })], b, { root: '/repo', baselineFile: '/repo/.iamlint-baseline.json', linted: new Set(['sub/a.json']) });
    expect(fromRoot).toMatchObject({ known: 1, gone: 2 });
  });

  it('one more finding of a known identity is new; fewer are counted gone; other files are not', () => {
    const b = buildBaseline([f({}), f({ file: 'other.json', resource: 'other.json' })], '/r', '/r/b.json');
    const r = applyBaseline([f({}), f({ line: 6 })], b, { root: '/r', baselineFile: '/r/b.json', linted: new Set(['a.json']) });
    expect(r.fresh.map((x) => x.line)).toEqual([6]);
    expect(r).toMatchObject({ known: 1, gone: 0 });
    const fixed = applyBaseline([], b, { root: '/r', baselineFile: '/r/b.json', linted: new Set(['a.json', 'other.json']) });
    expect(fixed).toMatchObject({ known: 0, gone: 2 });
  });

  it('a renamed resource or a different element is a new finding', () => {
    const b = buildBaseline([f({})], '/r', '/r/b.json');
    const opts = { root: '/r', baselineFile: '/r/b.json', linted: new Set(['a.json']) };
    expect(applyBaseline([f({ resource: 'b.json' })], b, opts).fresh).toHaveLength(1);
    expect(applyBaseline([f({ path: 'Statement/1/Action' })], b, opts).fresh).toHaveLength(1);
  });

  it('refuses files that are not baselines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-bl-'));
    writeFileSync(join(dir, 'x.json'), '{"findings": []}');
    expect(() => readBaseline(join(dir, 'x.json'))).toThrow(BaselineError);
    writeFileSync(join(dir, 'y.json'), 'not json');
    expect(() => readBaseline(join(dir, 'y.json'))).toThrow('is not JSON');
    writeFileSync(join(dir, 'z.json'), '{"tool": "iamlint", "version": 99, "findings": []}');
    expect(() => readBaseline(join(dir, 'z.json'))).toThrow('baseline version 99');
  });
});

const ADMIN = (sid = 'A'): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-blcli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function run(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { cwd, stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: () => '', isTty: false, env: {} };
  return { code: await main(argv, io), out, err };
}

describe('baselines in the CLI', () => {
  it('--write-baseline records every finding and reports none; --baseline then reports only new ones', async () => {
    const dir = project({ 'a.json': ADMIN(), 'b.json': ADMIN() });
    const w = await run(['--write-baseline', '.iamlint-baseline.json', '.'], dir);
    expect(w.code).toBe(0);
    expect(w.err).toMatch(/wrote \d+ findings to the baseline \.iamlint-baseline\.json/);
    const baseline = JSON.parse(readFileSync(join(dir, '.iamlint-baseline.json'), 'utf8')) as { findings: { file: string }[] };
    expect(new Set(baseline.findings.map((e) => e.file))).toEqual(new Set(['a.json', 'b.json']));

    const same = await run(['--baseline', '.iamlint-baseline.json', '.'], dir);
    expect(same.code).toBe(0);
    expect(same.err).toMatch(/baseline \.iamlint-baseline\.json: \d+ known findings not reported, 0 baseline entries gone/);

    writeFileSync(join(dir, 'c.json'), ADMIN());
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }));
    const next = await run(['-f', 'json', '--baseline', '.iamlint-baseline.json', '.'], dir);
    expect(next.code).toBe(1);
    const files = new Set((JSON.parse(next.out) as { findings: { file: string }[] }).findings.map((x) => x.file));
    expect(files).toEqual(new Set(['c.json']));
    expect(next.err).toMatch(/[1-9]\d* baseline entries gone \(fixed or removed\)/);
  });

  it('the configuration can name the baseline; a missing one is no error there', async () => {
    const dir = project({ '.iamlint.yml': 'baseline: ci/baseline.json\n', 'a.json': ADMIN() });
    expect((await run(['.'], dir)).code).toBe(1);
    mkdirSync(join(dir, 'ci'));
    await run(['--write-baseline', 'ci/baseline.json', '.'], dir);
    const r = await run(['.'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain('baseline ci/baseline.json:');
    // The explicit option must point at a real file.
    const missing = await run(['--baseline', 'nope.json', '.'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read the baseline');
  });

  it('linting one file does not call the rest of the baseline fixed', async () => {
    const dir = project({ 'a.json': ADMIN(), 'b.json': ADMIN() });
    await run(['--write-baseline', 'bl.json', '.'], dir);
    const r = await run(['--baseline', 'bl.json', 'a.json'], dir);
    expect(r.err).toMatch(/ 0 baseline entries gone/);
  });
});
