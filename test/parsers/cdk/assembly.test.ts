import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ALL_CHECKS } from '../../../checks/index.js';
import { groupAssemblies } from '../../../parsers/cdk/assembly/group.js';
import { parseAssembly } from '../../../parsers/cdk/assembly/index.js';
import { lintPaths, lintSources } from '../../../src/engine/lint.js';
import type { SourceFile } from '../../../src/engine/source.js';

const stack = (templateFile: string, extra: Record<string, unknown> = {}) => ({
  type: 'aws:cloudformation:stack',
  environment: 'aws://unknown-account/unknown-region',
  properties: { templateFile, ...extra },
});

const manifest = (artifacts: Record<string, unknown>) => JSON.stringify({ version: '36.0.0', artifacts }, null, 1);

const template = (resources: Record<string, unknown>) => JSON.stringify({ Resources: resources }, null, 1);

const adminPolicy = (path: string) => ({
  Type: 'AWS::IAM::Policy',
  Properties: {
    PolicyName: 'p',
    Roles: [{ Ref: 'Role1' }],
    PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  },
  Metadata: { 'aws:cdk:path': path },
});

function files(map: Record<string, string>): SourceFile[] {
  return Object.entries(map).map(([rel, text]) => ({ abs: `/virtual/${rel}`, rel, text }));
}

const ASSEMBLY = {
  'cdk.out/manifest.json': manifest({
    App: stack('App.template.json'),
    Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
    'assembly-Prod': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod', displayName: 'Prod' } },
  }),
  'cdk.out/App.template.json': template({ Pol: adminPolicy('App/Role/DefaultPolicy/Resource'), Nested: { Type: 'AWS::CloudFormation::Stack' } }),
  'cdk.out/AppNestedStack.nested.template.json': template({ NestedPol: adminPolicy('App/Nested/Pol/Resource') }),
  'cdk.out/assembly-Prod/manifest.json': manifest({ ProdApp: stack('ProdApp.template.json') }),
  'cdk.out/assembly-Prod/ProdApp.template.json': template({ ProdPol: adminPolicy('Prod/App/Pol/Resource') }),
  'cdk.out/tree.json': JSON.stringify({ version: 'tree-0.1', tree: { id: 'App', path: '' } }),
  'cdk.out/asset.1234/template.yaml': 'Resources:\n  X:\n    Type: AWS::IAM::Policy\n',
  'cdk.out/asset.1234/package.json': '{"name": "handler"}',
  'other/template.yaml': 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n',
};

describe('CDK cloud assemblies', () => {
  it('groups everything under the outermost manifest into one unit', () => {
    const groups = groupAssemblies(files(ASSEMBLY));
    expect(groups.map((g) => g.map((f) => f.rel))).toEqual([Object.keys(ASSEMBLY).filter((k) => k.startsWith('cdk.out/'))]);
  });

  it('reads stacks, nested assemblies and nested stacks, with construct paths', () => {
    const model = parseAssembly(files(ASSEMBLY).filter((f) => f.rel.startsWith('cdk.out/')));
    expect(model?.unit).toEqual({
      kind: 'cdk-assembly',
      id: 'cdk.out',
      files: [
        'cdk.out/manifest.json',
        'cdk.out/App.template.json',
        'cdk.out/assembly-Prod/manifest.json',
        'cdk.out/assembly-Prod/ProdApp.template.json',
        'cdk.out/AppNestedStack.nested.template.json',
      ],
    });
    expect(model?.parseProblems).toEqual([]);
    expect(model?.policies.map((p) => [p.ref.address, p.ref.constructPath, p.ref.loc.file])).toEqual([
      ['Pol', 'App/Role/DefaultPolicy/Resource', 'cdk.out/App.template.json'],
      ['ProdPol', 'Prod/App/Pol/Resource', 'cdk.out/assembly-Prod/ProdApp.template.json'],
      ['NestedPol', 'App/Nested/Pol/Resource', 'cdk.out/AppNestedStack.nested.template.json'],
    ]);
  });

  it('is linted as one unit, and the plain CloudFormation format does not take its templates again', async () => {
    const result = await lintSources(files(ASSEMBLY), { root: '/virtual', checks: ALL_CHECKS });
    expect(result.units.map((u) => `${u.kind}:${u.id}`)).toEqual(['cdk-assembly:cdk.out', 'cloudformation:other/template.yaml']);
    const admin = result.findings.filter((f) => f.ruleId === 'admin-access').map((f) => [f.resource, f.file, f.line]);
    expect(admin).toEqual([
      ['Pol', 'cdk.out/App.template.json', 17],
      ['NestedPol', 'cdk.out/AppNestedStack.nested.template.json', 17],
      ['ProdPol', 'cdk.out/assembly-Prod/ProdApp.template.json', 17],
    ]);
    expect(result.findings.filter((f) => f.file.includes('asset.'))).toEqual([]);
  });

  it('reports a template that points outside the assembly, or is missing, without reading it', () => {
    const model = parseAssembly(
      files({
        'cdk.out/manifest.json': manifest({
          Out: stack('../secrets/Out.template.json'),
          Abs: stack('/etc/passwd'),
          Gone: stack('Gone.template.json'),
          NoFile: { type: 'aws:cloudformation:stack', properties: {} },
          Up: { type: 'cdk:cloud-assembly', properties: { directoryName: '../..' } },
          Missing: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-X' } },
        }),
        'secrets/Out.template.json': template({ P: adminPolicy('x') }),
      }),
    );
    expect(model?.parseProblems.map((p) => [p.message, p.loc.file, p.loc.line])).toEqual([
      ["'../secrets/Out.template.json' points outside the cloud assembly folder; it was not read", 'cdk.out/manifest.json', 8],
      ["'/etc/passwd' points outside the cloud assembly folder; it was not read", 'cdk.out/manifest.json', 15],
      ["template 'Gone.template.json' of stack artifact 'Gone' is missing from the cloud assembly", 'cdk.out/manifest.json', 22],
      ["stack artifact 'NoFile' names no templateFile", 'cdk.out/manifest.json', 25],
      ["'../..' points outside the cloud assembly folder; it was not read", 'cdk.out/manifest.json', 32],
      ["nested cloud assembly 'assembly-X' has no manifest.json", 'cdk.out/manifest.json', 38],
    ]);
    expect(model?.policies).toEqual([]);
  });

  it('reports a broken manifest', () => {
    const model = parseAssembly(files({ 'cdk.out/manifest.json': '{"version": "1", "artifacts": {' }));
    expect(model?.parseProblems.map((p) => p.message)).toEqual(['cloud assembly manifest: invalid JSON: close brace expected']);
    const notMap = parseAssembly(files({ 'cdk.out/manifest.json': '{"version": "1", "artifacts": [1]}' }));
    expect(notMap?.parseProblems.map((p) => p.message)).toEqual(["cloud assembly manifest has no 'artifacts' map"]);
  });

  it('leaves other manifest.json files alone', () => {
    expect(groupAssemblies(files({ 'ext/manifest.json': '{"manifest_version": 3, "version": "1.0", "name": "x"}' }))).toEqual([]);
  });

  it('works from the folder itself and from the project above it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-cdk-'));
    for (const [rel, text] of Object.entries(ASSEMBLY)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    const fromProject = await lintPaths([dir], { root: dir, checks: ALL_CHECKS });
    expect(fromProject.units.map((u) => u.id)).toEqual(['cdk.out', 'other/template.yaml']);
    const fromOut = await lintPaths([join(dir, 'cdk.out')], { root: join(dir, 'cdk.out'), checks: ALL_CHECKS });
    expect(fromOut.units.map((u) => `${u.kind}:${u.id}`)).toEqual(['cdk-assembly:.']);
    expect(fromOut.findings.filter((f) => f.ruleId === 'admin-access').map((f) => f.file)).toEqual([
      'App.template.json',
      'AppNestedStack.nested.template.json',
      'assembly-Prod/ProdApp.template.json',
    ]);
  });
});

describe('construct paths on findings', () => {
  it('a finding in a synthesized template names its construct, in JSON and in the message', async () => {
    const { lintPaths } = await import('../../../src/engine/lint.js');
    const { ALL_CHECKS } = await import('../../../checks/index.js');
    const { join } = await import('node:path');
    const dir = join(process.cwd(), 'examples/cdk-app/cdk.out');
    const { findings } = await lintPaths([dir], { root: dir, checks: ALL_CHECKS });
    const f = findings.find((x) => x.ruleId === 'wildcard-action' && x.resource === 'OrdersHandlerServiceRoleDefaultPolicyB60DC6B6');
    expect(f?.constructPath).toBe('Api/OrdersHandler/ServiceRole/DefaultPolicy/Resource');
    expect(f?.message).toMatch(/\(construct Api\/OrdersHandler\/ServiceRole\/DefaultPolicy\/Resource\)$/);
  });
});
