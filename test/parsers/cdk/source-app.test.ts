/**
 * CDK TypeScript source: whole apps. The entry point (cdk.json), stacks, a stage, a nested construct library, methods
 * and helper functions, loops and conditions; units and companions; files that are not CDK; syntax errors,
 * runaway recursion and files outside the lint root; the editor path.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ALL_CHECKS } from '../../../checks/index.js';
import { cdkCompanions, groupCdkSources } from '../../../parsers/cdk/source/group.js';
import { parseCdkSource } from '../../../parsers/cdk/source/index.js';
import { FORMATS } from '../../../src/engine/formats.js';
import { lintPaths } from '../../../src/engine/lint.js';
import { UnitLinter } from '../../../src/lsp/unit-linter.js';
import { docOf, F, files, L, lint, parse, S, stmt } from './source-helpers.js';

const APP: Record<string, string> = {
  'cdk.json': '{ "app": "npx ts-node --prefer-ts-exts bin/app.ts", "output": "build/cdk.out" }',
  'bin/app.ts': [
    "import * as cdk from 'aws-cdk-lib';",
    "import { DataStack } from '../lib/data';",
    "import { AppStage } from '../lib/stage';",
    '',
    'const app = new cdk.App();',
    "new DataStack(app, 'Data');",
    "new AppStage(app, 'Prod', { roleName: 'prod-role' });",
    "for (const env of ['dev', 'test']) new DataStack(app, `Data-${env}`);",
    '',
  ].join('\n'),
  'lib/data.ts': [
    "import * as cdk from 'aws-cdk-lib';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    "import { Construct } from 'constructs';",
    "import { Admins } from './constructs';",
    '',
    'export class DataStack extends cdk.Stack {',
    '  public readonly bucket: s3.Bucket;',
    '  constructor(scope: Construct, id: string, props?: cdk.StackProps) {',
    '    super(scope, id, props);',
    "    this.bucket = new s3.Bucket(this, 'Bucket');",
    "    new Admins(this, 'Admins');",
    '  }',
    '}',
    '',
  ].join('\n'),
  'lib/stage.ts': [
    "import * as cdk from 'aws-cdk-lib';",
    "import { Construct } from 'constructs';",
    "import { ApiStack } from './api';",
    "import { DataStack } from './data';",
    '',
    'export class AppStage extends cdk.Stage {',
    '  constructor(scope: Construct, id: string, props: { roleName: string }) {',
    '    super(scope, id);',
    "    const data = new DataStack(this, 'Data');",
    "    new ApiStack(this, 'Api', { bucket: data.bucket, roleName: props.roleName });",
    '  }',
    '}',
    '',
  ].join('\n'),
  'lib/api.ts': [
    "import * as cdk from 'aws-cdk-lib';",
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    "import { Construct } from 'constructs';",
    '',
    'function statement(action: string) {',
    "  return new iam.PolicyStatement({ actions: [action], resources: ['*'] });",
    '}',
    '',
    'export class ApiStack extends cdk.Stack {',
    '  constructor(scope: Construct, id: string, props: { bucket: s3.IBucket; roleName: string }) {',
    '    super(scope, id);',
    "    const role = new iam.Role(this, 'Role', { roleName: props.roleName, assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });",
    "    this.allow(role, ['s3:*'], [props.bucket.bucketArn]);",
    "    if (props.roleName === 'prod-role') role.addToPolicy(statement('iam:PassRole'));",
    "    else role.addToPolicy(statement('*'));",
    '  }',
    '',
    '  private allow(role: iam.Role, actions: string[], resources: string[]) {',
    '    role.addToPolicy(new iam.PolicyStatement({ actions, resources }));',
    '  }',
    '}',
    '',
  ].join('\n'),
  'lib/constructs/index.ts': "export * from './admins';\n",
  'lib/constructs/admins.ts': [
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import { Construct } from 'constructs';",
    '',
    'class Member extends Construct {',
    '  constructor(scope: Construct, id: string, group: iam.Group) {',
    '    super(scope, id);',
    "    new iam.User(this, 'User').addToGroup(group);",
    '  }',
    '}',
    '',
    'export class Admins extends Construct {',
    '  constructor(scope: Construct, id: string) {',
    '    super(scope, id);',
    "    const group = new iam.Group(this, 'Group');",
    "    new Member(this, 'Alice', group);",
    '  }',
    '}',
    '',
  ].join('\n'),
  'lib/orphan.ts': [
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import { Construct } from 'constructs';",
    '',
    'export class Orphan extends Construct {',
    '  constructor(scope: Construct, id: string) {',
    '    super(scope, id);',
    "    new iam.Role(this, 'Role', { assumedBy: new iam.AnyPrincipal() });",
    '  }',
    '}',
    '',
  ].join('\n'),
  'lib/handler/index.ts': 'export const handler = async () => ({ statusCode: 200 });\n',
  'test/app.test.ts': "import * as cdk from 'aws-cdk-lib';\nimport { DataStack } from '../lib/data';\nnew DataStack(new cdk.App(), 'TestOnly');\n",
  'build/cdk.out/asset.1/index.ts': "import * as cdk from 'aws-cdk-lib';\nnew cdk.App();\n",
};

describe('a CDK app', () => {
  const model = parse(APP);

  it('walks the app from its entry point: stacks, a stage, loops, and the construct library', () => {
    expect(model.unit).toEqual({ kind: 'cdk-source', id: '.', files: Object.keys(APP) });
    expect(model.sourceMap?.sites.map((s) => `${s.path} ${s.kind} ${s.loc.file}:${L(s.loc)}`)).toEqual([
      'Data stack bin/app.ts:6:1-6:26',
      'Data/Bucket construct lib/data.ts:10:19-10:47',
      'Data/Admins construct lib/data.ts:11:5-11:30',
      'Data/Admins/Group construct lib/constructs/admins.ts:14:19-14:46',
      'Data/Admins/Alice construct lib/constructs/admins.ts:15:5-15:29',
      'Data/Admins/Alice/User construct lib/constructs/admins.ts:7:5-7:30',
      'Prod stage bin/app.ts:7:1-7:25',
      'Prod/Data stack lib/stage.ts:9:18-9:44',
      'Prod/Data/Bucket construct lib/data.ts:10:19-10:47',
      'Prod/Data/Admins construct lib/data.ts:11:5-11:30',
      'Prod/Data/Admins/Group construct lib/constructs/admins.ts:14:19-14:46',
      'Prod/Data/Admins/Alice construct lib/constructs/admins.ts:15:5-15:29',
      'Prod/Data/Admins/Alice/User construct lib/constructs/admins.ts:7:5-7:30',
      'Prod/Api stack lib/stage.ts:10:5-10:29',
      'Prod/Api/Role construct lib/api.ts:13:18-13:43',
      'Prod/Api/Role/DefaultPolicy construct lib/api.ts:20:5-20:70',
      'Data-dev stack bin/app.ts:8:36-8:68',
      'Data-dev/Bucket construct lib/data.ts:10:19-10:47',
      'Data-dev/Admins construct lib/data.ts:11:5-11:30',
      'Data-dev/Admins/Group construct lib/constructs/admins.ts:14:19-14:46',
      'Data-dev/Admins/Alice construct lib/constructs/admins.ts:15:5-15:29',
      'Data-dev/Admins/Alice/User construct lib/constructs/admins.ts:7:5-7:30',
      'Data-test stack bin/app.ts:8:36-8:68',
      'Data-test/Bucket construct lib/data.ts:10:19-10:47',
      'Data-test/Admins construct lib/data.ts:11:5-11:30',
      'Data-test/Admins/Group construct lib/constructs/admins.ts:14:19-14:46',
      'Data-test/Admins/Alice construct lib/constructs/admins.ts:15:5-15:29',
      'Data-test/Admins/Alice/User construct lib/constructs/admins.ts:7:5-7:30',
      // Not reached from the entry point: evaluated on its own, named after its class.
      'Orphan construct lib/orphan.ts:4:14-4:20',
      'Orphan/Role construct lib/orphan.ts:7:5-7:30',
    ]);
  });

  it('follows props, fields, methods and helper functions; takes the branch a known condition selects', () => {
    const role = model.identities.find((i) => i.ref.address === 'Prod/Api/Role');
    expect(S(role?.name)).toBe('prod-role');
    expect(docOf(model, 'Prod/Api/Role/DefaultPolicy').statements.map(stmt)).toEqual([
      // this.allow(role, ['s3:*'], [...]): the values come from the call.
      { loc: '20:22-20:69', effect: 'Allow@20:22-20:69', action: ['s3:*@14:23-14:29'], resource: ['?props.bucket.bucketArn->Prod/Data/Bucket@14:33-14:55'] },
      // statement('iam:PassRole'), made in a helper function; the `else` branch ('*') is not taken.
      { loc: '7:10-7:74', effect: 'Allow@7:10-7:74', action: ['iam:PassRole@15:68-15:82'], resource: ['*@7:67-7:70'] },
    ]);
  });

  it('links users to groups across constructs', () => {
    const alice = model.identities.find((i) => i.ref.address === 'Data/Admins/Alice/User');
    expect(alice?.groups.map(S)).toEqual(['?Data/Admins/Group->Data/Admins/Group']);
  });

  it('leaves out tests, the cloud assembly output and files that are not CDK', () => {
    expect(model.sourceMap?.sites.some((s) => s.path.startsWith('TestOnly'))).toBe(false);
    expect(model.sourceMap?.outputs).toEqual(['build/cdk.out']);
  });

  it('reports findings where the mistake is written: a helper, the caller of a method, an unreached class', async () => {
    expect((await lint(APP)).map(F)).toEqual([
      // statement('iam:PassRole') builds the statement in the helper.
      'pass-role-wildcard Prod/Api/Role/DefaultPolicy lib/api.ts:7:36-7:71',
      'wildcard-resource Prod/Api/Role/DefaultPolicy lib/api.ts:7:55-7:71',
      // this.allow(role, ['s3:*'], ...): the actions are written at the call.
      'wildcard-action Prod/Api/Role/DefaultPolicy lib/api.ts:14:22-14:30',
      'trust-any-principal Orphan/Role lib/orphan.ts:7:45-7:67',
    ]);
  });
});

describe('units and companions', () => {
  it('groups the files of each cdk.json folder, and other .ts files one by one', () => {
    const groups = groupCdkSources(
      files({
        'apps/a/cdk.json': '{}',
        'apps/a/lib/s.ts': '',
        'apps/a/inner/cdk.json': '{}',
        'apps/a/inner/x.ts': '',
        'apps/b/cdk.json': '{}',
        'apps/b/bin/app.ts': '',
        'loose.ts': '',
      }).concat([{ abs: '/elsewhere/app/cdk.json', rel: '../app/cdk.json', text: '{}' }, { abs: '/elsewhere/app/y.ts', rel: '../app/y.ts', text: '' }]),
    );
    expect(groups.map((g) => g.map((f) => f.rel))).toEqual([
      ['apps/a/cdk.json', 'apps/a/lib/s.ts'],
      ['apps/a/inner/cdk.json', 'apps/a/inner/x.ts'],
      ['apps/b/cdk.json', 'apps/b/bin/app.ts'],
      // A folder named outside the current directory is an app like any other.
      ['../app/cdk.json', '../app/y.ts'],
      ['loose.ts'],
    ]);
  });

  it('declines .ts files that are not CDK by a text test, before parsing', async () => {
    const format = FORMATS.find((f) => f.id === 'cdk-source');
    expect(format?.matches('src/util.ts')).toBe(true);
    expect(format?.matches('src/util.d.ts')).toBe(false);
    expect(await format?.parse(files({ 'src/util.ts': 'export const x: number = ;' }), {})).toBeNull();
    expect(parseCdkSource(files({ 'src/util.ts': 'export const x = 1;' }))).toBeNull();
    // A .ts file that imports aws-cdk-lib is a unit of its own.
    expect(parseCdkSource(files({ 'stack.ts': "import * as cdk from 'aws-cdk-lib';\n" }))?.unit.kind).toBe('cdk-source');
  });

  it('names the app around a file as its companions: cdk.json and the app sources, not tests or outputs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-cdk-companions-'));
    const write = (rel: string, text = ''): void => {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    };
    write('.git/HEAD', 'ref');
    write('app/cdk.json', '{"app":"npx ts-node bin/app.ts"}');
    write('app/bin/app.ts');
    write('app/lib/stack.ts');
    write('app/lib/types.d.ts');
    write('app/test/stack.test.ts');
    write('app/node_modules/x/index.ts');
    write('app/cdk.out/asset.1/index.ts');
    write('other/loose.ts');
    const rel = (abs: string): string => abs.slice(dir.length + 1);
    expect(cdkCompanions(join(dir, 'app/lib/stack.ts')).map(rel).sort()).toEqual(['app/bin/app.ts', 'app/cdk.json', 'app/lib/stack.ts']);
    expect(cdkCompanions(join(dir, 'other/loose.ts'))).toEqual([]);
  });

  it('lints a named stack file with its app (pre-commit), reporting only that file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-cdk-named-'));
    for (const [rel, text] of Object.entries(APP)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    const result = await lintPaths([join(dir, 'lib/api.ts')], { root: dir, checks: ALL_CHECKS });
    expect(result.findings.map(F)).toEqual([
      'pass-role-wildcard Prod/Api/Role/DefaultPolicy lib/api.ts:7:36-7:71',
      'wildcard-resource Prod/Api/Role/DefaultPolicy lib/api.ts:7:55-7:71',
      'wildcard-action Prod/Api/Role/DefaultPolicy lib/api.ts:14:22-14:30',
    ]);
  });
});

describe('robustness', () => {
  it('reports a syntax error as a parse problem at its place, and still reads the other files', () => {
    const model = parse({ ...APP, 'lib/orphan.ts': "import * as iam from 'aws-cdk-lib/aws-iam';\nexport class Orphan {\n  x = new iam.Role(this, 'R', {;\n}\n" });
    expect(model.parseProblems.map((p) => `${p.loc.file}:${L(p.loc)} ${p.message}`)).toEqual(['lib/orphan.ts:3:32-3:33 TypeScript syntax error: Property assignment expected.']);
    expect(model.identities.map((i) => i.ref.address)).toContain('Prod/Api/Role');
  });

  it('reports a broken cdk.json and falls back to the files that create an App', () => {
    const model = parse({ ...APP, 'cdk.json': '{ "app": ' });
    expect(model.parseProblems.map((p) => p.loc.file)).toEqual(['cdk.json']);
    expect(model.sourceMap?.sites.some((s) => s.path === 'Prod/Api/Role')).toBe(true);
  });

  it('never hangs: recursion, endless loops and cyclic imports stop', () => {
    const started = Date.now();
    const model = parse({
      'a.ts': [
        "import * as cdk from 'aws-cdk-lib';",
        "import * as iam from 'aws-cdk-lib/aws-iam';",
        "import { B } from './b';",
        'export const A = B + 1;',
        'function f(n: number): any { return f(n + 1) + f(n + 2); }',
        'function g(): any { return h(); }',
        'function h(): any { return g(); }',
        'class S extends cdk.Stack {',
        '  constructor(scope: any, id: string) {',
        '    super(scope, id);',
        '    while (true) { f(0); g(); }',
        "    for (;;) new iam.Role(this, 'R', { assumedBy: new iam.AnyPrincipal() });",
        '  }',
        '}',
      ].join('\n'),
      'b.ts': "import { A } from './a';\nexport const B = A + 1;\n",
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(model.identities.map((i) => i.ref.address)).toEqual(['S/R']);
  });

  it('survives deeply nested expressions', () => {
    const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    const model = parseCdkSource(files({ 'deep.ts': `import * as cdk from 'aws-cdk-lib';\nexport const x = ${deep};\nconst app = new cdk.App();\nconsole.log(x, app);\n` }));
    expect(model).not.toBeNull();
  });
});

describe('the editor', () => {
  it('lints an open buffer with its app from disk, and a warm lint is quick', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-cdk-lsp-'));
    for (const [rel, text] of Object.entries(APP)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    const linter = new UnitLinter(ALL_CHECKS);
    const abs = join(dir, 'lib/api.ts');
    const edited = (APP['lib/api.ts'] as string).replace("['s3:*']", "['s3:GetObject']");
    const first = await linter.lint(abs, dir, new Map([[abs, edited]]));
    expect(first.byFile.get(abs)?.map((f) => f.ruleId)).toEqual(['pass-role-wildcard', 'wildcard-resource']);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const text = i % 2 ? edited : (APP['lib/api.ts'] as string);
      const t0 = performance.now();
      const r = await linter.lint(abs, dir, new Map([[abs, text]]));
      times.push(performance.now() - t0);
      expect(r.byFile.get(abs)?.length).toBe(i % 2 ? 2 : 3);
    }
    times.sort((a, b) => a - b);
    // The median warm lint of this app; the budget is 50 ms (generous here: test machines vary).
    expect(times[5]).toBeLessThan(250);
  });
});
