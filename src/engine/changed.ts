import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Finding } from '../finding.js';
import { reportedPath } from './companions.js';
import { UsageError } from './discover.js';

/** What changed in one file: `all` (new or untracked), or the added/changed lines and the points where lines were only deleted. */
export type FileChange = 'all' | { lines: Set<number>; /** A deletion between line n and n+1 is recorded as n. */ deletions: Set<number> };

/** Changes by path as reported (relative to the lint root). */
export type Changes = Map<string, FileChange>;

/**
 * Parses `git diff -U0` output: the `+++ b/<path>` header names the new file and each hunk header
 * `@@ -a,b +c,d @@` adds lines c..c+d-1 (a pure deletion, d = 0, sits after line c). Paths are repository-relative.
 */
export function parseUnifiedDiff(diff: string): Map<string, FileChange> {
  const out = new Map<string, FileChange>();
  let current: { lines: Set<number>; deletions: Set<number> } | undefined;
  let fromDevNull = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      fromDevNull = false;
    } else if (line.startsWith('--- ')) {
      fromDevNull = line.slice(4).trim() === '/dev/null';
    } else if (line.startsWith('+++ ')) {
      const name = line.slice(4).replace(/\t.*$/, '');
      if (name === '/dev/null') {
        current = undefined; // deleted file: nothing left to report on
        continue;
      }
      const path = stripPrefix(unquote(name));
      if (fromDevNull) {
        out.set(path, 'all');
        current = undefined;
      } else {
        current = { lines: new Set(), deletions: new Set() };
        out.set(path, current);
      }
    } else if (line.startsWith('@@') && current) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      if (count === 0) current.deletions.add(start);
      for (let i = 0; i < count; i++) current.lines.add(start + i);
    }
  }
  return out;
}

function stripPrefix(p: string): string {
  return p.startsWith('b/') ? p.slice(2) : p;
}

/** Git's C-style quoting of unusual file names (`"b/caf\303\251.tf"`). */
function unquote(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"')) return s;
  const bytes: number[] = [];
  const body = s.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The lines added or changed since `ref`, in the working tree (staged or not), plus untracked files as all-new.
 * The comparison base is the merge base of `ref` and HEAD, as a pull request sees it; when there is none (a
 * shallow clone), `ref` itself.
 */
export function changedSince(ref: string, root: string): Changes {
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], root).trim();
  } catch {
    throw new UsageError(`--changed-since needs a git repository; ${root} is not inside one`);
  }
  let base = ref;
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top);
  } catch {
    throw new UsageError(`--changed-since: unknown git revision "${ref}" (in a shallow clone, fetch it first)`);
  }
  try {
    base = git(['merge-base', ref, 'HEAD'], top).trim() || ref;
  } catch {
    base = ref;
  }
  const diff = git(['-c', 'core.quotePath=false', 'diff', '-U0', '--no-color', '--no-ext-diff', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/', base, '--'], top);
  const changes: Changes = new Map();
  for (const [path, change] of parseUnifiedDiff(diff)) changes.set(reportedPath(root, resolve(top, path)), change);
  const untracked = git(['-c', 'core.quotePath=false', 'ls-files', '--others', '--exclude-standard', '-z'], top);
  for (const path of untracked.split('\0')) if (path) changes.set(reportedPath(root, resolve(top, path)), 'all');
  return changes;
}

/** Whether a finding's primary span touches a changed line (or straddles a deletion point). */
export function touchesChange(f: Pick<Finding, 'file' | 'line' | 'endLine' | 'endColumn'>, changes: Changes): boolean {
  const change = changes.get(f.file);
  if (!change) return false;
  if (change === 'all') return true;
  // An exclusive end at column 1 of a later line ends on the line before.
  const last = f.endLine > f.line && f.endColumn <= 1 ? f.endLine - 1 : Math.max(f.line, f.endLine);
  for (let l = f.line; l <= last; l++) if (change.lines.has(l)) return true;
  for (const d of change.deletions) if (f.line <= d && d + 1 <= last) return true;
  return false;
}

export function filterChanged<F extends Pick<Finding, 'file' | 'line' | 'endLine' | 'endColumn'>>(findings: readonly F[], changes: Changes): F[] {
  return findings.filter((f) => touchesChange(f, changes));
}
