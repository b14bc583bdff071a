/** Bad input never crashes or hangs: each file gives a clear parse-error, is skipped as not-a-policy, or is linted. */
import { mkdtempSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_CHECKS } from '../../checks/index.js';
import { lintPaths } from '../../src/engine/lint.js';

const dir = mkdtempSync(join(tmpdir(), 'iamlint-robust-'));
const write = (name: string, text: string | Buffer): void => writeFileSync(join(dir, name), text);

const statement = (i: number) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` });

beforeAll(() => {
  write('invalid.json', '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow" ');
  write('empty.json', '');
  write('binary.json', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x00]));
  write('deep.json', '['.repeat(100_000) + ']'.repeat(100_000));
  // ~50 MB of JSON that is not a policy (a data export): read, parsed, and left alone.
  const rows = Array.from({ length: 20_000 }, (_, i) => ({ id: i, payload: 'x'.repeat(2_500) }));
  write('big-data.json', JSON.stringify({ rows }));
  write('many-statements.json', JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 10_000 }, (_, i) => statement(i)) }, null, 1));
  write('good.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2));
  mkdirSync(join(dir, 'loop'));
  symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'again'));
});

describe('hostile and broken input', () => {
  it('reports each broken file once, lints the rest, and never throws', async () => {
    const result = await lintPaths([dir], { root: dir, checks: ALL_CHECKS });
    const parseErrors = result.findings.filter((f) => f.ruleId === 'parse-error').map((f) => [f.file, f.line]);
    expect(parseErrors).toEqual([
      ['binary.json', 1],
      ['deep.json', 1],
      ['empty.json', 1],
      ['invalid.json', 1],
    ]);
    expect(result.failures).toEqual([]);
    expect(result.findings.some((f) => f.file === 'good.json' && f.ruleId === 'admin-access')).toBe(true);
    expect(result.findings.filter((f) => f.file === 'big-data.json')).toEqual([]);
    expect(result.findings.filter((f) => f.file === 'many-statements.json')).toEqual([]);
    expect(result.units.map((u) => u.id)).toContain('many-statements.json');
  }, 60_000);
});

describe('large units', () => {
  it('a template with 1,500 users, 300 groups and 750 memberships is linted whole (relations are indexed, not rescanned)', async () => {
    const lines = ['Resources:'];
    for (let g = 0; g < 300; g++) lines.push(`  G${g}:`, '    Type: AWS::IAM::Group');
    for (let u = 0; u < 1500; u++) lines.push(`  U${u}:`, '    Type: AWS::IAM::User');
    // Every other user joins a group through a membership resource; the rest belong to none.
    for (let a = 0; a < 1500; a += 2) lines.push(`  A${a}:`, '    Type: AWS::IAM::UserToGroupAddition', '    Properties:', `      GroupName: !Ref G${(a / 2) % 300}`, `      Users: [!Ref U${a}]`);
    const text = lines.join('\n') + '\n';
    const { lintSources } = await import('../../src/engine/lint.js');
    const { findings } = await lintSources([{ abs: '/v/t.yaml', rel: 't.yaml', text }], { root: '/v', checks: ALL_CHECKS });
    const noGroup = findings.filter((f) => f.ruleId === 'user-no-group');
    expect(noGroup.length).toBe(750);
    expect(noGroup.every((f) => Number(f.resource.slice(1)) % 2 === 1)).toBe(true);
    expect(findings.filter((f) => f.ruleId === 'empty-group')).toEqual([]);
  }, 60_000);
});
