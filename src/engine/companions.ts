import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Format } from './formats.js';
import type { SourceFile } from './source.js';

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/** A path as reported (as discovery names it): relative to the lint root with `/` separators. */
export function reportedPath(root: string, abs: string): string {
  return toPosix(relative(root, abs)) || toPosix(abs);
}

/** The files any claiming format needs besides `abs` to evaluate its unit (absolute paths, without `abs`). */
export function companionsOf(abs: string, rel: string, formats: readonly Format[]): string[] {
  const out = new Set<string>();
  for (const f of formats) {
    if (!f.companions || !f.matches(rel)) continue;
    let found: string[];
    try {
      found = f.companions(abs);
    } catch {
      continue; // an unreadable folder: lint what was named
    }
    for (const c of found) {
      const a = resolve(c);
      if (a !== abs) out.add(a);
    }
  }
  return [...out];
}

export function readSource(abs: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface UnitRequest {
  root: string;
  formats: readonly Format[];
  /** Texts that replace what is on disk (editor buffers, stdin), by absolute path. */
  overlay?: ReadonlyMap<string, string>;
  /** Reads a file from disk; undefined when unreadable. Defaults to a plain UTF-8 read without BOM. */
  read?: (abs: string) => string | undefined;
}

export interface CollectedUnit {
  sources: SourceFile[];
  /** Reported paths of the files read only as companions (not named). */
  companions: Set<string>;
}

/**
 * The sources needed to evaluate the units of some named files: the files themselves and their companions, each
 * taken from the overlay when it holds the file, else from disk. Unreadable companions are left out.
 */
export function collectUnits(named: readonly string[], req: UnitRequest): CollectedUnit {
  const read = req.read ?? readSource;
  const sources: SourceFile[] = [];
  const companions = new Set<string>();
  const seen = new Set<string>();
  const add = (abs: string, isCompanion: boolean): void => {
    if (seen.has(abs)) return;
    const text = req.overlay?.get(abs) ?? read(abs);
    if (text === undefined) return;
    seen.add(abs);
    const rel = reportedPath(req.root, abs);
    sources.push({ abs, rel, text });
    if (isCompanion) companions.add(rel);
  };
  for (const abs of named) add(abs, false);
  for (const abs of named) for (const c of companionsOf(abs, reportedPath(req.root, abs), req.formats)) add(c, true);
  return { sources, companions };
}

/** The files of `abs`'s folder whose names pass `test` (absolute paths; `abs` included when it passes). */
export function siblingFiles(abs: string, test: (name: string) => boolean): string[] {
  const dir = dirname(abs);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && test(e.name))
    .map((e) => join(dir, e.name));
}

const TERRAFORM_FILE = /\.(tf|tf\.json|tfvars|tfvars\.json)$/;

/**
 * A Terraform file's unit as far as one folder goes: the module's other configuration files (`*.tf`,
 * `*.tf.json`) and its variable files (`*.tfvars`, `*.auto.tfvars` and their JSON forms). For a Terraform format's
 * `companions` hook.
 */
export function terraformCompanions(abs: string): string[] {
  return siblingFiles(abs, (name) => TERRAFORM_FILE.test(name));
}
