/**
 * CloudFormation (like PyYAML, which cfn-lint uses) accepts multi-line quoted scalars and flow collections whose
 * continuation lines are not indented past their key, e.g.
 *
 *     PolicyDocument: !Sub '{
 *         "Statement": [...]
 *     }'
 *
 * The `yaml` library follows the specification and rejects them. When a template fails to parse, this pass
 * indents such continuation lines one column past their key (whitespace there does not change any value) and
 * records how many spaces each line got, so positions are mapped back to the original text.
 */

export interface Repair {
  text: string;
  /** 0-based line index -> spaces inserted at its start. */
  shifts: Map<number, number>;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Column (0-based) where a line's content starts once sequence indicators (`- `) are skipped. */
function contentColumn(line: string): number {
  let i = 0;
  for (;;) {
    while (line[i] === ' ') i++;
    if (line[i] === '-' && isSpace(line[i + 1])) {
      i += 2;
      continue;
    }
    return i;
  }
}

/** Whether a quote or bracket at `pos` starts a token (rather than sitting inside a plain scalar like `it's`). */
function startsToken(line: string, pos: number): boolean {
  let j = pos - 1;
  while (j >= 0 && isSpace(line[j])) j--;
  if (j < 0) return true;
  const prev = line[j] as string;
  if (':[{,?'.includes(prev)) return true;
  if (prev === '-' && j < pos - 1 && (j === 0 || isSpace(line[j - 1]))) return true;
  // After a tag or anchor (`!Sub '...'`, `&a [...]`).
  let k = j;
  while (k >= 0 && !isSpace(line[k])) k--;
  const token = line.slice(k + 1, j + 1);
  return j < pos - 1 && (token.startsWith('!') || token.startsWith('&'));
}

export function repairFlowIndentation(text: string): Repair | undefined {
  const lines = text.split('\n');
  const shifts = new Map<number, number>();
  let quote: "'" | '"' | undefined;
  let depth = 0;
  let required = 0;
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n] as string;
    if ((quote || depth > 0) && line.trim() !== '') {
      let indent = 0;
      while (line[indent] === ' ') indent++;
      if (indent < required) {
        const add = required - indent;
        line = ' '.repeat(add) + line;
        lines[n] = line;
        shifts.set(n, add);
      }
    }
    const wasOpen = quote !== undefined || depth > 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (quote === "'") {
        if (c === "'") {
          if (line[i + 1] === "'") i++;
          else quote = undefined;
        }
        continue;
      }
      if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') quote = undefined;
        continue;
      }
      if (c === '#' && (i === 0 || isSpace(line[i - 1]))) break;
      if ((c === "'" || c === '"') && startsToken(line, i)) {
        if (!wasOpen && depth === 0) required = contentColumn(line) + 1;
        quote = c;
      } else if ((c === '[' || c === '{') && (depth > 0 || startsToken(line, i))) {
        if (!wasOpen && depth === 0) required = contentColumn(line) + 1;
        depth++;
      } else if ((c === ']' || c === '}') && depth > 0) depth--;
    }
  }
  return shifts.size > 0 ? { text: lines.join('\n'), shifts } : undefined;
}
