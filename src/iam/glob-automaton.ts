/**
 * Exact set algebra on tiny glob languages: "do two patterns share a string?" and "does one
 * pattern accept every string of another?".
 *
 * A pattern is a list of tokens; each token matches exactly one character (`one`) or any run of
 * characters, including none (`rep`), drawn from a character class. Both questions are answered by
 * a breadth-first walk over pairs of positions, so the cost is bounded by the product of the two
 * pattern lengths (intersection) or by the reachable subsets of the second (inclusion); ARNs are
 * short, so both are fast. Regular expressions cannot answer these questions, which is why this
 * exists.
 */

export type CharClass =
  | { readonly kind: 'lit'; readonly ch: string }
  | { readonly kind: 'any' }
  /** Anything except ':', for ARN fields such as partition, region and account. */
  | { readonly kind: 'noColon' };

export interface Token {
  readonly repeat: boolean;
  readonly cls: CharClass;
}

export const ANY: CharClass = { kind: 'any' };
export const NO_COLON: CharClass = { kind: 'noColon' };

export function lit(ch: string): Token {
  return { repeat: false, cls: { kind: 'lit', ch } };
}
export function one(cls: CharClass): Token {
  return { repeat: false, cls };
}
export function rep(cls: CharClass): Token {
  return { repeat: true, cls };
}
export function literalTokens(text: string): Token[] {
  return [...text].map(lit);
}

function classesOverlap(a: CharClass, b: CharClass): boolean {
  if (a.kind === 'lit' && b.kind === 'lit') return a.ch === b.ch;
  if (a.kind === 'lit') return b.kind === 'any' || a.ch !== ':';
  if (b.kind === 'lit') return a.kind === 'any' || b.ch !== ':';
  return true; // any/noColon combinations always share some character
}

function classContains(cls: CharClass, ch: string): boolean {
  if (cls.kind === 'lit') return cls.ch === ch;
  return cls.kind === 'any' || ch !== ':';
}

/** Is there a string accepted by both token lists? */
export function tokensIntersect(a: readonly Token[], b: readonly Token[]): boolean {
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number): void => {
    const id = i * width + j;
    if (seen[id] === 0) {
      seen[id] = 1;
      stack.push(id);
    }
  };
  while (stack.length > 0) {
    const id = stack.pop() as number;
    const i = Math.floor(id / width);
    const j = id % width;
    if (i === a.length && j === b.length) return true;
    const ta = a[i];
    const tb = b[j];
    // A repeat token may match the empty string, so either side may step over it alone.
    if (ta?.repeat) push(i + 1, j);
    if (tb?.repeat) push(i, j + 1);
    if (ta !== undefined && tb !== undefined && classesOverlap(ta.cls, tb.cls)) {
      push(ta.repeat ? i : i + 1, tb.repeat ? j : j + 1);
    }
  }
  return false;
}

/** Characters that tell all classes of both lists apart: every literal, ':' and one character used by neither. */
function representativeAlphabet(lists: readonly (readonly Token[])[]): string[] {
  const chars = new Set<string>([':']);
  for (const list of lists) for (const t of list) if (t.cls.kind === 'lit') chars.add(t.cls.ch);
  let fresh = 0xe000; // private-use area: stands for "any character the patterns do not name"
  while (chars.has(String.fromCodePoint(fresh))) fresh++;
  chars.add(String.fromCodePoint(fresh));
  return [...chars];
}

/** Positions reachable from `positions` by stepping over repeat tokens (which may match nothing). */
function closure(tokens: readonly Token[], positions: Iterable<number>): number[] {
  const out = new Set<number>();
  for (let p of positions) {
    for (;;) {
      if (out.has(p)) break;
      out.add(p);
      if (tokens[p]?.repeat !== true) break;
      p++;
    }
  }
  return [...out].sort((x, y) => x - y);
}

/** Does `sup` accept every string that `sub` accepts? */
export function tokensInclude(sup: readonly Token[], sub: readonly Token[]): boolean {
  const alphabet = representativeAlphabet([sup, sub]);
  const start = closure(sup, [0]);
  const queue: [number, number[]][] = [[0, start]];
  const seen = new Set<string>([`0|${start.join(',')}`]);
  const visit = (i: number, set: number[]): void => {
    const key = `${i}|${set.join(',')}`;
    if (!seen.has(key)) {
      seen.add(key);
      queue.push([i, set]);
    }
  };
  for (let head = 0; head < queue.length; head++) {
    const [i, set] = queue[head] as [number, number[]];
    // `sub` has produced a complete string that `sup` cannot accept: a counterexample.
    if (i === sub.length && !set.includes(sup.length)) return false;
    const t = sub[i];
    if (t === undefined) continue;
    if (t.repeat) visit(i + 1, set);
    for (const ch of alphabet) {
      if (!classContains(t.cls, ch)) continue;
      const next: number[] = [];
      for (const p of set) {
        const s = sup[p];
        if (s !== undefined && classContains(s.cls, ch)) next.push(s.repeat ? p : p + 1);
      }
      visit(t.repeat ? i : i + 1, closure(sup, next));
    }
  }
  return true;
}
