/** The evaluator: variables, locals, functions, references, count/for_each, file reading and JSON positions. */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { SUPPORTED_FUNCTIONS } from '../../../parsers/terraform/functions.js';
import { plain, toLocated, type Val } from '../../../parsers/terraform/values.js';
import { at, items, locals, model, pos, project, show } from './helpers.js';

const p = (v: Val | undefined): unknown => (v ? plain(v) : 'missing');

describe('variables and locals', () => {
  it('takes a variable from its default, terraform.tfvars, then *.auto.tfvars (later wins)', async () => {
    const { values } = await locals({
      'main.tf': 'variable "a" { default = "default" }\nvariable "b" { default = "default" }\nvariable "c" { default = "default" }\nvariable "d" {}\nvariable "e" { default = "default" }\nlocals {\n  a = var.a\n  b = var.b\n  c = var.c\n  d = var.d\n  e = var.e\n}\n',
      'terraform.tfvars': 'b = "tfvars"\nc = "tfvars"\n',
      'x.auto.tfvars': 'c = "auto"\n',
      'prod.tfvars': 'e = "not loaded without -var-file"\n',
    });
    expect([p(values.a), p(values.b), p(values.c), p(values.d), p(values.e)]).toEqual(['default', 'tfvars', 'auto', undefined, 'default']);
    expect(values.d).toMatchObject({ k: 'unk', text: 'var.d' });
  });

  it('reads .tfvars.json values', async () => {
    const { values } = await locals({ 'main.tf': 'variable "x" {}\nlocals { x = var.x }\n', 'terraform.tfvars.json': '{ "x": ["a", 1, true] }' });
    expect(p(values.x)).toEqual(['a', 1, true]);
  });

  it('evaluates locals that refer to each other, and reports a cycle once', async () => {
    const { values, model: m } = await locals({ 'main.tf': 'locals {\n  a = "${local.b}-a"\n  b = "b"\n  c = local.d\n  d = local.c\n}\n' });
    expect(p(values.a)).toBe('b-a');
    expect(values.c?.k).toBe('unk');
    expect(m.parseProblems.map((x) => x.message)).toEqual(['local.c refers to itself (a dependency cycle); Terraform rejects the configuration']);
  });
});

describe('expressions', () => {
  it('evaluates conditionals, for expressions, splats and indexing', async () => {
    const { values } = await locals({
      'main.tf': [
        'variable "env" { default = "prod" }',
        'variable "users" {',
        '  default = { alice = { admin = true }, bob = { admin = false } }',
        '}',
        'locals {',
        '  cond   = var.env == "prod" ? "p" : "d"',
        '  admins = [for name, u in var.users : name if u.admin]',
        '  upper  = { for name, u in var.users : upper(name) => u.admin }',
        '  group  = { for s in ["a1", "a2", "b1"] : substr(s, 0, 1) => s... }',
        '  objs   = [{ id = 1 }, { id = 2 }]',
        '  ids    = local.objs[*].id',
        '  legacy = local.objs.*.id',
        '  first  = local.objs[0]["id"]',
        '  nested = var.users["bob"].admin',
        '  math   = (1 + 2) * 3 - 4 / 2 % 3',
        '  logic  = !false && (1 < 2 || false)',
        '  unknown_cond = var.missing ? "a" : "b"',
        '}',
      ].join('\n'),
    });
    expect(p(values.cond)).toBe('p');
    expect(p(values.admins)).toEqual(['alice']);
    expect(p(values.upper)).toEqual({ ALICE: true, BOB: false });
    expect(p(values.group)).toEqual({ a: ['a1', 'a2'], b: ['b1'] });
    expect(p(values.ids)).toEqual([1, 2]);
    expect(p(values.legacy)).toEqual([1, 2]);
    expect(p(values.first)).toBe(1);
    expect(p(values.nested)).toBe(false);
    expect(p(values.math)).toBe(7);
    expect(p(values.logic)).toBe(true);
    expect(values.unknown_cond?.k).toBe('unk');
  });

  it('keeps references to resources unknown, remembering the target', async () => {
    const { values } = await locals({
      'main.tf': [
        'data "aws_caller_identity" "me" {}',
        'locals {',
        '  arn     = aws_iam_role.r.arn',
        '  indexed = aws_iam_role.r[0].arn',
        '  keyed   = data.aws_iam_policy_document.d["k"].json',
        '  splat   = aws_iam_user.u[*].name',
        '  account = data.aws_caller_identity.me.account_id',
        '  legacy_account = data.aws_caller_identity.me.*.account_id',
        '  tpl     = "arn:aws:iam::${data.aws_caller_identity.me.account_id}:root"',
        '}',
      ].join('\n'),
    });
    expect(values.arn).toMatchObject({ k: 'unk', text: 'aws_iam_role.r.arn', ref: { address: 'aws_iam_role.r', attribute: 'arn' } });
    expect(values.indexed).toMatchObject({ ref: { address: 'aws_iam_role.r', attribute: 'arn' }, inst: 0 });
    expect(values.keyed).toMatchObject({ ref: { address: 'data.aws_iam_policy_document.d', attribute: 'json' }, inst: 'k' });
    expect(values.splat).toMatchObject({ k: 'unk', ref: { address: 'aws_iam_user.u', attribute: 'name' } });
    expect(values.account).toMatchObject({ k: 'unk', hint: 'this-account', ref: { address: 'data.aws_caller_identity.me', attribute: 'account_id' } });
    expect(values.legacy_account).toMatchObject({ k: 'unk', hint: 'this-account', ref: { address: 'data.aws_caller_identity.me', attribute: 'account_id' } });
    expect(toLocated(values.tpl as Val)).toMatchObject({
      kind: 'template',
      parts: ['arn:aws:iam::', { unknown: 'data.aws_caller_identity.me.account_id', hint: 'this-account' }, ':root'],
    });
  });

  it('implements the functions IAM configurations use', async () => {
    const { values } = await locals({
      'main.tf': [
        'locals {',
        '  format    = format("arn:aws:s3:::%s/%s-%d%%", "b", "k", 7)',
        '  join      = join(",", ["a", "b"])',
        '  split     = split(",", "a,b")',
        '  concat    = concat(["a"], ["b", "c"])',
        '  merge     = merge({ a = 1, b = 1 }, { b = 2 })',
        '  flatten   = flatten([["a"], [["b"]], "c"])',
        '  distinct  = distinct(["a", "b", "a"])',
        '  compact   = compact(["a", "", null, "b"])',
        '  lookup    = lookup({ a = "x" }, "b", "dflt")',
        '  element   = element(["a", "b"], 3)',
        '  coalesce  = coalesce(null, "", "c")',
        '  tolist    = tolist(["a"])',
        '  toset     = toset(["a", "a"])',
        '  tostring  = tostring(5)',
        '  replace   = replace("a-b-c", "-", "_")',
        '  regex     = replace("a1b22", "/[0-9]+/", "#")',
        '  lower     = lower("AbC")',
        '  upper     = upper("AbC")',
        '  trimspace = trimspace("  x \\n")',
        '  try       = try(local.nope.x, "fallback")',
        '  can_ok    = can(local.format)',
        '  can_bad   = can({}.missing)',
        '  length    = length(["a", "b"])',
        '  encoded   = jsonencode({ b = [1, true], a = "x" })',
        '  decoded   = jsondecode("{\\"a\\": [1, \\"x\\"]}")',
        '  other     = timestamp()',
        '}',
      ].join('\n'),
    });
    expect(p(values.format)).toBe('arn:aws:s3:::b/k-7%');
    expect(p(values.join)).toBe('a,b');
    expect(p(values.split)).toEqual(['a', 'b']);
    expect(p(values.concat)).toEqual(['a', 'b', 'c']);
    expect(p(values.merge)).toEqual({ a: 1, b: 2 });
    expect(p(values.flatten)).toEqual(['a', 'b', 'c']);
    expect(p(values.distinct)).toEqual(['a', 'b']);
    expect(p(values.compact)).toEqual(['a', 'b']);
    expect(p(values.lookup)).toBe('dflt');
    expect(p(values.element)).toBe('b');
    expect(p(values.coalesce)).toBe('c');
    expect(p(values.tolist)).toEqual(['a']);
    expect(p(values.toset)).toEqual(['a']);
    expect(p(values.tostring)).toBe('5');
    expect(p(values.replace)).toBe('a_b_c');
    expect(p(values.regex)).toBe('a#b#');
    expect(p(values.lower)).toBe('abc');
    expect(p(values.upper)).toBe('ABC');
    expect(p(values.trimspace)).toBe('x');
    expect(p(values.try)).toBe('fallback');
    expect(p(values.can_ok)).toBe(true);
    expect(p(values.can_bad)).toBe(false);
    expect(p(values.length)).toBe(2);
    expect(p(values.encoded)).toBe('{"a":"x","b":[1,true]}');
    expect(p(values.decoded)).toEqual({ a: [1, 'x'] });
    expect(values.other).toMatchObject({ k: 'unk', text: 'timestamp()' });
    for (const f of ['jsonencode', 'jsondecode', 'file', 'templatefile', 'format', 'join', 'split', 'concat', 'merge', 'flatten', 'distinct', 'compact', 'lookup', 'element', 'coalesce', 'tolist', 'toset', 'tostring', 'replace', 'lower', 'upper', 'trimspace', 'try', 'can', 'length']) {
      expect(SUPPORTED_FUNCTIONS).toContain(f);
    }
  });

  it('keeps known items of a list that also holds an unknown list', async () => {
    const { values } = await locals({ 'main.tf': 'locals {\n  l = concat(["s3:GetObject"], var.more)\n}\n' });
    expect(values.l?.k).toBe('list');
    expect(toLocated(values.l as Val)).toMatchObject({ kind: 'array', items: [{ kind: 'scalar', value: 's3:GetObject' }, { kind: 'unknown', text: 'var.more' }] });
  });
});

describe('count and for_each', () => {
  it('evaluates each instance, with count.index, each.key and each.value', async () => {
    const m = await model({
      'main.tf': [
        'resource "aws_iam_user" "counted" {',
        '  count = 2',
        '  name  = "user-${count.index}"',
        '}',
        'resource "aws_iam_group" "each" {',
        '  for_each = { dev = "developers", ops = "operators" }',
        '  name     = "${each.key}:${each.value}"',
        '}',
        'resource "aws_iam_group" "none" {',
        '  count = 0',
        '  name  = "never"',
        '}',
        'resource "aws_iam_group" "unknown" {',
        '  for_each = var.groups',
        '  name     = each.key',
        '}',
      ].join('\n'),
    });
    expect(m.identities.map((i) => [i.ref.address, show(i.name)])).toEqual([
      ['aws_iam_user.counted', 'user-0'],
      ['aws_iam_user.counted', 'user-1'],
      ['aws_iam_group.each', 'dev:developers'],
      ['aws_iam_group.each', 'ops:operators'],
      ['aws_iam_group.unknown', '<each.key>'],
    ]);
  });
});

describe('files', () => {
  it('reads file() and templatefile() inside the linted tree, with positions in the file read', async () => {
    const policy = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:*", "Resource": "*" }\n  ]\n}\n';
    const tpl = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${bucket}/*" }\n  ]\n}\n';
    const m = await model({
      'main.tf': [
        'resource "aws_iam_policy" "file" {',
        '  policy = file("${path.module}/policies/admin.json")',
        '}',
        'resource "aws_iam_policy" "tpl" {',
        '  policy = templatefile("policies/read.json.tpl", { bucket = aws_s3_bucket.b.id })',
        '}',
      ].join('\n'),
      'policies/admin.json': policy,
      'policies/read.json.tpl': tpl,
    });
    const [file, tplDoc] = m.documents;
    expect(file?.loc.file).toBe('policies/admin.json');
    const st = file?.statements[0];
    expect(items(st?.action)).toEqual(['s3:*']);
    expect(at(st?.action?.attrLoc)).toBe(`4:${pos(policy, '"Action"').column}-4:${pos(policy, '"s3:*"').column + 6}`);
    const read = tplDoc?.statements[0];
    expect(read?.loc.file).toBe('policies/read.json.tpl');
    // The unknown is named as the template writes it, and still knows its target.
    expect(items(read?.resource)).toEqual(['arn:aws:s3:::${bucket}/*']);
    expect(read?.resource?.items[0]).toMatchObject({ kind: 'template', parts: ['arn:aws:s3:::', { unknown: 'bucket', ref: { address: 'aws_s3_bucket.b', attribute: 'id' } }, '/*'] });
    expect(at(read?.resource?.items[0]?.loc)).toBe(`4:${pos(tpl, '"arn:').column}-4:${pos(tpl, '/*"').column + 3}`);
  });

  it('refuses to read outside the linted tree, also through a symbolic link', async () => {
    const outside = project({ 'secret.json': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' });
    const dir = project({
      'main.tf': [
        'resource "aws_iam_policy" "passwd" {',
        '  policy = file("../../../etc/passwd")',
        '}',
        'resource "aws_iam_policy" "link" {',
        '  policy = file("link.json")',
        '}',
        'resource "aws_iam_policy" "missing" {',
        '  policy = file("nope.json")',
        '}',
      ].join('\n'),
    });
    symlinkSync(join(outside, 'secret.json'), join(dir, 'link.json'));
    const m = await model(dir);
    expect(m.documents).toEqual([]);
    expect(m.policies.map((x) => x.document)).toEqual([undefined, undefined, undefined]);
    expect(m.notes.map((n) => n.message)).toEqual([
      'file("../../../etc/passwd") is outside the linted tree (or a symbolic link loop): not read',
      'file("link.json") is outside the linted tree (or a symbolic link loop): not read',
      'file("nope.json"): no such file in the linted tree',
    ]);
  });
});

describe('JSON inside strings keeps positions', () => {
  it('maps heredoc, quoted and jsonencode() policies to their line and column', async () => {
    const main = [
      'resource "aws_iam_policy" "heredoc" {',
      '  policy = <<-EOF',
      '    {',
      '      "Version": "2012-10-17",',
      '      "Statement": [{ "Effect": "Allow", "Action": ["s3:GetObject", "iam:*"], "Resource": "arn:aws:s3:::${var.bucket}/*" }]',
      '    }',
      '  EOF',
      '}',
      'resource "aws_iam_policy" "quoted" {',
      '  policy = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"ec2:*\\", \\"Resource\\": \\"*\\"}]}"',
      '}',
      'resource "aws_iam_policy" "encoded" {',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Effect   = "Allow"',
      '      "Action" = "sts:*"',
      '      Resource = "*"',
      '    }]',
      '  })',
      '}',
    ].join('\n');
    const m = await model({ 'main.tf': main });
    const [heredoc, quoted, encoded] = m.documents;
    const h = heredoc?.statements[0];
    expect(h?.action?.items.map((i) => at(i.loc))).toEqual([
      `5:${pos(main, '"s3:GetObject"').column}-5:${pos(main, '"s3:GetObject"').column + 14}`,
      `5:${pos(main, '"iam:*"').column}-5:${pos(main, '"iam:*"').column + 7}`,
    ]);
    expect(items(h?.resource)).toEqual(['arn:aws:s3:::${var.bucket}/*']);
    const q = quoted?.statements[0];
    const qa = pos(main, '\\"ec2:*\\"');
    expect(at(q?.action?.items[0]?.loc)).toBe(`10:${qa.column}-10:${qa.column + 9}`);
    const e = encoded?.statements[0];
    expect(e?.action?.attrLoc.line).toBe(17);
    expect(at(e?.action?.items[0]?.loc)).toBe(`17:18-17:25`);
    expect(at(e?.loc)).toBe('15:18-19:6');
  });

  it('reports a policy that is not valid JSON against its resource, and notes trailing commas', async () => {
    const m = await model({
      'main.tf': 'resource "aws_iam_policy" "bad" {\n  policy = <<EOF\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow" "Action": "*"}]}\nEOF\n}\nresource "aws_iam_policy" "comma" {\n  policy = <<EOF\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject",], "Resource": "*"}]}\nEOF\n}\n',
    });
    expect(m.parseProblems.map((x) => [x.message, at(x.loc), x.owner?.address])).toEqual([['policy is not valid JSON: comma expected', '3:60-3:68', 'aws_iam_policy.bad']]);
    expect(m.notes.map((n) => n.message)).toEqual(['trailing comma (not valid JSON; AWS rejects it)']);
    expect(m.documents.map((d) => d.owner.address)).toEqual(['aws_iam_policy.comma']);
  });
});
