import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_CHECKS } from '../../checks/index.js';
import { main, type CliIo } from '../../src/cli/main.js';
import type { Finding } from '../../src/finding.js';
import type { Severity } from '../../src/severity.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/reporters/github.js';
import { formatMarkdown } from '../../src/reporters/markdown.js';

const rules = ALL_CHECKS.map((c) => c.meta);

function finding(severity: Severity, n: number, over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'wildcard-action',
    severity,
    message: `finding ${n}`,
    messageId: 'x',
    file: `f${String(n).padStart(3, '0')}.json`,
    line: 2,
    column: 3,
    endLine: 2,
    endColumn: 9,
    resource: `f${n}.json`,
    resourceType: 'policy-file',
    path: 'Statement/0',
    ...over,
  };
}

describe('GitHub annotations', () => {
  it('escapes data and property values', () => {
    expect(escapeData('100% sure\r\nnext: a,b')).toBe('100%25 sure%0D%0Anext: a,b');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    const out = formatGithub([finding('high', 1, { file: 'dir,x/a:b.json', message: 'grants "s3:*",\n50% of it', ruleId: 'wildcard-action' })], { root: '/r' });
    expect(out.split('\n')[0]).toBe(
      '::error file=dir%2Cx/a%3Ab.json,line=2,endLine=2,col=3,endColumn=8,title=wildcard-action (high)::grants "s3:*",%0A50%25 of it [f1.json]',
    );
  });

  it('maps severities to error, warning and notice; multi-line spans carry no columns', () => {
    const out = formatGithub(
      [finding('critical', 1), finding('medium', 2, { endLine: 5 }), finding('low', 3), finding('info', 4)],
      { root: '/r' },
    ).split('\n');
    expect(out[0]).toMatch(/^::error file=f001\.json,/);
    expect(out[1]).toBe('::warning file=f002.json,line=2,endLine=5,title=wildcard-action (medium)::finding 2 [f2.json]');
    expect(out[2]).toMatch(/^::notice file=f003\.json,/);
    expect(out[3]).toMatch(/^::notice file=f004\.json,/);
    expect(out[4]).toBe('iamlint: 4 findings, all annotated.');
  });

  it('annotates at most 10 per level, most severe first, and says how many were left out', () => {
    const findings: Finding[] = [];
    let n = 0;
    for (let i = 0; i < 8; i++) findings.push(finding('high', n++));
    for (let i = 0; i < 6; i++) findings.push(finding('critical', n++));
    for (let i = 0; i < 12; i++) findings.push(finding('medium', n++));
    for (let i = 0; i < 3; i++) findings.push(finding('low', n++));
    const lines = formatGithub(findings, { root: '/r' }).trimEnd().split('\n');
    const annotations = lines.filter((l) => l.startsWith('::'));
    expect(annotations.filter((l) => l.startsWith('::error'))).toHaveLength(10);
    expect(annotations.filter((l) => l.startsWith('::warning'))).toHaveLength(10);
    expect(annotations.filter((l) => l.startsWith('::notice'))).toHaveLength(3);
    // All 6 critical made it in, then 4 of the 8 high.
    expect(annotations.slice(0, 6).every((l) => l.includes('(critical)'))).toBe(true);
    expect(annotations.slice(6, 10).every((l) => l.includes('(high)'))).toBe(true);
    expect(lines.filter((l) => !l.startsWith('::') && !l.startsWith('iamlint:'))).toHaveLength(6);
    expect(lines.at(-1)).toMatch(/^iamlint: 6 of 29 findings were not annotated/);
  });

  it('caps the job total too', () => {
    const findings = Array.from({ length: 30 }, (_, i) => finding(i % 2 ? 'high' : 'medium', i));
    const out = formatGithub(findings, { root: '/r', perLevel: 10, total: 12 });
    expect(out.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(12);
    expect(out).toMatch(/iamlint: 18 of 30 findings were not annotated/);
  });

  it('paths are relative to the repository root', () => {
    const out = formatGithub([finding('high', 1)], { root: '/repo/infra', repoRoot: '/repo' });
    expect(out).toContain('file=infra/f001.json,');
  });
});

describe('markdown summary', () => {
  it('counts by severity, tabulates rules and links the top findings', () => {
    const findings = [
      finding('critical', 1, { ruleId: 'admin-access', message: 'allows "*" | everything' }),
      finding('high', 2),
      finding('high', 3, { line: 7, endLine: 9 }),
      finding('low', 4, { ruleId: 'action-resource-mismatch' }),
    ];
    const md = formatMarkdown(findings, {
      root: '/repo',
      files: 3,
      rules,
      github: { serverUrl: 'https://github.com', repository: 'o/r', sha: 'abc' },
      top: 3,
    });
    expect(md).toContain('### iamlint: 4 findings in 3 files');
    expect(md).toMatch(/\| 🟥 critical \| 1 \|\n\| 🟧 high \| 2 \|\n\| 🟦 low \| 1 \|/);
    expect(md).toContain('| [`admin-access`](https://github.com/iamlint/iamlint/blob/main/checks/least-privilege/admin-access.md) | critical | 1 |');
    expect(md).toContain('[f001.json:2](https://github.com/o/r/blob/abc/f001.json#L2)');
    expect(md).toContain('[f003.json:7](https://github.com/o/r/blob/abc/f003.json#L7-L9)');
    expect(md).toContain('allows "*" \\| everything');
    expect(md).toContain('#### Top 3 findings');
    expect(md).toContain('…and 1 more finding');
  });

  it('says so when there is nothing', () => {
    expect(formatMarkdown([], { root: '/r', files: 2, rules })).toContain('No IAM problems in 2 files.');
  });
});

describe('--format github in a workflow', () => {
  it('prints annotations and appends the job summary to $GITHUB_STEP_SUMMARY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-gh-'));
    writeFileSync(join(dir, 'admin.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    let out = '';
    const io: CliIo = {
      cwd: dir,
      stdout: (s) => (out += s),
      stderr: () => undefined,
      readStdin: () => '',
      isTty: false,
      env: { GITHUB_STEP_SUMMARY: summary, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc' },
    };
    expect(await main(['--format', 'github', '--sarif-file', 'out.sarif', '.'], io)).toBe(1);
    expect(out).toMatch(/^::error file=admin\.json,line=\d+,/);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n### iamlint: ')).toBe(true);
    expect(md).toContain('](https://github.com/o/r/blob/abc/admin.json#L');
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).runs[0].results.length).toBeGreaterThan(0);
  });
});
