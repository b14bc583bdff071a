/**
 * CDK TypeScript source: what values resolve (string and template literals, `const` bindings in the file and
 * imported from the app, enums, `as const` objects, arrays with spreads, string concatenation, `this.account`) and
 * that everything else stays unknown, which no wildcard rule treats as `*`.
 */
import { describe, expect, it } from '@jest/globals';
import { docOf, F, lint, parse, SL, stmt } from './source-helpers.js';

const CONFIG = ["export const ACTIONS = ['s3:PutObject'];", "export const Tier = { ADMIN: 'iam:*' } as const;", ''].join('\n');

// Line numbers are the array index + 1.
const VALUES = [
  "import * as iam from 'aws-cdk-lib/aws-iam';",
  "import { Stack } from 'aws-cdk-lib';",
  "import { ACTIONS, Tier } from './config';",
  '',
  "const BUCKET = 'reports';",
  'const ARN = `arn:aws:s3:::${BUCKET}/*`;',
  "const LIST = ['s3:GetObject', ...ACTIONS];",
  "enum Level { Read = 's3:GetObject', Admin = '*' }",
  'const MAP = { deny: iam.Effect.DENY } as const;',
  'export class Values extends Stack {',
  '  constructor(scope: any, id: string, props: { actions: string[]; tier?: string }) {',
  '    super(scope, id);',
  "    const role = new iam.Role(this, 'Role', { assumedBy: new iam.AccountRootPrincipal() });",
  '    role.addToPolicy(new iam.PolicyStatement({ actions: LIST, resources: [ARN] }));',
  "    role.addToPolicy(new iam.PolicyStatement({ actions: [Level.Admin], resources: ['arn:aws:s3:::' + BUCKET] }));",
  '    role.addToPolicy(new iam.PolicyStatement({ effect: MAP.deny, actions: [Tier.ADMIN], resources: [`arn:aws:iam::${this.account}:role/*`] }));',
  "    role.addToPolicy(new iam.PolicyStatement({ actions: props.actions, resources: ['*'] }));",
  "    role.addToPolicy(new iam.PolicyStatement({ actions: [`${props.tier}:*`], resources: [props.tier ?? '*'] }));",
  '  }',
  '}',
  '',
].join('\n');

describe('value resolution', () => {
  const model = parse({ 'lib/values.ts': VALUES, 'lib/config.ts': CONFIG });
  const statements = docOf(model, 'Values/Role/DefaultPolicy').statements.map(stmt);

  it('resolves consts, templates over consts and spreads of imported arrays, each value located where written', () => {
    expect(statements[0]).toEqual({
      loc: '14:22-14:82',
      effect: 'Allow@14:22-14:82',
      action: ['s3:GetObject@7:15-7:29', 's3:PutObject@1:25-1:39'],
      resource: ['arn:aws:s3:::reports/*@6:13-6:39'],
    });
  });

  it('resolves enum members and string concatenation', () => {
    expect(statements[1]).toMatchObject({ action: ['*@8:45-8:48'], resource: ['arn:aws:s3:::reports@15:84-15:108'] });
  });

  it('resolves enum-like library constants, imported `as const` objects and `this.account` (this account, unknown)', () => {
    expect(statements[2]).toMatchObject({
      effect: 'Deny@9:21-9:36',
      action: ['iam:*@2:30-2:37'],
      resource: ['arn:aws:iam::${AWS::AccountId#this}:role/*@16:101-16:138'],
    });
  });

  it('keeps what it cannot know unknown, never a wildcard', () => {
    expect(statements[3]).toMatchObject({ action: ['?props.actions@17:57-17:70'] });
    expect(statements[4]).toMatchObject({ action: ['${props.tier}:*@18:58-18:75'], resource: ["?props.tier ?? '*'@18:90-18:107"] });
  });

  it('raises wildcard findings on resolved wildcards only', async () => {
    const findings = (await lint({ 'lib/values.ts': VALUES, 'lib/config.ts': CONFIG })).map(F);
    expect(findings.filter((f) => f.startsWith('wildcard-action') || f.startsWith('admin-access'))).toEqual([
      // `actions: [Level.Admin]` is "*", on one bucket: a wildcard action, not administrator access.
      'wildcard-action Values/Role/DefaultPolicy lib/values.ts:15:48-15:70',
    ]);
    // Nothing on the statements with unknown actions (lines 17 and 18).
    expect(findings.filter((f) => /values\.ts:1[78]:/.test(f))).toEqual([]);
  });

  it('reads the spans of values passed through a function parameter from the caller', () => {
    const m = parse({
      'lib/helper.ts': [
        "import * as iam from 'aws-cdk-lib/aws-iam';",
        'export function allow(role: iam.Role, actions: string[]) {',
        "  role.addToPolicy(new iam.PolicyStatement({ actions, resources: ['*'] }));",
        '}',
      ].join('\n'),
      'lib/stack.ts': [
        "import * as cdk from 'aws-cdk-lib';",
        "import * as iam from 'aws-cdk-lib/aws-iam';",
        "import { allow } from './helper';",
        'export class S extends cdk.Stack {',
        '  constructor(scope: any, id: string) {',
        '    super(scope, id);',
        "    const role = new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });",
        "    allow(role, ['ec2:*']);",
        '  }',
        '}',
      ].join('\n'),
    });
    const st = docOf(m, 'S/R/DefaultPolicy').statements[0];
    expect(st && stmt(st)).toMatchObject({ loc: '3:20-3:74', action: ['ec2:*@8:18-8:25'] });
    // The element's key is in the helper, its value in the stack: the element is located at the value.
    expect(st?.action && SL({ ...st.action.items[0]!, loc: st.action.attrLoc })).toBe('ec2:*@8:17-8:26');
  });
});
