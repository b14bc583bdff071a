import { ANY, NO_COLON, lit, literalTokens, one, rep, tokensInclude, tokensIntersect, type Token } from '../../src/iam/glob-automaton.js';

/** Small deterministic PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CHARS = ['a', 'b', ':', '/'];

function randomPattern(rand: () => number, maxLen: number): string {
  let p = '';
  const len = Math.floor(rand() * maxLen);
  for (let i = 0; i < len; i++) {
    const r = rand();
    p += r < 0.2 ? '*' : r < 0.3 ? '?' : (CHARS[Math.floor(rand() * CHARS.length)] as string);
  }
  return p;
}

function patternTokens(p: string): Token[] {
  return [...p].map((c) => (c === '*' ? rep(ANY) : c === '?' ? one(ANY) : lit(c)));
}

function regexOf(p: string): RegExp {
  return new RegExp(`^${[...p].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c === '/' ? '\\/' : c)).join('')}$`, 's');
}

/** Every string over CHARS up to a length: a brute-force oracle for small languages. */
function allStrings(maxLen: number): string[] {
  const out = [''];
  let frontier = [''];
  for (let n = 0; n < maxLen; n++) {
    frontier = frontier.flatMap((s) => CHARS.map((c) => s + c));
    out.push(...frontier);
  }
  return out;
}

const STRINGS = allStrings(5);

describe('glob automaton', () => {
  it('agrees with regular expressions on literal strings', () => {
    const rand = prng(1);
    for (let n = 0; n < 300; n++) {
      const p = randomPattern(rand, 6);
      const s = randomPattern(rand, 6).replace(/[*?]/g, 'a');
      expect([p, s, tokensIntersect(patternTokens(p), literalTokens(s))]).toEqual([p, s, regexOf(p).test(s)]);
    }
  });

  it('decides intersection like brute force over short strings', () => {
    const rand = prng(2);
    for (let n = 0; n < 200; n++) {
      const a = randomPattern(rand, 4);
      const b = randomPattern(rand, 4);
      const ra = regexOf(a);
      const rb = regexOf(b);
      const witness = STRINGS.some((s) => ra.test(s) && rb.test(s));
      // Short patterns that intersect always share a string of length <= 5 over this alphabet.
      expect([a, b, tokensIntersect(patternTokens(a), patternTokens(b))]).toEqual([a, b, witness]);
    }
  });

  it('decides inclusion like brute force over short strings', () => {
    const rand = prng(3);
    for (let n = 0; n < 200; n++) {
      const sup = randomPattern(rand, 4);
      const sub = randomPattern(rand, 3);
      const rsup = regexOf(sup);
      const rsub = regexOf(sub);
      const counterexample = STRINGS.some((s) => rsub.test(s) && !rsup.test(s));
      expect([sup, sub, tokensInclude(patternTokens(sup), patternTokens(sub))]).toEqual([sup, sub, !counterexample]);
    }
  });

  it('keeps colon-free classes away from ":"', () => {
    const field = [one(NO_COLON), rep(NO_COLON)];
    expect(tokensIntersect(literalTokens('a:b'), field)).toBe(false);
    expect(tokensIntersect(literalTokens('ab'), field)).toBe(true);
    expect(tokensIntersect(patternTokens('*'), field)).toBe(true);
    expect(tokensIntersect(patternTokens(':'), field)).toBe(false);
    expect(tokensInclude(patternTokens('*'), field)).toBe(true);
    expect(tokensInclude(field, patternTokens('a*'))).toBe(false);
    expect(tokensInclude(patternTokens('?*'), field)).toBe(true);
    expect(tokensInclude(patternTokens('??*'), field)).toBe(false);
  });
});
