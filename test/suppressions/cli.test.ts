/** Suppressed findings in the reports: kept in JSON and SARIF, hidden from stylish unless asked, never failing the run. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { main, type CliIo } from '../../src/cli/main.js';
import { sarifValidator } from '../reporters/sarif-schema.js';

const admin = (comment: string): string =>
  ['{', '  "Version": "2012-10-17",', '  "Statement": [', comment, '    { "Effect": "Allow", "Action": "*", "Resource": "*" }', '  ]', '}', ''].join('\n');

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-suppress-'));
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
  const code = await main(argv, io);
  return { code, out, err };
}

/** Everything but admin-access and unused-suppression off, so the reports stay small. */
const CONFIG = (extra = ''): string =>
  `rules:\n${['wildcard-action', 'privilege-escalation', 'credentials-exposure', 'data-exfiltration', 'pass-role-wildcard', 'wildcard-resource'].map((r) => `  ${r}: off`).join('\n')}\n${extra}`;

describe('suppressions in the CLI', () => {
  const files = {
    '.iamlint.yml': CONFIG(),
    'ok.json': admin('    // iamlint-ignore admin-access until=2099-01-01 -- break-glass role, SEC-12'),
    'stale.json': admin('    // iamlint-ignore admin-access'),
  };

  it('JSON keeps suppressed findings, marked, and counts them apart', async () => {
    const r = await run(['-f', 'json', '.'], project(files));
    const report = JSON.parse(r.out) as { findings: { file: string; ruleId: string; suppressed?: unknown }[]; summary: { findings: number; suppressed: number } };
    expect(report.findings.map((f) => `${f.file} ${f.ruleId} ${f.suppressed ? 'suppressed' : 'active'}`)).toEqual([
      'ok.json admin-access suppressed',
      'stale.json unused-suppression active',
      'stale.json admin-access active',
    ]);
    expect(report.findings[0]?.suppressed).toEqual({ kind: 'inSource', reason: 'break-glass role, SEC-12', until: '2099-01-01', file: 'ok.json', line: 4 });
    expect(report.summary).toMatchObject({ findings: 2, suppressed: 1 });
  });

  it('SARIF carries them as inSource suppressions with the reason, and stays valid', async () => {
    const r = await run(['-f', 'sarif', '.'], project(files));
    const log = JSON.parse(r.out) as Sarif.Log;
    const validate = sarifValidator();
    expect(validate(log)).toBe(true);
    const results = log.runs[0]?.results ?? [];
    const suppressed = results.filter((x) => x.suppressions?.length);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]?.suppressions?.[0]).toMatchObject({ kind: 'inSource', status: 'accepted', justification: 'break-glass role, SEC-12 (until 2099-01-01)' });
    expect(suppressed[0]?.suppressions?.[0]?.location?.physicalLocation?.region?.startLine).toBe(4);
    expect(log.runs[0]?.tool.driver.rules?.some((d) => d.id === 'unused-suppression')).toBe(true);
  });

  it('stylish hides them (and says how many), --report-suppressed shows them with the reason', async () => {
    const dir = project(files);
    const plain = await run(['.'], dir);
    expect(plain.out).not.toContain('ok.json');
    expect(plain.out).toMatch(/✖ 2 problems \(1 critical, 1 low\) in 2 files, 1 suppressed/);
    const shown = await run(['--report-suppressed', '.'], dir);
    expect(shown.out).toContain('ok.json');
    expect(shown.out).toContain('suppressed until 2099-01-01: break-glass role, SEC-12');
    expect(shown.out).toMatch(/✖ 2 problems .*1 suppressed/);
  });

  it('suppressed findings do not fail the run', async () => {
    const dir = project({ '.iamlint.yml': CONFIG(), 'ok.json': files['ok.json'] });
    const r = await run(['.'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✔ no problems in 1 file, 1 suppressed');
  });

  it('--no-inline-suppressions (or suppressions.inline: false) ignores them all', async () => {
    const dir = project(files);
    const r = await run(['--no-inline-suppressions', '-f', 'json', '.'], dir);
    const report = JSON.parse(r.out) as { findings: { file: string; ruleId: string; suppressed?: unknown }[] };
    expect(report.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual(['ok.json admin-access', 'stale.json admin-access']);
    expect(r.code).toBe(1);
    const viaConfig = project({ ...files, '.iamlint.yml': CONFIG('suppressions:\n  inline: false\n') });
    expect((await run(['.'], viaConfig)).code).toBe(1);
  });

  it('the configured policy: forbid and require expiry', async () => {
    const forbid = project({ '.iamlint.yml': CONFIG('suppressions:\n  forbid: [admin-access]\n'), 'ok.json': files['ok.json'] });
    const r = await run(['-f', 'json', '.'], forbid);
    expect((JSON.parse(r.out) as { findings: { ruleId: string; messageId: string }[] }).findings.map((f) => `${f.ruleId}:${f.messageId}`)).toEqual([
      'unused-suppression:forbidden',
      'admin-access:adminAccess',
    ]);
    const expiry = project({ '.iamlint.yml': CONFIG('suppressions:\n  requireExpiry: true\n'), 'a.json': admin('    // iamlint-ignore admin-access -- no date') });
    expect((await run(['.'], expiry)).out).toContain('has no expiry date');
  });

  it('a directive naming a rule that does not exist is reported with a suggestion', async () => {
    const dir = project({ '.iamlint.yml': CONFIG(), 'a.json': admin('    // iamlint-ignore admin-acess -- typo') });
    const r = await run(['.'], dir);
    expect(r.out).toContain('names "admin-acess", which is not a rule of iamlint or of the configured custom rules, so it suppresses nothing (did you mean "admin-access"?)');
  });
});
