/**
 * Findings of a cloud assembly linted together with its CDK app's source: shown on the TypeScript line of the
 * construct that made them (template location related), reported once when the source finds them too; and the
 * rates on examples/cdk-app, synthesized once with the real aws-cdk-lib.
 */
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ALL_CHECKS } from '../../../checks/index.js';
import { lintPaths, lintSources } from '../../../src/engine/lint.js';
import type { Finding } from '../../../src/finding.js';
import { files, ROOT } from './source-helpers.js';

const STACK = [
  "import * as cdk from 'aws-cdk-lib';",
  "import * as iam from 'aws-cdk-lib/aws-iam';",
  "import { Construct } from 'constructs';",
  '',
  'export class S extends cdk.Stack {',
  '  constructor(scope: Construct, id: string) {',
  '    super(scope, id);',
  "    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });",
  "    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::data/*'] }));",
  "    const user = new iam.User(this, 'Deployer');",
  "    const key = new iam.AccessKey(this, 'Key', { user });",
  "    new cdk.CfnOutput(this, 'Secret', { value: key.secretAccessKey.unsafeUnwrap() });",
  '  }',
  '}',
  '',
].join('\n');

const meta = (path: string) => ({ 'aws:cdk:path': path });
const TEMPLATE = {
  Resources: {
    Role1ABCD: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] } }, Metadata: meta('S/Role/Resource') },
    RoleDefaultPolicy1234: {
      Type: 'AWS::IAM::Policy',
      Properties: { PolicyName: 'p', Roles: [{ Ref: 'Role1ABCD' }], PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::data/*' }] } },
      Metadata: meta('S/Role/DefaultPolicy/Resource'),
    },
    Deployer9F8E: { Type: 'AWS::IAM::User', Metadata: meta('S/Deployer/Resource') },
    KeyA1B2: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: { Ref: 'Deployer9F8E' } }, Metadata: meta('S/Key/Resource') },
    // Made by CDK itself (a custom resource provider): the source has no construct of that name.
    CustomProviderRoleC0FFEE: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{ PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::123456789012:role/x' }] } }],
      },
      Metadata: meta('S/Custom::Provider/Role'),
    },
    // A stack the source does not define.
    ElsewhereRole: {
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] } },
      Metadata: meta('Elsewhere/Role/Resource'),
    },
  },
  Outputs: { Secret: { Value: { 'Fn::GetAtt': ['KeyA1B2', 'SecretAccessKey'] } } },
};

const APP: Record<string, string> = {
  'cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
  'bin/app.ts': "import * as cdk from 'aws-cdk-lib';\nimport { S } from '../lib/s';\nconst app = new cdk.App();\nnew S(app, 'S');\n",
  'lib/s.ts': STACK,
  'cdk.out/manifest.json': JSON.stringify({ version: '36.0.0', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } }),
  'cdk.out/S.template.json': JSON.stringify(TEMPLATE, null, 1),
};

const brief = (f: Finding): string => `${f.ruleId} ${f.resource} ${f.file}:${f.line}`;

describe('findings of the cloud assembly, on the source', () => {
  it('reports a finding found in both once, on the source, with the template location related', async () => {
    const result = await lintSources(files(APP), { root: ROOT, checks: ALL_CHECKS });
    expect(result.findings.map(brief)).toEqual([
      // Only in the template, mapped to the deepest construct the source creates on the path (the stack).
      'wildcard-action S/Custom::Provider/Role bin/app.ts:4',
      // Not a construct of this app: left in the template.
      'trust-any-principal ElsewhereRole cdk.out/S.template.json:107',
      // Found by both: the source finding, once.
      'wildcard-action S/Role/DefaultPolicy lib/s.ts:9',
      'user-no-group S/Deployer lib/s.ts:10',
      'access-key-created S/Key lib/s.ts:11',
      'access-key-secret-exposed S/Secret lib/s.ts:12',
    ]);
    const byRule = (id: string, file: string) => result.findings.find((f) => f.ruleId === id && f.file === file);
    expect(byRule('wildcard-action', 'lib/s.ts')?.related).toEqual([
      { file: 'cdk.out/S.template.json', line: 37, column: 8, endLine: 37, endColumn: 24, message: 'reported on "RoleDefaultPolicy1234" in the synthesized template' },
    ]);
    const mapped = byRule('wildcard-action', 'bin/app.ts');
    expect([mapped?.line, mapped?.column, mapped?.endLine, mapped?.endColumn]).toEqual([4, 1, 4, 15]);
    expect(mapped?.related?.[0]).toMatchObject({ file: 'cdk.out/S.template.json', message: 'reported on "CustomProviderRoleC0FFEE" in the synthesized template' });
    // The output has no construct path: matched by its logical id under its stack.
    expect(byRule('access-key-secret-exposed', 'lib/s.ts')?.related?.map((r) => r.file)).toEqual(['cdk.out/S.template.json']);
    expect(result.sourceLinks).toEqual({ generated: 6, matched: 4, mapped: 1, unmapped: 1, merged: 0 });
  });

  it('drops the template finding when the source finding is suppressed', async () => {
    const suppressed = STACK.replace('    role.addToPolicy(', '    // iamlint-ignore wildcard-action -- the data bucket is this role’s own\n    role.addToPolicy(');
    const result = await lintSources(files({ ...APP, 'lib/s.ts': suppressed }), { root: ROOT, checks: ALL_CHECKS });
    expect(result.findings.filter((f) => f.ruleId === 'wildcard-action').map(brief)).toEqual(['wildcard-action S/Custom::Provider/Role bin/app.ts:4']);
    expect(result.suppressed.map(brief)).toEqual(['wildcard-action S/Role/DefaultPolicy lib/s.ts:10']);
  });

  it('leaves a cloud assembly alone when no source is linted with it', async () => {
    const result = await lintSources(
      files(Object.fromEntries(Object.entries(APP).filter(([k]) => k.startsWith('cdk.out/')))),
      { root: ROOT, checks: ALL_CHECKS },
    );
    expect(result.findings.every((f) => f.file === 'cdk.out/S.template.json')).toBe(true);
    expect(result.sourceLinks).toBeUndefined();
  });
});

describe('examples/cdk-app (cdk.out synthesized with aws-cdk-lib 2.276.0)', () => {
  const root = join(process.cwd(), 'examples/cdk-app');

  it('maps at least 90% of the cloud assembly findings to a TypeScript line; the source alone finds at least 80%', async () => {
    const assembly = await lintPaths([join(root, 'cdk.out')], { root, checks: ALL_CHECKS });
    const both = await lintPaths([root], { root, checks: ALL_CHECKS });
    const stats = both.sourceLinks;
    if (!stats) throw new Error('no source links');
    expect(stats.generated).toBe(assembly.findings.length);
    const onTypeScript = (stats.matched + stats.mapped) / stats.generated;
    const foundBySource = stats.matched / stats.generated;
    process.stdout.write(
      `examples/cdk-app: ${stats.generated} cloud assembly findings; on a TypeScript line ${(onTypeScript * 100).toFixed(1)}% ` +
        `(${stats.matched} also found by the source alone, ${stats.mapped} moved to their construct, ${stats.unmapped} left in the template); ` +
        `found by the source alone ${(foundBySource * 100).toFixed(1)}%\n`,
    );
    expect(onTypeScript).toBeGreaterThanOrEqual(0.9);
    expect(foundBySource).toBeGreaterThanOrEqual(0.8);
    expect(both.findings.filter((f) => !f.file.endsWith('.ts'))).toEqual([]);
  });

  it('the source alone finds them without cdk.out, each instance of a stack class once', async () => {
    const source = await lintPaths([join(root, 'bin'), join(root, 'lib'), join(root, 'cdk.json')], { root, checks: ALL_CHECKS });
    const audit = source.findings.filter((f) => f.ruleId === 'trust-cross-account-no-external-id' && f.resource === 'Shared/AuditRole');
    expect(audit.map(brief)).toEqual(['trust-cross-account-no-external-id Shared/AuditRole lib/shared-stack.ts:67']);
    expect(audit[0]?.related).toEqual([{ file: 'lib/prod-stage.ts', line: 11, column: 20, endLine: 11, endColumn: 50, message: 'also in "Prod/Shared/AuditRole"' }]);
    // The debug statement exists outside production only (`if (props.stage !== 'prod')`).
    const debug = source.findings.filter((f) => f.ruleId === 'not-action-allow' && f.file === 'lib/api-stack.ts');
    expect(debug.map((f) => f.resource)).toEqual(['Api/OrdersHandler/ServiceRole/DefaultPolicy']);
  });
});
