/**
 * Values the evaluator produces. Every value knows where it was written; strings keep, piece by piece, the
 * source offsets of their text, so JSON inside a string (a heredoc policy, a `file()`d document, a quoted
 * string) can be parsed with every node mapped back to its line and column. Unknown parts stay unknown and
 * remember the resource they refer to.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { trailingCommaBefore } from '../shared/json.js';
import type { Located, RefTarget, TemplatePart } from '../../src/model/located.js';
import type { Location } from '../../src/model/location.js';
import { excessiveNestingAt, MAX_NESTING } from '../shared/nesting.js';
import type { FileCtx } from './ast.js';

/** Literal text; `ctx` null for text the evaluator made up (a number turned into text, a function result). */
export interface Seg {
  text: string;
  ctx: FileCtx | null;
  off: number;
  /** Source length when it differs from the text's (an escape sequence). */
  n?: number;
}

export interface UnkPart {
  unk: string;
  loc: Location;
  ref?: RefTarget;
  hint?: 'this-account';
}

/** A `jsonencode()`d value inside a string: kept as structure so a policy built from it keeps HCL positions. */
export interface EmbPart {
  emb: Val;
}

export type StrPart = Seg | UnkPart | EmbPart;

export interface StrVal {
  k: 'str';
  parts: StrPart[];
  loc: Location;
}

export interface UnkVal {
  k: 'unk';
  text: string;
  loc: Location;
  ref?: RefTarget;
  hint?: 'this-account';
  /** An evaluation error (a missing attribute, an index out of range): what `try` and `can` look at. */
  err?: boolean;
  /** The instance key of the referenced resource, when written (`data.x.y["k"].json`); internal only. */
  inst?: string | number;
  /** Text replacements applied to a policy document's JSON (`replace(data.x.json, "_ARN_", ...)`); internal only. */
  xf?: { search: string; repl: StrPart[] }[];
}

export interface ObjEntry {
  key: string;
  keyLoc: Location;
  value: Val;
}

export type Val =
  | StrVal
  | { k: 'num'; v: number; loc: Location }
  | { k: 'bool'; v: boolean; loc: Location }
  | { k: 'null'; loc: Location }
  | { k: 'list'; items: Val[]; loc: Location }
  | { k: 'obj'; entries: ObjEntry[]; loc: Location }
  | UnkVal;

export const isSeg = (p: StrPart): p is Seg => 'text' in p;
export const isUnkPart = (p: StrPart): p is UnkPart => 'unk' in p;

export function strVal(text: string, loc: Location, ctx: FileCtx | null = null, off = 0): StrVal {
  return { k: 'str', parts: text ? [{ text, ctx, off }] : [], loc };
}

export function unknown(text: string, loc: Location, extra?: Partial<Pick<UnkVal, 'ref' | 'hint' | 'err' | 'inst'>>): UnkVal {
  const u: UnkVal = { k: 'unk', text, loc };
  if (extra?.ref) u.ref = extra.ref;
  if (extra?.hint) u.hint = extra.hint;
  if (extra?.err) u.err = true;
  if (extra?.inst !== undefined) u.inst = extra.inst;
  return u;
}

/** The same value, said to be written at `loc` (a reference site). Nested values keep their own places. */
export function withLoc(v: Val, loc: Location): Val {
  return { ...v, loc } as Val;
}

/** The text of a string when every part is known. */
export function strText(v: Val): string | undefined {
  if (v.k !== 'str') return undefined;
  let out = '';
  for (const p of v.parts) {
    if (isSeg(p)) out += p.text;
    else if (isUnkPart(p)) return undefined;
    else {
      const t = jsonText(p.emb);
      if (t === undefined) return undefined;
      out += t;
    }
  }
  return out;
}

/** A value as text the way Terraform converts primitives to strings; undefined when that is not possible. */
export function asText(v: Val): string | undefined {
  switch (v.k) {
    case 'str':
      return strText(v);
    case 'num':
      return numText(v.v);
    case 'bool':
      return v.v ? 'true' : 'false';
    default:
      return undefined;
  }
}

export function numText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

export function isKnown(v: Val): boolean {
  switch (v.k) {
    case 'unk':
      return false;
    case 'str':
      return strText(v) !== undefined;
    case 'list':
      return v.items.every(isKnown);
    case 'obj':
      return v.entries.every((e) => isKnown(e.value));
    default:
      return true;
  }
}

/** Plain JavaScript data for a fully known value (tests, equality); undefined when anything is unknown. */
export function plain(v: Val): unknown {
  switch (v.k) {
    case 'str':
      return strText(v);
    case 'num':
    case 'bool':
      return v.v;
    case 'null':
      return null;
    case 'list': {
      const out: unknown[] = [];
      for (const i of v.items) {
        const p = plain(i);
        if (p === undefined) return undefined;
        out.push(p);
      }
      return out;
    }
    case 'obj': {
      const out: Record<string, unknown> = {};
      for (const e of v.entries) {
        const p = plain(e.value);
        if (p === undefined) return undefined;
        out[e.key] = p;
      }
      return out;
    }
    case 'unk':
      return undefined;
  }
}

/** Terraform equality on known values; undefined when unknown parts make it undecidable. */
export function equalVals(a: Val, b: Val): boolean | undefined {
  const pa = plain(a);
  const pb = plain(b);
  if (pa === undefined || pb === undefined) return undefined;
  return JSON.stringify(sortKeys(pa)) === JSON.stringify(sortKeys(pb));
}

function sortKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortKeys);
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x).sort()) out[k] = sortKeys((x as Record<string, unknown>)[k]);
    return out;
  }
  return x;
}

// ---- JSON text of a value (jsonencode) ---------------------------------------------------------------------

/** `jsonencode` as text; undefined when a part is unknown. Object keys sorted, as Terraform does. */
export function jsonText(v: Val): string | undefined {
  const parts = jsonParts(v);
  let out = '';
  for (const p of parts) {
    if (!isSeg(p)) return undefined;
    out += p.text;
  }
  return out;
}

/** `jsonencode` as string parts: unknown values become unknown parts. */
export function jsonParts(v: Val): StrPart[] {
  const out: StrPart[] = [];
  const put = (text: string): void => {
    const last = out[out.length - 1];
    if (last && isSeg(last) && last.ctx === null) out[out.length - 1] = { text: last.text + text, ctx: null, off: 0 };
    else out.push({ text, ctx: null, off: 0 });
  };
  const walk = (x: Val): void => {
    switch (x.k) {
      case 'str':
        put('"');
        for (const p of x.parts) {
          if (isSeg(p)) put(JSON.stringify(p.text).slice(1, -1));
          else if (isUnkPart(p)) out.push(p);
          else {
            const inner = jsonParts(p.emb);
            for (const q of inner) isSeg(q) ? put(JSON.stringify(q.text).slice(1, -1)) : out.push(q);
          }
        }
        put('"');
        return;
      case 'num':
        put(numText(x.v));
        return;
      case 'bool':
        put(x.v ? 'true' : 'false');
        return;
      case 'null':
        put('null');
        return;
      case 'list':
        put('[');
        x.items.forEach((i, n) => {
          if (n) put(',');
          walk(i);
        });
        put(']');
        return;
      case 'obj': {
        put('{');
        const sorted = [...x.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        sorted.forEach((e, n) => {
          if (n) put(',');
          put(JSON.stringify(e.key) + ':');
          walk(e.value);
        });
        put('}');
        return;
      }
      case 'unk': {
        const u: UnkPart = { unk: x.text, loc: x.loc };
        if (x.ref) u.ref = x.ref;
        if (x.hint) u.hint = x.hint;
        out.push(u);
        return;
      }
    }
  };
  walk(v);
  return out;
}

// ---- Located ----------------------------------------------------------------------------------------------

/** The model's located value: what `buildPolicyDocument` and `toScalar` read. */
export function toLocated(v: Val): Located {
  switch (v.k) {
    case 'str':
      return strLocated(v);
    case 'num':
    case 'bool':
      return { kind: 'scalar', value: v.v, loc: v.loc };
    case 'null':
      return { kind: 'scalar', value: null, loc: v.loc };
    case 'list':
      return { kind: 'array', items: v.items.map(toLocated), loc: v.loc };
    case 'obj':
      return { kind: 'object', entries: v.entries.map((e) => ({ key: e.key, keyLoc: e.keyLoc, value: toLocated(e.value) })), loc: v.loc };
    case 'unk': {
      const u: Located = { kind: 'unknown', text: v.text, loc: v.loc };
      if (v.ref) u.ref = v.ref;
      if (v.hint) u.hint = v.hint;
      return u;
    }
  }
}

function strLocated(v: StrVal): Located {
  const parts: TemplatePart[] = [];
  const put = (text: string): void => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (typeof last === 'string') parts[parts.length - 1] = last + text;
    else parts.push(text);
  };
  const unk = (p: UnkPart): void => {
    const t: TemplatePart = { unknown: p.unk };
    if (p.ref) t.ref = p.ref;
    if (p.hint) t.hint = p.hint;
    parts.push(t);
  };
  for (const p of v.parts) {
    if (isSeg(p)) put(p.text);
    else if (isUnkPart(p)) unk(p);
    else for (const q of jsonParts(p.emb)) isSeg(q) ? put(q.text) : isUnkPart(q) && unk(q);
  }
  if (parts.length === 0) return { kind: 'scalar', value: '', loc: v.loc };
  if (parts.length === 1) {
    const only = parts[0] as TemplatePart;
    if (typeof only === 'string') return { kind: 'scalar', value: only, loc: v.loc };
    const u: Located = { kind: 'unknown', text: only.unknown, loc: v.loc };
    if (only.ref) u.ref = only.ref;
    if (only.hint) u.hint = only.hint;
    return u;
  }
  return { kind: 'template', parts, loc: v.loc };
}

// ---- JSON inside strings -----------------------------------------------------------------------------------

export interface JsonProblem {
  message: string;
  loc: Location;
}

export interface JsonInString {
  value?: Val;
  errors: JsonProblem[];
  warnings: JsonProblem[];
}

const PH_OPEN = '\uE000';
const PH_CLOSE = '\uE001';
const PH_RE = /\uE000(\d+)\uE001/g;

interface Piece {
  /** Start in the assembled text. */
  ts: number;
  len: number;
  ctx: FileCtx | null;
  off: number;
  /** Index into `holes` for a placeholder. */
  hole?: number;
  /** Source length of an escape piece. */
  n?: number;
}

/**
 * Parses the JSON held by a string value. Unknown parts become placeholders (quoted when they stand for a
 * whole JSON value), so `"Resource": "arn:aws:s3:::${var.b}/*"` yields a template and `"Action": ${x}` an
 * unknown. Each node's location is mapped back through the string's pieces to the file that holds the text.
 */
export function parseJsonInString(v: StrVal): JsonInString {
  const chunks: string[] = [];
  const pieces: Piece[] = [];
  const holes: (UnkPart | EmbPart)[] = [];
  let len = 0;
  let inStr = false;
  let esc = false;
  const push = (text: string, ctx: FileCtx | null, off: number, hole?: number, n?: number): void => {
    if (!text) return;
    const p: Piece = { ts: len, len: text.length, ctx, off };
    if (hole !== undefined) p.hole = hole;
    if (n !== undefined) p.n = n;
    pieces.push(p);
    chunks.push(text);
    len += text.length;
  };
  for (const p of v.parts) {
    if (isSeg(p)) {
      const t = p.text;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (inStr) {
          if (esc) esc = false;
          else if (c === 92) esc = true;
          else if (c === 34) inStr = false;
        } else if (c === 34) inStr = true;
      }
      push(t, p.ctx, p.off, undefined, p.n);
    } else {
      const n = holes.length;
      holes.push(p);
      push(inStr ? `${PH_OPEN}${n}${PH_CLOSE}` : `"${PH_OPEN}${n}${PH_CLOSE}"`, null, 0, n);
    }
  }
  const text = chunks.join('');

  const pieceAt = (o: number): Piece | undefined => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((pieces[mid] as Piece).ts <= o) lo = mid;
      else hi = mid - 1;
    }
    return pieces[lo];
  };
  const holeLoc = (h: UnkPart | EmbPart): Location => ('unk' in h ? h.loc : h.emb.loc);
  const locOf = (offset: number, length: number): Location => {
    const a = pieceAt(offset);
    if (!a) return v.loc;
    if (a.hole !== undefined) return holeLoc(holes[a.hole] as UnkPart | EmbPart);
    if (!a.ctx) return v.loc;
    const startSrc = a.off + (offset - a.ts);
    const lastOff = offset + Math.max(length, 1) - 1;
    const b = pieceAt(lastOff);
    if (b && b.ctx === a.ctx && b.hole === undefined) {
      const endSrc = b.n !== undefined ? b.off + b.n : b.off + (lastOff - b.ts) + (length > 0 ? 1 : 0);
      if (endSrc >= startSrc) return a.ctx.loc(startSrc, endSrc);
    }
    return a.ctx.loc(startSrc, a.off + (a.n ?? a.len));
  };

  const errors: JsonProblem[] = [];
  const warnings: JsonProblem[] = [];
  if (!text.trim()) return { errors: [{ message: 'empty policy document', loc: v.loc }], warnings };
  const deep = excessiveNestingAt(text);
  if (deep !== undefined) return { errors: [{ message: `JSON nested deeper than ${MAX_NESTING} levels`, loc: locOf(deep, 1) }], warnings };
  const errs: ParseError[] = [];
  // Trailing commas are accepted (with a warning): parsed strictly so they are seen, the tree is the same.
  const root = parseTree(text, errs, { allowTrailingComma: false, disallowComments: false, allowEmptyContent: true });
  const commas = new Set<number>();
  for (const e of errs) {
    const name = printParseErrorCode(e.error);
    const comma = name === 'PropertyNameExpected' || name === 'ValueExpected' ? trailingCommaBefore(text, e.offset) : undefined;
    if (comma !== undefined) {
      if (commas.has(comma)) continue;
      commas.add(comma);
      warnings.push({ message: 'trailing comma (not valid JSON; AWS rejects it)', loc: locOf(comma, 1) });
    } else errors.push({ message: `invalid JSON: ${name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`, loc: locOf(e.offset, Math.max(e.length, 1)) });
  }
  if (!root) return { errors: errors.length ? errors : [{ message: 'expected a JSON value', loc: v.loc }], warnings };

  const holeVal = (n: number): Val => {
    const h = holes[n] as UnkPart | EmbPart;
    if ('emb' in h) return h.emb;
    return unknown(h.unk, h.loc, { ...(h.ref ? { ref: h.ref } : {}), ...(h.hint ? { hint: h.hint } : {}) });
  };
  const stringVal = (s: string, loc: Location): Val => {
    if (!s.includes(PH_OPEN)) return { k: 'str', parts: s ? [{ text: s, ctx: null, off: 0 }] : [], loc };
    const parts: StrPart[] = [];
    let last = 0;
    for (const m of s.matchAll(PH_RE)) {
      const i = m.index ?? 0;
      if (i > last) parts.push({ text: s.slice(last, i), ctx: null, off: 0 });
      const n = Number(m[1]);
      const h = holes[n];
      if (h) parts.push(h);
      last = i + m[0].length;
    }
    if (last < s.length) parts.push({ text: s.slice(last), ctx: null, off: 0 });
    if (parts.length === 1 && !isSeg(parts[0] as StrPart)) {
      const only = /^\uE000(\d+)\uE001$/.exec(s);
      if (only) return withLoc(holeVal(Number(only[1])), holeLoc(holes[Number(only[1])] as UnkPart | EmbPart));
    }
    return { k: 'str', parts, loc };
  };
  const convert = (n: Node): Val => {
    const loc = locOf(n.offset, n.length);
    switch (n.type) {
      case 'object': {
        const entries: ObjEntry[] = [];
        for (const prop of n.children ?? []) {
          const [k, val] = prop.children ?? [];
          if (!k || !val) continue;
          const key = String(k.value).replace(PH_RE, (_m, i: string) => {
            const h = holes[Number(i)];
            return h && 'unk' in h ? `\${${h.unk}}` : '${...}';
          });
          entries.push({ key, keyLoc: locOf(k.offset, k.length), value: convert(val) });
        }
        return { k: 'obj', entries, loc };
      }
      case 'array':
        return { k: 'list', items: (n.children ?? []).map(convert), loc };
      case 'string': {
        const value = String(n.value);
        if (!value.includes(PH_OPEN)) {
          // Text inside a string keeps its own positions (JSON inside JSON: a policy in a plan file).
          const a = pieceAt(n.offset);
          if (a && a.ctx && a.hole === undefined && n.offset + n.length <= a.ts + a.len) {
            const parts = decodeJsonString(text, n.offset + 1, n.offset + n.length - 1, a.ctx, a.off - a.ts);
            if (parts && parts.map((p) => p.text).join('') === value) return { k: 'str', parts, loc };
          }
        }
        return stringVal(value, loc);
      }
      case 'number':
        return { k: 'num', v: Number(n.value), loc };
      case 'boolean':
        return { k: 'bool', v: Boolean(n.value), loc };
      default:
        return { k: 'null', loc };
    }
  };
  return { value: convert(root), errors, warnings };
}

/** The segments of a JSON string's content: runs of plain text map linearly, each escape is its own segment. */
function decodeJsonString(t: string, s: number, e: number, ctx: FileCtx, shift: number): Seg[] | undefined {
  const out: Seg[] = [];
  let run = s;
  let i = s;
  const flush = (end: number): void => {
    if (end > run) out.push({ text: t.slice(run, end), ctx, off: run + shift });
  };
  while (i < e) {
    if (t.charCodeAt(i) !== 92) {
      i++;
      continue;
    }
    flush(i);
    const c = t[i + 1];
    let ch: string;
    let len = 2;
    switch (c) {
      case 'n':
        ch = '\n';
        break;
      case 't':
        ch = '\t';
        break;
      case 'r':
        ch = '\r';
        break;
      case 'b':
        ch = '\b';
        break;
      case 'f':
        ch = '\f';
        break;
      case 'u': {
        const hex = t.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
        ch = String.fromCharCode(parseInt(hex, 16));
        len = 6;
        break;
      }
      case '"':
      case '\\':
      case '/':
        ch = c;
        break;
      default:
        return undefined;
    }
    out.push({ text: ch, ctx, off: i + shift, n: len });
    i += len;
    run = i;
  }
  flush(e);
  return out;
}

