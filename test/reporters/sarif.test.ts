import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { ALL_CHECKS } from '../../checks/index.js';
import { fingerprints } from '../../src/engine/fingerprint.js';
import { lintPaths } from '../../src/engine/lint.js';
import type { Finding } from '../../src/finding.js';
import { packageRoot } from '../../src/package-root.js';
import { buildSarif, formatSarif, SECURITY_SEVERITY } from '../../src/reporters/sarif.js';
import { sarifValidator } from './sarif-schema.js';

const rules = ALL_CHECKS.map((c) => c.meta);

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'wildcard-action',
    severity: 'high',
    message: 'The Action element grants "s3:*".',
    messageId: 'wildcard',
    file: 'policies/a.json',
    line: 4,
    column: 7,
    endLine: 4,
    endColumn: 20,
    resource: 'a.json',
    resourceType: 'policy-file',
    path: 'Statement/0/Action',
    ...over,
  };
}

describe('SARIF reporter', () => {
  it('the report for examples/ validates against the SARIF 2.1.0 schema and has what code scanning reads', async () => {
    const root = packageRoot();
    const result = await lintPaths(['examples'], { root, checks: ALL_CHECKS });
    expect(result.findings.length).toBeGreaterThan(0);
    const text = formatSarif(result.findings, { rules, version: '1.2.3', root, repoRoot: root });
    const log = JSON.parse(text) as Sarif.Log;
    const validate = sarifValidator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);

    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0] as Sarif.Run;
    expect(run.tool.driver).toMatchObject({ name: 'iamlint', version: '1.2.3', informationUri: expect.stringMatching(/^https:\/\//) });
    expect(run.automationDetails?.id).toBe('iamlint/');
    expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toMatch(/^file:\/\/.*\/$/);

    const driverRules = run.tool.driver.rules ?? [];
    expect(driverRules.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    for (const r of driverRules) {
      const meta = rules.find((m) => m.id === r.id)!;
      expect(r.shortDescription?.text).toBe(meta.description);
      expect(r.fullDescription?.text.length).toBeGreaterThan(0);
      expect(r.fullDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(r.help?.text).toBeTruthy();
      expect(r.help?.markdown).toContain(`checks/${meta.category}/${meta.id}.md`);
      expect(r.helpUri).toBe(`https://github.com/iamlint/iamlint/blob/main/checks/${meta.category}/${meta.id}.md`);
      expect(r.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(r.properties?.tags).toEqual(expect.arrayContaining(['security', meta.category]));
      const sev = r.properties?.['security-severity'];
      expect(typeof sev).toBe('string');
      expect(sev).toBe(SECURITY_SEVERITY[meta.severity]);
      expect(r.defaultConfiguration?.level).toBe(meta.severity === 'critical' || meta.severity === 'high' ? 'error' : meta.severity === 'medium' ? 'warning' : 'note');
    }

    const results = run.results ?? [];
    expect(results).toHaveLength(result.findings.length);
    for (const [i, r] of results.entries()) {
      const f = result.findings[i]!;
      expect(driverRules[r.ruleIndex!]?.id).toBe(r.ruleId);
      expect(r.message.text).toBe(f.message);
      const loc = r.locations?.[0]?.physicalLocation;
      expect(loc?.artifactLocation).toEqual({ uri: `examples/${f.file.replace(/^examples\//, '')}`, uriBaseId: '%SRCROOT%' });
      expect(loc?.region).toEqual({ startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
      expect(r.partialFingerprints?.['primaryLocationLineHash']).toMatch(/^[0-9a-f]{16}:\d+$/);
    }
    const prints = results.map((r) => r.partialFingerprints?.['primaryLocationLineHash']);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('maps severities to levels and security-severity strings', () => {
    const sevs = ['critical', 'high', 'medium', 'low', 'info'] as const;
    const log = buildSarif(
      sevs.map((severity, i) => finding({ severity, ruleId: `r-${severity}`, line: i + 1, endLine: i + 1 })),
      { rules: sevs.map((severity) => ({ id: `r-${severity}`, severity, category: 'validity', description: `Disallow ${severity}` })), version: '0', root: '/repo' },
    );
    const run = log.runs[0]!;
    expect(run.results!.map((r) => r.level)).toEqual(['error', 'error', 'warning', 'note', 'note']);
    expect(run.tool.driver.rules!.map((r) => r.properties?.['security-severity'])).toEqual(['9.5', '8.0', '5.5', '3.0', '1.0']);
    expect(sarifValidator()(log)).toBe(true);
    // The validator is not a rubber stamp.
    const bad = JSON.parse(JSON.stringify(log)) as Sarif.Log;
    (bad.runs[0]!.results![0] as { level: string }).level = 'fatal';
    expect(sarifValidator()(bad)).toBe(false);
    bad.runs[0]!.results![0]!.level = 'error';
    bad.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    expect(sarifValidator()(bad)).toBe(false);
  });

  it('makes URIs relative to the repository root and carries related locations', () => {
    const f = finding({
      file: 'a b/p#1.json',
      related: [{ file: 'main.tf', line: 10, column: 1, endLine: 12, endColumn: 2, message: 'used by aws_iam_role_policy_attachment.x' }],
    });
    const log = buildSarif([f], { rules, version: '0', root: '/repo/infra', repoRoot: '/repo' });
    const r = log.runs[0]!.results![0]!;
    expect(r.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'infra/a%20b/p%231.json', uriBaseId: '%SRCROOT%' });
    expect(r.relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: { artifactLocation: { uri: 'infra/main.tf', uriBaseId: '%SRCROOT%' }, region: { startLine: 10, startColumn: 1, endLine: 12, endColumn: 2 } },
        message: { text: 'used by aws_iam_role_policy_attachment.x' },
      },
    ]);
    expect(log.runs[0]!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
    expect(sarifValidator()(log)).toBe(true);
  });

  it('fingerprints do not change when lines are inserted above a finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-sarif-'));
    const policy = (preamble: string): string =>
      `${preamble}{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}\n`;
    const sarifOf = async (text: string): Promise<Sarif.Result[]> => {
      writeFileSync(join(dir, 'admin.json'), text);
      const result = await lintPaths(['admin.json'], { root: dir, checks: ALL_CHECKS });
      return buildSarif(result.findings, { rules, version: '0', root: dir }).runs[0]!.results!;
    };
    const before = await sarifOf(policy(''));
    const after = await sarifOf(policy('\n\n\n'));
    expect(before.length).toBeGreaterThan(0);
    expect(after).toHaveLength(before.length);
    const key = (r: Sarif.Result): string => `${r.ruleId} ${r.message.text}`;
    const printsBefore = new Map(before.map((r) => [key(r), r.partialFingerprints!['primaryLocationLineHash']]));
    for (const r of after) {
      const old = before.find((b) => key(b) === key(r))!;
      expect(r.locations![0]!.physicalLocation!.region!.startLine).toBe(old.locations![0]!.physicalLocation!.region!.startLine! + 3);
      expect(r.partialFingerprints!['primaryLocationLineHash']).toBe(printsBefore.get(key(r)));
    }
  });

  it('fingerprints do not depend on the folder iamlint ran from', () => {
    const fromRoot = buildSarif([finding({ file: 'infra/a.json' })], { rules, version: '0', root: '/repo', repoRoot: '/repo' });
    const fromInfra = buildSarif([finding({ file: 'a.json' })], { rules, version: '0', root: '/repo/infra', repoRoot: '/repo' });
    const print = (log: Sarif.Log) => log.runs[0]!.results![0]!.partialFingerprints!['primaryLocationLineHash'];
    expect(print(fromInfra)).toBe(print(fromRoot));
  });

  it('numbers findings that share rule, file, resource and path in position order', () => {
    const a = finding({ line: 9, endLine: 9 });
    const b = finding({ line: 3, endLine: 3 });
    const c = finding({ path: 'Statement/1/Action' });
    const [pa, pb, pc] = fingerprints([a, b, c]);
    expect(pb).toMatch(/:1$/);
    expect(pa).toBe(pb!.replace(/:1$/, ':2'));
    expect(pc!.split(':')[0]).not.toBe(pa!.split(':')[0]);
  });
});
