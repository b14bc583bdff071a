/**
 * Deployment units for CDK apps written in TypeScript. A folder with a `cdk.json` is an app: its `.ts` files (not
 * declarations, tests or the cloud assembly's output) are one unit. A `.ts` file outside any app is a unit of its
 * own when it imports `aws-cdk-lib`. Runs before the TypeScript parser is loaded: only paths and a text test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SourceFile } from '../../../src/engine/source.js';

/** `.ts` sources; declaration files are types only. */
export const isTypeScriptSource = (rel: string): boolean => /\.(c|m)?ts$/.test(rel) && !/\.d\.(c|m)?ts$/.test(rel);
export const isCdkJson = (rel: string): boolean => rel === 'cdk.json' || rel.endsWith('/cdk.json');
export const matchesCdkSource = (rel: string): boolean => isTypeScriptSource(rel) || isCdkJson(rel);

/** Test files and folders: they instantiate stacks again for assertions, so their constructs are not the app's. */
const TEST_FILE = /(^|\/)(test|tests|__tests__|spec)\/|\.(test|spec)\.(c|m)?ts$/;

/** Whether a file may hold CDK code (a cheap text test, before any parse). */
export const mentionsCdk = (text: string): boolean => text.includes('aws-cdk-lib') || text.includes("'constructs'") || text.includes('"constructs"');

export function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}

/** Whether `rel` lies in folder `dir` ('' is the lint root). */
export function isUnder(rel: string, dir: string): boolean {
  return dir === '' ? !rel.startsWith('../') : rel.startsWith(dir + '/');
}

/** The output folder an app's `cdk.json` names (`"output"`), relative to the app folder; default `cdk.out`. */
export function outputDirOf(cdkJson: string): string {
  try {
    const out = (JSON.parse(cdkJson) as { output?: unknown }).output;
    if (typeof out === 'string' && out.trim() && !out.startsWith('/') && !out.includes('..')) return out.replace(/\/+$/, '');
  } catch {
    // a broken cdk.json still marks the app folder
  }
  return 'cdk.out';
}

/** Whether a source of an app takes part in its evaluation (not a test, not inside the cloud assembly output). */
export function isAppSource(rel: string, appDir: string, outDir: string): boolean {
  if (!isTypeScriptSource(rel)) return false;
  const inner = appDir === '' ? rel : rel.slice(appDir.length + 1);
  if (TEST_FILE.test(inner)) return false;
  return !(inner === outDir || inner.startsWith(outDir + '/'));
}

/** Units: one per app folder (the innermost `cdk.json` above a file), and one per other `.ts` file. */
export function groupCdkSources(files: SourceFile[]): SourceFile[][] {
  const apps = files
    .filter((f) => isCdkJson(f.rel))
    .map((f) => dirOf(f.rel))
    .sort((a, b) => b.length - a.length);
  const byApp = new Map<string, SourceFile[]>();
  const singles: SourceFile[][] = [];
  for (const f of files) {
    const app = apps.find((d) => isUnder(f.rel, d) || (isCdkJson(f.rel) && dirOf(f.rel) === d));
    if (app !== undefined) {
      const list = byApp.get(app) ?? [];
      list.push(f);
      byApp.set(app, list);
    } else if (isTypeScriptSource(f.rel)) singles.push([f]);
  }
  return [...byApp.values(), ...singles];
}

const MAX_COMPANIONS = 2000;
const SKIP_DIRS = new Set(['node_modules', '.git', 'cdk.out', 'dist', 'build', 'coverage', '.terraform']);

/**
 * The rest of a `.ts` file's app, for a file named on its own (pre-commit, editors): the `cdk.json` of the nearest
 * folder above it that has one and the app's other sources, which define the stacks and constructs the file is
 * part of. The search stops at a repository root (a folder with `.git`): the hook is not told the lint root. A
 * file outside any app needs nothing else.
 */
export function cdkCompanions(abs: string): string[] {
  if (!isTypeScriptSource(abs)) return [];
  let dir = dirname(abs);
  for (let depth = 0; depth < 12; depth++) {
    const cdkJson = join(dir, 'cdk.json');
    if (existsSync(cdkJson)) return [cdkJson, ...appSources(dir, cdkJson)];
    if (existsSync(join(dir, '.git'))) return [];
    const up = dirname(dir);
    if (up === dir) return [];
    dir = up;
  }
  return [];
}

function appSources(appDir: string, cdkJson: string): string[] {
  let out = 'cdk.out';
  try {
    out = outputDirOf(readFileSync(cdkJson, 'utf8'));
  } catch {
    // unreadable: the default output folder
  }
  const found: string[] = [];
  const walk = (dir: string, rel: string, depth: number): void => {
    if (depth > 10 || found.length >= MAX_COMPANIONS) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || e.name.startsWith('.') || childRel === out) continue;
        walk(join(dir, e.name), childRel, depth + 1);
      } else if ((e.isFile() || e.isSymbolicLink()) && isAppSource(childRel, '', out)) found.push(join(dir, e.name));
    }
  };
  walk(appDir, '', 0);
  return found;
}
