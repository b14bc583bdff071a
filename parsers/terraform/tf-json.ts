/**
 * Terraform's JSON configuration syntax (`.tf.json`, `.tfvars.json`) -> the same AST as native HCL. Strings are
 * templates (`"${var.x}"`), parsed with the HCL grammar; nested blocks are recognised by name, since JSON
 * cannot tell a block from an object-valued attribute without the provider schema.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

import { excessiveNestingAt, MAX_NESTING } from '../shared/nesting.js';
import type { Attr, Block, Body, ConfigFile, Expr, FileCtx, SyntaxProblem } from './ast.js';
import { parseTemplateText, shiftExpr, type HclRuntime } from './hcl.js';

const LABELS: Record<string, number> = { resource: 2, data: 2, module: 1, variable: 1, output: 1, provider: 1, locals: 0, terraform: 0, moved: 0, import: 0, check: 1 };

/** Nested block types of the resources iamlint reads (everything else in a body is an attribute). */
const NESTED_BLOCKS = new Set([
  'statement',
  'principals',
  'not_principals',
  'condition',
  'inline_policy',
  'dynamic',
  'content',
  'recording_group',
  'environment',
  'metric_transformation',
  'rotation_rules',
  'lifecycle',
  'provisioner',
  'connection',
  'assume_role',
  'default_tags',
  'validation',
]);

export function parseTfJson(parser: HclRuntime, ctx: FileCtx, _pre?: unknown): ConfigFile {
  const problems: SyntaxProblem[] = [];
  const deep = excessiveNestingAt(ctx.text);
  if (deep !== undefined) return { ctx, body: { attrs: [], blocks: [] }, problems: [{ message: `JSON nested deeper than ${MAX_NESTING} levels`, loc: ctx.loc(deep, deep + 1) }] };
  const errs: ParseError[] = [];
  const root = parseTree(ctx.text, errs, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  for (const e of errs.slice(0, 5)) problems.push({ message: `invalid JSON: ${printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`, loc: ctx.loc(e.offset, e.offset + Math.max(1, e.length)) });
  const c = new Converter(parser, ctx, problems);
  const body: Body = { attrs: [], blocks: [] };
  if (root?.type === 'object') {
    if (ctx.rel.endsWith('.tfvars.json')) body.attrs = c.attrs(root);
    else body.blocks = c.topLevel(root);
  } else if (root && errs.length === 0) problems.push({ message: 'a Terraform JSON file must hold an object', loc: ctx.loc(root.offset, root.offset + root.length) });
  return { ctx, body, problems };
}

class Converter {
  constructor(
    private readonly parser: HclRuntime,
    private readonly ctx: FileCtx,
    private readonly problems: SyntaxProblem[],
  ) {}

  private props(n: Node): { key: Node; value: Node }[] {
    const out: { key: Node; value: Node }[] = [];
    for (const p of n.children ?? []) {
      const [key, value] = p.children ?? [];
      if (key && value && key.value !== '//') out.push({ key, value });
    }
    return out;
  }

  topLevel(root: Node): Block[] {
    const out: Block[] = [];
    for (const { key, value } of this.props(root)) {
      const type = String(key.value);
      const labels = LABELS[type];
      if (labels === undefined) continue;
      if (type === 'locals') {
        for (const v of value.type === 'array' ? (value.children ?? []) : [value]) {
          if (v.type === 'object') out.push(this.block(type, [], key, v));
        }
        continue;
      }
      this.labelled(type, labels, [], key, value, out);
    }
    return out;
  }

  private labelled(type: string, depth: number, labels: string[], key: Node, value: Node, out: Block[]): void {
    if (depth === 0) {
      for (const v of value.type === 'array' ? (value.children ?? []) : [value]) if (v.type === 'object') out.push(this.block(type, labels, key, v));
      return;
    }
    if (value.type !== 'object') return;
    for (const p of this.props(value)) this.labelled(type, depth - 1, [...labels, String(p.key.value)], key, p.value, out);
  }

  private block(type: string, labels: string[], key: Node, obj: Node): Block {
    return { type, labels, ts: key.offset, te: key.offset + key.length, body: this.body(obj), s: obj.offset, e: obj.offset + obj.length, ctx: this.ctx };
  }

  private body(obj: Node): Body {
    const body: Body = { attrs: [], blocks: [] };
    for (const { key, value } of this.props(obj)) {
      const name = String(key.value);
      if (NESTED_BLOCKS.has(name) && (value.type === 'object' || value.type === 'array')) {
        if (name === 'dynamic' && value.type === 'object') {
          for (const p of this.props(value)) {
            for (const v of p.value.type === 'array' ? (p.value.children ?? []) : [p.value]) if (v.type === 'object') body.blocks.push(this.block('dynamic', [String(p.key.value)], key, v));
          }
          continue;
        }
        for (const v of value.type === 'array' ? (value.children ?? []) : [value]) if (v.type === 'object') body.blocks.push(this.block(name, [], key, v));
        continue;
      }
      body.attrs.push(this.attr(key, value));
    }
    return body;
  }

  attrs(obj: Node): Attr[] {
    return this.props(obj).map(({ key, value }) => this.attr(key, value));
  }

  private attr(key: Node, value: Node): Attr {
    return { name: String(key.value), ns: key.offset, ne: key.offset + key.length, expr: this.expr(value, 0), s: key.offset, e: value.offset + value.length, ctx: this.ctx };
  }

  private expr(n: Node, depth: number): Expr {
    const s = n.offset;
    const e = n.offset + n.length;
    if (depth > MAX_NESTING) return { t: 'bad', s, e };
    switch (n.type) {
      case 'object':
        return {
          t: 'obj',
          elems: this.props(n).map(({ key, value }) => ({
            ident: String(key.value),
            key: { t: 'tpl', parts: [{ t: 'text', segs: [{ text: String(key.value), off: key.offset + 1 }] }], s: key.offset, e: key.offset + key.length },
            val: this.expr(value, depth + 1),
            s: key.offset,
            e: value.offset + value.length,
          })),
          s,
          e,
        };
      case 'array':
        return { t: 'tuple', items: (n.children ?? []).map((c) => this.expr(c, depth + 1)), s, e };
      case 'string':
        return this.string(n);
      case 'number':
        return { t: 'lit', v: Number(n.value), s, e };
      case 'boolean':
        return { t: 'lit', v: Boolean(n.value), s, e };
      default:
        return { t: 'lit', v: null, s, e };
    }
  }

  /** A JSON string is a template; without escapes in the source its offsets map exactly. */
  private string(n: Node): Expr {
    const value = String(n.value);
    const s = n.offset;
    const e = n.offset + n.length;
    if (!value.includes('${') && !value.includes('%{')) return { t: 'tpl', parts: value ? [{ t: 'text', segs: [{ text: value, off: s + 1 }] }] : [], s, e };
    const inner: FileCtx = { rel: this.ctx.rel, abs: this.ctx.abs, text: value, loc: (a, b) => this.ctx.loc(Math.min(s + 1 + a, e), Math.min(s + 1 + b, e)) };
    const { expr, problems } = parseTemplateText(this.parser, inner);
    for (const p of problems) this.problems.push(p);
    const shifted = shiftExpr(expr, s + 1);
    return { ...shifted, s, e } as Expr;
  }
}
