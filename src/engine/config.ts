/**
 * The configuration file: found upward from the linted path, read (YAML or JSON, with positions), validated against
 * schema/iamlint.schema.json by a validator compiled at build time, and resolved (paths made absolute). Errors name
 * the file, line and column.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { LineIndex } from '../model/location.js';
import type { Severity } from '../severity.js';
import { CONFIG_FILES } from './config-files.js';
import { nodeAt, pointerPath, readStructured, SourceSyntaxError, toValue, type SrcNode, type StructuredFile } from './config-source.js';
import { closest } from './config-suggest.js';
import type { SchemaValidationError } from './generated/validator-types.js';
import type { RuleSetting } from './run-checks.js';

export { CONFIG_FILES } from './config-files.js';

export interface SuppressionPolicy {
  /** Honour comment and metadata suppressions (default true). */
  inline?: boolean;
  requireExpiry?: boolean;
  maxExpiryDays?: number;
  /** Rules that may not be suppressed inline. */
  forbid?: string[];
}

/** The file's content, as the schema describes it. */
export interface IamlintConfig {
  rules?: Record<string, RuleSetting>;
  ignore?: string[];
  failOn?: Severity | 'none';
  format?: string;
  varFiles?: string[];
  vars?: Record<string, unknown>;
  parameters?: Record<string, string | number | boolean | (string | number | boolean)[]>;
  customRules?: string[];
  baseline?: string;
  suppressions?: SuppressionPolicy;
}

export interface LoadedConfig {
  /** Absolute path of the file. */
  file: string;
  /** Its folder: relative paths in it are relative to this. */
  dir: string;
  config: IamlintConfig;
  source: StructuredFile;
}

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A configuration (or rule) file that cannot be used; the CLI prints the problems and exits with 2. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\niamlint: '));
  }
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** The nearest configuration file at or above `start` (a folder or a file), if any. */
export function findConfigFile(start: string): string | undefined {
  let dir = resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  for (;;) {
    for (const name of CONFIG_FILES) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The deepest folder that holds every path (files count by their folder). */
export function commonFolder(paths: readonly string[], cwd: string): string {
  const dirs = paths.map((p) => {
    const abs = resolve(cwd, p);
    try {
      return statSync(abs).isDirectory() ? abs : dirname(abs);
    } catch {
      return dirname(abs);
    }
  });
  let common = dirs[0] ?? cwd;
  for (const d of dirs.slice(1)) {
    while (!(d === common || d.startsWith(common.endsWith('/') ? common : common + '/'))) {
      const up = dirname(common);
      if (up === common) break;
      common = up;
    }
  }
  return common;
}

/** Reads and validates a configuration file. Throws ConfigError. */
export async function loadConfigFile(file: string, displayName = file): Promise<LoadedConfig> {
  const abs = resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new ConfigError([{ file: displayName, line: 1, column: 1, message: `cannot read the configuration: ${(e as Error).message}` }]);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const source = await readOrThrow(text, displayName);
  const value = toValue(source.root) ?? {};
  // Compiled at build time; loaded only when there is a configuration.
  const { validateConfig } = await import('./generated/config-validator.js');
  if (!validateConfig(value)) throw new ConfigError(schemaProblems(source, validateConfig.errors ?? []));
  const dir = dirname(abs);
  return { file: abs, dir, config: value as IamlintConfig, source };
}

/** Parses a YAML or JSON file, turning a syntax error into a ConfigError with its position. */
export async function readOrThrow(text: string, displayName: string): Promise<StructuredFile> {
  try {
    return await readStructured(text, displayName);
  } catch (e) {
    if (e instanceof SourceSyntaxError) {
      const pos = new LineIndex(text).position(e.offset);
      throw new ConfigError([{ file: displayName, ...pos, message: `syntax error: ${e.message}` }]);
    }
    throw e;
  }
}

/** Where a path points in the file: the key of its entry when `atKey`, else the value. */
export function positionOf(source: StructuredFile, path: readonly (string | number)[], atKey = false): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const { node, entry } = nodeAt(source.root, path.slice(0, n));
    if (!node && n > 0) continue;
    const offset = entry && (atKey || n < path.length) ? entry.keyStart : node ? node.start : 0;
    return source.lines.position(offset);
  }
  return { line: 1, column: 1 };
}

/** The problems of a schema validation, one per offending place, with readable messages. */
export function schemaProblems(source: StructuredFile, errors: readonly SchemaValidationError[]): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue; // the failing branch says what is wrong
    const path = pointerPath(e.instancePath);
    const where = path.length ? `"${path.join('.')}"` : 'the top level';
    let message: string;
    let pos;
    const value = nodeAt(source.root, path).node;
    if (e.keyword === 'additionalProperties') {
      const key = String(e.params['additionalProperty']);
      const props = e.parentSchema?.['properties'];
      const allowed = props && typeof props === 'object' ? Object.keys(props).filter((k) => k !== '$schema') : [];
      pos = positionOf(source, [...path, key], true);
      message = `unknown key "${key}" in ${where}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
    } else if (e.keyword === 'required') {
      pos = positionOf(source, path, true);
      message = `${where} needs "${String(e.params['missingProperty'])}"`;
    } else if (e.keyword === 'enum') {
      pos = positionOf(source, path);
      const allowed = (e.params['allowedValues'] as unknown[]).map(String).join(', ');
      message = `${where} is ${shown(value)}; expected one of: ${allowed}`;
    } else if (e.keyword === 'type') {
      pos = positionOf(source, path);
      const want = String(e.params['type']).replace(/,/g, ' or ');
      const hint = value?.kind === 'scalar' && typeof value.value === 'number' && want.startsWith('string') ? ' (quote it: YAML reads digits as a number)' : '';
      message = `${where} must be ${article(want)}${hint}, not ${shown(value)}`;
    } else if (e.keyword === 'maxProperties' || e.keyword === 'minProperties') {
      pos = positionOf(source, path);
      const props = e.parentSchema?.['properties'];
      const names = props && typeof props === 'object' ? Object.keys(props).join(', ') : '';
      const n = Number(e.params['limit']);
      message =
        e.keyword === 'maxProperties'
          ? `${where} may have ${n === 1 ? 'only one' : `at most ${n}`} of its keys${names ? ` (${names})` : ''}`
          : `${where} needs ${n === 1 ? 'a key' : `at least ${n} keys`}${names ? ` (${names})` : ''}`;
    } else if (e.keyword === 'pattern') {
      pos = positionOf(source, path);
      message = `${where} is ${shown(value)}, which does not match ${String(e.params['pattern'])}`;
    } else {
      pos = positionOf(source, path);
      message = `${where} ${e.message ?? 'is invalid'}`;
    }
    const key = `${pos.line}:${pos.column}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file: source.file, ...pos, message });
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function shown(node: SrcNode | undefined): string {
  if (!node) return 'missing';
  if (node.kind === 'map') return 'a map';
  if (node.kind === 'seq') return 'a list';
  return node.value === null ? 'empty' : JSON.stringify(node.value);
}

/** Checks that every rule id the configuration names exists; suggests the closest id for a typo. */
export function checkRuleIds(loaded: LoadedConfig, known: ReadonlySet<string>): void {
  const problems: ConfigProblem[] = [];
  const unknown = (id: string, path: (string | number)[], atKey: boolean): void => {
    if (known.has(id)) return;
    const near = closest(id, known);
    problems.push({
      file: loaded.source.file,
      ...positionOf(loaded.source, path, atKey),
      message: `unknown rule "${id}"${near ? ` (did you mean "${near}"?)` : ''}; --list-rules shows them all`,
    });
  };
  for (const id of Object.keys(loaded.config.rules ?? {})) unknown(id, ['rules', id], true);
  (loaded.config.suppressions?.forbid ?? []).forEach((id, i) => unknown(id, ['suppressions', 'forbid', i], false));
  if (problems.length) throw new ConfigError(problems);
}

/** A path written in the configuration, made absolute (relative to the configuration's folder). */
export function configPath(loaded: LoadedConfig, p: string): string {
  return isAbsolute(p) ? p : resolve(loaded.dir, p);
}

/** Fails with the position of `path` in the file when a path the configuration names does not exist. */
export function requireExisting(loaded: LoadedConfig, key: 'varFiles' | 'customRules', check: (abs: string) => boolean = existsSync): void {
  const problems: ConfigProblem[] = [];
  (loaded.config[key] ?? []).forEach((p, i) => {
    if (!check(configPath(loaded, p))) {
      problems.push({ file: loaded.source.file, ...positionOf(loaded.source, [key, i]), message: `"${p}" does not exist (paths are relative to the configuration's folder)` });
    }
  });
  if (problems.length) throw new ConfigError(problems);
}
