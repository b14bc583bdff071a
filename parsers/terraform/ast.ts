/**
 * The Terraform configuration as the evaluator sees it: bodies, blocks, attributes and expressions with source
 * offsets. Built from the tree-sitter CST (`hcl.ts`) or from Terraform's JSON syntax (`tf-json.ts`); plain
 * objects, so the tree-sitter tree can be freed as soon as a file is read.
 */
import { LineIndex, type Location } from '../../src/model/location.js';
import type { Val } from './values.js';

/**
 * A file (or a piece of text inside one) that offsets refer to. `loc` turns an offset range into a location;
 * for text that is not the file itself (a string inside a `.tf.json`) it maps back to the file.
 */
export interface FileCtx {
  /** Root-relative path as reported. */
  rel: string;
  abs: string;
  text: string;
  loc(start: number, end: number): Location;
}

/** Literal template text: `off` is the source offset of `text[0]`, and the text maps linearly (no escapes inside). */
export interface TextSeg {
  text: string;
  off: number;
  /** Source length when it differs from the text's (an escape: `\\n` is one character written as two). */
  n?: number;
}

export type Expr =
  | { t: 'lit'; v: number | boolean | null; s: number; e: number }
  | { t: 'tpl'; parts: TplNode[]; s: number; e: number }
  | { t: 'tuple'; items: Expr[]; s: number; e: number }
  | { t: 'obj'; elems: ObjElem[]; s: number; e: number }
  | { t: 'var'; name: string; s: number; e: number }
  | { t: 'get'; obj: Expr; name: string; s: number; e: number }
  | { t: 'idx'; obj: Expr; key: Expr; s: number; e: number }
  | { t: 'splat'; obj: Expr; each: Traversal[]; s: number; e: number }
  | { t: 'call'; name: string; args: Expr[]; expand: boolean; s: number; e: number }
  | { t: 'cond'; c: Expr; a: Expr; b: Expr; s: number; e: number }
  | { t: 'bin'; op: string; l: Expr; r: Expr; s: number; e: number }
  | { t: 'un'; op: string; x: Expr; s: number; e: number }
  | { t: 'for'; isObj: boolean; k?: string; v: string; coll: Expr; key?: Expr; val: Expr; cond?: Expr; group: boolean; s: number; e: number }
  | { t: 'bad'; s: number; e: number }
  /** A value known in advance (plan JSON): evaluates to itself. */
  | { t: 'val'; v: Val; s: number; e: number };

export type Traversal = { t: 'get'; name: string; s: number; e: number } | { t: 'idx'; key: Expr; s: number; e: number };

export interface ObjElem {
  /** Set when the key is a bare identifier (`a = 1`): a literal key, not a variable. */
  ident?: string;
  key: Expr;
  val: Expr;
  s: number;
  e: number;
}

export type TplNode =
  | { t: 'text'; segs: TextSeg[] }
  | { t: 'interp'; x: Expr; s: number; e: number }
  | { t: 'if'; c: Expr; then: TplNode[]; else: TplNode[]; s: number; e: number }
  | { t: 'for'; k?: string; v: string; coll: Expr; body: TplNode[]; s: number; e: number };

export interface Attr {
  name: string;
  /** The name's span. */
  ns: number;
  ne: number;
  expr: Expr;
  s: number;
  e: number;
  ctx: FileCtx;
}

export interface Block {
  type: string;
  labels: string[];
  /** The type keyword's span. */
  ts: number;
  te: number;
  body: Body;
  s: number;
  e: number;
  ctx: FileCtx;
}

export interface Body {
  attrs: Attr[];
  blocks: Block[];
}

export interface SyntaxProblem {
  message: string;
  loc: Location;
}

export interface ConfigFile {
  ctx: FileCtx;
  body: Body;
  problems: SyntaxProblem[];
}

export function attrOf(body: Body, name: string): Attr | undefined {
  for (const a of body.attrs) if (a.name === name) return a;
  return undefined;
}

export function blocksOf(body: Body, type: string): Block[] {
  return body.blocks.filter((b) => b.type === type);
}

export const isTextOnly = (x: Expr): boolean => x.t === 'tpl' && x.parts.every((p) => p.t === 'text');

/** A file context over real file text; the line index is built on the first location asked for. */
export function fileCtx(rel: string, abs: string, text: string, lines?: () => LineIndexLike): FileCtx {
  let index: LineIndexLike | undefined;
  return {
    rel,
    abs,
    text,
    loc(start, end) {
      index ??= lines ? lines() : new LineIndex(text);
      return index.location(rel, start, end);
    },
  };
}

interface LineIndexLike {
  location(file: string, start: number, end: number): Location;
}
