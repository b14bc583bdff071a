/**
 * IAM wildcard matching for action names and resource ARNs.
 *
 * IAM globs know only `*` (any run of characters, including none and including ':' and '/') and
 * `?` (exactly one character). Action matching ignores case; ARN matching does not.
 */

/** True when the text contains an IAM wildcard character. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

const MAX_CACHED = 10_000;
const actionGlobCache = new Map<string, RegExp>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function globToRegExpSource(glob: string): string {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '[^]*';
    else if (ch === '?') source += '[^]';
    else source += escapeRegExp(ch);
  }
  return source;
}

/** Compiled, cached, case-insensitive whole-string matcher for an action glob such as `iam:Put*`. */
export function actionGlob(glob: string): RegExp {
  let re = actionGlobCache.get(glob);
  if (re === undefined) {
    // The cache only bounds memory for pathological inputs; normal runs see a few hundred patterns.
    if (actionGlobCache.size >= MAX_CACHED) actionGlobCache.clear();
    re = new RegExp(`^${globToRegExpSource(glob)}$`, 'i');
    actionGlobCache.set(glob, re);
  }
  return re;
}

/** IAM glob match ignoring case: `actionPatternMatches('iam:Put*', 'iam:PutUserPolicy')` is true. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  return actionGlob(pattern).test(action);
}
