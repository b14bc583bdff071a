/** Deeper documents are refused before parsing: recursive parsers would overflow the stack, and no IaC nests this deep. */
export const MAX_NESTING = 512;

/**
 * Finds the offset where bracket nesting first exceeds `limit`, skipping strings. One linear pass, so a
 * hostile file costs no more than reading it.
 */
export function excessiveNestingAt(text: string, limit = MAX_NESTING): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return undefined;
}
