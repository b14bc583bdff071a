/**
 * Policies written as JSON text inside a template (`AWS::Logs::ResourcePolicy` `PolicyDocument`, a `KeyPolicy`
 * given as a string, an `Fn::Sub` building JSON). A literal string is parsed with every position mapped back to
 * the template, through quotes, escapes and YAML block indentation. A string built from unknown parts is parsed
 * with each unknown kept as an unknown part of the string values it sits in; its values are located at the
 * whole expression.
 */
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Located, TemplatePart } from '../../src/model/located.js';
import { LineIndex, type Location } from '../../src/model/location.js';
import { jsonNodeToLocated, trailingCommaBefore } from '../shared/json.js';
import { excessiveNestingAt } from '../shared/nesting.js';
import { fromParts } from './intrinsics.js';

/** The template's text, for mapping positions inside embedded strings; its line index is built on first use. */
export class SourceText {
  private index: LineIndex | undefined;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {}

  private lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  offsetOf(line: number, column: number): number {
    return this.lines().offsetOf(line, column, this.text.length);
  }

  position(offset: number): { line: number; column: number } {
    return this.lines().position(offset);
  }

  location(start: number, end: number): Location {
    return this.lines().location(this.file, start, Math.max(start, end));
  }
}

export interface EmbeddedResult {
  value?: Located;
  problem?: string;
  /** Positions inside the string are exact (false: every value is located at the whole string). */
  exact: boolean;
}

const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';

/** Whether a resolved value is JSON text that might hold a policy. */
export function isJsonText(v: Located): boolean {
  if (v.kind === 'scalar') return typeof v.value === 'string' && v.value.trimStart().startsWith('{');
  if (v.kind === 'template') {
    const first = v.parts[0];
    return typeof first === 'string' && first.trimStart().startsWith('{');
  }
  return false;
}

export function parseEmbeddedJson(v: Located, src: SourceText): EmbeddedResult {
  let text: string;
  const unknowns: TemplatePart[] = [];
  if (v.kind === 'scalar' && typeof v.value === 'string') text = v.value;
  else if (v.kind === 'template') {
    text = v.parts
      .map((p) => {
        if (typeof p === 'string') return p;
        unknowns.push(p);
        return `${MARK_OPEN}${unknowns.length - 1}${MARK_CLOSE}`;
      })
      .join('');
  } else return { problem: 'not JSON text', exact: false };

  if (excessiveNestingAt(text) !== undefined) return { problem: 'JSON text nested too deeply', exact: false };
  let map: Int32Array | undefined;
  if (unknowns.length === 0) {
    const start = src.offsetOf(v.loc.line, v.loc.column);
    const end = src.offsetOf(v.loc.endLine, v.loc.endColumn);
    map = align(text, src.text, start, end);
  }
  const whole = v.loc;
  const loc = (offset: number, length: number): Location => {
    if (!map) return whole;
    const s = map[offset] ?? 0;
    const last = map[Math.max(offset, offset + length - 1)] ?? s;
    // The next character's start is where this one ends (an escape like \" spans two source characters).
    const next = map[offset + length] ?? last + 1;
    return src.location(s, next > last && next - last <= 10 ? next : last + 1);
  };
  const errs: ParseError[] = [];
  const root = parseTree(text, errs, { allowTrailingComma: true, disallowComments: true, allowEmptyContent: false });
  const fatal = errs.find((e) => !(printParseErrorCode(e.error) === 'PropertyNameExpected' || printParseErrorCode(e.error) === 'ValueExpected') || trailingCommaBefore(text, e.offset) === undefined);
  if (fatal || !root) {
    const code = fatal ? printParseErrorCode(fatal.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'no value';
    return { problem: `invalid JSON in the policy text: ${code}`, exact: !!map };
  }
  const strValue = (s: string, at: Location): Located => {
    if (unknowns.length === 0 || !s.includes(MARK_OPEN)) return { kind: 'scalar', value: s, loc: at };
    const parts: TemplatePart[] = [];
    const re = new RegExp(`${MARK_OPEN}(\\d+)${MARK_CLOSE}`, 'g');
    let last = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      parts.push(s.slice(last, m.index));
      parts.push(unknowns[Number(m[1])] ?? { unknown: '?' });
      last = m.index + m[0].length;
    }
    parts.push(s.slice(last));
    return fromParts(parts, at);
  };
  const key = (raw: string): string =>
    raw.replace(new RegExp(`${MARK_OPEN}(\\d+)${MARK_CLOSE}`, 'g'), (_m, i: string) => {
      const p = unknowns[Number(i)];
      return p && typeof p !== 'string' ? `\${${p.unknown}}` : '';
    });
  return { value: jsonNodeToLocated(root, loc, { key, string: strValue }), exact: !!map };
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Maps each character of a decoded string value to its offset in the source between `start` and `end`: the
 * quoted, escaped or block-indented text it was decoded from (optionally behind a `!Sub` tag). Undefined when
 * the source does not spell the value (a value that came from a parameter default, say).
 */
export function align(decoded: string, src: string, start: number, end: number): Int32Array | undefined {
  let p = start;
  // Skip a tag (`!Sub`), then see how the scalar is written.
  if (src.charCodeAt(p) === 33 /* ! */) {
    while (p < end && !isSpace(src.charCodeAt(p))) p++;
    while (p < end && isSpace(src.charCodeAt(p))) p++;
  }
  const opener = src[p];
  const escapes = opener === '"';
  const single = opener === "'";
  if (escapes || single) p++;
  else if (opener === '|' || opener === '>') {
    while (p < end && src.charCodeAt(p) !== 10) p++;
  }
  const map = new Int32Array(decoded.length + 1);
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    for (;;) {
      if (p >= end) {
        // Trailing line breaks of a block scalar lie past the value's trimmed end.
        if (decoded.slice(i).trim() !== '') return undefined;
        map.fill(end, i);
        return map;
      }
      const sc = src.charCodeAt(p);
      if (escapes && sc === 92 /* \ */) {
        const nx = src[p + 1];
        if (nx === '\n' || nx === '\r') {
          // YAML escaped line break: produces nothing.
          p += 2;
          while (p < end && isSpace(src.charCodeAt(p))) p++;
          continue;
        }
        map[i] = p;
        p += nx === 'u' ? 6 : nx === 'x' ? 4 : nx === 'U' ? 10 : 2;
        break;
      }
      if (sc === c) {
        map[i] = p;
        p++;
        break;
      }
      if (isSpace(sc) || (single && sc === 39)) {
        p++;
        continue;
      }
      return undefined;
    }
  }
  map[decoded.length] = p;
  return map;
}
