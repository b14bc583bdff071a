import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Located } from '../../src/model/located.js';
import { LineIndex, type Location } from '../../src/model/location.js';
import { excessiveNestingAt, MAX_NESTING } from './nesting.js';

export interface JsonProblem {
  message: string;
  loc: Location;
}

export interface JsonParseResult {
  value?: Located;
  /** Errors that make the document unusable. */
  errors: JsonProblem[];
  /** Accepted but not strict JSON (trailing commas, comments). */
  warnings: JsonProblem[];
  lines: LineIndex;
}

const TOLERATED = new Set(['PropertyNameExpected', 'ValueExpected']); // after a trailing comma

/** Parses JSON with a location on every value. Tolerates trailing commas and comments, and says so. */
export function parseLocatedJson(text: string, file: string): JsonParseResult {
  const lines = new LineIndex(text);
  const loc = (offset: number, length: number): Location => lines.location(file, offset, offset + length);
  const deep = excessiveNestingAt(text);
  if (deep !== undefined) {
    return { errors: [{ message: `JSON nested deeper than ${MAX_NESTING} levels`, loc: loc(deep, 1) }], warnings: [], lines };
  }
  const errs: ParseError[] = [];
  // Trailing commas are reported by the parser and then tolerated below, so users hear of them.
  const root = parseTree(text, errs, { allowTrailingComma: false, disallowComments: false, allowEmptyContent: true });
  const errors: JsonProblem[] = [];
  const warnings: JsonProblem[] = [];
  for (const e of errs) {
    const name = printParseErrorCode(e.error);
    const problem = { message: describe(name), loc: loc(e.offset, Math.max(e.length, 1)) };
    const comma = TOLERATED.has(name) ? trailingCommaBefore(text, e.offset) : undefined;
    if (comma !== undefined) {
      // Reported at the comma itself; jsonc may report one comma twice (missing name, missing value).
      const at = loc(comma, 1);
      const dup = warnings.some((w) => w.loc.line === at.line && w.loc.column === at.column);
      if (!dup) warnings.push({ message: 'trailing comma (not valid JSON; AWS rejects it)', loc: at });
    }
    else errors.push(problem);
  }
  if (!root) {
    if (errors.length === 0) errors.push({ message: 'empty file: expected a JSON value', loc: loc(0, 0) });
    return { errors, warnings, lines };
  }
  return { value: jsonNodeToLocated(root, loc), errors, warnings, lines };
}

/** The offset of the comma that directly precedes `offset` (white space between), if there is one. */
export function trailingCommaBefore(text: string, offset: number): number | undefined {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  return text[i] === ',' ? i : undefined;
}

function describe(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `invalid JSON: ${words}`;
}

/** How a caller reads keys and string values it has encoded (e.g. unknown parts marked inside JSON text). */
export interface JsonLoweringHooks {
  key?(raw: string): string;
  string?(value: string, loc: Location): Located;
}

/** A jsonc-parser node as a located value; `loc` maps an offset and length to a location. */
export function jsonNodeToLocated(node: Node, loc: (offset: number, length: number) => Location, hooks: JsonLoweringHooks = {}): Located {
  const here = loc(node.offset, node.length);
  switch (node.type) {
    case 'object':
      return {
        kind: 'object',
        loc: here,
        entries: (node.children ?? []).flatMap((prop) => {
          const [k, v] = prop.children ?? [];
          if (!k || !v) return [];
          const key = hooks.key ? hooks.key(String(k.value)) : String(k.value);
          return [{ key, keyLoc: loc(k.offset, k.length), value: jsonNodeToLocated(v, loc, hooks) }];
        }),
      };
    case 'array':
      return { kind: 'array', loc: here, items: (node.children ?? []).map((c) => jsonNodeToLocated(c, loc, hooks)) };
    case 'string':
      return hooks.string ? hooks.string(String(node.value), here) : { kind: 'scalar', loc: here, value: String(node.value) };
    default:
      return { kind: 'scalar', loc: here, value: node.value as number | boolean | null };
  }
}
