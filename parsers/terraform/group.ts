/**
 * Deployment units for Terraform. A folder of `.tf` files is a module; a folder that no other linted folder
 * calls (through a local `source = "./..."`) is a root, and its unit holds the folders it calls, transitively.
 * A module called by a root is linted only through its callers; a module nobody calls is a root of its own.
 * Runs before any parser is loaded, so module calls are found with a light scan, not the HCL parser.
 */
import { append } from './append.js';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { SourceFile } from '../../src/engine/source.js';

export interface TerraformUnitPlan {
  rootDir: string;
  files: SourceFile[];
  boundary: string;
}

/**
 * Files a Terraform unit of the current run read with `file()` / `templatefile()` (absolute path -> text). A
 * policy JSON read that way is linted through the resource that uses it, not again as a standalone policy file:
 * the plan format (after the Terraform format) claims such files. Reset when a run groups its Terraform files.
 */
export const readByTerraform = new Map<string, string>();

/** Unit plans by the group array handed back to the engine (which passes the same array to `parse`). */
export const unitPlans = new WeakMap<SourceFile[], TerraformUnitPlan>();

export const isTerraformConfig = (rel: string): boolean => rel.endsWith('.tf') || rel.endsWith('.tf.json');
export const isTerraformVars = (rel: string): boolean => rel.endsWith('.tfvars') || rel.endsWith('.tfvars.json');
export const matchesTerraform = (rel: string): boolean => isTerraformConfig(rel) || isTerraformVars(rel);

/** The local module sources (`./x`, `../x`) called from a file. */
export function scanModuleSources(text: string, json: boolean): string[] {
  if (json) {
    try {
      const doc = JSON.parse(text) as { module?: unknown };
      const out: string[] = [];
      const visit = (m: unknown): void => {
        if (Array.isArray(m)) m.forEach(visit);
        else if (m && typeof m === 'object') {
          for (const call of Object.values(m as Record<string, unknown>)) {
            for (const c of Array.isArray(call) ? call : [call]) {
              const src = c && typeof c === 'object' ? (c as { source?: unknown }).source : undefined;
              if (typeof src === 'string') out.push(src);
            }
          }
        }
      };
      visit(doc.module);
      return out.filter(isLocalSource);
    } catch {
      return [];
    }
  }
  const out: string[] = [];
  const header = /^[ \t]*module[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*)[ \t]*\{/gm;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const end = blockEnd(text, m.index + m[0].length);
    const body = text.slice(m.index + m[0].length, end);
    const src = /^[ \t]*source[ \t]*=[ \t]*"([^"\n]*)"/m.exec(body);
    if (src && isLocalSource(src[1] as string)) out.push(src[1] as string);
    header.lastIndex = Math.max(header.lastIndex, end);
  }
  return out;
}

const isLocalSource = (s: string): boolean => s === '.' || s === '..' || s.startsWith('./') || s.startsWith('../');

/** The offset of the `}` closing a block whose body starts at `i` (strings, comments and heredocs skipped). */
function blockEnd(t: string, i: number): number {
  let depth = 1;
  while (i < t.length) {
    const c = t[i] as string;
    if (c === '"') {
      i++;
      while (i < t.length && t[i] !== '"' && t[i] !== '\n') i += t[i] === '\\' ? 2 : 1;
    } else if (c === '#' || (c === '/' && t[i + 1] === '/')) {
      const nl = t.indexOf('\n', i);
      i = nl === -1 ? t.length : nl;
    } else if (c === '/' && t[i + 1] === '*') {
      const close = t.indexOf('*/', i + 2);
      i = close === -1 ? t.length : close + 1;
    } else if (c === '<' && t[i + 1] === '<') {
      const h = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(t.slice(i, i + 200));
      if (h) {
        const close = new RegExp(`^[ \\t]*${h[1]}[ \\t]*$`, 'm');
        const rest = t.slice(i + h[0].length);
        const m = close.exec(rest);
        i = m ? i + h[0].length + m.index + m[0].length : t.length;
      }
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
    i++;
  }
  return t.length;
}

/** The folder findings may read from: the lint root when every file lies under it, else the files' common folder. */
function boundaryOf(files: SourceFile[]): string {
  let root: string | undefined;
  let agree = true;
  for (const f of files) {
    if (f.rel.startsWith('..') || isAbsolute(f.rel)) {
      agree = false;
      break;
    }
    const suffix = f.rel.split('/').join(sep);
    if (!f.abs.endsWith(suffix)) {
      agree = false;
      break;
    }
    const r = f.abs.slice(0, f.abs.length - suffix.length).replace(/[\\/]+$/, '') || sep;
    if (root === undefined) root = r;
    else if (root !== r) agree = false;
  }
  if (agree && root !== undefined) return root;
  let common = dirname(files[0]?.abs ?? process.cwd());
  for (const f of files) {
    while (relative(common, f.abs).startsWith('..')) {
      const up = dirname(common);
      if (up === common) break;
      common = up;
    }
  }
  return common;
}

export function groupTerraform(all: SourceFile[]): SourceFile[][] {
  readByTerraform.clear();
  // Other JSON (plans, policies read with file()) is looked at once the units have been read: one file each, last.
  const files = all.filter((f) => matchesTerraform(f.rel));
  const json = all.filter((f) => !matchesTerraform(f.rel)).map((f) => [f]);
  if (files.length === 0) return json;
  const boundary = boundaryOf(files);
  const byDir = new Map<string, SourceFile[]>();
  for (const f of files) {
    const d = dirname(f.abs);
    const list = byDir.get(d);
    if (list) list.push(f);
    else byDir.set(d, [f]);
  }
  const modules = [...byDir.keys()].filter((d) => (byDir.get(d) ?? []).some((f) => isTerraformConfig(f.rel))).sort();
  const isModule = new Set(modules);
  const calls = new Map<string, string[]>();
  const called = new Set<string>();
  for (const d of modules) {
    const targets = new Set<string>();
    for (const f of byDir.get(d) ?? []) {
      if (!isTerraformConfig(f.rel)) continue;
      for (const src of scanModuleSources(f.text, f.rel.endsWith('.json'))) {
        const t = resolve(d, src);
        if (t !== d && isModule.has(t)) targets.add(t);
      }
    }
    calls.set(d, [...targets].sort());
    for (const t of targets) called.add(t);
  }
  const reach = (root: string): string[] => {
    const seen = new Set<string>([root]);
    const queue = [root];
    while (queue.length) {
      const d = queue.shift() as string;
      for (const t of calls.get(d) ?? []) if (!seen.has(t)) {
        seen.add(t);
        queue.push(t);
      }
    }
    return [...seen];
  };
  const roots = modules.filter((d) => !called.has(d));
  const covered = new Set<string>();
  for (const r of roots) for (const d of reach(r)) covered.add(d);
  // Folders that only call each other (a cycle with no outside caller): the first one stands as a root.
  for (const d of modules) {
    if (covered.has(d)) continue;
    roots.push(d);
    for (const x of reach(d)) covered.add(x);
  }
  const groups: SourceFile[][] = [];
  const order = (a: SourceFile, b: SourceFile): number => {
    const ka = isTerraformConfig(a.rel) ? 0 : 1;
    const kb = isTerraformConfig(b.rel) ? 0 : 1;
    return ka - kb || (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0);
  };
  for (const r of roots.sort()) {
    const dirs = reach(r);
    const unitFiles: SourceFile[] = [...(byDir.get(r) ?? [])].sort(order);
    for (const d of dirs) if (d !== r) append(unitFiles, [...(byDir.get(d) ?? [])].sort(order));
    unitPlans.set(unitFiles, { rootDir: r, files: unitFiles, boundary });
    groups.push(unitFiles);
  }
  // Variable files in folders without configuration (values passed with -var-file): scanned on their own.
  for (const [d, list] of [...byDir.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (isModule.has(d)) continue;
    const g = [...list].sort(order);
    unitPlans.set(g, { rootDir: d, files: g, boundary });
    groups.push(g);
  }
  return [...groups, ...json];
}
