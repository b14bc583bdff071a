/**
 * Loads custom rule files (one rule per YAML or JSON file; a folder means every `.yml`, `.yaml` and `.json` file
 * in it): validated against schema/custom-rule.schema.json (compiled at build time) and then checked for what a
 * schema cannot say (one predicate per object, path tests only with a path, safe JSONPaths, unique ids). Every
 * problem names the file, line and column.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyCheck } from '../check.js';
import { ConfigError, positionOf, readOrThrow, schemaProblems, type ConfigProblem } from '../engine/config.js';
import { toValue, type StructuredFile } from '../engine/config-source.js';
import { validateCustomRule } from '../engine/generated/custom-rule-validator.js';
import { checkPath, UnsafePathError } from './jsonpath.js';
import { BUILTINS, COMBINATORS, customRuleCheck, PATH_TESTS, type CustomRuleDef, type Predicate } from './rule.js';

export type CustomCheck = AnyCheck & { file: string };

const RULE_FILE = /\.(ya?ml|json)$/i;

/** The rule files a list of files and folders names, in order. */
export function ruleFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new ConfigError([{ file: p, line: 1, column: 1, message: 'custom rule file or folder not found' }]);
    }
    if (!isDir) out.push(p);
    else for (const name of readdirSync(p).sort()) if (RULE_FILE.test(name) && statSync(join(p, name)).isFile()) out.push(join(p, name));
  }
  return [...new Set(out)];
}

/**
 * Reads, validates and compiles custom rules. `taken` holds the ids that exist already (built-in rules).
 * `display` names a file in messages (relative to the working directory). Throws ConfigError.
 */
export async function loadCustomRules(paths: readonly string[], taken: ReadonlySet<string>, display: (abs: string) => string = (p) => p): Promise<CustomCheck[]> {
  const problems: ConfigProblem[] = [];
  const checks: CustomCheck[] = [];
  const ids = new Map<string, string>();
  for (const abs of ruleFiles(paths)) {
    const name = display(abs);
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (e) {
      problems.push({ file: name, line: 1, column: 1, message: `cannot read the rule: ${(e as Error).message}` });
      continue;
    }
    let source: StructuredFile;
    try {
      source = await readOrThrow(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, name);
    } catch (e) {
      if (e instanceof ConfigError) {
        problems.push(...e.problems);
        continue;
      }
      throw e;
    }
    const value = toValue(source.root);
    if (!validateCustomRule(value)) {
      problems.push(...schemaProblems(source, validateCustomRule.errors ?? []));
      continue;
    }
    const def = value as CustomRuleDef;
    const before = problems.length;
    checkPredicate(def.match, ['match'], source, problems);
    if (taken.has(def.id)) problems.push({ file: name, ...positionOf(source, ['id']), message: `"${def.id}" is the id of a built-in rule; choose another (e.g. with your organisation as a prefix)` });
    else if (ids.has(def.id)) problems.push({ file: name, ...positionOf(source, ['id']), message: `"${def.id}" is also the id of the rule in ${ids.get(def.id) as string}` });
    ids.set(def.id, name);
    if (problems.length === before) checks.push(customRuleCheck(def, name));
  }
  if (problems.length) throw new ConfigError(problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column)));
  return checks;
}

/** Checks one predicate object and its children. */
function checkPredicate(p: Predicate, at: (string | number)[], source: StructuredFile, problems: ConfigProblem[]): void {
  const keys = Object.keys(p);
  const kinds = keys.filter((k) => (COMBINATORS as readonly string[]).includes(k) || (BUILTINS as readonly string[]).includes(k) || k === 'path');
  const tests = keys.filter((k) => (PATH_TESTS as readonly string[]).includes(k));
  const fail = (message: string, path: (string | number)[] = at, atKey = false): void => {
    problems.push({ file: source.file, ...positionOf(source, path, atKey), message });
  };
  const where = `"${at.join('.')}"`;
  if (kinds.length !== 1) {
    fail(
      kinds.length === 0
        ? `${where} needs a predicate: all, any, not, grantsAction, hasCondition, isWildcard, principalIs or path`
        : `${where} has ${kinds.map((k) => `"${k}"`).join(' and ')}: one predicate per entry (combine them with "all" or "any")`,
    );
    return;
  }
  const kind = kinds[0] as string;
  if (kind !== 'path' && tests.length) {
    fail(`"${tests[0] as string}" tests the values of a "path"; ${where} has none`, [...at, tests[0] as string], true);
    return;
  }
  if (kind === 'path' && tests.length > 1) {
    fail(`${where} has ${tests.map((k) => `"${k}"`).join(' and ')}: one test per path (combine them with "all")`);
    return;
  }
  if (kind === 'path') {
    try {
      checkPath(p.path as string);
    } catch (e) {
      if (!(e instanceof UnsafePathError)) throw e;
      fail(`JSONPath "${p.path as string}" is refused: ${e.message}`, [...at, 'path']);
    }
    return;
  }
  if (kind === 'all' || kind === 'any') (p[kind] as Predicate[]).forEach((c, i) => checkPredicate(c, [...at, kind, i], source, problems));
  if (kind === 'not') checkPredicate(p.not as Predicate, [...at, 'not'], source, problems);
}
