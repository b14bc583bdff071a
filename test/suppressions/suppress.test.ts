/**
 * Inline suppressions in every format that has them: JSONC policy files and CloudFormation YAML through the real
 * parsers; HCL and TypeScript text through small stand-in formats (the directives are lexical, so the text is what
 * matters); CloudFormation/CDK `Metadata.iamlint.ignore` through `model.suppressions`.
 */
import { ALL_CHECKS } from '../../checks/index.js';
import { parseCloudFormationFile } from '../../parsers/cloudformation/index.js';
import { parseLocatedYaml } from '../../parsers/cloudformation/yaml.js';
import { parseLocatedJson } from '../../parsers/shared/json.js';
import { defineCheck, type AnyCheck } from '../../src/check.js';
import type { Format } from '../../src/engine/formats.js';
import { FORMATS } from '../../src/engine/formats.js';
import { lintSources, type LintOptions } from '../../src/engine/lint.js';
import type { SourceFile } from '../../src/engine/source.js';
import { declaredSuppressions } from '../../src/model/declared-suppression.js';
import { entry, type Located } from '../../src/model/located.js';
import { emptyModel } from '../../src/model/model.js';
import type { ResourceRef } from '../../src/model/resource-ref.js';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';
const TODAY = '2026-06-01';

async function lint(files: Record<string, string>, opts: Partial<LintOptions> = {}) {
  const sources = Object.entries(files).map(([rel, text]) => ({ abs: `/virtual/${rel}`, rel, text }));
  const result = await lintSources(sources, { root: '/virtual', checks: ALL_CHECKS, ...opts, suppressions: { today: TODAY, ...opts.suppressions } });
  const show = (f: { ruleId: string; file: string; line: number; messageId: string }) => `${f.file}:${f.line} ${f.ruleId}`;
  return {
    result,
    active: result.findings.filter((f) => f.ruleId !== 'unused-suppression').map(show),
    suppressed: result.suppressed.map(show),
    unused: result.findings.filter((f) => f.ruleId === 'unused-suppression').map((f) => `${f.file}:${f.line} ${f.messageId}`),
  };
}

describe('policy JSON (JSONC comments)', () => {
  const admin = (comment: string, trailing = ''): string =>
    lines('{', '  "Version": "2012-10-17",', '  "Statement": [', comment, `    { "Effect": "Allow", "Action": "*", "Resource": "*" }${trailing}`, '  ]', '}');
  const onlyAdmin = { rules: Object.fromEntries(ALL_CHECKS.filter((c) => !['admin-access', 'wildcard-action', 'unused-suppression'].includes(c.meta.id)).map((c) => [c.meta.id, 'off' as const])) };

  it('a directive before a statement suppresses its findings, which are kept with the reason', async () => {
    const r = await lint({ 'p.json': admin('    // iamlint-ignore admin-access, wildcard-action until=2026-12-31 -- break-glass role, SEC-12') }, onlyAdmin);
    expect(r.active).toEqual([]);
    expect(r.suppressed).toEqual(['p.json:5 admin-access', 'p.json:5 wildcard-action']);
    expect(r.result.suppressed[0]?.suppressed).toEqual({ kind: 'inSource', reason: 'break-glass role, SEC-12', until: '2026-12-31', file: 'p.json', line: 4 });
    expect(r.unused).toEqual([]);
  });

  it('only the named rules are suppressed', async () => {
    const r = await lint({ 'p.json': admin('    // iamlint-ignore admin-access -- break-glass') }, onlyAdmin);
    expect(r.active).toEqual(['p.json:5 wildcard-action']);
    expect(r.suppressed).toEqual(['p.json:5 admin-access']);
  });

  it('a trailing directive, and a file-level one', async () => {
    const trailing = await lint({ 'p.json': admin('', ' // iamlint-ignore admin-access -- break-glass') }, onlyAdmin);
    expect(trailing.suppressed).toEqual(['p.json:5 admin-access']);
    const file = await lint({ 'p.json': admin('    // iamlint-ignore-file wildcard-action -- generated') }, onlyAdmin);
    expect(file.suppressed).toEqual(['p.json:5 wildcard-action']);
  });

  it('an expired directive suppresses nothing and is reported', async () => {
    const r = await lint({ 'p.json': admin('    // iamlint-ignore admin-access until=2026-05-31 -- until the migration') }, onlyAdmin);
    expect(r.active).toEqual(['p.json:5 admin-access', 'p.json:5 wildcard-action']);
    expect(r.unused).toEqual(['p.json:4 expired']);
    // The day itself still counts.
    const lastDay = await lint({ 'p.json': admin('    // iamlint-ignore admin-access until=2026-06-01 -- until the migration') }, onlyAdmin);
    expect(lastDay.suppressed).toEqual(['p.json:5 admin-access']);
  });

  it('a directive without a reason or malformed suppresses nothing and is reported', async () => {
    const r = await lint(
      {
        'a.json': admin('    // iamlint-ignore admin-access'),
        'b.json': admin('    // iamlint-ignore admin-access until=tomorrow -- x'),
      },
      onlyAdmin,
    );
    expect(r.suppressed).toEqual([]);
    expect(r.unused).toEqual(['a.json:4 noReason', 'b.json:4 malformed']);
  });

  it('an unused directive (on the wrong line) is reported', async () => {
    const r = await lint({ 'p.json': lines('// iamlint-ignore admin-access -- wrong place', '{', '  "Version": "2012-10-17",', '  "Statement": [', '    { "Effect": "Allow", "Action": "*", "Resource": "*" }', '  ]', '}') }, onlyAdmin);
    // Before the document's first line: the document block starts there, so it applies to the whole document.
    expect(r.suppressed).toEqual(['p.json:5 admin-access']);
    const wrong = await lint({ 'p.json': admin('', '').replace('"Version": "2012-10-17",', '"Version": "2012-10-17", // iamlint-ignore admin-access -- wrong line') }, onlyAdmin);
    expect(wrong.unused).toEqual(['p.json:2 unused']);
    expect(wrong.active).toContain('p.json:5 admin-access');
  });
});

describe('CloudFormation YAML', () => {
  const template = (before: { resource?: string; statement?: string; top?: string } = {}): string =>
    lines(
      ...(before.top ? [before.top] : []),
      'Resources:',
      ...(before.resource ? [`  ${before.resource}`] : []),
      '  Writer:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      ...(before.statement ? [`          ${before.statement}`] : []),
      '          - Effect: Allow',
      '            Action: [dynamodb:PutItem, s3:PutObject]',
      "            Resource: '*'",
      '          - Effect: Allow',
      '            Action: sqs:SendMessage',
      "            Resource: '*'",
      '  Other:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            Action: sns:Publish',
      "            Resource: '*'",
    );
  const onlyWildcardResource = { rules: Object.fromEntries(ALL_CHECKS.filter((c) => !['wildcard-resource', 'unused-suppression'].includes(c.meta.id)).map((c) => [c.meta.id, 'off' as const])) };

  it('without directives, three findings', async () => {
    const r = await lint({ 't.yaml': template() }, onlyWildcardResource);
    expect(r.active).toEqual(['t.yaml:10 wildcard-resource', 't.yaml:13 wildcard-resource', 't.yaml:22 wildcard-resource']);
  });

  it('before a resource: every finding of the rule in that resource', async () => {
    const r = await lint({ 't.yaml': template({ resource: '# iamlint-ignore wildcard-resource -- tables are created per tenant' }) }, onlyWildcardResource);
    expect(r.suppressed).toEqual(['t.yaml:11 wildcard-resource', 't.yaml:14 wildcard-resource']);
    expect(r.active).toEqual(['t.yaml:23 wildcard-resource']);
  });

  it('before a statement: that statement only', async () => {
    const r = await lint({ 't.yaml': template({ statement: '# iamlint-ignore wildcard-resource -- tables are created per tenant' }) }, onlyWildcardResource);
    expect(r.suppressed).toEqual(['t.yaml:11 wildcard-resource']);
    expect(r.active).toEqual(['t.yaml:14 wildcard-resource', 't.yaml:23 wildcard-resource']);
  });

  it('iamlint-ignore-file at the top: the whole template', async () => {
    const r = await lint({ 't.yaml': template({ top: '# iamlint-ignore-file wildcard-resource -- sandbox account' }) }, onlyWildcardResource);
    expect(r.suppressed).toHaveLength(3);
    expect(r.active).toEqual([]);
  });
});

/** A stand-in format for text with resource blocks: `resource "type" "name" {` ... `}`; each `BAD` line is a finding. */
function blockFormat(ext: string): Format {
  return {
    id: `blocks${ext}`,
    matches: (rel) => rel.endsWith(ext),
    async parse([file]: SourceFile[]) {
      const f = file as SourceFile;
      const model = emptyModel({ kind: 'terraform', id: f.rel, files: [f.rel] });
      const ls = f.text.split('\n');
      let open: { ref: ResourceRef; start: number } | undefined;
      ls.forEach((l, i) => {
        const m = /resource "(\w+)" "(\w+)"|new (\w+)\(this, "(\w+)"/.exec(l);
        if (m) {
          const ref: ResourceRef = { address: `${m[1] ?? m[3]}.${m[2] ?? m[4]}`, type: m[1] ?? m[3] ?? '', loc: { file: f.rel, line: i + 1, column: 1, endLine: i + 1, endColumn: 1 } };
          open = { ref, start: i + 1 };
          model.identities.push({ kind: 'role', ref, inlinePolicies: [], managedPolicyArns: [], groups: [] });
        }
        if (/^\s*(}|\}\);)\s*$/.test(l) && open) {
          open.ref.loc.endLine = i + 1;
          open = undefined;
        }
        if (l.includes('BAD') && open) model.notes.push({ message: open.ref.address, loc: { file: f.rel, line: i + 1, column: 3, endLine: i + 1, endColumn: 6 } });
      });
      return model;
    },
  };
}

/** Reports every BAD line (carried as a note naming its resource by the stand-in format), on its resource. */
const badCheck: AnyCheck = defineCheck({
  meta: { id: 'fake-bad', severity: 'high', category: 'validity', description: 'Disallow BAD', messages: { bad: 'BAD here.' } },
  run(ctx) {
    for (const n of ctx.model.notes) {
      const owner = ctx.model.identities.find((i) => i.ref.address === n.message)?.ref;
      if (owner) ctx.report({ node: { owner, loc: n.loc }, messageId: 'bad' });
    }
  },
});
const unusedCheck = ALL_CHECKS.find((c) => c.meta.id === 'unused-suppression') as AnyCheck;

async function lintBlocks(files: Record<string, string>) {
  const sources = Object.entries(files).map(([rel, text]) => ({ abs: `/virtual/${rel}`, rel, text }));
  const result = await lintSources(sources, { root: '/virtual', checks: [badCheck, unusedCheck], formats: [blockFormat('.tf'), blockFormat('.ts')], suppressions: { today: TODAY } });
  return {
    active: result.findings.map((f) => `${f.line} ${f.ruleId}${f.ruleId === 'unused-suppression' ? `:${f.messageId}` : ''}`),
    suppressed: result.suppressed.map((f) => `${f.line} ${f.suppressed?.reason}`),
  };
}

describe('HCL (# and // comments)', () => {
  it('before a block, at the end of a line, and unused', async () => {
    const r = await lintBlocks({
      'main.tf': lines(
        '# iamlint-ignore fake-bad -- legacy role, OPS-7',
        'resource "aws_iam_role" "legacy" {',
        '  BAD',
        '  BAD',
        '}',
        'resource "aws_iam_role" "other" {',
        '  BAD // iamlint-ignore fake-bad -- one exception',
        '  BAD',
        '  // iamlint-ignore fake-bad -- nothing below',
        '  ok = true',
        '}',
      ),
    });
    expect(r.suppressed).toEqual(['3 legacy role, OPS-7', '4 legacy role, OPS-7', '7 one exception']);
    expect(r.active).toEqual(['8 fake-bad', '9 unused-suppression:unused']);
  });
});

describe('TypeScript (CDK source, // comments)', () => {
  it('before a construct and expired', async () => {
    const r = await lintBlocks({
      'stack.ts': lines(
        '// iamlint-ignore fake-bad -- reviewed',
        'const a = new Role(this, "A", {',
        '  BAD,',
        '});',
        '// iamlint-ignore fake-bad until=2026-01-01 -- until the rewrite',
        'const b = new Role(this, "B", {',
        '  BAD,',
        '});',
      ),
    });
    expect(r.suppressed).toEqual(['3 reviewed']);
    expect(r.active).toEqual(['5 unused-suppression:expired', '7 fake-bad']);
  });
});

/**
 * CloudFormation (and CDK assembly templates) carry `Metadata.iamlint.ignore`. The CloudFormation parser fills
 * `model.suppressions` with `declaredSuppressions` (src/model/declared-suppression.ts); this wrapper does it the same
 * way on top of the real parser, so the tests hold whether or not the parser does it yet.
 */
const cfnWithMetadata: Format = {
  id: 'cfn-metadata',
  matches: (rel) => /\.(json|ya?ml)$/.test(rel),
  async parse([file]: SourceFile[]) {
    const f = file as SourceFile;
    const model = parseCloudFormationFile(f);
    if (!model) return null;
    if (model.suppressions) return model; // the parser does it already
    const root: Located | undefined = f.rel.endsWith('.json') ? parseLocatedJson(f.text, f.rel).value : parseLocatedYaml(f.text, f.rel).value;
    if (root?.kind !== 'object') return model;
    const out = declaredSuppressions(entry(root, 'Metadata')?.value, { file: f.rel });
    const resources = entry(root, 'Resources')?.value;
    for (const r of resources?.kind === 'object' ? resources.entries : []) {
      if (r.value.kind === 'object') out.push(...declaredSuppressions(entry(r.value, 'Metadata')?.value, { file: f.rel, resource: r.key }));
    }
    model.suppressions = out;
    return model;
  },
};

describe('CloudFormation and CDK metadata (model.suppressions)', () => {
  const template = (resourceMeta: unknown, templateMeta?: unknown): string =>
    JSON.stringify(
      {
        ...(templateMeta ? { Metadata: templateMeta } : {}),
        Resources: {
          Writer: {
            Type: 'AWS::IAM::ManagedPolicy',
            ...(resourceMeta ? { Metadata: resourceMeta } : {}),
            Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '*' }] } },
          },
          Other: {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] } },
          },
        },
      },
      null,
      2,
    );
  const run = (text: string, name = 'Stack.template.json') => lint({ [name]: text }, { formats: [cfnWithMetadata, ...FORMATS], rules: Object.fromEntries(ALL_CHECKS.filter((c) => !['wildcard-resource', 'unused-suppression'].includes(c.meta.id)).map((c) => [c.meta.id, 'off' as const])) });

  it('resource level: that resource only; the suppression records where it is written', async () => {
    const r = await run(template({ iamlint: { ignore: [{ rule: 'wildcard-resource', reason: 'per-tenant tables', expires: '2026-12-31' }] }, 'aws:cdk:path': 'Stack/Writer/Resource' }));
    expect(r.suppressed).toEqual(['Stack.template.json:24 wildcard-resource']);
    expect(r.active).toEqual(['Stack.template.json:39 wildcard-resource']);
    expect(r.result.suppressed[0]?.suppressed).toMatchObject({ kind: 'inSource', reason: 'per-tenant tables', until: '2026-12-31', line: 8 });
  });

  it('template level: every resource', async () => {
    const r = await run(template(undefined, { iamlint: { ignore: [{ rule: 'wildcard-resource', reason: 'sandbox' }] } }));
    expect(r.suppressed).toHaveLength(2);
  });

  it('YAML metadata too', async () => {
    const yaml = lines(
      'Resources:',
      '  Writer:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Metadata:',
      '      iamlint:',
      '        ignore:',
      '          - rule: wildcard-resource',
      '            reason: per-tenant tables',
      '    Properties:',
      '      PolicyDocument:',
      '        Statement:',
      '          - { Effect: Allow, Action: dynamodb:PutItem, Resource: "*" }',
    );
    const r = await run(yaml, 't.yaml');
    expect(r.suppressed).toEqual(['t.yaml:12 wildcard-resource']);
    expect(r.unused).toEqual([]);
  });

  it('missing reason, no rule, unknown key, bad date, expired and unused are reported and suppress nothing', async () => {
    const r = await run(
      template({
        iamlint: {
          ignore: [
            { rule: 'wildcard-resource' },
            { reason: 'no rule' },
            { rule: 'wildcard-resource', reason: 'x', until2: '2026-01-01' },
            { rule: 'wildcard-resource', reason: 'x', expires: 'next year' },
            { rule: 'wildcard-resource', reason: 'x', expires: '2026-01-01' },
            { rule: 'wildcard-resource', reason: 'x', expires: '2026-12-31' },
            { rule: 'wildcard-resource', reason: 'the same again' },
          ],
        },
      }, { iamlint: { ignore: [{ rule: 'wildcard-resource', reason: 'nothing else matches in Other' }] } }),
    );
    const kinds = r.result.findings.filter((f) => f.ruleId === 'unused-suppression').map((f) => f.messageId);
    expect(kinds).toEqual(['noReason', 'malformed', 'malformed', 'malformed', 'expired']);
    // The last two resource-level entries and the template-level one all match: none is unused.
    expect(r.suppressed).toHaveLength(2);
  });

  it('"iamlint" metadata of the wrong shape is reported', () => {
    const v = parseLocatedJson('{"iamlint": {"ignore": "wildcard-resource"}}', 'x.json').value;
    expect(declaredSuppressions(v, { file: 'x.json' }).map((s) => s.problem)).toEqual(['"iamlint.ignore" must be a list of { rule, reason, expires? }']);
    expect(declaredSuppressions(parseLocatedJson('{"other": 1}', 'x.json').value, { file: 'x.json' })).toEqual([]);
  });
});

describe('the suppression policy', () => {
  const admin = (comment: string): string =>
    lines('{', '  "Version": "2012-10-17",', '  "Statement": [', comment, '    { "Effect": "Allow", "Action": "*", "Resource": "*" }', '  ]', '}');
  const only = { rules: Object.fromEntries(ALL_CHECKS.filter((c) => !['admin-access', 'unused-suppression'].includes(c.meta.id)).map((c) => [c.meta.id, 'off' as const])) };

  it('inline: false ignores every suppression and reports none', async () => {
    const r = await lint({ 'p.json': admin('    // iamlint-ignore admin-access -- break-glass'), 'q.json': admin('    // iamlint-ignore admin-access') }, { ...only, suppressions: { inline: false } });
    expect(r.active).toEqual(['p.json:5 admin-access', 'q.json:5 admin-access']);
    expect(r.unused).toEqual([]);
  });

  it('forbid: a rule that may not be suppressed inline', async () => {
    const r = await lint({ 'p.json': admin('    // iamlint-ignore admin-access -- break-glass') }, { ...only, suppressions: { forbid: ['admin-access'] } });
    expect(r.active).toEqual(['p.json:5 admin-access']);
    expect(r.unused).toEqual(['p.json:4 forbidden']);
  });

  it('requireExpiry and maxExpiryDays', async () => {
    const noDate = await lint({ 'p.json': admin('    // iamlint-ignore admin-access -- break-glass') }, { ...only, suppressions: { requireExpiry: true } });
    expect(noDate.unused).toEqual(['p.json:4 noExpiry']);
    const far = await lint({ 'p.json': admin('    // iamlint-ignore admin-access until=2027-06-02 -- break-glass') }, { ...only, suppressions: { maxExpiryDays: 365 } });
    expect(far.unused).toEqual(['p.json:4 tooLong']);
    expect(far.active).toEqual(['p.json:5 admin-access']);
    const near = await lint({ 'p.json': admin('    // iamlint-ignore admin-access until=2027-06-01 -- break-glass') }, { ...only, suppressions: { maxExpiryDays: 365, requireExpiry: true } });
    expect(near.suppressed).toEqual(['p.json:5 admin-access']);
  });

  it('reportOnly keeps suppressed findings of the named files only', async () => {
    const r = await lint({ 'p.json': admin('    // iamlint-ignore admin-access -- a'), 'q.json': admin('    // iamlint-ignore admin-access -- b') }, { ...only, reportOnly: new Set(['q.json']) });
    expect(r.suppressed).toEqual(['q.json:5 admin-access']);
  });
});

describe('Terraform, through the real parser', () => {
  const onlyWildcards = { rules: Object.fromEntries(ALL_CHECKS.filter((c) => !['wildcard-action', 'wildcard-resource', 'unused-suppression'].includes(c.meta.id)).map((c) => [c.meta.id, 'off' as const])) };
  const tf = (comment: string): string =>
    lines(
      'data "aws_iam_policy_document" "deploy" {',
      '  statement {',
      comment,
      '    actions   = ["s3:*"]',
      '    resources = ["arn:aws:s3:::artifacts/*"]',
      '  }',
      '}',
      '',
      'resource "aws_iam_policy" "deploy" {',
      '  policy = data.aws_iam_policy_document.deploy.json',
      '}',
    );

  it('a directive on the line before an attribute suppresses its finding, with the reason', async () => {
    const r = await lint({ 'main.tf': tf('    # iamlint-ignore wildcard-action -- the deploy tool manages every object setting; SEC-12') }, onlyWildcards);
    expect(r.active).toEqual([]);
    expect(r.suppressed).toEqual(['main.tf:4 wildcard-action']);
    expect(r.result.suppressed[0]?.suppressed).toMatchObject({ reason: 'the deploy tool manages every object setting; SEC-12' });
  });

  it('an expired directive suppresses nothing and is reported', async () => {
    const r = await lint({ 'main.tf': tf('    // iamlint-ignore wildcard-action until=2026-01-01 -- temporary') }, onlyWildcards);
    expect(r.active).toEqual(['main.tf:4 wildcard-action']);
    expect(r.unused.length).toBe(1);
  });

  it('a directive without a reason suppresses nothing', async () => {
    const r = await lint({ 'main.tf': tf('    # iamlint-ignore wildcard-action') }, onlyWildcards);
    expect(r.active).toEqual(['main.tf:4 wildcard-action']);
    expect(r.unused.length).toBe(1);
  });
});
