import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

/** Folders that never hold the user's IaC: caches, dependencies, VCS data. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform', '.terragrunt-cache']);

export interface DiscoverOptions {
  /** Where reported paths are relative to. */
  root: string;
  /** Globs (relative to root) to leave out, like `--ignore`. */
  ignore: string[];
  /** Keep only files this says yes to (by root-relative path). */
  accept(rel: string): boolean;
}

export interface DiscoveredFile {
  abs: string;
  rel: string;
  /** Named on the command line rather than found in a folder. */
  explicit: boolean;
}

export class UsageError extends Error {}

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/**
 * Expands paths to files. Folders are walked with `.gitignore` files honoured at every level; files named
 * explicitly are always kept (the user asked for them). Symbolic links to folders are not followed, so a link
 * loop cannot hang the walk.
 */
export function discoverFiles(paths: string[], opts: DiscoverOptions): DiscoveredFile[] {
  const out: DiscoveredFile[] = [];
  const seen = new Set<string>();
  const userIgnore = opts.ignore.length ? picomatch(opts.ignore, { dot: true }) : undefined;
  const ignoredByUser = (rel: string): boolean => !!userIgnore && (userIgnore(rel) || userIgnore(rel + '/'));

  const add = (abs: string, explicit: boolean): void => {
    if (seen.has(abs)) return;
    const rel = toPosix(relative(opts.root, abs)) || abs;
    if (!explicit && (ignoredByUser(rel) || !opts.accept(rel))) return;
    seen.add(abs);
    out.push({ abs, rel, explicit });
  };

  for (const p of paths) {
    const abs = resolve(opts.root, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    if (st.isFile()) add(abs, true);
    else if (st.isDirectory()) walk(abs, [], add, ignoredByUser, opts.root);
  }
  return out;
}

interface GitIgnoreScope {
  dir: string;
  rules: Ignore;
}

function walk(
  dir: string,
  scopes: GitIgnoreScope[],
  add: (abs: string, explicit: boolean) => void,
  ignoredByUser: (rel: string) => boolean,
  root: string,
): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable folder: nothing to lint there
  }
  const here = loadGitIgnore(dir);
  const active = here ? [...scopes, here] : scopes;
  const isIgnored = (abs: string, isDir: boolean): boolean =>
    active.some((s) => {
      const rel = toPosix(relative(s.dir, abs));
      return rel !== '' && !rel.startsWith('..') && s.rules.ignores(isDir ? rel + '/' : rel);
    });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIPPED_DIRS.has(e.name) || isIgnored(abs, true) || ignoredByUser(toPosix(relative(root, abs)))) continue;
      walk(abs, active, add, ignoredByUser, root);
    } else if (e.isFile() || (e.isSymbolicLink() && isFileLink(abs))) {
      if (!isIgnored(abs, false)) add(abs, false);
    }
  }
}

function isFileLink(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

function loadGitIgnore(dir: string): GitIgnoreScope | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { dir, rules: ignore().add(text) };
}
