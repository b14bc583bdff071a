/** Declarative custom rules: the examples, the predicates, the views, refused JSONPaths and bad rule files. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { ALL_CHECKS } from '../../checks/index.js';
import { main, type CliIo } from '../../src/cli/main.js';
import { checkPath, UnsafePathError } from '../../src/custom-rules/jsonpath.js';
import { loadCustomRules, type CustomCheck } from '../../src/custom-rules/load.js';
import { globMatch } from '../../src/custom-rules/rule.js';
import { ConfigError } from '../../src/engine/config.js';
import { lintSources } from '../../src/engine/lint.js';

const EXAMPLES = join(process.cwd(), 'examples/custom-rules');
const builtIn = new Set(ALL_CHECKS.map((c) => c.meta.id));
const lines = (...ls: string[]): string => ls.join('\n') + '\n';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-rules-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Problems of loading rule files, as `file:line:column message` (file names relative to their folder). */
async function problems(files: Record<string, string>): Promise<string[]> {
  const dir = dirWith(files);
  try {
    await loadCustomRules([dir], builtIn, (p) => p.slice(dir.length + 1));
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`);
  }
}

let examples: CustomCheck[];
beforeAll(async () => {
  examples = await loadCustomRules([EXAMPLES], builtIn);
});

/** Findings of one example rule on an in-memory project, as `file:line resource`. */
async function fire(id: string, files: Record<string, string>): Promise<string[]> {
  const check = examples.find((c) => c.meta.id === id);
  if (!check) throw new Error(`no example ${id}`);
  const sources = Object.entries(files).map(([rel, text]) => ({ abs: `/virtual/${rel}`, rel, text }));
  const result = await lintSources(sources, { root: '/virtual', checks: [check] });
  if (result.failures.length) throw new Error(result.failures[0]?.error);
  return result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.resource} ${f.message}`);
}

const policy = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

describe('the examples', () => {
  it('load, with their ids', () => {
    expect(examples.map((c) => c.meta.id).sort()).toEqual(['acme-no-s3-delete-bucket', 'acme-role-permissions-boundary', 'acme-trust-requires-org-id', 'acme-trusted-accounts-only']);
    expect(examples.every((c) => c.meta.category === 'custom' && /^(Disallow|Require) /.test(c.meta.description))).toBe(true);
  });

  it('no s3:DeleteBucket in identity policies (wildcards count; Deny and resource policies do not)', async () => {
    expect(await fire('acme-no-s3-delete-bucket', { 'p.json': policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:DeleteBucket'], Resource: '*' }) })).toEqual([
      'p.json:4:5 p.json This identity policy statement of "p.json" allows "s3:DeleteBucket"; buckets are deleted by the platform pipeline only.',
    ]);
    expect(await fire('acme-no-s3-delete-bucket', { 'p.json': policy({ Effect: 'Allow', Action: 's3:Delete*', Resource: '*' }) })).toHaveLength(1);
    expect(await fire('acme-no-s3-delete-bucket', { 'p.json': policy({ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }) })).toEqual([]);
    expect(await fire('acme-no-s3-delete-bucket', { 'p.json': policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:DeleteBucket', Resource: '*' }) })).toEqual([]);
    expect(await fire('acme-no-s3-delete-bucket', { 'p.json': policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) })).toEqual([]);
  });

  it('trust policies that trust AWS principals must carry aws:PrincipalOrgID', async () => {
    const trust = (condition?: object, principal: object = { AWS: 'arn:aws:iam::333333333333:root' }) =>
      policy({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });
    expect(await fire('acme-trust-requires-org-id', { 't.json': trust() })).toHaveLength(1);
    expect(await fire('acme-trust-requires-org-id', { 't.json': trust({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } }) })).toEqual([]);
    expect(await fire('acme-trust-requires-org-id', { 't.json': trust(undefined, { Service: 'lambda.amazonaws.com' }) })).toEqual([]);
  });

  it('only trusted accounts: reported at the principal value; unresolved values and our accounts are fine', async () => {
    const t = policy({
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::111111111111:role/deployer', 'arn:aws:iam::333333333333:root', '444444444444'] },
      Action: 'sts:AssumeRole',
    });
    expect((await fire('acme-trusted-accounts-only', { 't.json': t })).map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['t.json:9:11 t.json', 't.json:10:11 t.json']);
    const template = lines(
      'Parameters:',
      '  Partner: { Type: String }',
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Action: sts:AssumeRole',
      '            Principal:',
      '              AWS:',
      '                - !Sub arn:aws:iam::${Partner}:root',
      '                - !Sub arn:aws:iam::${AWS::AccountId}:root',
      "                - '222222222222'",
    );
    expect(await fire('acme-trusted-accounts-only', { 't.yaml': template })).toEqual([]);
  });

  it('every role needs a permissions boundary: reported on the role resource', async () => {
    const role = (boundary: string) =>
      lines(
        'Resources:',
        '  Role:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        boundary,
        '      AssumeRolePolicyDocument:',
        '        Statement:',
        '          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }',
      );
    expect(await fire('acme-role-permissions-boundary', { 't.yaml': role('      Description: no boundary') })).toEqual([
      't.yaml:2:3 Role The role "Role" has no permissions boundary; set "PermissionsBoundary" (permissions_boundary) to the platform boundary policy.',
    ]);
    expect(await fire('acme-role-permissions-boundary', { 't.yaml': role('      PermissionsBoundary: !Ref Boundary') })).toEqual([]);
  });
});

describe('predicates and views', () => {
  async function findings(rule: string, files: Record<string, string>): Promise<string[]> {
    const dir = dirWith({ 'r.yml': rule });
    const [check] = await loadCustomRules([join(dir, 'r.yml')], builtIn);
    const sources = Object.entries(files).map(([rel, text]) => ({ abs: `/virtual/${rel}`, rel, text }));
    const result = await lintSources(sources, { root: '/virtual', checks: [check as CustomCheck] });
    if (result.failures.length) throw new Error(result.failures[0]?.error);
    return result.findings.map((f) => `${f.line} ${f.message}`);
  }
  const rule = (select: string, match: string, message = 'm {{effect}}'): string =>
    lines('id: t-rule', 'severity: low', `message: '${message}'`, 'select:', `  ${select}`, 'match:', ...match.split('\n').map((l) => `  ${l}`));

  it('isWildcard, hasCondition with an operator, any/not, equals and allMatch over the statement view', async () => {
    const p = policy(
      { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
      { Effect: 'Deny', Action: 's3:*', Resource: '*' },
    );
    expect(await findings(rule('statements: {}', 'isWildcard: action'), { 'p.json': p })).toEqual(['4 m Allow']);
    expect(await findings(rule('statements: {}', 'isWildcard: resource'), { 'p.json': p })).toEqual(['9 m Allow', '19 m Deny']);
    expect(await findings(rule('statements: {}', 'hasCondition: { key: AWS:SOURCEIP, operator: IpAddress }'), { 'p.json': p })).toEqual(['9 m Allow']);
    expect(await findings(rule('statements: {}', 'hasCondition: { key: aws:SourceIp, operator: NotIpAddress }'), { 'p.json': p })).toEqual([]);
    expect(await findings(rule('statements: {}', 'all:\n  - path: $.effect\n    equals: Allow\n  - not: { isWildcard: action }'), { 'p.json': p })).toEqual(['9 m Allow']);
    expect(await findings(rule('statements: {}', "path: $.actions[*]\nallMatch: ['s3:*']", '{{actions}} on {{resources}}'), { 'p.json': p })).toEqual([
      '9 s3:GetObject on *',
      '19 s3:* on *',
    ]);
    expect(await findings(rule('statements: {}', "any:\n  - path: $.conditions[*].key\n    matches: 'aws:Source*'\n  - path: $..notActions[0]"), { 'p.json': p })).toEqual(['9 m Allow']);
  });

  it('policies and principals, principalIs with a type and globs, unknown values as ${...} text', async () => {
    const t = lines(
      'Parameters:',
      '  Partner: { Type: String }',
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Action: sts:AssumeRole',
      '            Principal:',
      '              AWS: [!Ref Partner, "arn:aws:iam::123456789012:root"]',
      '              Service: ec2.amazonaws.com',
    );
    expect(await findings(rule('principals: { documentKinds: [trust] }', 'path: $.value\nexists: true', '{{type}}={{value}} ({{account}})'), { 't.yaml': t })).toEqual([
      '12 AWS=${Partner} ()',
      '12 AWS=arn:aws:iam::123456789012:root (123456789012)',
      '13 Service=ec2.amazonaws.com ()',
    ]);
    expect(await findings(rule('policies: { documentKinds: [trust] }', "principalIs: { type: AWS, value: 'arn:aws:iam::*:root' }", 'p {{documentKind}} of {{resource}}'), { 't.yaml': t })).toEqual([
      '8 p trust of Role',
    ]);
    expect(await findings(rule('resources: { kinds: [role] }', "principalIs: '*.amazonaws.com'", '{{address}} {{resourceKind}}'), { 't.yaml': t })).toEqual(['4 Role role']);
  });

  it('the statement view has exactly the documented keys', async () => {
    const p = policy({ Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    const keys = 'sid effect actions notActions resources notResources principals notPrincipals conditions documentKind resource resourceType index file';
    const message = keys
      .split(' ')
      .map((k) => `{{${k}}}`)
      .join('|');
    expect(await findings(rule('statements: {}', 'path: $.sid', message), { 'p.json': p })).toEqual(['4 A|Allow|s3:GetObject||arn:aws:s3:::b/*|||||identity|p.json|policy-file|0|p.json']);
  });
});

describe('safety: nothing in a rule file runs', () => {
  it('refuses filters and script expressions with a clear error', async () => {
    const evil = lines('id: evil', 'severity: high', 'message: x', 'select:', '  statements: {}', 'match:', `  path: "$.actions[?(@.constructor.constructor('return process')().exit(7))]"`);
    expect(await problems({ 'evil.yml': evil })).toEqual([
      `evil.yml:7:9 JSONPath "$.actions[?(@.constructor.constructor('return process')().exit(7))]" is refused: it has a filter ("[?(...)]") or a script expression ("(...)"), and a rule file must not run code; select with a plain path and test the values with "equals", "matches", "allMatch" or the built-in predicates`,
    ]);
    for (const path of ['$..[(@.length-1)]', '$.a[?@.b==1]', '$.a[?(@.b)]', '$.a.constructor(1)', '$[?(true)]']) {
      expect(() => checkPath(path)).toThrow(UnsafePathError);
    }
  });

  it('the JSONPath engine itself runs with eval off: a filter that slipped through would throw, not run', async () => {
    const { queryPath } = await import('../../src/custom-rules/jsonpath.js');
    expect(queryPath('$.a[*].b', { a: [{ b: 1 }, { b: 2 }] })).toEqual([1, 2]);
    expect(() => queryPath("$.a[?(@.constructor.constructor('return process')().exit(7))]", { a: [{}] })).toThrow(/prevented/);
  });

  it('accepts plain paths only', () => {
    for (const path of ['$', '$.a', '$.a.b', "$['a b']", '$["a"]', '$.a[0]', '$.a[-1]', '$.a[*]', '$.*', '$..b', '$..*', '$.a[0:2]', '$.a[1,2]', "$['a','b']", '$..[0]']) {
      expect(() => checkPath(path)).not.toThrow();
    }
    for (const path of ['a.b', '$.', '$.a[', '$.a[b]', '$.a b', '$@', '$.a^', '$.a~']) {
      expect(() => checkPath(path)).toThrow(UnsafePathError);
    }
  });
});

describe('bad rule files', () => {
  it('schema errors with file, line and column', async () => {
    expect(
      await problems({
        'bad.yml': lines('id: Bad_Id', 'severity: hi', 'message: x', 'select:', '  statements: {}', '  policies: {}', 'match:', '  grantsAction: s3:GetObject', 'extra: 1'),
      }),
    ).toEqual([
      'bad.yml:1:5 "id" is "Bad_Id", which does not match ^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
      'bad.yml:2:11 "severity" is "hi"; expected one of: critical, high, medium, low, info',
      'bad.yml:5:3 "select" may have only one of its keys (statements, principals, policies, resources)',
      'bad.yml:9:1 unknown key "extra" in the top level (allowed: id, severity, description, message, helpUri, select, match)',
    ]);
    expect(await problems({ 'r.json': '{ "id": "a-b", "severity": "low", "select": { "policies": {} }, "match": { "isWildcard": "everything" } }' })).toEqual([
      'r.json:1:1 the top level needs "message"',
      'r.json:1:90 "match.isWildcard" is "everything"; expected one of: action, notAction, resource, notResource, principal',
    ]);
  });

  it('what the schema cannot say: one predicate per entry, tests only with a path, unique ids, no built-in ids', async () => {
    const base = (id: string, match: string) => lines(`id: ${id}`, 'severity: low', 'message: x', 'select:', '  statements: {}', 'match:', ...match.split('\n').map((l) => `  ${l}`));
    expect(
      await problems({
        'a.yml': base('a-rule', 'grantsAction: s3:GetObject\nhasCondition: aws:SourceIp'),
        'b.yml': base('b-rule', 'all:\n  - exists: true'),
        'c.yml': base('c-rule', 'path: $.sid\nexists: true\nequals: x'),
        'd.yml': base('admin-access', 'path: $.sid'),
        'e.yml': base('e-rule', 'path: $.sid'),
        'f.yml': base('e-rule', 'path: $.sid'),
      }),
    ).toEqual([
      'a.yml:7:3 "match" has "grantsAction" and "hasCondition": one predicate per entry (combine them with "all" or "any")',
      'b.yml:8:7 "match.all.0" needs a predicate: all, any, not, grantsAction, hasCondition, isWildcard, principalIs or path',
      'c.yml:7:3 "match" has "exists" and "equals": one test per path (combine them with "all")',
      'd.yml:1:5 "admin-access" is the id of a built-in rule; choose another (e.g. with your organisation as a prefix)',
      'f.yml:1:5 "e-rule" is also the id of the rule in e.yml',
    ]);
  });

  it('syntax errors, and missing files', async () => {
    const [p] = await problems({ 'x.yml': 'id: a\n  b: [\n' });
    expect(p).toMatch(/^x\.yml:\d+:\d+ syntax error: /);
    await expect(loadCustomRules(['/nonexistent/rules.yml'], builtIn)).rejects.toThrow('custom rule file or folder not found');
  });
});

describe('globs', () => {
  it('match like IAM: * any run, ? one character, case-sensitive, without backtracking blow-ups', () => {
    expect(globMatch('arn:aws:iam::*:root', 'arn:aws:iam::123:root')).toBe(true);
    expect(globMatch('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(globMatch('S3:*', 's3:GetObject')).toBe(false);
    expect(globMatch('*', '')).toBe(true);
    expect(globMatch('a*b*c', 'axxbyyc')).toBe(true);
    expect(globMatch('a*b*c', 'axxbyy')).toBe(false);
    const start = Date.now();
    expect(globMatch('*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});

describe('custom rules in the CLI', () => {
  const ADMIN_DELETE = policy({ Effect: 'Allow', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::b' });
  async function run(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CliIo = { cwd, stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: () => '', isTty: false, env: {} };
    return { code: await main(argv, io), out, err };
  }

  it('from the configuration: configured like built-in rules, suppressible, listed, explained and described in SARIF', async () => {
    const dir = dirWith({
      '.iamlint.yml': lines('customRules: [rules/]', 'rules:', '  acme-no-s3-delete-bucket: critical', '  acme-role-permissions-boundary: off'),
      'rules/a.yml': lines('id: acme-no-s3-delete-bucket', 'severity: high', 'description: Disallow bucket deletion', "message: 'No DeleteBucket in {{resource}}.'", 'helpUri: https://wiki.example.com/iam#delete', 'select:', '  statements: {}', 'match:', '  grantsAction: s3:DeleteBucket'),
      'rules/b.json': '{ "id": "acme-role-permissions-boundary", "severity": "low", "message": "m", "select": { "resources": { "kinds": ["role"] } }, "match": { "path": "$.permissionsBoundary", "exists": false } }',
      'p.json': ADMIN_DELETE,
      'q.json': ADMIN_DELETE.replace('[\n', '[\n    // iamlint-ignore acme-no-s3-delete-bucket -- the cleanup job\n'),
    });
    const json = await run(['-f', 'json', '.'], dir);
    const found = (JSON.parse(json.out) as { findings: { file: string; ruleId: string; severity: string; suppressed?: unknown }[] }).findings.filter((f) => f.ruleId.startsWith('acme-'));
    expect(found.map((f) => `${f.file} ${f.ruleId} ${f.severity} ${f.suppressed ? 'suppressed' : ''}`)).toEqual([
      'p.json acme-no-s3-delete-bucket critical ',
      'q.json acme-no-s3-delete-bucket critical suppressed',
    ]);
    expect((await run(['--list-rules'], dir)).out).toMatch(/acme-no-s3-delete-bucket\s+high\s+Disallow bucket deletion/);
    expect((await run(['--explain', 'acme-no-s3-delete-bucket'], dir)).out).toContain('A custom rule, defined in rules/a.yml.');
    const sarif = JSON.parse((await run(['-f', 'sarif', '.'], dir)).out) as Sarif.Log;
    const descriptor = sarif.runs[0]?.tool.driver.rules?.find((r) => r.id === 'acme-no-s3-delete-bucket');
    expect(descriptor?.helpUri).toBe('https://wiki.example.com/iam#delete');
  });

  it('a bad rule file exits 2 with its position; --custom-rules adds files', async () => {
    const dir = dirWith({ 'evil.yml': lines('id: evil', 'severity: high', 'message: x', 'select: { statements: {} }', "match: { path: '$..[(@.length-1)]' }"), 'p.json': ADMIN_DELETE });
    const r = await run(['--custom-rules', 'evil.yml', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('iamlint: evil.yml:5:16: JSONPath "$..[(@.length-1)]" is refused');
    const ok = await run(['--custom-rules', join(EXAMPLES, 'no-s3-delete-bucket.yml'), '-f', 'json', 'p.json'], dir);
    expect(ok.out).toContain('acme-no-s3-delete-bucket');
  });
});
