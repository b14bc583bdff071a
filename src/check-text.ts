/** Wording shared by check messages. */

/** `"a", "b", "c" and 2 more`: values quoted, at most `max` shown. */
export function quoteList(values: readonly string[], max = 3): string {
  const shown = values.slice(0, max).map((v) => `"${v}"`).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}
