/**
 * CloudFormation YAML to located values. Short-form intrinsics (`!Ref X`, `!GetAtt A.B`, `!Sub [...]`) are lowered
 * to the long form (`{"Ref": "X"}`) with the tag's own position as the key's location, so the rest of the parser
 * sees one shape for YAML and JSON. Aliases are expanded under a budget (CloudFormation rejects them anyway),
 * unknown tags become unknown values, and the `yaml` library's errors become problems while the partial
 * document it still returns is lowered and linted.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode, type Pair, type ScalarTag, type CollectionTag } from 'yaml';
import type { Located, LocatedEntry } from '../../src/model/located.js';
import type { Location } from '../../src/model/location.js';
import { excessiveNestingAt, MAX_NESTING } from '../shared/nesting.js';
import { repairFlowIndentation } from './yaml-repair.js';

export interface YamlProblem {
  message: string;
  loc: Location;
}

export interface YamlParseResult {
  value?: Located;
  errors: YamlProblem[];
  notes: YamlProblem[];
}

/** Every short-form intrinsic CloudFormation accepts. */
export const SHORT_FORMS = [
  'Ref', 'Sub', 'GetAtt', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'Base64', 'Cidr', 'ImportValue', 'GetAZs',
  'Equals', 'Not', 'And', 'Or', 'Condition', 'Transform', 'Length', 'ToJsonString',
] as const;
const SHORT = new Set<string>(SHORT_FORMS);
const longName = (n: string): string => (n === 'Ref' || n === 'Condition' ? n : `Fn::${n}`);

// Identity resolvers: the node keeps its tag and range, and the library does not warn about the tag.
const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = SHORT_FORMS.flatMap((n) => [
  { tag: `!${n}`, resolve: (s: string) => s } as ScalarTag,
  { tag: `!${n}`, collection: 'seq', resolve: (seq: unknown) => seq } as unknown as CollectionTag,
  { tag: `!${n}`, collection: 'map', resolve: (map: unknown) => map } as unknown as CollectionTag,
]);

/** Nodes that alias expansion may produce in one document, in total. */
export const ALIAS_NODE_BUDGET = 10_000;

const isWs = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

export function parseLocatedYaml(original: string, file: string): YamlParseResult {
  const errors: YamlProblem[] = [];
  const notes: YamlProblem[] = [];
  const deep = excessiveNestingAt(original);
  if (deep !== undefined) {
    const before = original.slice(0, deep);
    const line = before.split('\n').length;
    const column = deep - before.lastIndexOf('\n');
    return { errors: [{ message: `YAML nested deeper than ${MAX_NESTING} levels`, loc: { file, line, column, endLine: line, endColumn: column + 1 } }], notes };
  }
  const attempt = (src: string): { doc: Document.Parsed; lc: LineCounter } => {
    const lc = new LineCounter();
    // The failsafe schema leaves every scalar a string; plain scalars are typed below (coreScalar), which is
    // cheaper than the library's core-schema resolution and gives the same values.
    const doc = parseDocument(src, { customTags: CUSTOM_TAGS, uniqueKeys: false, lineCounter: lc, prettyErrors: false, keepSourceTokens: false, schema: 'failsafe' });
    return { doc, lc };
  };
  let text = original;
  let shifts: Map<number, number> | undefined;
  let parsed: { doc: Document.Parsed; lc: LineCounter };
  try {
    parsed = attempt(text);
    if (parsed.doc.errors.length > 0) {
      // Under-indented continuation lines that CloudFormation accepts: retry with them indented.
      const repair = repairFlowIndentation(text);
      const again = repair ? attempt(repair.text) : undefined;
      if (repair && again && again.doc.errors.length < parsed.doc.errors.length) {
        parsed = again;
        text = repair.text;
        shifts = repair.shifts;
      }
    }
  } catch (e) {
    return { errors: [{ message: `YAML could not be parsed: ${(e as Error).message}`, loc: { file, line: 1, column: 1, endLine: 1, endColumn: 1 } }], notes };
  }
  const { doc, lc } = parsed;
  const pos = (offset: number): { line: number; column: number } => {
    const p = lc.linePos(offset);
    const shift = shifts?.get(p.line - 1) ?? 0;
    return { line: p.line, column: Math.max(1, p.col - shift) };
  };
  const locOf = (start: number, end: number): Location => {
    const s = pos(start);
    const e = pos(Math.max(start, end));
    return { file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  };
  // Of the library's errors the first is the one to fix (the rest follow from it); duplicate keys come later.
  for (const e of doc.errors.slice(0, 1)) {
    errors.push({ message: firstLine(e.message), loc: locOf(e.pos[0], e.pos[1]) });
  }
  if (shifts) {
    const line = Math.min(...shifts.keys()) + 1;
    notes.push({
      message: 'a multi-line quoted value or flow collection is not indented past its key (CloudFormation accepts this; YAML does not)',
      loc: { file, line, column: 1, endLine: line, endColumn: 1 },
    });
  }
  for (const w of doc.warnings) {
    // Unknown tags are noted where their value is lowered, with the tag's own span.
    if (w.code !== 'TAG_RESOLVE_FAILED') notes.push({ message: firstLine(w.message), loc: locOf(w.pos[0], w.pos[1]) });
  }

  const anchors = new Map<string, YamlNode>();
  let aliasBudget = ALIAS_NODE_BUDGET;
  let aliasNoted = false;
  let budgetNoted = false;
  let depthNoted = false;

  /** End of a node's value with trailing whitespace and comments left out. */
  const endOf = (start: number, end: number): number => {
    let e = Math.min(end, text.length);
    while (e > start && isWs(text.charCodeAt(e - 1))) e--;
    return e;
  };
  /** Start of the `!Tag` written before the value that starts at `start`, or undefined. */
  const tagStart = (start: number, tag: string): number | undefined => {
    let i = start - 1;
    while (i >= 0 && isWs(text.charCodeAt(i))) i--;
    const from = i - tag.length + 1;
    return from >= 0 && text.startsWith(tag, from) ? from : undefined;
  };

  const lower = (node: YamlNode | null | undefined, fallback: Location, depth: number, viaAlias: boolean): Located => {
    if (node === null || node === undefined) return { kind: 'scalar', value: null, loc: fallback };
    if (viaAlias && --aliasBudget < 0) {
      if (!budgetNoted) {
        budgetNoted = true;
        errors.push({ message: `YAML aliases expand to more than ${ALIAS_NODE_BUDGET} values; the rest were left unknown`, loc: fallback });
      }
      return { kind: 'unknown', text: 'alias', loc: fallback };
    }
    if (depth > MAX_NESTING) {
      if (!depthNoted) {
        depthNoted = true;
        errors.push({ message: `YAML nested deeper than ${MAX_NESTING} levels`, loc: fallback });
      }
      return { kind: 'unknown', text: '...', loc: fallback };
    }
    if (isAlias(node)) {
      const aliasLoc = node.range ? locOf(node.range[0], node.range[1]) : fallback;
      if (!aliasNoted) {
        aliasNoted = true;
        notes.push({ message: 'YAML aliases are not allowed in CloudFormation templates (the service rejects them); expanded here', loc: aliasLoc });
      }
      // Anchors are looked up in a map built while lowering (Alias.resolve walks the whole document each time).
      const target = anchors.get((node as { source: string }).source);
      if (!target) return { kind: 'unknown', text: `*${node.source}`, loc: aliasLoc };
      // The expanded value is reported where the alias is written.
      return relocateTree(lower(target as YamlNode, aliasLoc, depth + 1, true), aliasLoc);
    }
    if (node.anchor) anchors.set(node.anchor, node);
    const range = node.range ?? [0, 0, 0];
    const start = range[0];
    const end = endOf(start, range[1]);
    const loc = locOf(start, end);
    let out: Located;
    if (isMap(node)) {
      let entries: LocatedEntry[] = [];
      // Duplicate keys are found here, in linear time (the library's own check is quadratic in the map size).
      const seen = node.items.length > 1 ? new Map<string, number>() : undefined;
      let duplicated = false;
      for (const pair of node.items as Pair<YamlNode | null, YamlNode | null>[]) {
        const k = pair.key;
        const keyLoc = k?.range ? locOf(k.range[0], endOf(k.range[0], k.range[1])) : loc;
        const key = k === null || k === undefined ? '' : isScalar(k) ? String(k.value) : k.toString();
        const value = pair.value === null || pair.value === undefined ? endPoint(keyLoc) : lower(pair.value, keyLoc, depth + 1, viaAlias);
        if (seen) {
          if (seen.has(key)) {
            duplicated = true;
            if (!viaAlias) errors.push({ message: `duplicate key '${key}' (the last one is used)`, loc: keyLoc });
          }
          seen.set(key, entries.length);
        }
        entries.push({ key, keyLoc, value });
      }
      if (duplicated && seen) entries = entries.filter((e, i) => seen.get(e.key) === i);
      out = { kind: 'object', entries, loc: node.flow ? loc : closeAtLast(loc, entries[entries.length - 1]?.value) };
    } else if (isSeq(node)) {
      const items = node.items.map((n) => lower(n as YamlNode, loc, depth + 1, viaAlias));
      out = { kind: 'array', items, loc: node.flow ? loc : closeAtLast(loc, items[items.length - 1]) };
    } else if (isScalar(node)) {
      let value = node.value;
      if (node.type === 'PLAIN' && typeof value === 'string') value = coreScalar(value);
      else if (typeof value !== 'string' && typeof value !== 'boolean' && typeof value !== 'number' && value !== null) value = String(value);
      out = { kind: 'scalar', value: value as string | number | boolean | null, loc };
    } else {
      out = { kind: 'unknown', text: '?', loc };
    }
    const tag = node.tag;
    if (tag && tag.startsWith('!') && !tag.startsWith('!!') && !tag.startsWith('tag:')) {
      const name = tag.slice(1);
      const from = tagStart(start, tag);
      const tagLoc = from === undefined ? loc : locOf(from, from + tag.length);
      const whole = from === undefined ? loc : locOf(from, end);
      if (SHORT.has(name)) {
        if (name === 'GetAtt' && out.kind === 'scalar' && typeof out.value === 'string') {
          // `!GetAtt Res.Attr.Sub` -> ["Res", "Attr.Sub"]
          const s = out.value;
          const dot = s.indexOf('.');
          const parts = dot < 0 ? [s] : [s.slice(0, dot), s.slice(dot + 1)];
          out = { kind: 'array', items: parts.map((p) => ({ kind: 'scalar', value: p, loc })), loc };
        }
        out = { kind: 'object', entries: [{ key: longName(name), keyLoc: tagLoc, value: out }], loc: whole };
      } else {
        notes.push({ message: `unknown YAML tag '${tag}' (not a CloudFormation intrinsic): its value is left unknown`, loc: whole });
        out = { kind: 'unknown', text: `${tag} ${text.slice(start, Math.min(end, start + 80))}`, loc: whole };
      }
    }
    return out;
  };

  let value: Located | undefined;
  try {
    value = doc.contents ? lower(doc.contents as YamlNode, locOf(0, 0), 0, false) : undefined;
  } catch (e) {
    // Stack exhaustion on pathological nesting the bracket pre-check cannot see (block indentation).
    errors.push({ message: `YAML could not be read: ${(e as Error).message}`, loc: locOf(0, 0) });
    value = undefined;
  }
  return { value, errors, notes };
}

/** A block collection ends where its last value ends (its range runs on over trailing comments). */
function closeAtLast(loc: Location, last: Located | undefined): Location {
  if (!last || last.loc.endLine < loc.line) return loc;
  return { ...loc, endLine: last.loc.endLine, endColumn: last.loc.endColumn };
}

/** `Key:` with nothing after it: a null located just past the key. */
function endPoint(keyLoc: Location): Located {
  return { kind: 'scalar', value: null, loc: { ...keyLoc, line: keyLoc.endLine, column: keyLoc.endColumn } };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

/** A copy of the tree with every location set to `loc` (values copied from elsewhere are reported where used). */
export function relocateTree(v: Located, loc: Location): Located {
  switch (v.kind) {
    case 'object':
      return { ...v, loc, entries: v.entries.map((e) => ({ key: e.key, keyLoc: loc, value: relocateTree(e.value, loc) })) };
    case 'array':
      return { ...v, loc, items: v.items.map((i) => relocateTree(i, loc)) };
    default:
      return { ...v, loc };
  }
}

/**
 * A plain scalar typed as the YAML 1.2 core schema types it: null, booleans and numbers. A number that would not
 * print back as written (an account id with a leading zero, `1e3`, `0x1F`, `.inf`) keeps its text: for IAM it is an
 * identifier, not a quantity.
 */
export function coreScalar(s: string): string | number | boolean | null {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  const c = s.charCodeAt(0);
  // Only these first characters can start a non-string value: digits, sign, dot, t/T, f/F.
  if (c === 116 || c === 84 || c === 102 || c === 70) {
    if (s === 'true' || s === 'True' || s === 'TRUE') return true;
    if (s === 'false' || s === 'False' || s === 'FALSE') return false;
    return s;
  }
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return s;
  if (!/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s)) return s;
  const n = Number(s);
  return String(n) === s ? n : s;
}
