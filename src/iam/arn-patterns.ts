/**
 * Resource ARN patterns as written in policies, compared with concrete ARNs, with the ARN formats of
 * the service authorization reference, and with "every resource".
 *
 * IAM compares resources case-sensitively and its `*` / `?` cross ':' and '/'.
 * Policy variables (`${aws:username}`) take a value only at request time. For "could this match"
 * questions they are treated as wildcards; for "does this match everything" they are treated as an
 * unknown fixed value. The escapes `${*}`, `${?}` and `${$}` stand for the literal characters.
 */
import {
  ANY,
  NO_COLON,
  lit,
  literalTokens,
  one,
  rep,
  tokensInclude,
  tokensIntersect,
  type Token,
} from './glob-automaton.js';

/** A character no ARN contains; stands for the unknown value of a policy variable. */
const OPAQUE_VARIABLE = '\u0000';

type VariableMode = 'wildcard' | 'opaque';

const ESCAPES: Readonly<Record<string, string>> = { '${*}': '*', '${?}': '?', '${$}': '$' };

function patternTokens(pattern: string, variables: VariableMode): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i + 2);
      if (end !== -1) {
        const variable = pattern.slice(i, end + 1);
        const escaped = ESCAPES[variable];
        if (escaped !== undefined) tokens.push(lit(escaped));
        else if (variables === 'wildcard') tokens.push(rep(ANY));
        else tokens.push(lit(OPAQUE_VARIABLE));
        i = end + 1;
        continue;
      }
    }
    if (ch === '*') tokens.push(rep(ANY));
    else if (ch === '?') tokens.push(one(ANY));
    else tokens.push(lit(ch));
    i++;
  }
  return tokens;
}

const MAX_CACHED = 10_000;
const patternCache = new Map<string, Token[]>();

function cachedPatternTokens(pattern: string): Token[] {
  let tokens = patternCache.get(pattern);
  if (tokens === undefined) {
    if (patternCache.size >= MAX_CACHED) patternCache.clear();
    tokens = patternTokens(pattern, 'wildcard');
    patternCache.set(pattern, tokens);
  }
  return tokens;
}

/**
 * Does the policy resource pattern match this concrete ARN? Case-sensitive; `*`/`?` may cross ':'.
 * A policy variable in the pattern matches any text (the answer is "could match").
 */
export function arnPatternMatches(pattern: string, arn: string): boolean {
  return tokensIntersect(cachedPatternTokens(pattern), literalTokens(arn));
}

/** Variables of the reference's ARN formats that stand for one ARN field and so never contain ':'. */
const FIELD_VARIABLES: ReadonlySet<string> = new Set(['Partition', 'Region', 'Account']);

const formatCache = new Map<string, Token[]>();

/**
 * Tokens for one reference ARN format such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
 * `${Partition}` is non-empty; `${Region}` and `${Account}` may be empty because a few services
 * document them although their real ARNs leave the field blank, and a wrong "cannot match" would be
 * a false finding. Other variables are any non-empty text; a literal `*` in a format is any text.
 */
function formatTokens(format: string): Token[] {
  let tokens = formatCache.get(format);
  if (tokens !== undefined) return tokens;
  tokens = [];
  const parts = format.split(/(\$\{[^}]*\})/);
  for (const part of parts) {
    const variable = /^\$\{([^}]*)\}$/.exec(part)?.[1];
    if (variable === undefined) {
      for (const ch of part) tokens.push(ch === '*' ? rep(ANY) : lit(ch));
    } else if (variable === 'Partition') {
      tokens.push(one(NO_COLON), rep(NO_COLON));
    } else if (FIELD_VARIABLES.has(variable)) {
      tokens.push(rep(NO_COLON));
    } else {
      tokens.push(one(ANY), rep(ANY));
    }
  }
  formatCache.set(format, tokens);
  return tokens;
}

/**
 * Could the resource pattern written in a policy match at least one ARN of this reference format?
 * Exact: decides whether the two glob languages intersect. A format string holding several formats
 * joined by ", " (as the raw data sometimes does) fits when any of them fits.
 */
export function resourcePatternFitsFormat(pattern: string, arnFormat: string): boolean {
  const tokens = cachedPatternTokens(pattern);
  return arnFormat.split(', ').some((format) => tokensIntersect(tokens, formatTokens(format)));
}

/** Known partitions: `arn:aws:*` counts as "all resources" although it names one partition. */
const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

/** Every ARN of a partition: arn:<partition>:<service>:<region>:<account>:<resource>. */
function everyArn(partition: Token[]): Token[] {
  return [
    ...literalTokens('arn:'),
    ...partition,
    lit(':'),
    one(NO_COLON),
    rep(NO_COLON), // service
    lit(':'),
    rep(NO_COLON), // region (blank for global services)
    lit(':'),
    rep(NO_COLON), // account (blank for S3 and others)
    lit(':'),
    one(ANY),
    rep(ANY), // resource, may contain ':' and '/'
  ];
}

const allResourcesCache = new Map<string, boolean>();

/** Two unlike ARNs of a partition; a pattern missing either cannot match the whole partition. */
function sampleArns(partition: string): string[] {
  return [`arn:${partition}:s:::r`, `arn:${partition}:svc:us-east-1:123456789012:res/x:y`];
}

function coversPartition(tokens: Token[], partition: string | undefined): boolean {
  // The samples reject most patterns cheaply; the inclusion test then decides exactly.
  const samples = sampleArns(partition ?? 'p');
  if (!samples.every((arn) => tokensIntersect(tokens, literalTokens(arn)))) return false;
  return tokensInclude(tokens, everyArn(partition === undefined ? [one(NO_COLON), rep(NO_COLON)] : literalTokens(partition)));
}

/**
 * True when the pattern matches every ARN of at least one whole partition: '*', 'arn:*', '*:*',
 * 'arn:aws:*', 'arn:*:*:*:*:*', 'arn:aws:*:*:*:*' ... A policy variable counts as a fixed unknown
 * value, so 'arn:aws:s3:::${aws:username}*' is not "all".
 */
export function isAllResources(pattern: string): boolean {
  let result = allResourcesCache.get(pattern);
  if (result !== undefined) return result;
  // Without '*' a pattern has bounded length, so it cannot cover every ARN.
  if (!pattern.includes('*')) return false;
  const tokens = patternTokens(pattern, 'opaque');
  result = coversPartition(tokens, undefined) || PARTITIONS.some((p) => coversPartition(tokens, p));
  if (allResourcesCache.size >= MAX_CACHED) allResourcesCache.clear();
  allResourcesCache.set(pattern, result);
  return result;
}
