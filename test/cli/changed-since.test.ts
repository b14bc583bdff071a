import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../../src/cli/main.js';
import { parseUnifiedDiff, touchesChange, type Changes } from '../../src/engine/changed.js';

const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, env, encoding: 'utf8' });

const statement = (action: string, resource = '*'): string => `    {\n      "Effect": "Allow",\n      "Action": "${action}",\n      "Resource": "${resource}"\n    }`;
const policy = (...statements: string[]): string => `{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements.join(',\n')}\n  ]\n}\n`;

async function lint(dir: string, argv: string[]): Promise<{ code: number; findings: { file: string; line: number; ruleId: string }[]; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { cwd: dir, stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: () => '', isTty: false, env: {} };
  const code = await main(['--format', 'json', ...argv], io);
  return { code, findings: code === 2 ? [] : (JSON.parse(out) as { findings: { file: string; line: number; ruleId: string }[] }).findings, err };
}

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-diff-'));
  git(dir, 'init', '-q');
  writeFileSync(join(dir, 'a.json'), policy(statement('s3:*')));
  writeFileSync(join(dir, 'b.json'), policy(statement('*')));
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'legacy');
  return dir;
}

describe('--changed-since', () => {
  it('reports only findings on changed lines and in untracked files, evaluating whole files', async () => {
    const dir = repo();
    const all = await lint(dir, ['.']);
    expect(all.findings.some((f) => f.file === 'b.json')).toBe(true);
    expect(all.findings.some((f) => f.file === 'a.json' && f.line < 9)).toBe(true);

    // a.json gains a second wildcard statement (lines 9-14); b.json is untouched; c.json is new and untracked.
    writeFileSync(join(dir, 'a.json'), policy(statement('s3:*'), statement('ec2:*')));
    writeFileSync(join(dir, 'c.json'), policy(statement('iam:*')));
    const r = await lint(dir, ['--changed-since', 'HEAD', '.']);
    expect(r.code).toBe(1);
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.findings.filter((f) => f.file === 'b.json')).toEqual([]);
    const inA = r.findings.filter((f) => f.file === 'a.json');
    expect(inA.length).toBeGreaterThan(0);
    expect(inA.every((f) => f.line >= 9)).toBe(true);
    expect(r.findings.some((f) => f.file === 'c.json')).toBe(true);
  });

  it('compares with the merge base, so changes on the target branch are not blamed on the branch', async () => {
    const dir = repo();
    git(dir, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(dir, 'a.json'), policy(statement('s3:*'), statement('ec2:*')));
    git(dir, 'commit', '-q', '-am', 'feature');
    git(dir, 'checkout', '-q', 'main');
    writeFileSync(join(dir, 'b.json'), policy(statement('*'), statement('kms:*')));
    git(dir, 'commit', '-q', '-am', 'main moves on');
    git(dir, 'checkout', '-q', 'feature');
    const r = await lint(dir, ['--changed-since', 'main', '.']);
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.findings.every((f) => f.file === 'a.json' && f.line >= 9)).toBe(true);
  });

  it('works from a subfolder of the repository', async () => {
    const dir = repo();
    execFileSync('mkdir', ['-p', join(dir, 'infra')]);
    writeFileSync(join(dir, 'infra/new.json'), policy(statement('s3:*')));
    const r = await lint(join(dir, 'infra'), ['--changed-since', 'HEAD', '.']);
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.findings.every((f) => f.file === 'new.json')).toBe(true);
  });

  it('refuses an unknown revision and a folder outside git', async () => {
    const dir = repo();
    const bad = await lint(dir, ['--changed-since', 'no-such-ref', '.']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown git revision "no-such-ref"');
    const plain = mkdtempSync(join(tmpdir(), 'iamlint-nogit-'));
    writeFileSync(join(plain, 'a.json'), readFileSync(join(dir, 'a.json')));
    const outside = await lint(plain, ['--changed-since', 'HEAD', '.']);
    expect(outside.code).toBe(2);
    expect(outside.err).toContain('needs a git repository');
  });
});

describe('git diff parsing', () => {
  const diff = [
    'diff --git a/mod.tf b/mod.tf',
    'index 1..2 100644',
    '--- a/mod.tf',
    '+++ b/mod.tf',
    '@@ -3 +3 @@ resource',
    '-old',
    '+new',
    '@@ -10,2 +10,0 @@',
    '-gone',
    '-gone',
    '@@ -20,0 +19,3 @@',
    '+a',
    '+b',
    '+c',
    'diff --git a/new.json b/new.json',
    'new file mode 100644',
    '--- /dev/null',
    '+++ b/new.json',
    '@@ -0,0 +1,2 @@',
    '+{',
    '+}',
    'diff --git a/old.json b/old.json',
    'deleted file mode 100644',
    '--- a/old.json',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-{}',
    'diff --git "a/caf\\303\\251 x.tf" "b/caf\\303\\251 x.tf"',
    '--- "a/caf\\303\\251 x.tf"',
    '+++ "b/caf\\303\\251 x.tf"',
    '@@ -1 +1,2 @@',
    '+x',
    '+y',
  ].join('\n');

  it('reads added lines, deletion points, new, deleted and quoted files', () => {
    const changes = parseUnifiedDiff(diff);
    const mod = changes.get('mod.tf');
    expect(mod).not.toBe('all');
    if (mod === 'all' || !mod) throw new Error('unreachable');
    expect([...mod.lines].sort((a, b) => a - b)).toEqual([3, 19, 20, 21]);
    expect([...mod.deletions]).toEqual([10]);
    expect(changes.get('new.json')).toBe('all');
    expect(changes.has('old.json')).toBe(false);
    const quoted = changes.get('café x.tf');
    expect(quoted !== 'all' && quoted ? [...quoted.lines] : []).toEqual([1, 2]);
  });

  it('a span touches a change when it covers a changed line or straddles a deletion', () => {
    const changes: Changes = parseUnifiedDiff(diff);
    const at = (line: number, endLine: number, endColumn = 5) => touchesChange({ file: 'mod.tf', line, endLine, endColumn }, changes);
    expect(at(3, 3)).toBe(true);
    expect(at(1, 2)).toBe(false);
    expect(at(4, 8)).toBe(false);
    expect(at(8, 12)).toBe(true); // lines were deleted between 10 and 11, inside the span
    expect(at(10, 10)).toBe(false);
    expect(at(11, 18)).toBe(false);
    expect(at(18, 19)).toBe(true);
    expect(at(17, 19, 1)).toBe(false); // the exclusive end at column 1 of line 19 ends on line 18
    expect(touchesChange({ file: 'new.json', line: 40, endLine: 40, endColumn: 2 }, changes)).toBe(true);
    expect(touchesChange({ file: 'other.json', line: 1, endLine: 1, endColumn: 2 }, changes)).toBe(false);
  });
});
