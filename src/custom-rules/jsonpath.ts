/**
 * JSONPath for custom rules, with no way to run code. A rule file arrives in a pull request, so its paths are
 * untrusted: only plain paths are accepted (`$`, `.name`, `['name']`, `[0]`, `[-1]`, `[*]`, `.*`, `..name`, `[a,b]`,
 * `[0:2]`), checked here before the library sees them; filters `[?(...)]` and script expressions `[(...)]` are
 * refused with an error. Evaluation uses jsonpath-plus with `eval: false` (its own second line of defence: it throws
 * on any filter), loaded on the first evaluation of a path: a run whose path rules select nothing never pays for it.
 */
import { createRequire } from 'node:module';

export class UnsafePathError extends Error {}

const NAME = /^[A-Za-z_$][A-Za-z0-9_$-]*/;
const SELECTOR = /^(\*|-?\d+|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d*:-?\d*(?::-?\d+)?)$/;

/** Throws UnsafePathError (with the reason) unless `path` is a plain JSONPath. */
export function checkPath(path: string): void {
  if (!path.startsWith('$')) throw new UnsafePathError('a JSONPath starts with "$"');
  if (/\?\s*[(@]|\(\s*@|\(|\)/.test(path)) {
    throw new UnsafePathError(
      'it has a filter ("[?(...)]") or a script expression ("(...)"), and a rule file must not run code; select with a plain path and test the values with "equals", "matches", "allMatch" or the built-in predicates',
    );
  }
  let i = 1;
  while (i < path.length) {
    const rest = path.slice(i);
    if (rest.startsWith('..')) {
      i += 2;
      const m = NAME.exec(path.slice(i)) ?? /^\*/.exec(path.slice(i));
      if (m) i += m[0].length;
      else if (path[i] !== '[') throw new UnsafePathError(`expected a name, "*" or "[" after ".." at character ${i + 1}`);
      continue;
    }
    if (rest.startsWith('.')) {
      i += 1;
      const m = NAME.exec(path.slice(i)) ?? /^\*/.exec(path.slice(i));
      if (!m) throw new UnsafePathError(`expected a name or "*" after "." at character ${i + 1}`);
      i += m[0].length;
      continue;
    }
    if (rest.startsWith('[')) {
      const end = closingBracket(path, i);
      if (end < 0) throw new UnsafePathError(`unclosed "[" at character ${i + 1}`);
      for (const part of splitSelectors(path.slice(i + 1, end))) {
        if (!SELECTOR.test(part.trim())) throw new UnsafePathError(`unsupported selector "[${part.trim()}]" at character ${i + 1}`);
      }
      i = end + 1;
      continue;
    }
    throw new UnsafePathError(`unexpected "${path[i] as string}" at character ${i + 1}`);
  }
}

function closingBracket(path: string, open: number): number {
  let quote: string | undefined;
  for (let j = open + 1; j < path.length; j++) {
    const c = path[j];
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ']') return j;
  }
  return -1;
}

function splitSelectors(inner: string): string[] {
  const out: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let j = 0; j < inner.length; j++) {
    const c = inner[j];
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ',') {
      out.push(inner.slice(start, j));
      start = j + 1;
    }
  }
  out.push(inner.slice(start));
  return out;
}

type JsonPathFn = (opts: { path: string; json: unknown; eval: false; wrap: true }) => unknown[];
let engine: JsonPathFn | undefined;

/** The values `path` selects in `json` (already checked by `checkPath`). */
export function queryPath(path: string, json: unknown): unknown[] {
  // Checks run synchronously, so the library is required (its CommonJS build) rather than imported.
  engine ??= (createRequire(import.meta.url)('jsonpath-plus') as { JSONPath: JsonPathFn }).JSONPath;
  const out = engine({ path, json, eval: false, wrap: true });
  return Array.isArray(out) ? out : [];
}
