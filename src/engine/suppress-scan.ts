/**
 * Comment directives, read lexically from any linted file: `#` comments (YAML, HCL) and `//` comments (HCL,
 * TypeScript, and JSON files that a tolerant reader accepts). No parser is involved, so every format gets the
 * same syntax:
 *
 *     # iamlint-ignore wildcard-resource, wildcard-action until=2026-12-31 -- log groups are created at run time
 *     // iamlint-ignore-file unknown-action -- actions of a service newer than the action database
 *
 * On a line of its own, a directive applies to the next line that is not blank or a comment; at the end of a line,
 * to that line. `iamlint-ignore-file` applies to the whole file wherever it is written (by convention at the top).
 * A `#` or `//` inside a double-quoted string is not a comment.
 */

export interface CommentDirective {
  file: string;
  /** The directive's own span (from `iamlint-ignore` to the end of the line). */
  line: number;
  column: number;
  endColumn: number;
  /** `line`: the next code line (or this one for a trailing directive); `file`: the whole file. */
  scope: 'line' | 'file';
  /** The line it applies to, for `line` scope; undefined when no code follows. */
  target?: number;
  rules: string[];
  reason?: string;
  /** `YYYY-MM-DD`. */
  until?: string;
  /** Why the directive cannot be read (it then suppresses nothing). */
  problem?: string;
}

const DIRECTIVE = /(^|[\s;,{}([\]])(#|\/\/)[ \t]*(iamlint-ignore(-file)?)(?=$|\s)(.*)$/;
export const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Every directive in a file's text, in order. */
export function scanDirectives(text: string, file: string): CommentDirective[] {
  if (!text.includes('iamlint-ignore')) return [];
  const lines = text.split('\n');
  const out: CommentDirective[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (!line.includes('iamlint-ignore')) continue;
    const m = DIRECTIVE.exec(line);
    if (!m) continue;
    const markerAt = m.index + (m[1] as string).length;
    if (insideString(line.slice(0, markerAt))) continue;
    const keywordAt = line.indexOf(m[3] as string, markerAt);
    const d: CommentDirective = {
      file,
      line: i + 1,
      column: keywordAt + 1,
      endColumn: line.replace(/\s+$/, '').length + 1,
      scope: m[4] ? 'file' : 'line',
      rules: [],
    };
    if (!m[4]) {
      const ownLine = line.slice(0, markerAt).trim() === '';
      const target = ownLine ? nextCodeLine(lines, i + 1) : i + 1;
      if (target !== undefined) d.target = target;
    }
    parseSpec((m[5] as string).replace(/\s*\*\/\s*$/, ''), d);
    out.push(d);
  }
  return out;
}

/** An odd number of unescaped double quotes before the marker: it sits inside a string. */
function insideString(before: string): boolean {
  let n = 0;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === '\\') i++;
    else if (before[i] === '"') n++;
  }
  return n % 2 === 1;
}

/** The 1-based number of the first line at or after index `from` that is neither blank nor only a comment. */
function nextCodeLine(lines: string[], from: number): number | undefined {
  for (let j = from; j < lines.length; j++) {
    const t = (lines[j] as string).trim();
    if (t === '' || t.startsWith('#') || t.startsWith('//')) continue;
    return j + 1;
  }
  return undefined;
}

/** `RULE[, RULE] [until=YYYY-MM-DD] -- reason`. */
function parseSpec(spec: string, d: CommentDirective): void {
  const sep = /(^|\s)--(\s|$)/.exec(spec);
  const head = sep ? spec.slice(0, sep.index) : spec;
  const reason = sep ? spec.slice(sep.index + sep[0].length).trim() : '';
  if (reason) d.reason = reason;
  for (const token of head.split(/[\s,]+/).filter(Boolean)) {
    const until = /^until=(.*)$/.exec(token);
    if (until) {
      if (!isDate(until[1] as string)) d.problem ??= `"${token}" is not a date (until=YYYY-MM-DD)`;
      else d.until = until[1] as string;
    } else if (RULE_ID.test(token)) d.rules.push(token);
    else d.problem ??= `unexpected "${token}" (expected rule ids, until=YYYY-MM-DD, then " -- reason")`;
  }
  if (d.rules.length === 0) d.problem ??= 'it names no rule (iamlint-ignore RULE[, RULE] -- reason)';
}

/** A real calendar date written `YYYY-MM-DD`. */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
