import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AnyCheck } from '../check.js';
import { collectUnits, reportedPath } from '../engine/companions.js';
import { FORMATS, type Format } from '../engine/formats.js';
import { findConfigFile } from '../engine/config.js';
import { lintSources, type LintOptions } from '../engine/lint.js';
import type { CheckFailure } from '../engine/run-checks.js';
import type { Finding } from '../finding.js';

export interface UnitLintResult {
  /** Findings per absolute path, for every requested file (empty arrays included). */
  byFile: Map<string, Finding[]>;
  /** Every file the unit read (absolute paths). */
  unitFiles: Set<string>;
  failures: CheckFailure[];
  /** Set when the configuration file could not be used: the lint ran with the defaults. */
  configError?: string;
}

/** The options a configuration file gives, cached until the file changes. */
interface CachedConfig {
  key: string;
  options: Pick<LintOptions, 'checks' | 'rules' | 'suppressions' | 'terraform' | 'cloudformation' | 'exclude'>;
  error?: string;
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  text: string;
}

/**
 * Lints the unit around an open file: the file and its companions, each read from the editor's buffer when it is
 * open there, else from disk (cached by modification time and size). Parsers stay loaded between calls.
 */
export class UnitLinter {
  private readonly disk = new Map<string, CachedFile>();
  private readonly configs = new Map<string, CachedConfig>();
  private readonly formats: readonly Format[];

  constructor(
    private readonly checks: readonly AnyCheck[],
    formats?: readonly Format[],
  ) {
    this.formats = formats ?? FORMATS;
  }

  /** Whether any format reads this file at all (cheap, by name). */
  handles(abs: string, root: string): boolean {
    const rel = reportedPath(root, abs);
    return this.formats.some((f) => f.matches(rel));
  }

  /**
   * Lints the unit of `abs`. `overlay` holds the open buffers by absolute path; findings are returned for `abs` and
   * for every other open file of the same unit, so one parse serves them all.
   */
  async lint(abs: string, root: string, overlay: ReadonlyMap<string, string>): Promise<UnitLintResult> {
    const { sources } = collectUnits([abs], { root, formats: this.formats, overlay, read: (p) => this.read(p) });
    const wanted = new Set<string>([abs]);
    for (const s of sources) if (overlay.has(s.abs)) wanted.add(s.abs);
    const relToAbs = new Map(sources.map((s) => [s.rel, s.abs]));
    const reportOnly = new Set([...wanted].map((p) => reportedPath(root, p)));
    const config = await this.configFor(abs, root);
    const result = await lintSources(sources, { ...config.options, root, reportOnly, formats: this.formats });
    const byFile = new Map<string, Finding[]>([...wanted].map((p) => [p, []]));
    for (const f of result.findings) {
      const p = relToAbs.get(f.file) ?? resolve(root, f.file);
      byFile.get(p)?.push(f);
    }
    const out: UnitLintResult = { byFile, unitFiles: new Set(sources.map((s) => s.abs)), failures: result.failures };
    if (config.error) out.configError = config.error;
    return out;
  }

  /**
   * The configuration that applies to a file (the nearest `.iamlint.yml` and friends), as the CLI would read it for
   * that file; re-read when the file changes. A broken configuration falls back to the defaults and says why.
   */
  private async configFor(abs: string, root: string): Promise<CachedConfig> {
    const found = findConfigFile(dirname(abs));
    let key = 'none';
    if (found) {
      try {
        const st = statSync(found);
        key = `${found}:${st.mtimeMs}:${st.size}`;
      } catch {
        key = 'none';
      }
    }
    const slot = found ?? '(none)';
    const cached = this.configs.get(slot);
    if (cached?.key === key) return cached;
    const defaults: CachedConfig = { key, options: { checks: this.checks } };
    if (key === 'none') return this.remember(slot, defaults);
    try {
      // Imported lazily: the CLI's option handling is the one place that merges a configuration into lint options.
      const { prepare } = await import('../cli/main.js');
      const { parseCliArgs } = await import('../cli/args.js');
      const io = { cwd: root, stdout: () => undefined, stderr: () => undefined, readStdin: () => '', isTty: false, env: {} };
      const setup = await prepare(parseCliArgs(['--config', found as string, abs]), io);
      const { checks, rules, suppressions, terraform, cloudformation, exclude } = setup.lint;
      const options: CachedConfig['options'] = { checks, terraform, cloudformation };
      if (rules) options.rules = rules;
      if (suppressions) options.suppressions = suppressions;
      if (exclude) options.exclude = exclude;
      return this.remember(slot, { key, options });
    } catch (e) {
      return this.remember(slot, { ...defaults, error: e instanceof Error ? e.message : String(e) });
    }
  }

  private remember(slot: string, c: CachedConfig): CachedConfig {
    this.configs.set(slot, c);
    return c;
  }

  private read(abs: string): string | undefined {
    let st;
    try {
      st = statSync(abs);
    } catch {
      this.disk.delete(abs);
      return undefined;
    }
    if (!st.isFile()) return undefined;
    const cached = this.disk.get(abs);
    if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.text;
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.disk.set(abs, { mtimeMs: st.mtimeMs, size: st.size, text });
    return text;
  }
}
