/** Modules and deployment units: local modules evaluated with each caller's inputs, downloaded modules, units. */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { groupTerraform } from '../../../parsers/terraform/group.js';
import { parseTerraform } from '../../../parsers/terraform/index.js';
import { at, items, lint, model, models, project, show, sources } from './helpers.js';

const ROLE_MODULE = [
  'variable "name" {}',
  'variable "actions" { default = ["s3:GetObject"] }',
  'resource "aws_iam_role" "this" {',
  '  name               = var.name',
  '  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })',
  '}',
  'module "policy" {',
  '  source  = "../policy"',
  '  role    = aws_iam_role.this.name',
  '  actions = var.actions',
  '}',
  'output "arn" { value = aws_iam_role.this.arn }',
  'output "name" { value = aws_iam_role.this.name }',
].join('\n');

const POLICY_MODULE = [
  'variable "role" {}',
  'variable "actions" {}',
  'resource "aws_iam_role_policy" "p" {',
  '  role   = var.role',
  '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })',
  '}',
].join('\n');

const ROOT = [
  'module "app" {', // 1
  '  source = "../modules/role"', // 2
  '  name   = "app"', // 3
  '}', // 4
  'module "admin" {', // 5
  '  source  = "../modules/role"', // 6
  '  name    = "admin"', // 7
  '  actions = ["*"]', // 8
  '}', // 9
  'resource "aws_iam_role_policy_attachment" "a" {', // 10
  '  role       = module.admin.name', // 11
  '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"', // 12
  '}', // 13
].join('\n');

describe('local modules', () => {
  it('evaluates a module once per call, with the caller inputs, nested addresses and call chains', async () => {
    const m = await model({ 'live/main.tf': ROOT, 'modules/role/main.tf': ROLE_MODULE, 'modules/policy/main.tf': POLICY_MODULE });
    expect(m.unit.id).toBe('live');
    expect(m.identities.map((i) => [i.ref.address, show(i.name), i.ref.callers?.map(at)])).toEqual([
      ['module.app.aws_iam_role.this', 'app', ['1:1-4:2']],
      ['module.admin.aws_iam_role.this', 'admin', ['5:1-9:2']],
    ]);
    const policies = m.documents.filter((d) => d.kind === 'identity');
    expect(policies.map((d) => [d.owner.address, items(d.statements[0]?.action), d.owner.callers?.map((c) => `${c.file}:${c.line}`)])).toEqual([
      ['module.app.module.policy.aws_iam_role_policy.p', ['s3:GetObject'], ['live/main.tf:1', 'modules/role/main.tf:7']],
      ['module.admin.module.policy.aws_iam_role_policy.p', ['*'], ['live/main.tf:5', 'modules/role/main.tf:7']],
    ]);
    // The admin's "*" is located where the caller wrote it.
    const star = policies[1]?.statements[0]?.action?.items[0];
    expect([star?.loc.file, at(star?.loc)]).toEqual(['live/main.tf', '8:14-8:17']);
    // Module outputs keep the reference to the resource inside the module.
    expect(show(m.attachments[0]?.target.value)).toBe('<module.admin.name -> module.admin.aws_iam_role.this.name>');
    expect(m.unit.files.sort()).toEqual(['live/main.tf', 'modules/policy/main.tf', 'modules/role/main.tf']);
  });

  it('reports findings inside modules with the module call chain', async () => {
    const findings = await lint({ 'live/main.tf': ROOT, 'modules/role/main.tf': ROLE_MODULE, 'modules/policy/main.tf': POLICY_MODULE });
    const admin = findings.filter((f) => f.ruleId === 'wildcard-action');
    expect(admin.map((f) => [f.resource, f.file, f.line, f.related?.filter((r) => r.message === 'module call').map((r) => `${r.file}:${r.line}`)])).toEqual([
      ['module.admin.module.policy.aws_iam_role_policy.p', 'modules/policy/main.tf', 5, ['live/main.tf:5', 'modules/role/main.tf:7']],
    ]);
  });

  it('expands modules called with for_each', async () => {
    const m = await model({
      'main.tf': 'module "roles" {\n  for_each = toset(["a", "b"])\n  source   = "./role"\n  name     = each.key\n}\noutput "a" { value = module.roles["a"].name }\n',
      'role/main.tf': 'variable "name" {}\nresource "aws_iam_role" "r" {\n  name = var.name\n  assume_role_policy = "{}"\n}\noutput "name" { value = aws_iam_role.r.name }\n',
    });
    expect(m.identities.map((i) => [i.ref.address, show(i.name)])).toEqual([
      ['module.roles.aws_iam_role.r', 'a'],
      ['module.roles.aws_iam_role.r', 'b'],
    ]);
  });

  it('reads modules that terraform init downloaded, and leaves other remote modules unknown', async () => {
    const dir = project({
      'main.tf': 'module "dl" {\n  source = "terraform-aws-modules/iam/aws"\n  name   = "x"\n}\nmodule "remote" {\n  source = "git::https://example.com/m.git"\n}\n',
      '.terraform/modules/modules.json': JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'dl', Source: 'registry.terraform.io/terraform-aws-modules/iam/aws', Dir: '.terraform/modules/dl' }] }),
      '.terraform/modules/dl/main.tf': 'variable "name" {}\nresource "aws_iam_user" "u" {\n  name = var.name\n}\n',
    });
    const m = await model(dir);
    expect(m.identities.map((i) => [i.ref.address, show(i.name), i.ref.loc.file])).toEqual([['module.dl.aws_iam_user.u', 'x', '.terraform/modules/dl/main.tf']]);
    expect(m.notes.map((n) => n.message)).toEqual([
      'module "remote" comes from "git::https://example.com/m.git", which is not in the linted tree (run terraform init to let iamlint read .terraform/modules); its outputs are unknown',
    ]);
    expect(m.parseProblems).toEqual([]);
  });

  it('reports a missing module folder, a module that calls itself and a symbolic link loop, and goes on', async () => {
    const dir = project({
      'main.tf': 'module "missing" {\n  source = "./nope"\n}\nmodule "self" {\n  source = "./self"\n}\nmodule "loop" {\n  source = "./loop"\n}\nresource "aws_iam_user" "still_linted" {\n  name = "u"\n}\n',
      'self/main.tf': 'module "again" {\n  source = "./"\n}\nresource "aws_iam_group" "g" {\n  name = "g"\n}\n',
    });
    symlinkSync(join(dir, 'loop2'), join(dir, 'loop'));
    symlinkSync(join(dir, 'loop'), join(dir, 'loop2'));
    const m = await model(dir);
    expect(m.parseProblems.map((p) => [p.message, `${p.loc.file}:${p.loc.line}`])).toEqual([
      ['module "missing": folder "./nope" not found', 'main.tf:2'],
      ['module "again" calls its own folder "./" (a module cycle): not evaluated', 'self/main.tf:2'],
      ['module "loop": "./loop" is a symbolic link loop', 'main.tf:8'],
    ]);
    expect(m.identities.map((i) => i.ref.address)).toEqual(['aws_iam_user.still_linted', 'module.self.aws_iam_group.g']);
  });
});

describe('deployment units', () => {
  it('makes each folder no linted folder calls a root; called modules belong to their callers', async () => {
    const dir = project({
      'envs/prod/main.tf': 'module "iam" {\n  source = "../../modules/iam"\n}\n',
      'envs/dev/main.tf': 'module "iam" {\n  source = "../../modules/iam"\n}\n',
      'modules/iam/main.tf': 'resource "aws_iam_user" "u" {\n  name = "u"\n}\n',
      'modules/unused/main.tf': 'variable "n" { default = "from-default" }\nresource "aws_iam_group" "g" {\n  name = var.n\n}\n',
      'vars/prod.tfvars': 'password = "hunter2"\n',
    });
    const groups = groupTerraform(sources(dir));
    expect(groups.map((g) => g.map((f) => f.rel))).toEqual([
      ['envs/dev/main.tf', 'modules/iam/main.tf'],
      ['envs/prod/main.tf', 'modules/iam/main.tf'],
      ['modules/unused/main.tf'],
      ['vars/prod.tfvars'],
    ]);
    const all = await models(dir);
    expect(all.map((m) => [m.unit.id, m.identities.map((i) => `${i.ref.address}=${show(i.name)}`), m.textValues.map((t) => t.value)])).toEqual([
      ['envs/dev', ['module.iam.aws_iam_user.u=u'], []],
      ['envs/prod', ['module.iam.aws_iam_user.u=u'], []],
      ['modules/unused', ['aws_iam_group.g=from-default'], ['from-default']],
      ['vars', [], ['hunter2']],
    ]);
  });

  it('reads a called module from disk inside the lint root, and not outside it', async () => {
    const dir = project({ 'live/main.tf': 'module "m" {\n  source = "../mod"\n}\n', 'mod/main.tf': 'resource "aws_iam_user" "u" {\n  name = "u"\n}\n' });
    const [g] = groupTerraform(sources(dir, (rel) => rel.startsWith('live/')));
    const m = g ? await parseTerraform(g) : null;
    expect(m?.identities.map((i) => i.ref.address)).toEqual(['module.m.aws_iam_user.u']);
    expect(m?.unit.files).toEqual(['live/main.tf', 'mod/main.tf']);
    // Linted from inside live/ (the lint root): the module is outside it and stays unknown.
    const live = join(dir, 'live');
    const [g2] = groupTerraform([{ abs: join(live, 'main.tf'), rel: 'main.tf', text: 'module "m" {\n  source = "../mod"\n}\n' }]);
    const m2 = g2 ? await parseTerraform(g2) : null;
    expect(m2?.identities).toEqual([]);
    expect(m2?.notes.map((n) => n.message)).toEqual(['module "m": "../mod" is outside the linted tree: not read, its outputs are unknown']);
  });
});
