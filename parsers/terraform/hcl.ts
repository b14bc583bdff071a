/**
 * HCL native syntax -> `ast.ts`, with web-tree-sitter and the tree-sitter-hcl grammar (loaded once, lazily).
 *
 * Each top-level item is read from the CST with one cursor walk into a small raw tree, turned into the AST
 * and dropped, so memory stays proportional to one block. Known grammar quirks handled here:
 * `template_literal` nodes drop leading whitespace (literal text is taken from the source gaps between
 * interpolations instead), duplicate attributes are not a grammar error (checked here), offsets are UTF-16.
 * Syntax errors become problems at the ERROR/MISSING node; a stray token at the top level would swallow the
 * rest of the file, so its line is blanked (offsets kept) and the file parsed again, a few times at most.
 */
import { append } from './append.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Parser as TsParser, Tree } from 'web-tree-sitter';
import type { Attr, Block, Body, ConfigFile, Expr, FileCtx, ObjElem, SyntaxProblem, TextSeg, TplNode, Traversal } from './ast.js';

/** Deeper syntax is cut off (and reported): recursion over the tree stays far from the stack limit. */
export const MAX_SYNTAX_DEPTH = 200;
const MAX_PROBLEMS_PER_FILE = 10;
const MAX_RECOVERY_ROUNDS = 8;

/** The parser, plus direct access to the cursor functions of the runtime when they are where version 0.27 keeps them. */
export interface HclRuntime {
  parser: TsParser;
  fast?: FastCursor;
}

interface FastCursor {
  /** The Emscripten module: web-tree-sitter builds it on the options object given to `Parser.init`. */
  m: Record<string, (...a: number[]) => number> & { setValue(p: number, v: number, t: string): void; getValue(p: number, t: string): number };
  /** Where the runtime passes a cursor to and from the wasm side (a static buffer: `_ts_init` returns it). */
  tb: number;
  types: readonly string[];
}

let loading: Promise<HclRuntime> | undefined;

/** The parser, loaded on first use. Rejects (once per process) when the wasm files cannot be loaded. */
export function loadHcl(): Promise<HclRuntime> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const { Parser, Language } = await import('web-tree-sitter');
    const runtime = require.resolve('web-tree-sitter/web-tree-sitter.wasm');
    const moduleOptions: Record<string, unknown> = { locateFile: () => runtime };
    await Parser.init(moduleOptions);
    const grammar = readFileSync(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'));
    const language = await Language.load(new Uint8Array(grammar));
    const parser = new Parser();
    parser.setLanguage(language);
    const rt: HclRuntime = { parser };
    const fast = fastCursor(moduleOptions, language.types);
    if (fast) {
      rt.fast = fast;
      // Trust the shortcut only when it reads a sample exactly as the public cursor does.
      if (!sameWalk(rt)) delete rt.fast;
    }
    return rt;
  })();
  return loading;
}

function fastCursor(m: Record<string, unknown>, types: readonly string[]): FastCursor | undefined {
  const needed = [
    '_ts_init',
    '_ts_tree_cursor_current_node_type_id_wasm',
    '_ts_tree_cursor_start_index_wasm',
    '_ts_tree_cursor_end_index_wasm',
    '_ts_tree_cursor_current_node_is_missing_wasm',
    '_ts_tree_cursor_goto_first_child_wasm',
    '_ts_tree_cursor_goto_next_sibling_wasm',
    '_ts_tree_cursor_goto_parent_wasm',
    'setValue',
    'getValue',
  ];
  if (!needed.every((k) => typeof m[k] === 'function')) return undefined;
  const mod = m as FastCursor['m'];
  return { m: mod, tb: (mod._ts_init as () => number)(), types };
}

/**
 * A cursor walk. The public TreeCursor copies its state in and out of wasm memory on every step (most of the
 * walk's cost); the fast variant leaves the state in the runtime's transfer buffer for the whole walk and
 * copies it back before the cursor is deleted.
 */
interface Walker {
  type(): string;
  start(): number;
  end(): number;
  missing(): boolean;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
  close(): void;
}

function openWalker(rt: HclRuntime, tree: Tree): Walker {
  const c = tree.walk();
  const fast = rt.fast;
  const handles = (c as unknown as { handles?: number[] }).handles;
  const treePtr = (tree as unknown as Record<number, number>)[0];
  if (!fast || !Array.isArray(handles) || handles.length !== 4 || typeof treePtr !== 'number') {
    return {
      type: () => c.nodeType,
      start: () => c.startIndex,
      end: () => c.endIndex,
      missing: () => c.nodeIsMissing,
      firstChild: () => c.gotoFirstChild(),
      nextSibling: () => c.gotoNextSibling(),
      parent: () => c.gotoParent(),
      close: () => c.delete(),
    };
  }
  const { m, tb, types } = fast;
  for (let i = 0; i < 4; i++) m.setValue(tb + 4 * i, handles[i] as number, 'i32');
  const typeId = m._ts_tree_cursor_current_node_type_id_wasm as (t: number) => number;
  const start = m._ts_tree_cursor_start_index_wasm as (t: number) => number;
  const end = m._ts_tree_cursor_end_index_wasm as (t: number) => number;
  const missing = m._ts_tree_cursor_current_node_is_missing_wasm as (t: number) => number;
  const first = m._ts_tree_cursor_goto_first_child_wasm as (t: number) => number;
  const next = m._ts_tree_cursor_goto_next_sibling_wasm as (t: number) => number;
  const up = m._ts_tree_cursor_goto_parent_wasm as (t: number) => number;
  return {
    type: () => types[typeId(treePtr)] ?? 'ERROR',
    start: () => start(treePtr),
    end: () => end(treePtr),
    missing: () => missing(treePtr) === 1,
    firstChild: () => first(treePtr) === 1,
    nextSibling: () => next(treePtr) === 1,
    parent: () => up(treePtr) === 1,
    close: () => {
      for (let i = 0; i < 4; i++) handles[i] = m.getValue(tb + 4 * i, 'i32');
      c.delete();
    },
  };
}

function sameWalk(rt: HclRuntime): boolean {
  const sample = 'a = "x${b.c[0]}" # c\nblock "l" {\n  d = [1, { e = <<-EOT\n    f\n    EOT\n  }]\n}\n';
  const read = (useFast: boolean): string => {
    const tree = rt.parser.parse(sample);
    if (!tree) return '';
    const w = openWalker(useFast ? rt : { parser: rt.parser }, tree);
    const out: string[] = [];
    for (;;) {
      out.push(`${w.type()}:${w.start()}-${w.end()}:${w.missing()}`);
      if (w.firstChild()) continue;
      let done = false;
      while (!w.nextSibling()) {
        if (!w.parent()) {
          done = true;
          break;
        }
      }
      if (done) break;
    }
    w.close();
    tree.delete();
    return out.join(' ');
  };
  try {
    const a = read(false);
    return a !== '' && a === read(true);
  } catch {
    return false;
  }
}

// ---- raw tree ----------------------------------------------------------------------------------------------

interface Raw {
  ty: string;
  s: number;
  e: number;
  k: Raw[];
  miss?: boolean;
}

const NO_KIDS: Raw[] = [];

/** Reads the node under the cursor and its subtree; the cursor ends where it started. */
function readSubtree(c: Walker, withErrors: boolean, deep: number[], base = 0): Raw {
  const top: Raw = { ty: c.type(), s: c.start() + base, e: c.end() + base, k: NO_KIDS };
  if (!c.firstChild()) return top;
  const stack: Raw[] = [top];
  for (;;) {
    const ty = c.type();
    if (ty !== 'comment') {
      const s = c.start() + base;
      const e = c.end() + base;
      const n: Raw = { ty, s, e, k: NO_KIDS };
      if (withErrors && s === e && c.missing()) n.miss = true;
      const parent = stack[stack.length - 1] as Raw;
      if (parent.k === NO_KIDS) parent.k = [n];
      else parent.k.push(n);
      if (c.firstChild()) {
        if (stack.length < MAX_SYNTAX_DEPTH) {
          stack.push(n);
          continue;
        }
        c.parent();
        n.ty = 'DEEP';
        deep.push(s);
      }
    }
    while (!c.nextSibling()) {
      c.parent();
      stack.pop();
      if (stack.length === 0) return top;
    }
  }
}

// ---- parsing -----------------------------------------------------------------------------------------------

/** Files larger than this are parsed in pieces cut between top-level blocks, so memory stays bounded. */
const CHUNK = 256 * 1024;

/** Which top-level blocks to read whole; the others keep only their header and the attributes named in `keepAttrs`. */
export interface ReadOptions {
  wanted(type: string, labels: readonly string[]): boolean;
  keepAttrs: ReadonlySet<string>;
}

/** Parses one `.tf` file (or template text, see `parseTemplateText`). Never throws. */
export function parseHcl(rt: HclRuntime, ctx: FileCtx, opts?: ReadOptions): ConfigFile {
  const problems: SyntaxProblem[] = [];
  const body: Body = { attrs: [], blocks: [] };
  const deep: number[] = [];
  const chunks = ctx.text.length > CHUNK ? splitTopLevel(ctx.text, CHUNK) : [[0, ctx.text.length] as [number, number]];
  for (const [a, z] of chunks) {
    if (!parseChunk(rt, ctx, a, z, body, problems, deep, opts)) {
      return { ctx, body, problems: [...problems, { message: 'the HCL parser gave up on this file', loc: ctx.loc(a, a) }] };
    }
  }
  // Top-level attributes (a `.tfvars` file) must not repeat either.
  const seen = new Map<string, Attr>();
  for (const at of body.attrs) {
    const first = seen.get(at.name);
    if (!first) seen.set(at.name, at);
    else problems.push({ message: `duplicate attribute "${at.name}" (first set on line ${ctx.loc(first.ns, first.ne).line}); Terraform rejects the file`, loc: ctx.loc(at.ns, at.ne) });
  }
  if (deep.length) {
    const first = deep[0] as number;
    problems.push({ message: `expression nested more than ${MAX_SYNTAX_DEPTH} levels deep: not evaluated`, loc: ctx.loc(first, first + 1) });
  }
  problems.sort((x, y) => x.loc.line - y.loc.line || x.loc.column - y.loc.column);
  if (problems.length > MAX_PROBLEMS_PER_FILE) {
    const more = problems.length - MAX_PROBLEMS_PER_FILE;
    problems.length = MAX_PROBLEMS_PER_FILE;
    (problems[MAX_PROBLEMS_PER_FILE - 1] as SyntaxProblem).message += ` (and ${more} more problems in this file)`;
  }
  return { ctx, body, problems };
}

/**
 * Parses `ctx.text[a, z)` into `into`. Each top-level item is converted as soon as it is read (its raw tree is
 * dropped at once); an error that swallows the rest blanks its line and starts the piece over.
 */
function parseChunk(rt: HclRuntime, ctx: FileCtx, a: number, z: number, into: Body, problems: SyntaxProblem[], deep: number[], opts: ReadOptions | undefined): boolean {
  let src = a === 0 && z === ctx.text.length ? ctx.text : ctx.text.slice(a, z);
  for (let round = 0; ; round++) {
    const tree = rt.parser.parse(src);
    if (!tree) return false;
    const hasError = tree.rootNode.hasError;
    const b = new Builder(ctx);
    const body: Body = { attrs: [], blocks: [] };
    const roundDeep: number[] = [];
    let broken: { node: Raw; lineStart: number } | undefined;
    const take = (it: Raw): boolean => {
      if (hasError && round < MAX_RECOVERY_ROUNDS) {
        broken = swallowingError(it, ctx.text);
        if (broken) return false;
      }
      b.addItems([it], body);
      if (hasError) b.reportRemaining([it]);
      return true;
    };
    const c = openWalker(rt, tree);
    try {
      // A file without errors need not be read where nothing of interest is: blocks not wanted keep a skeleton.
      const read = (): Raw => (opts && !hasError && c.type() === 'block' ? readBlock(c, ctx.text, a, roundDeep, opts) : readSubtree(c, hasError, roundDeep, a));
      // config_file -> body -> items; stray tokens may sit beside the body.
      if (c.firstChild()) {
        outer: do {
          const ty = c.type();
          if (ty === 'body') {
            if (c.firstChild()) {
              do if (c.type() !== 'comment' && !take(read())) break outer;
              while (c.nextSibling());
              c.parent();
            }
          } else if (ty !== 'comment' && !take(read())) break;
        } while (c.nextSibling());
      }
    } finally {
      c.close();
      tree.delete();
    }
    if (broken) {
      const { node, lineStart } = broken;
      problems.push({ message: errorMessage(node, ctx.text), loc: lineLoc(ctx, ctx.text, node.s) });
      src = blankLine(src, lineStart - a);
      continue;
    }
    append(into.attrs, body.attrs);
    for (const blk of body.blocks) into.blocks.push(blk);
    append(problems, b.problems);
    append(deep, roundDeep);
    return true;
  }
}

/**
 * Offsets where a big file can be cut: line starts outside any block, string, heredoc or comment, about every
 * `size` characters. A light scan; if it loses track, the file stays in fewer pieces.
 */
function splitTopLevel(t: string, size: number): [number, number][] {
  const cuts: number[] = [0];
  let depth = 0;
  let next = size;
  let i = 0;
  const n = t.length;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === 10 /* newline */) {
      i++;
      if (depth === 0 && i >= next && i < n) {
        cuts.push(i);
        next = i + size;
      }
      continue;
    }
    if (c === 34 /* " */) {
      // A quoted string, with interpolations that may hold braces and strings of their own.
      i++;
      let nest = 0;
      while (i < n) {
        const d = t.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 10 && nest === 0) break;
        else if (d === 36 && t.charCodeAt(i + 1) === 123 && t.charCodeAt(i - 1) !== 36) {
          nest++;
          i += 2;
        } else if (d === 125 && nest > 0) {
          nest--;
          i++;
        } else if (d === 34 && nest === 0) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    if (c === 35 /* # */ || (c === 47 && t.charCodeAt(i + 1) === 47)) {
      const e = t.indexOf('\n', i);
      i = e === -1 ? n : e;
      continue;
    }
    if (c === 47 && t.charCodeAt(i + 1) === 42) {
      const e = t.indexOf('*/', i + 2);
      i = e === -1 ? n : e + 2;
      continue;
    }
    if (c === 60 && t.charCodeAt(i + 1) === 60) {
      const m = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(t.slice(i, i + 120));
      if (m) {
        const close = new RegExp(`^[ \\t]*${m[1]}[ \\t]*\\r?$`, 'm');
        const rest = t.slice(i + m[0].length, Math.min(n, i + m[0].length + 4 * size));
        const found = close.exec(rest);
        if (!found) return [[0, n]];
        i += m[0].length + found.index + found[0].length;
        continue;
      }
    }
    if (c === 123 || c === 91 || c === 40) depth++;
    else if (c === 125 || c === 93 || c === 41) depth = Math.max(0, depth - 1);
    i++;
  }
  const out: [number, number][] = [];
  for (let k = 0; k < cuts.length; k++) out.push([cuts[k] as number, k + 1 < cuts.length ? (cuts[k + 1] as number) : n]);
  return out;
}

/** A top-level block, whole when wanted; otherwise its header and the attributes to keep (nested blocks dropped). */
function readBlock(c: Walker, text: string, base: number, deep: number[], opts: ReadOptions): Raw {
  const top: Raw = { ty: 'block', s: c.start() + base, e: c.end() + base, k: [] };
  if (!c.firstChild()) return top;
  const labels: string[] = [];
  let type = '';
  let decided: boolean | undefined;
  do {
    const ty = c.type();
    if (ty === 'identifier' && !type) {
      type = text.slice(c.start() + base, c.end() + base);
      top.k.push({ ty, s: c.start() + base, e: c.end() + base, k: NO_KIDS });
    } else if ((ty === 'string_lit' || ty === 'identifier') && decided === undefined) {
      const raw = readSubtree(c, false, deep, base);
      labels.push(text.slice(raw.s, raw.e).replace(/^"|"$/g, ''));
      top.k.push(raw);
    } else if (ty === 'body') {
      decided ??= opts.wanted(type, labels);
      if (decided) {
        top.k.push(readSubtree(c, false, deep, base));
        continue;
      }
      const body: Raw = { ty: 'body', s: c.start() + base, e: c.end() + base, k: [] };
      top.k.push(body);
      if (c.firstChild()) {
        do {
          if (c.type() !== 'attribute') continue;
          if (!c.firstChild()) continue;
          const name = text.slice(c.start() + base, c.end() + base);
          c.parent();
          if (opts.keepAttrs.has(name)) body.k.push(readSubtree(c, false, deep, base));
        } while (c.nextSibling());
        c.parent();
      }
    } else if (ty !== 'comment') {
      decided ??= opts.wanted(type, labels);
      top.k.push(readSubtree(c, false, deep, base));
    }
  } while (c.nextSibling());
  c.parent();
  return top;
}

/** A top-level error that swallows what follows: an ERROR item, or an attribute whose value ran into the next block. */
function swallowingError(it: Raw, text: string): { node: Raw; lineStart: number } | undefined {
  if (it.ty === 'ERROR') return { node: it, lineStart: lineStartOf(text, it.s) };
  if (it.ty === 'attribute') {
    const err = it.k.find((k) => k.ty === 'ERROR');
    if (err && text.lastIndexOf('\n', it.e - 1) >= it.s) return { node: err, lineStart: lineStartOf(text, it.s) };
  }
  return undefined;
}

const lineStartOf = (src: string, off: number): number => src.lastIndexOf('\n', off - 1) + 1;

function lineLoc(ctx: FileCtx, src: string, off: number) {
  let end = src.indexOf('\n', off);
  if (end === -1) end = src.length;
  return ctx.loc(off, Math.max(off, end));
}

function blankLine(src: string, start: number): string {
  let end = src.indexOf('\n', start);
  if (end === -1) end = src.length;
  return src.slice(0, start) + src.slice(start, end).replace(/[^\r]/g, ' ') + src.slice(end);
}

function errorMessage(node: Raw, src: string): string {
  const first = firstLeaf(node);
  const text = src.slice(first.s, Math.min(first.e, first.s + 30)).split('\n')[0] ?? '';
  return text.trim() ? `syntax error: unexpected "${text.trim()}"` : 'syntax error';
}

function firstLeaf(n: Raw): Raw {
  let x = n;
  while (x.k.length > 0) x = x.k[0] as Raw;
  return x;
}

const TOP_LEVEL_BLOCKS = new Set(['resource', 'data', 'module', 'variable', 'output', 'locals', 'provider', 'terraform', 'moved', 'import', 'check', 'removed']);

const BINARY_OPS = new Set(['||', '&&', '==', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%']);

class Builder {
  /** Offsets of ERROR/MISSING nodes already reported with a better message. */
  private readonly claimed = new Set<number>();
  private readonly text: string;
  readonly problems: SyntaxProblem[] = [];
  /** Unterminated heredocs seen so far. */
  private openHeredocs = 0;

  constructor(private readonly ctx: FileCtx) {
    this.text = ctx.text;
  }

  private problem(message: string, s: number, e: number): void {
    this.problems.push({ message, loc: this.ctx.loc(s, e) });
  }

  /** Top-level items into the file's body (duplicates at the top level are checked once the whole file is read). */
  addItems(items: Raw[], into: Body): void {
    const body = this.items(items, true);
    append(into.attrs, body.attrs);
    for (const blk of body.blocks) into.blocks.push(blk);
  }

  items(items: Raw[], top: boolean): Body {
    const body: Body = { attrs: [], blocks: [] };
    const seen = new Map<string, Attr>();
    for (const it of items) {
      if (it.ty === 'attribute') {
        const a = this.attr(it);
        if (!a) continue;
        const first = top ? undefined : seen.get(a.name);
        if (first) {
          const line = this.ctx.loc(first.ns, first.ne).line;
          this.problem(`duplicate attribute "${a.name}" (first set on line ${line}); Terraform rejects the file`, a.ns, a.ne);
        } else seen.set(a.name, a);
        body.attrs.push(a);
      } else if (it.ty === 'block') {
        const b = this.block(it);
        if (!b) continue;
        body.blocks.push(b);
        if (top && b.unclosed) this.hoist(b, body);
      } else if (it.ty === 'body') {
        const inner = this.items(it.k, top);
        append(body.attrs, inner.attrs);
        append(body.blocks, inner.blocks);
      } else if (it.ty === 'ERROR' && top) {
        // Whole blocks the parser could still recognise inside an error.
        for (const k of it.k) if (k.ty === 'block') {
          const b = this.block(k);
          if (b) body.blocks.push(b);
        }
      }
    }
    return body;
  }

  /** An unclosed top-level block swallows the blocks after it: give them back to the file. */
  private hoist(b: Block & { unclosed?: boolean }, into: Body): void {
    const keep: Block[] = [];
    for (const inner of b.body.blocks) {
      if (TOP_LEVEL_BLOCKS.has(inner.type)) into.blocks.push(inner);
      else keep.push(inner);
    }
    b.body.blocks = keep;
  }

  private attr(n: Raw): Attr | undefined {
    const id = n.k[0];
    if (!id || id.ty !== 'identifier') return undefined;
    const x = n.k.find((k) => k.ty === 'expression');
    const expr: Expr = x ? this.expr(x) : { t: 'bad', s: id.e, e: n.e };
    return { name: this.text.slice(id.s, id.e), ns: id.s, ne: id.e, expr, s: n.s, e: n.e, ctx: this.ctx };
  }

  private block(n: Raw): (Block & { unclosed?: boolean }) | undefined {
    const id = n.k[0];
    if (!id || id.ty !== 'identifier') return undefined;
    const labels: string[] = [];
    let bodyRaw: Raw | undefined;
    let unclosed = false;
    for (let i = 1; i < n.k.length; i++) {
      const k = n.k[i] as Raw;
      if (k.ty === 'string_lit') labels.push(this.plainString(k));
      else if (k.ty === 'identifier') labels.push(this.text.slice(k.s, k.e));
      else if (k.ty === 'body') bodyRaw = k;
      else if (k.ty === 'block_end' && (k.s === k.e || k.k.some((x) => x.miss))) unclosed = true;
    }
    if (!n.k.some((k) => k.ty === 'block_end')) unclosed = true;
    const heredocsBefore = this.openHeredocs;
    const body = bodyRaw ? this.items(bodyRaw.k, false) : { attrs: [], blocks: [] };
    if (unclosed) {
      // An unterminated heredoc inside already explains why the block never closes.
      if (this.openHeredocs === heredocsBefore) {
        const headerEnd = this.text.indexOf('\n', n.s);
        this.problem(`unclosed block "${[this.text.slice(id.s, id.e), ...labels].join(' ')}": missing "}"`, n.s, headerEnd === -1 ? n.e : Math.min(headerEnd, n.e));
      }
      this.claimMissing(n);
    }
    const b: Block & { unclosed?: boolean } = { type: this.text.slice(id.s, id.e), labels, ts: id.s, te: id.e, body, s: n.s, e: n.e, ctx: this.ctx };
    if (unclosed) b.unclosed = true;
    return b;
  }

  private claimMissing(n: Raw): void {
    for (const k of n.k) {
      if (k.ty === 'block_end') {
        this.claimed.add(k.s);
        for (const x of k.k) this.claimed.add(x.s);
      }
    }
  }

  /** Reports ERROR and MISSING nodes not already described: the first of each top-level item (the rest usually follow from it). */
  reportRemaining(items: Raw[]): void {
    const walk = (n: Raw): boolean => {
      if (n.ty === 'ERROR') {
        if (this.claimed.has(n.s)) return false;
        this.problems.push({ message: errorMessage(n, this.text), loc: lineLoc(this.ctx, this.text, n.s) });
        return true;
      }
      if (n.miss && !this.claimed.has(n.s)) {
        this.problems.push({ message: `syntax error: missing ${/^[a-z_]+$/.test(n.ty) ? n.ty.replace(/_/g, ' ') : `"${n.ty}"`}`, loc: this.ctx.loc(n.s, n.s) });
        return true;
      }
      for (const k of n.k) if (walk(k)) return true;
      return false;
    };
    for (const it of items) {
      if (this.problems.length > MAX_PROBLEMS_PER_FILE) return;
      walk(it);
    }
  }

  // ---- expressions ---------------------------------------------------------------------------------------

  expr(n: Raw): Expr {
    switch (n.ty) {
      case 'expression':
        return this.seq(n.k, n.s, n.e);
      case 'literal_value':
        return n.k[0] ? this.expr(n.k[0]) : this.bad(n);
      case 'numeric_lit': {
        const v = Number(this.text.slice(n.s, n.e));
        return { t: 'lit', v: Number.isFinite(v) ? v : null, s: n.s, e: n.e };
      }
      case 'bool_lit':
        return { t: 'lit', v: this.text.slice(n.s, n.e) === 'true', s: n.s, e: n.e };
      case 'null_lit':
        return { t: 'lit', v: null, s: n.s, e: n.e };
      case 'string_lit':
      case 'quoted_template':
        return this.quoted(n);
      case 'heredoc_template':
        return this.heredoc(n);
      case 'template_expr':
      case 'collection_value':
      case 'for_expr':
      case 'operation':
        return n.k[0] ? this.expr(n.k[0]) : this.bad(n);
      case 'tuple':
        return { t: 'tuple', items: n.k.filter((k) => k.ty === 'expression').map((k) => this.expr(k)), s: n.s, e: n.e };
      case 'object':
        return { t: 'obj', elems: n.k.filter((k) => k.ty === 'object_elem').map((k) => this.elem(k)), s: n.s, e: n.e };
      case 'variable_expr':
        return { t: 'var', name: this.text.slice(n.s, n.e), s: n.s, e: n.e };
      case 'function_call':
        return this.call(n);
      case 'for_tuple_expr':
      case 'for_object_expr':
        return this.forExpr(n);
      case 'binary_operation': {
        const i = n.k.findIndex((k, j) => j > 0 && BINARY_OPS.has(k.ty));
        if (i < 1) return this.bad(n);
        return { t: 'bin', op: (n.k[i] as Raw).ty, l: this.seq(n.k.slice(0, i), n.s, (n.k[i] as Raw).s), r: this.seq(n.k.slice(i + 1), (n.k[i] as Raw).e, n.e), s: n.s, e: n.e };
      }
      case 'unary_operation': {
        const op = n.k[0];
        if (!op) return this.bad(n);
        return { t: 'un', op: op.ty, x: this.seq(n.k.slice(1), op.e, n.e), s: n.s, e: n.e };
      }
      case 'conditional': {
        const q = n.k.findIndex((k) => k.ty === '?');
        const col = n.k.findIndex((k, j) => j > q && k.ty === ':');
        if (q < 1 || col < 0) return this.bad(n);
        return {
          t: 'cond',
          c: this.seq(n.k.slice(0, q), n.s, n.e),
          a: this.seq(n.k.slice(q + 1, col), n.s, n.e),
          b: this.seq(n.k.slice(col + 1), n.s, n.e),
          s: n.s,
          e: n.e,
        };
      }
      default:
        return this.bad(n);
    }
  }

  private bad(n: Raw): Expr {
    return { t: 'bad', s: n.s, e: n.e };
  }

  /** A primary expression followed by attribute access, indexing and splats (the grammar flattens them). */
  private seq(kids: Raw[], s: number, e: number): Expr {
    if (kids.length === 0) return { t: 'bad', s, e };
    let i = 0;
    let base: Expr;
    const first = kids[0] as Raw;
    if (first.ty === '(') {
      const inner = kids.find((k, j) => j > 0 && k.ty !== '(' && k.ty !== ')');
      base = inner ? this.expr(inner) : { t: 'bad', s, e };
      const close = kids.findIndex((k) => k.ty === ')');
      i = close === -1 ? kids.length : close + 1;
    } else {
      base = this.expr(first);
      i = 1;
    }
    for (; i < kids.length; i++) {
      const k = kids[i] as Raw;
      const start = base.s;
      if (k.ty === 'get_attr') base = { t: 'get', obj: base, name: this.identIn(k), s: start, e: k.e };
      else if (k.ty === 'index') base = { t: 'idx', obj: base, key: this.indexKey(k), s: start, e: k.e };
      else if (k.ty === 'splat') {
        const sp = k.k[0];
        const each: Traversal[] = [];
        for (const x of sp?.k ?? []) {
          if (x.ty === 'get_attr') each.push({ t: 'get', name: this.identIn(x), s: x.s, e: x.e });
          else if (x.ty === 'index') each.push({ t: 'idx', key: this.indexKey(x), s: x.s, e: x.e });
        }
        base = { t: 'splat', obj: base, each, s: start, e: k.e };
      } else if (k.ty === 'ERROR' || k.ty === 'DEEP') base = { t: 'bad', s: start, e: k.e };
    }
    return base;
  }

  private identIn(n: Raw): string {
    const id = n.k.find((k) => k.ty === 'identifier');
    return id ? this.text.slice(id.s, id.e) : '';
  }

  private indexKey(n: Raw): Expr {
    const inner = n.k[0];
    if (!inner) return this.bad(n);
    if (inner.ty === 'legacy_index') {
      const digits = /\d+/.exec(this.text.slice(inner.s, inner.e));
      return { t: 'lit', v: digits ? Number(digits[0]) : null, s: inner.s, e: inner.e };
    }
    const x = inner.k.find((k) => k.ty === 'expression');
    return x ? this.expr(x) : this.bad(inner);
  }

  private elem(n: Raw): ObjElem {
    const exprs = n.k.filter((k) => k.ty === 'expression');
    const kx = exprs[0];
    const vx = exprs[1];
    const key: Expr = kx ? this.expr(kx) : this.bad(n);
    const val: Expr = vx ? this.expr(vx) : { t: 'bad', s: n.e, e: n.e };
    const el: ObjElem = { key, val, s: n.s, e: n.e };
    // A bare identifier key is the key's name; `(expr)` or a string is evaluated.
    if (key.t === 'var' && kx && kx.k.length === 1) el.ident = key.name;
    return el;
  }

  private call(n: Raw): Expr {
    const ids = n.k.filter((k) => k.ty === 'identifier');
    const name = ids.map((k) => this.text.slice(k.s, k.e)).join('::');
    const argsNode = n.k.find((k) => k.ty === 'function_arguments');
    const args = argsNode ? argsNode.k.filter((k) => k.ty === 'expression').map((k) => this.expr(k)) : [];
    const expand = !!argsNode && argsNode.k.some((k) => k.ty === 'ellipsis');
    return { t: 'call', name, args, expand, s: n.s, e: n.e };
  }

  private forExpr(n: Raw): Expr {
    const intro = n.k.find((k) => k.ty === 'for_intro');
    const cond = n.k.find((k) => k.ty === 'for_cond');
    const bodyExprs = n.k.filter((k) => k.ty === 'expression');
    if (!intro) return this.bad(n);
    const ids = intro.k.filter((k) => k.ty === 'identifier').map((k) => this.text.slice(k.s, k.e));
    const collRaw = intro.k.find((k) => k.ty === 'expression');
    const isObj = n.ty === 'for_object_expr';
    const condRaw = cond?.k.find((k) => k.ty === 'expression');
    const out: Expr = {
      t: 'for',
      isObj,
      v: ids.length > 1 ? (ids[1] as string) : (ids[0] ?? ''),
      coll: collRaw ? this.expr(collRaw) : this.bad(intro),
      val: this.bad(n),
      group: isObj && n.k.some((k) => k.ty === 'ellipsis'),
      s: n.s,
      e: n.e,
    };
    if (ids.length > 1) out.k = ids[0];
    if (isObj) {
      if (bodyExprs[0]) out.key = this.expr(bodyExprs[0]);
      if (bodyExprs[1]) out.val = this.expr(bodyExprs[1]);
    } else if (bodyExprs[0]) out.val = this.expr(bodyExprs[0]);
    if (condRaw) out.cond = this.expr(condRaw);
    return out;
  }

  // ---- templates -----------------------------------------------------------------------------------------

  /** A label or other string that cannot hold interpolations. */
  private plainString(n: Raw): string {
    const open = n.k[0];
    const close = n.k[n.k.length - 1];
    const s = open ? open.e : n.s;
    const e = close && close !== open && close.ty === 'quoted_template_end' ? close.s : n.e;
    return this.gap(s, e, 'quoted', 0, 0).map((x) => x.text).join('');
  }

  private quoted(n: Raw): Expr {
    const open = n.k[0];
    const last = n.k[n.k.length - 1];
    const s = open && open.ty === 'quoted_template_start' ? open.e : n.s;
    const e = last && last.ty === 'quoted_template_end' && last !== open && !last.miss ? last.s : n.e;
    const kids = n.k.filter((k) => k.ty === 'template_interpolation' || k.ty === 'template_directive');
    return { t: 'tpl', parts: this.region(s, e, kids, 'quoted', 0, false, false), s: n.s, e: n.e };
  }

  private heredoc(n: Raw): Expr {
    const start = n.k[0];
    const ids = n.k.filter((k) => k.ty === 'heredoc_identifier');
    const open = ids[0];
    const close = ids.length > 1 ? ids[ids.length - 1] : undefined;
    if (!start || !open) return this.bad(n);
    const flush = this.text.slice(start.s, start.e).startsWith('<<-');
    const nl = this.text.indexOf('\n', open.e);
    const bodyStart = nl === -1 || nl >= n.e ? n.e : nl + 1;
    let bodyEnd = n.e;
    if (close && !close.miss) bodyEnd = Math.max(bodyStart, lineStartOf(this.text, close.s));
    else {
      const name = this.text.slice(open.s, open.e);
      this.problem(`unterminated heredoc: no line "${name}" closes the "${this.text.slice(start.s, open.e)}" started here`, start.s, open.e);
      if (close) this.claimed.add(close.s);
      this.openHeredocs++;
      // Its text runs to the end of the file, through whatever follows: not a value to judge.
      return { t: 'bad', s: n.s, e: n.e };
    }
    const kids = n.k.filter((k) => (k.ty === 'template_interpolation' || k.ty === 'template_directive') && k.s >= bodyStart);
    const indent = flush ? this.minIndent(bodyStart, bodyEnd, kids) : 0;
    return { t: 'tpl', parts: this.region(bodyStart, bodyEnd, kids, 'heredoc', indent, false, false, bodyStart), s: n.s, e: n.e };
  }

  /** `<<-`: the smallest indentation of the non-blank lines that start in literal text (HCL's rule). */
  private minIndent(s: number, e: number, kids: Raw[]): number {
    let min = Infinity;
    let ki = 0;
    for (let p = s; p < e; ) {
      while (ki < kids.length && (kids[ki] as Raw).e <= p) ki++;
      const kid = kids[ki];
      const inside = !!kid && kid.s < p && p < kid.e;
      let lineEnd = this.text.indexOf('\n', p);
      if (lineEnd === -1 || lineEnd > e) lineEnd = e;
      if (!inside) {
        let q = p;
        while (q < lineEnd && (this.text[q] === ' ' || this.text[q] === '\t')) q++;
        const interpAt = !!kid && kid.s === q;
        const blank = q === lineEnd || (q === lineEnd - 1 && this.text[q] === '\r');
        if (!blank || interpAt) min = Math.min(min, q - p);
      }
      p = lineEnd + 1;
    }
    return min === Infinity ? 0 : min;
  }

  private region(s: number, e: number, kids: Raw[], mode: 'quoted' | 'heredoc', indent: number, stripFirst: boolean, stripLast: boolean, bodyStart = -1): TplNode[] {
    const out: TplNode[] = [];
    let pos = s;
    let stripNext = stripFirst;
    for (const k of kids) {
      if (k.s < pos || k.e > e) continue;
      const tags = this.tagStrips(k);
      this.pushText(out, this.gap(pos, k.s, mode, indent, bodyStart), stripNext, tags.left);
      out.push(this.tplNode(k, mode, indent, bodyStart));
      stripNext = tags.right;
      pos = k.e;
    }
    this.pushText(out, this.gap(pos, e, mode, indent, bodyStart), stripNext, stripLast);
    return out;
  }

  private pushText(out: TplNode[], segs: TextSeg[], trimStart: boolean, trimEnd: boolean): void {
    let list = segs;
    if (trimStart) list = trimSegsStart(list);
    if (trimEnd) list = trimSegsEnd(list);
    if (list.length) out.push({ t: 'text', segs: list });
  }

  /** Strip markers on the outer tags of an interpolation or directive: `${~ x ~}`, `%{~ if c ~}...%{~ endif ~}`. */
  private tagStrips(k: Raw): { left: boolean; right: boolean } {
    if (k.ty === 'template_interpolation') return { left: k.k[1]?.ty === 'strip_marker', right: k.k.length > 3 && k.k[k.k.length - 2]?.ty === 'strip_marker' };
    const d = k.k[0];
    if (!d) return { left: false, right: false };
    const first = d.k[0];
    const last = d.k[d.k.length - 1];
    return { left: !!first && strips(first).left, right: !!last && strips(last).right };
  }

  private tplNode(k: Raw, mode: 'quoted' | 'heredoc', indent: number, bodyStart: number): TplNode {
    if (k.ty === 'template_interpolation') {
      const x = k.k.find((c) => c.ty === 'expression');
      return { t: 'interp', x: x ? this.expr(x) : this.bad(k), s: k.s, e: k.e };
    }
    const d = k.k[0];
    if (!d) return { t: 'interp', x: this.bad(k), s: k.s, e: k.e };
    const inner = d.k.filter((c) => c.ty === 'template_interpolation' || c.ty === 'template_directive');
    if (d.ty === 'template_if') {
      const intro = d.k.find((c) => c.ty === 'template_if_intro');
      const elseTag = d.k.find((c) => c.ty === 'template_else_intro');
      const end = d.k.find((c) => c.ty === 'template_if_end');
      const condRaw = intro?.k.find((c) => c.ty === 'expression');
      const thenEnd = elseTag ?? end;
      const thenS = intro ? intro.e : d.s;
      const thenE = thenEnd ? thenEnd.s : d.e;
      const node: TplNode = {
        t: 'if',
        c: condRaw ? this.expr(condRaw) : this.bad(d),
        then: this.region(thenS, thenE, inner.filter((c) => c.s >= thenS && c.e <= thenE), mode, indent, !!intro && strips(intro).right, !!thenEnd && strips(thenEnd).left, bodyStart),
        else: [],
        s: k.s,
        e: k.e,
      };
      if (elseTag) {
        const es = elseTag.e;
        const ee = end ? end.s : d.e;
        node.else = this.region(es, ee, inner.filter((c) => c.s >= es && c.e <= ee), mode, indent, strips(elseTag).right, !!end && strips(end).left, bodyStart);
      }
      return node;
    }
    if (d.ty === 'template_for') {
      const start = d.k.find((c) => c.ty === 'template_for_start');
      const end = d.k.find((c) => c.ty === 'template_for_end');
      const ids = (start?.k ?? []).filter((c) => c.ty === 'identifier').map((c) => this.text.slice(c.s, c.e));
      const collRaw = start?.k.find((c) => c.ty === 'expression');
      const bs = start ? start.e : d.s;
      const be = end ? end.s : d.e;
      const node: TplNode = {
        t: 'for',
        v: ids.length > 1 ? (ids[1] as string) : (ids[0] ?? ''),
        coll: collRaw ? this.expr(collRaw) : this.bad(d),
        body: this.region(bs, be, inner.filter((c) => c.s >= bs && c.e <= be), mode, indent, !!start && strips(start).right, !!end && strips(end).left, bodyStart),
        s: k.s,
        e: k.e,
      };
      if (ids.length > 1) node.k = ids[0];
      return node;
    }
    return { t: 'interp', x: this.bad(k), s: k.s, e: k.e };
  }

  /**
   * Literal text between `s` and `e`: escapes decoded (quoted strings), `$${` and `%%{` unescaped, `<<-`
   * indentation removed. Every segment maps linearly to the source; an escape becomes its own segment.
   */
  private gap(s: number, e: number, mode: 'quoted' | 'heredoc', indent: number, bodyStart: number): TextSeg[] {
    const t = this.text;
    const out: TextSeg[] = [];
    let runStart = s;
    const flush = (end: number): void => {
      if (end > runStart) out.push({ text: t.slice(runStart, end), off: runStart });
    };
    let i = s;
    while (i < e) {
      if (indent > 0 && (i === bodyStart || (i > bodyStart && t.charCodeAt(i - 1) === 10))) {
        // Start of a heredoc line: drop up to `indent` leading blanks, unless the line is blank.
        let q = i;
        while (q < e && q - i < indent && (t[q] === ' ' || t[q] === '\t')) q++;
        let r = q;
        while (r < t.length && (t[r] === ' ' || t[r] === '\t')) r++;
        const blank = r >= t.length || t[r] === '\n' || (t[r] === '\r' && t[r + 1] === '\n');
        if (!blank && q > i) {
          flush(i);
          runStart = q;
          i = q;
          continue;
        }
      }
      const c = t.charCodeAt(i);
      if ((c === 36 /* $ */ || c === 37) /* % */ && t.charCodeAt(i + 1) === c && t.charCodeAt(i + 2) === 123 /* { */) {
        flush(i);
        out.push({ text: t.slice(i + 1, i + 3), off: i + 1 });
        i += 3;
        runStart = i;
        continue;
      }
      if (mode === 'quoted' && c === 92 /* \ */ && i + 1 < e) {
        flush(i);
        const n = t[i + 1] as string;
        let len = 2;
        let ch: string;
        switch (n) {
          case 'n':
            ch = '\n';
            break;
          case 'r':
            ch = '\r';
            break;
          case 't':
            ch = '\t';
            break;
          case '"':
            ch = '"';
            break;
          case '\\':
            ch = '\\';
            break;
          case 'u':
          case 'U': {
            const digits = n === 'u' ? 4 : 8;
            const hex = t.slice(i + 2, i + 2 + digits);
            const cp = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : NaN;
            ch = Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : t.slice(i, i + 2);
            if (Number.isFinite(cp)) len = 2 + digits;
            break;
          }
          default:
            ch = t.slice(i, i + 2);
        }
        out.push({ text: ch, off: i, n: len });
        i += len;
        runStart = i;
        continue;
      }
      i++;
    }
    flush(e);
    return out;
  }
}

function strips(tag: Raw): { left: boolean; right: boolean } {
  const k = tag.k;
  return { left: k[1]?.ty === 'strip_marker', right: k.length > 2 && k[k.length - 2]?.ty === 'strip_marker' };
}

const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';

function trimSegsStart(segs: TextSeg[]): TextSeg[] {
  const out = [...segs];
  while (out.length) {
    const first = out[0] as TextSeg;
    let i = 0;
    while (i < first.text.length && isSpace(first.text[i] as string)) i++;
    if (i < first.text.length) {
      if (i > 0) out[0] = { text: first.text.slice(i), off: first.off + i };
      break;
    }
    out.shift();
  }
  return out;
}

function trimSegsEnd(segs: TextSeg[]): TextSeg[] {
  const out = [...segs];
  while (out.length) {
    const last = out[out.length - 1] as TextSeg;
    let i = last.text.length;
    while (i > 0 && isSpace(last.text[i - 1] as string)) i--;
    if (i > 0) {
      if (i < last.text.length) out[out.length - 1] = { text: last.text.slice(0, i), off: last.off };
      break;
    }
    out.pop();
  }
  return out;
}

/**
 * Parses a template file (`templatefile`) or a template string from Terraform's JSON syntax: the text is
 * wrapped as a heredoc body, so offsets come back relative to `text` itself.
 */
export function parseTemplateText(rt: HclRuntime, ctx: FileCtx): { expr: Expr; problems: SyntaxProblem[] } {
  let delim = 'IAMLINT_TEMPLATE';
  while (ctx.text.includes(delim)) delim += '_X';
  const prefix = `t = <<${delim}\n`;
  const wrapped = `${prefix}${ctx.text}\n${delim}\n`;
  const shift = prefix.length;
  const shifted: FileCtx = {
    rel: ctx.rel,
    abs: ctx.abs,
    text: wrapped,
    loc: (s, e) => ctx.loc(clamp(s - shift, ctx.text.length), clamp(e - shift, ctx.text.length)),
  };
  const parsed = parseHcl(rt, shifted);
  const a = parsed.body.attrs[0];
  const problems = parsed.problems;
  if (!a || a.expr.t !== 'tpl') return { expr: { t: 'bad', s: 0, e: ctx.text.length }, problems };
  // The wrapper adds one newline before the closing delimiter: drop it from the last text node.
  const parts = a.expr.parts;
  const last = parts[parts.length - 1];
  if (last && last.t === 'text') {
    const lastSeg = last.segs[last.segs.length - 1];
    if (lastSeg && lastSeg.text.endsWith('\n') && lastSeg.off + lastSeg.text.length - shift === ctx.text.length + 1) {
      const trimmed = lastSeg.text.slice(0, -1);
      if (trimmed) last.segs[last.segs.length - 1] = { text: trimmed, off: lastSeg.off };
      else last.segs.pop();
      if (last.segs.length === 0) parts.pop();
    }
  }
  return { expr: shiftExpr({ t: 'tpl', parts, s: shift, e: shift + ctx.text.length }, -shift), problems };
}

const clamp = (n: number, max: number): number => Math.max(0, Math.min(n, max));

/** Moves every offset in an expression by `d` (used for text parsed inside a wrapper). */
export function shiftExpr(x: Expr, d: number): Expr {
  const sh = <T extends { s: number; e: number }>(o: T): T => ({ ...o, s: o.s + d, e: o.e + d });
  const tpl = (parts: TplNode[]): TplNode[] =>
    parts.map((p): TplNode => {
      switch (p.t) {
        case 'text':
          return { t: 'text', segs: p.segs.map((g) => ({ text: g.text, off: g.off + d })) };
        case 'interp':
          return { ...sh(p), x: shiftExpr(p.x, d) };
        case 'if':
          return { ...sh(p), c: shiftExpr(p.c, d), then: tpl(p.then), else: tpl(p.else) };
        case 'for':
          return { ...sh(p), coll: shiftExpr(p.coll, d), body: tpl(p.body) };
      }
    });
  switch (x.t) {
    case 'lit':
    case 'var':
    case 'bad':
    case 'val':
      return sh(x);
    case 'tpl':
      return { ...sh(x), parts: tpl(x.parts) };
    case 'tuple':
      return { ...sh(x), items: x.items.map((i) => shiftExpr(i, d)) };
    case 'obj':
      return { ...sh(x), elems: x.elems.map((el) => ({ ...sh(el), key: shiftExpr(el.key, d), val: shiftExpr(el.val, d) })) };
    case 'get':
      return { ...sh(x), obj: shiftExpr(x.obj, d) };
    case 'idx':
      return { ...sh(x), obj: shiftExpr(x.obj, d), key: shiftExpr(x.key, d) };
    case 'splat':
      return { ...sh(x), obj: shiftExpr(x.obj, d), each: x.each.map((t) => (t.t === 'get' ? sh(t) : { ...sh(t), key: shiftExpr(t.key, d) })) };
    case 'call':
      return { ...sh(x), args: x.args.map((a) => shiftExpr(a, d)) };
    case 'cond':
      return { ...sh(x), c: shiftExpr(x.c, d), a: shiftExpr(x.a, d), b: shiftExpr(x.b, d) };
    case 'bin':
      return { ...sh(x), l: shiftExpr(x.l, d), r: shiftExpr(x.r, d) };
    case 'un':
      return { ...sh(x), x: shiftExpr(x.x, d) };
    case 'for': {
      const out: Expr = { ...sh(x), coll: shiftExpr(x.coll, d), val: shiftExpr(x.val, d) };
      if (x.key) out.key = shiftExpr(x.key, d);
      if (x.cond) out.cond = shiftExpr(x.cond, d);
      return out;
    }
  }
}
