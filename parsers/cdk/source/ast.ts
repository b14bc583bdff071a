/**
 * TypeScript files parsed with `@typescript-eslint/typescript-estree` (never type-checked, never run). Parsed files
 * are kept by path and text, so an editor that re-lints an app after each keystroke parses only the edited file.
 */
import { parse, TSError, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { Location } from '../../../src/model/location.js';

export type Node = TSESTree.Node;

export interface ParsedFile {
  rel: string;
  text: string;
  program?: TSESTree.Program;
  /** The first syntax error, when the file could not be parsed. */
  error?: { message: string; loc: Location };
}

const MAX_CACHED = 400;
const cache = new Map<string, ParsedFile>();

/** Parses a file, or returns the earlier parse of the same text. Never throws. */
export function parseTypeScript(rel: string, text: string): ParsedFile {
  const hit = cache.get(rel);
  if (hit && hit.text === text) {
    // Most recently used last.
    cache.delete(rel);
    cache.set(rel, hit);
    return hit;
  }
  const parsed = parseUncached(rel, text);
  cache.set(rel, parsed);
  if (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return parsed;
}

function parseUncached(rel: string, text: string): ParsedFile {
  try {
    const program = parse(text, { range: true, loc: true, comment: false, tokens: false, jsx: /\.tsx$/.test(rel), suppressDeprecatedPropertyWarnings: true });
    return { rel, text, program };
  } catch (e) {
    if (e instanceof TSError) {
      const line = e.location.start.line;
      const column = e.location.start.column + 1;
      return { rel, text, error: { message: e.message, loc: { file: rel, line, column, endLine: line, endColumn: column + 1 } } };
    }
    return { rel, text, error: { message: e instanceof Error ? e.message : String(e), loc: { file: rel, line: 1, column: 1, endLine: 1, endColumn: 1 } } };
  }
}

/** The node's span as a model location. */
export function locOf(file: string, node: Node): Location {
  const { start, end } = node.loc;
  return { file, line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
}

/** From the start of `a` to the end of `b`. */
export function locBetween(file: string, a: Node, b: Node): Location {
  return { file, line: a.loc.start.line, column: a.loc.start.column + 1, endLine: b.loc.end.line, endColumn: b.loc.end.column + 1 };
}

/** The source text of a node, shortened for messages. */
export function textOf(text: string, node: Node, max = 80): string {
  const t = text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
