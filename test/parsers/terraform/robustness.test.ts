/** Bad Terraform input: clear findings, no crash, no hang, nothing read outside the linted tree. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, model, project } from './helpers.js';

const ADMIN = 'resource "aws_iam_policy" "admin" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n';

const summary = (fs: { ruleId: string; file: string; line: number; message: string }[], rule: string) => fs.filter((f) => f.ruleId === rule).map((f) => `${f.file}:${f.line}`);

describe('broken and hostile Terraform', () => {
  it('reports unterminated blocks and heredocs and still lints the intact blocks', async () => {
    const dir = project({
      'block.tf': `resource "aws_iam_user" "u" {\n  name = "u"\n\n${ADMIN}`,
      'heredoc.tf': `${ADMIN.replace('"admin"', '"before"')}resource "aws_iam_role" "r" {\n  assume_role_policy = <<EOF\n{"Version": "2012-10-17"\n`,
    });
    const findings = await lint(dir);
    expect(summary(findings, 'parse-error')).toEqual(['block.tf:1', 'heredoc.tf:5']);
    expect(findings.find((f) => f.ruleId === 'parse-error' && f.file === 'heredoc.tf')?.message).toContain('unterminated heredoc');
    expect(findings.filter((f) => f.ruleId === 'admin-access').map((f) => f.resource).sort()).toEqual(['aws_iam_policy.admin', 'aws_iam_policy.before']);
  });

  it('lints a 20 MB .tf file', async () => {
    const dir = project({});
    const block = (i: number) => `resource "aws_instance" "i${i}" {\n  ami           = "ami-${i}"\n  instance_type = "t3.micro"\n  tags = {\n    Name = "instance-${i}"\n  }\n}\n`;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      const b = block(i);
      parts.push(b);
      size += b.length;
    }
    parts.splice(parts.length >> 1, 0, ADMIN);
    writeFileSync(join(dir, 'big.tf'), parts.join(''));
    const started = Date.now();
    const findings = await lint(dir);
    expect(findings.filter((f) => f.ruleId === 'admin-access').map((f) => f.resource)).toEqual(['aws_iam_policy.admin']);
    expect(summary(findings, 'parse-error')).toEqual([]);
    expect(Date.now() - started).toBeLessThan(120_000);
  }, 180_000);

  it('stops at deeply nested expressions with a finding', async () => {
    const findings = await lint({ 'main.tf': `locals {\n  x = ${'['.repeat(100_000)}${']'.repeat(100_000)}\n}\n${ADMIN}` });
    expect(findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.message)).toEqual([expect.stringContaining('nested more than')]);
    expect(summary(findings, 'admin-access')).toEqual(['main.tf:5']);
  });

  it('survives a module that calls itself, a missing module folder and a symbolic link loop', async () => {
    const dir = project({
      'main.tf': `module "self" {\n  source = "./"\n}\nmodule "missing" {\n  source = "./nowhere"\n}\nmodule "loop" {\n  source = "./loop/a"\n}\n${ADMIN}`,
    });
    mkdirSync(join(dir, 'loop'));
    symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'a'));
    const findings = await lint(dir);
    expect(findings.filter((f) => f.ruleId === 'parse-error').map((f) => `${f.line}: ${f.message}`)).toEqual([
      expect.stringMatching(/^2: .*module "self" calls its own folder/),
      expect.stringMatching(/^5: .*folder "\.\/nowhere" not found/),
      expect.stringMatching(/^8: .*"\.\/loop\/a": no \.tf files there/),
    ]);
    expect(summary(findings, 'admin-access')).toEqual(['main.tf:11']);
  });

  it('does not read files outside the linted tree', async () => {
    const outside = project({ 'secret.json': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' });
    const dir = project({
      'main.tf': [
        'resource "aws_iam_policy" "passwd" {',
        '  policy = file("../../../etc/passwd")',
        '}',
        'resource "aws_iam_policy" "outside" {',
        `  policy = file("${join(outside, 'secret.json')}")`,
        '}',
        'resource "aws_iam_policy" "relative" {',
        `  policy = templatefile("../${outside.split('/').pop()}/secret.json", {})`,
        '}',
      ].join('\n'),
    });
    const findings = await lint(dir);
    expect(findings.filter((f) => f.ruleId !== 'unattached-policy')).toEqual([]);
  });

  it('treats binary and empty files calmly', async () => {
    const dir = project({ 'empty.tf': '', 'ok.tf': ADMIN });
    writeFileSync(join(dir, 'binary.tf'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
    const findings = await lint(dir);
    expect(summary(findings, 'parse-error')).toEqual(['binary.tf:1']);
    expect(summary(findings, 'admin-access')).toEqual(['ok.tf:2']);
  });

  it('stops evaluations that explode (doubling strings, nested for over large lists) with a note', async () => {
    const doubling = Array.from({ length: 60 }, (_, i) => `  s${i} = "\${local.s${i + 1}}\${local.s${i + 1}}"`).join('\n');
    const big = `[${Array.from({ length: 2000 }, (_, i) => `"x${i}"`).join(', ')}]`;
    const dir = project({
      'main.tf': [
        'locals {',
        doubling,
        '  s60 = "ab"',
        `  l = ${big}`,
        '  cube = [for a in local.l : [for b in local.l : [for c in local.l : "${a}${b}${c}"]]]',
        '}',
        'resource "aws_iam_policy" "strings" {',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = local.s0, Resource = "*" }] })',
        '}',
        'resource "aws_iam_policy" "lists" {',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = local.cube, Resource = "*" }] })',
        '}',
        ADMIN,
      ].join('\n'),
    });
    const started = Date.now();
    const findings = await lint(dir);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(findings.filter((f) => f.ruleId === 'admin-access').map((f) => f.resource)).toEqual(['aws_iam_policy.admin']);
    const m = await model(dir);
    expect(m.notes.filter((n) => n.message.startsWith('evaluation stopped')).map((n) => n.loc.line).sort()).toEqual([66, 69]);
  }, 60_000);
});
