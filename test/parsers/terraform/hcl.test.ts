/** HCL reading: positions, templates, heredocs, escapes, syntax errors that leave intact blocks linted. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attrOf, fileCtx, type Attr, type ConfigFile } from '../../../parsers/terraform/ast.js';
import { Evaluator, ModInst } from '../../../parsers/terraform/eval.js';
import { buildModuleConfig } from '../../../parsers/terraform/config.js';
import { loadHcl, parseHcl } from '../../../parsers/terraform/hcl.js';
import { plain, strText, type Val } from '../../../parsers/terraform/values.js';
import { at } from './helpers.js';

async function parse(text: string): Promise<ConfigFile> {
  return parseHcl(await loadHcl(), fileCtx('main.tf', '/virtual/main.tf', text));
}

/** Evaluates the attributes of a file with no module context (references stay unknown). */
async function values(text: string): Promise<Record<string, Val>> {
  const cf = await parse(text);
  const ev = new Evaluator({
    readFile: () => ({ message: 'no files here' }),
    parseTemplate: () => undefined,
    loadModule: () => ({ message: 'no modules here', problem: false }),
    note: () => undefined,
    problem: () => undefined,
  });
  const mod = new ModInst('', buildModuleConfig('/virtual', [cf]), '.', [], 0);
  const out: Record<string, Val> = {};
  for (const a of cf.body.attrs) out[a.name] = ev.evalAttr(a, mod.root);
  return out;
}

const text = (v: Val | undefined): string | undefined => (v ? strText(v) : undefined);

describe('reading the tree', () => {
  it('reads the same AST with the fast cursor as with the public TreeCursor', async () => {
    const rt = await loadHcl();
    expect(rt.fast).toBeDefined();
    const dir = join(process.cwd(), 'examples', 'terraform');
    for (const rel of ['live/main.tf', 'live/identities.tf', 'live/buckets.tf', 'modules/service-role/main.tf']) {
      const ctx = fileCtx(rel, join(dir, rel), readFileSync(join(dir, rel), 'utf8'));
      expect(parseHcl(rt, ctx)).toEqual(parseHcl({ parser: rt.parser }, ctx));
    }
  });
});

describe('positions', () => {
  it('gives 1-based lines and UTF-16 columns, also after non-ASCII text', async () => {
    const cf = await parse('a = "é😀"\nb = "x"\n');
    const [a, b] = cf.body.attrs as [Attr, Attr];
    expect(at(a.ctx.loc(a.expr.s, a.expr.e))).toBe('1:5-1:10');
    expect(at(b.ctx.loc(b.ns, b.ne))).toBe('2:1-2:2');
  });

  it('reads blocks with labels and nested blocks', async () => {
    const cf = await parse('resource "aws_iam_role" "r" {\n  name = "n"\n  inline_policy {\n    name = "i"\n  }\n}\n');
    const b = cf.body.blocks[0];
    expect(b?.type).toBe('resource');
    expect(b?.labels).toEqual(['aws_iam_role', 'r']);
    expect(b?.body.blocks.map((x) => x.type)).toEqual(['inline_policy']);
    expect(at(b?.ctx.loc(b.s, b.e))).toBe('1:1-6:2');
    expect(cf.problems).toEqual([]);
  });
});

describe('templates', () => {
  it('keeps leading whitespace the grammar drops, and decodes escapes', async () => {
    const v = await values('a = "  two spaces"\nb = "tab\\tquote\\"nl\\n\\u00e9"\nc = ""\n');
    expect(text(v.a)).toBe('  two spaces');
    expect(text(v.b)).toBe('tab\tquote"nl\né');
    expect(text(v.c)).toBe('');
  });

  it('keeps IAM policy variables written $${...} as literal text', async () => {
    const v = await values('a = "arn:aws:s3:::b/$${aws:username}/*"\nb = <<EOT\n$${aws:PrincipalTag/team} %%{x}\nEOT\n');
    expect(text(v.a)).toBe('arn:aws:s3:::b/${aws:username}/*');
    expect(text(v.b)).toBe('${aws:PrincipalTag/team} %{x}\n');
  });

  it('evaluates interpolations, directives and strip markers', async () => {
    const v = await values(
      [
        'a = "x-${1 + 2}-${true}"',
        'b = "%{ if 1 == 1 }yes%{ else }no%{ endif }"',
        'c = "%{ for s in ["a", "b"] }[${s}]%{ endfor }"',
        'd = "  ${~ "t" ~}  end"',
        'e = "${[1, 2]}"',
      ].join('\n'),
    );
    expect(text(v.a)).toBe('x-3-true');
    expect(text(v.b)).toBe('yes');
    expect(text(v.c)).toBe('[a][b]');
    expect(text(v.d)).toBe('tend');
    // A template that is a single interpolation is the value itself.
    expect(plain(v.e as Val)).toEqual([1, 2]);
  });

  it('reads heredocs, stripping the common indentation of <<-', async () => {
    const v = await values('a = <<EOT\n  keep\n    this\nEOT\nb = <<-EOT\n    {\n      "x": 1\n\n    }\n    EOT\nc = <<-EOT\n  ${"i"}\n    j\n  EOT\n');
    expect(text(v.a)).toBe('  keep\n    this\n');
    expect(text(v.b)).toBe('{\n  "x": 1\n\n}\n');
    expect(text(v.c)).toBe('i\n  j\n');
  });

  it('leaves references unknown, never dropped', async () => {
    const v = await values('a = "arn:aws:s3:::${var.bucket}/*"\nb = aws_iam_role.r.arn\n');
    expect(v.a?.k).toBe('str');
    expect(text(v.a)).toBeUndefined();
    expect(v.b).toMatchObject({ k: 'unk', text: 'aws_iam_role.r.arn', ref: { address: 'aws_iam_role.r', attribute: 'arn' } });
  });
});

describe('syntax errors', () => {
  it('reports an unclosed block and still reads the blocks it swallowed', async () => {
    const cf = await parse('resource "aws_iam_policy" "a" {\n  name = "a"\n\nresource "aws_iam_policy" "b" {\n  name = "b"\n}\n');
    expect(cf.problems.map((p) => [p.message, at(p.loc)])).toEqual([['unclosed block "resource aws_iam_policy a": missing "}"', '1:1-1:32']]);
    expect(cf.body.blocks.map((b) => b.labels[1])).toEqual(['a', 'b']);
  });

  it('reports an unterminated heredoc at its start', async () => {
    const cf = await parse('a = 1\nb = <<EOF\nhello\n');
    expect(cf.problems.map((p) => [p.message, at(p.loc)])).toEqual([['unterminated heredoc: no line "EOF" closes the "<<EOF" started here', '2:5-2:10']]);
    expect(cf.body.attrs.map((a) => a.name)).toEqual(['a', 'b']);
  });

  it('recovers from a stray token that would swallow the rest of the file', async () => {
    const cf = await parse('a = 1\n}\nb = 2\nresource "x" "y" {\n  z = 1\n}\n');
    expect(cf.problems.map((p) => [p.message, at(p.loc)])).toEqual([['syntax error: unexpected "}"', '2:1-2:2']]);
    expect(cf.body.attrs.map((a) => a.name)).toEqual(['a', 'b']);
    expect(cf.body.blocks.map((b) => b.labels.join('.'))).toEqual(['x.y']);
  });

  it('recovers from a missing value before the next block', async () => {
    const cf = await parse('a = 1\nc = \nresource "x" "y" {\n  z = 1\n}\n');
    expect(cf.problems.length).toBe(1);
    expect(at(cf.problems[0]?.loc).startsWith('3:')).toBe(true);
    expect(cf.body.blocks.map((b) => b.labels.join('.'))).toEqual(['x.y']);
  });

  it('reports duplicate attributes and keeps the first value', async () => {
    const cf = await parse('a = 1\nb = 2\na = 3\n');
    expect(cf.problems.map((p) => [p.message, at(p.loc)])).toEqual([['duplicate attribute "a" (first set on line 1); Terraform rejects the file', '3:1-3:2']]);
    expect(attrOf(cf.body, 'a')?.expr).toMatchObject({ t: 'lit', v: 1 });
  });

  it('cuts off expressions nested too deeply, with a problem', async () => {
    const deep = `a = ${'['.repeat(5000)}${']'.repeat(5000)}\nb = "ok"\n`;
    const cf = await parse(deep);
    expect(cf.problems.some((p) => /nested more than \d+ levels/.test(p.message))).toBe(true);
    const v = await values(deep);
    expect(text(v.b)).toBe('ok');
  });
});
