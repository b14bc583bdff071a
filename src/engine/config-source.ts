/**
 * Reads a configuration or rule file (YAML or JSON) into a tree that keeps the offset of every key and value, so
 * schema errors can name a line and column.
 *
 * The `yaml` library takes 25-40 ms to load, more than the whole budget of a config on a cold run, so the common
 * subset of YAML that configuration files are written in is read here: block maps and sequences (also `- key: v`
 * compact maps), one-line flow collections, plain, single- and double-quoted scalars, comments, a leading `---`.
 * Anything else (anchors, aliases, tags, block scalars, multi-line scalars, several documents) is handed to the
 * `yaml` library, loaded only then, whose answer has the same shape. JSON is read by a small strict reader.
 */
import { LineIndex } from '../model/location.js';

export type SrcNode = SrcMap | SrcSeq | SrcScalar;

export interface SrcMap {
  kind: 'map';
  entries: SrcEntry[];
  start: number;
  end: number;
}

export interface SrcEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: SrcNode;
}

export interface SrcSeq {
  kind: 'seq';
  items: SrcNode[];
  start: number;
  end: number;
}

export interface SrcScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  start: number;
  end: number;
}

/** A syntax error at an offset of the text. */
export class SourceSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface StructuredFile {
  file: string;
  text: string;
  /** Undefined for an empty document. */
  root: SrcNode | undefined;
  lines: LineIndex;
}

/** Reads `text` as JSON (`.json`) or YAML (anything else). Throws SourceSyntaxError. */
export async function readStructured(text: string, file: string): Promise<StructuredFile> {
  const lines = new LineIndex(text);
  if (/\.json$/i.test(file)) return { file, text, root: readJson(text), lines };
  let root: SrcNode | undefined;
  try {
    root = readYamlSubset(text);
  } catch (e) {
    // Beyond the subset, or an error: the library has the last word (and the authoritative error message).
    if (!(e instanceof Unsupported) && !(e instanceof SourceSyntaxError)) throw e;
    root = await readYamlFull(text);
  }
  return { file, text, root, lines };
}

/** The plain JavaScript value of a node. */
export function toValue(node: SrcNode | undefined): unknown {
  if (!node) return null;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toValue);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) Object.defineProperty(out, e.key, { value: toValue(e.value), enumerable: true, writable: true, configurable: true });
      return out;
    }
  }
}

/** The node at a JSON-Pointer-like path (keys and indexes), and the entry that holds it when it is a map value. */
export function nodeAt(root: SrcNode | undefined, path: readonly (string | number)[]): { node?: SrcNode; entry?: SrcEntry } {
  let node = root;
  let entry: SrcEntry | undefined;
  for (const step of path) {
    if (!node) return {};
    if (node.kind === 'map') {
      entry = node.entries.find((e) => e.key === String(step));
      node = entry?.value;
    } else if (node.kind === 'seq') {
      entry = undefined;
      node = node.items[Number(step)];
    } else return {};
  }
  return node ? (entry ? { node, entry } : { node }) : {};
}

/** Splits an ajv `instancePath` (`/rules/admin-access`) into keys, undoing JSON Pointer escapes. */
export function pointerPath(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// ---------------------------------------------------------------------------------------------------------------
// YAML subset

class Unsupported extends Error {}

interface Line {
  /** Offset of the line's first character. */
  start: number;
  indent: number;
  /** Content (after indentation, without comment and trailing blanks). */
  text: string;
  /** Offset of `text[0]`. */
  at: number;
}

const PLAIN_START_FORBIDDEN = /^[&*!|>%@`]/;

function readYamlSubset(text: string): SrcNode | undefined {
  const lines: Line[] = [];
  let offset = 0;
  let docStarted = false;
  for (const raw of text.split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let indent = 0;
    while (line[indent] === ' ') indent++;
    if (line[indent] === '\t' && line.slice(indent).trim() !== '') throw new Unsupported('tab indentation');
    const content = stripComment(line.slice(indent)).replace(/[ \t]+$/, '');
    if (content === '') continue;
    if (indent === 0 && (content === '---' || content.startsWith('--- '))) {
      if (docStarted || lines.length) throw new Unsupported('several documents');
      docStarted = true;
      if (content !== '---') throw new Unsupported('content after ---');
      continue;
    }
    if (indent === 0 && (content === '...' || content.startsWith('%'))) throw new Unsupported('directives or document end');
    lines.push({ start, indent, text: content, at: start + indent });
  }
  if (lines.length === 0) return undefined;
  const p = new BlockParser(lines);
  const first = lines[0] as Line;
  const node = p.block(0, first.indent);
  if (p.pos < lines.length) {
    const l = lines[p.pos] as Line;
    throw new SourceSyntaxError('unexpected indentation or content', l.at);
  }
  return node;
}

/** The line without its comment: `#` at the start or after a blank, outside quotes. */
function stripComment(s: string): string {
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = undefined;
    } else if (quote === "'") {
      if (c === "'") {
        if (s[i + 1] === "'") i++;
        else quote = undefined;
      }
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(s[i - 1] as string))) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1] as string))) return s.slice(0, i);
  }
  return s;
}

class BlockParser {
  pos = 0;
  constructor(private readonly lines: Line[]) {}

  private line(i: number): Line | undefined {
    return this.lines[i];
  }

  /** The node whose first line is `i`, at indentation `indent`. */
  block(i: number, indent: number): SrcNode {
    this.pos = i;
    const l = this.line(i) as Line;
    if (isSeqItem(l.text)) return this.seq(indent);
    if (mapKey(l.text)) return this.map(indent);
    const node = inline(l.text, l.at);
    this.pos = i + 1;
    const next = this.line(this.pos);
    // A value on lines of its own continues on the following lines at its indentation or deeper.
    if (next && next.indent >= indent && !(isSeqItem(next.text) && next.indent === indent)) throw new Unsupported('multi-line scalar');
    return node;
  }

  private map(indent: number): SrcMap {
    const entries: SrcEntry[] = [];
    const first = this.line(this.pos) as Line;
    let end = first.at;
    while (this.pos < this.lines.length) {
      const l = this.line(this.pos) as Line;
      if (l.indent < indent) break;
      if (l.indent > indent) throw new SourceSyntaxError('bad indentation of a mapping entry', l.at);
      const k = mapKey(l.text);
      if (!k) {
        if (isSeqItem(l.text)) break; // a sequence at the parent's indentation ends this map
        throw new SourceSyntaxError('expected "key: value"', l.at);
      }
      if (entries.some((e) => e.key === k.key)) throw new SourceSyntaxError(`duplicate key "${k.key}"`, l.at);
      const keyStart = l.at;
      const keyEnd = l.at + k.keyLength;
      const rest = l.text.slice(k.valueAt).replace(/^[ ]+/, '');
      const restAt = l.at + l.text.length - rest.length;
      let value: SrcNode;
      this.pos++;
      if (rest === '') {
        const next = this.line(this.pos);
        if (next && next.indent > indent) value = this.block(this.pos, next.indent);
        else if (next && next.indent === indent && isSeqItem(next.text)) value = this.seq(indent);
        else value = { kind: 'scalar', value: null, start: keyEnd + 1, end: keyEnd + 1 };
      } else {
        value = inline(rest, restAt);
        const next = this.line(this.pos);
        if (next && next.indent > indent) throw new Unsupported('multi-line value');
      }
      entries.push({ key: k.key, keyStart, keyEnd, value });
      end = value.end;
    }
    return { kind: 'map', entries, start: first.at, end };
  }

  private seq(indent: number): SrcSeq {
    const items: SrcNode[] = [];
    const first = this.line(this.pos) as Line;
    let end = first.at;
    while (this.pos < this.lines.length) {
      const l = this.line(this.pos) as Line;
      if (l.indent < indent || !isSeqItem(l.text)) break;
      if (l.indent > indent) throw new SourceSyntaxError('bad indentation of a sequence item', l.at);
      const after = l.text.slice(1);
      const rest = after.replace(/^[ ]+/, '');
      let item: SrcNode;
      if (rest === '') {
        this.pos++;
        const next = this.line(this.pos);
        if (next && next.indent > indent) item = this.block(this.pos, next.indent);
        else item = { kind: 'scalar', value: null, start: l.at + 1, end: l.at + 1 };
      } else {
        // `- key: v` or `- - x`: the item is a block that starts mid-line, at the column of `rest`.
        const column = l.indent + 1 + (after.length - rest.length);
        const virtual: Line = { start: l.start, indent: column, text: rest, at: l.start + column };
        this.lines[this.pos] = virtual;
        item = this.block(this.pos, column);
      }
      items.push(item);
      end = item.end;
    }
    return { kind: 'seq', items, start: first.at, end };
  }
}

function isSeqItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** `key:` at the start of a line: the key, its length as written, and where the value starts. */
function mapKey(text: string): { key: string; keyLength: number; valueAt: number } | undefined {
  const c = text[0];
  if (c === '"' || c === "'") {
    const q = readQuoted(text, 0);
    if (!q || text[q.end] !== ':' || (q.end + 1 < text.length && text[q.end + 1] !== ' ')) return undefined;
    return { key: q.value, keyLength: q.end, valueAt: q.end + 1 };
  }
  if (c === undefined || c === '[' || c === '{' || c === '?' || isSeqItem(text)) return undefined;
  const m = /^(.*?):(?: |$)/.exec(text);
  if (!m) return undefined;
  const key = (m[1] as string).replace(/[ ]+$/, '');
  if (key === '') return undefined;
  if (PLAIN_START_FORBIDDEN.test(key)) throw new Unsupported('key with an indicator');
  return { key, keyLength: (m[1] as string).length, valueAt: (m[0] as string).length - (m[0].endsWith(' ') ? 1 : 0) };
}

/** A value written on one line: a quoted or plain scalar, or a flow collection. */
function inline(text: string, at: number): SrcNode {
  const c = text[0] as string;
  if (c === '"' || c === "'") {
    const q = readQuoted(text, 0);
    if (!q) throw new Unsupported('quoted scalar over several lines');
    if (q.end !== text.length) throw new SourceSyntaxError('unexpected text after a quoted value', at + q.end);
    return { kind: 'scalar', value: q.value, start: at, end: at + q.end };
  }
  if (c === '[' || c === '{') {
    const r = new FlowReader(text, at, 'yaml');
    const node = r.value();
    r.blank();
    if (r.i !== text.length) throw new SourceSyntaxError('unexpected text after a flow collection', at + r.i);
    return node;
  }
  if (PLAIN_START_FORBIDDEN.test(text) || (c === '-' && text === '-')) throw new Unsupported('anchor, alias, tag or block scalar');
  if (/: |:$/.test(text)) throw new Unsupported('colon in a plain scalar');
  return { kind: 'scalar', value: plainValue(text), start: at, end: at + text.length };
}

/** A quoted scalar starting at `i`: its value and the index just past the closing quote. */
function readQuoted(text: string, i: number): { value: string; end: number } | undefined {
  const q = text[i];
  let out = '';
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j] as string;
    if (q === "'") {
      if (c === "'") {
        if (text[j + 1] === "'") {
          out += "'";
          j++;
          continue;
        }
        return { value: out, end: j + 1 };
      }
      out += c;
      continue;
    }
    if (c === '"') return { value: out, end: j + 1 };
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = text[++j];
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', ' ': ' ' };
    if (e !== undefined && e in simple) out += simple[e];
    else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 1, j + 5))) {
      out += String.fromCharCode(parseInt(text.slice(j + 1, j + 5), 16));
      j += 4;
    } else throw new Unsupported('escape sequence');
  }
  return undefined;
}

/** YAML 1.2 core schema resolution of a plain scalar (what the `yaml` library does by default). */
export function plainValue(s: string): string | number | boolean | null {
  if (s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (/^[-+]?[0-9]+$/.test(s)) return Number(s);
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(s)) return NaN;
  return s;
}

/** The whole YAML language, through the `yaml` library, in the same shape. */
async function readYamlFull(text: string): Promise<SrcNode | undefined> {
  const YAML = await import('yaml');
  const doc = YAML.parseDocument(text, { uniqueKeys: true });
  const err = doc.errors[0];
  if (err) throw new SourceSyntaxError((err.message.split('\n')[0] ?? err.message).replace(/ at line \d+, column \d+:?\s*$/, ''), err.pos[0]);
  let budget = 100_000; // aliases can multiply a small text (billion laughs)
  const convert = (n: unknown, depth: number): SrcNode => {
    if (depth > 64 || --budget < 0) throw new SourceSyntaxError('nested too deeply or too many aliases', 0);
    if (YAML.isAlias(n)) return convert(n.resolve(doc), depth + 1);
    const range = (YAML.isNode(n) && n.range) || [0, 0, 0];
    if (YAML.isMap(n)) {
      const entries: SrcEntry[] = [];
      for (const pair of n.items) {
        const k = pair.key;
        const keyRange = (YAML.isNode(k) && k.range) || range;
        const key = YAML.isScalar(k) ? String(k.value) : String(k);
        entries.push({ key, keyStart: keyRange[0], keyEnd: keyRange[1], value: pair.value == null ? { kind: 'scalar', value: null, start: keyRange[1], end: keyRange[1] } : convert(pair.value, depth + 1) });
      }
      return { kind: 'map', entries, start: range[0], end: range[1] };
    }
    if (YAML.isSeq(n)) return { kind: 'seq', items: n.items.map((i) => convert(i, depth + 1)), start: range[0], end: range[1] };
    if (YAML.isScalar(n)) {
      const v = n.value;
      const value = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
      return { kind: 'scalar', value, start: range[0], end: range[1] };
    }
    return { kind: 'scalar', value: null, start: range[0], end: range[1] };
  };
  return doc.contents == null ? undefined : convert(doc.contents, 0);
}

// ---------------------------------------------------------------------------------------------------------------
// JSON, and YAML flow collections

function readJson(text: string): SrcNode | undefined {
  const r = new FlowReader(text, 0, 'json');
  r.blank();
  if (r.i >= text.length) return undefined;
  const node = r.value();
  r.blank();
  if (r.i < text.length) throw new SourceSyntaxError('unexpected text after the JSON value', r.i);
  return node;
}

class FlowReader {
  i = 0;
  private depth = 0;
  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly mode: 'json' | 'yaml',
  ) {}

  private fail(message: string): never {
    throw new SourceSyntaxError(message, this.base + this.i);
  }

  blank(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i] as string)) this.i++;
  }

  value(): SrcNode {
    this.blank();
    const c = this.text[this.i];
    if (c === '{') return this.collection('}');
    if (c === '[') return this.collection(']');
    if (c === '"' || (c === "'" && this.mode === 'yaml')) return this.quoted();
    if (c === undefined) {
      if (this.mode === 'yaml') throw new Unsupported('flow collection over several lines');
      this.fail('unexpected end of input');
    }
    return this.mode === 'json' ? this.jsonLiteral() : this.plain();
  }

  private collection(close: '}' | ']'): SrcNode {
    if (++this.depth > 64) this.fail('nested too deeply');
    const start = this.i++;
    const entries: SrcEntry[] = [];
    const items: SrcNode[] = [];
    this.blank();
    if (this.text[this.i] === close) this.i++;
    else {
      for (;;) {
        this.blank();
        if (close === '}') {
          const keyStart = this.i;
          const key = this.value();
          if (key.kind !== 'scalar' || (this.mode === 'json' && typeof key.value !== 'string')) this.failAt('expected a string key', keyStart);
          this.blank();
          if (this.text[this.i] !== ':') this.fail('expected ":"');
          this.i++;
          const name = String(key.value);
          if (entries.some((e) => e.key === name)) this.failAt(`duplicate key "${name}"`, keyStart);
          entries.push({ key: name, keyStart: this.base + keyStart, keyEnd: key.end, value: this.value() });
        } else items.push(this.value());
        this.blank();
        const c = this.text[this.i];
        if (c === ',') {
          this.i++;
          this.blank();
          if (this.text[this.i] === close) {
            if (this.mode === 'json') this.fail('trailing comma');
            this.i++;
            break;
          }
          continue;
        }
        if (c === close) {
          this.i++;
          break;
        }
        if (c === undefined && this.mode === 'yaml') throw new Unsupported('flow collection over several lines');
        this.fail(`expected "," or "${close}"`);
      }
    }
    this.depth--;
    const end = this.base + this.i;
    return close === '}' ? { kind: 'map', entries, start: this.base + start, end } : { kind: 'seq', items, start: this.base + start, end };
  }

  private failAt(message: string, i: number): never {
    throw new SourceSyntaxError(message, this.base + i);
  }

  private quoted(): SrcScalar {
    const start = this.i;
    if (this.mode === 'json') {
      const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(this.text.slice(this.i));
      if (!m) this.fail('invalid string');
      this.i += m[0].length;
      return { kind: 'scalar', value: JSON.parse(m[0]) as string, start: this.base + start, end: this.base + this.i };
    }
    const q = readQuoted(this.text, this.i);
    if (!q) throw new Unsupported('quoted scalar over several lines');
    this.i = q.end;
    return { kind: 'scalar', value: q.value, start: this.base + start, end: this.base + this.i };
  }

  private jsonLiteral(): SrcScalar {
    const start = this.i;
    const m = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)/.exec(this.text.slice(this.i));
    if (!m) this.fail('unexpected character');
    this.i += m[0].length;
    const s = m[0];
    const value = s === 'true' ? true : s === 'false' ? false : s === 'null' ? null : Number(s);
    return { kind: 'scalar', value, start: this.base + start, end: this.base + this.i };
  }

  private plain(): SrcScalar {
    const start = this.i;
    const m = /^[^,[\]{}]*/.exec(this.text.slice(this.i)) as RegExpExecArray;
    let s = m[0];
    // In a flow map, `key: value`: the key stops at ": ".
    const colon = s.search(/:(?= |$)/);
    if (colon >= 0) s = s.slice(0, colon);
    s = s.replace(/\s+$/, '');
    if (s === '' || PLAIN_START_FORBIDDEN.test(s)) throw new Unsupported('flow scalar');
    this.i += s.length;
    return { kind: 'scalar', value: plainValue(s), start: this.base + start, end: this.base + this.i };
  }
}
