/** A span in a source file. Lines and columns are 1-based; `endColumn` is the column just past the last character (SARIF's convention); columns count UTF-16 code units. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A span that also knows the logical path of the value inside its resource (stable across edits, used for fingerprints). */
export interface PathedLocation extends Location {
  path?: readonly (string | number)[];
}

/** The smallest span that covers both locations (same file assumed). */
export function spanOf(a: Location, b: Location): Location {
  const startFirst = a.line < b.line || (a.line === b.line && a.column <= b.column);
  const endLast = a.endLine > b.endLine || (a.endLine === b.endLine && a.endColumn >= b.endColumn);
  const start = startFirst ? a : b;
  const end = endLast ? a : b;
  return { file: a.file, line: start.line, column: start.column, endLine: end.endLine, endColumn: end.endColumn };
}

export function compareLocations(a: Location, b: Location): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn;
}

/** Converts offsets in a text to 1-based line/column positions; built once per file, each lookup is a binary search. */
export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  position(offset: number): { line: number; column: number } {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  }

  /** The offset of a 1-based line and column (the end of the text past its last line). */
  offsetOf(line: number, column: number, textLength: number): number {
    return (this.starts[line - 1] ?? textLength) + column - 1;
  }

  location(file: string, start: number, end: number): Location {
    const s = this.position(start);
    const e = this.position(end);
    return { file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }
}
