/**
 * Inline suppressions: comment directives (suppress-scan.ts) and suppressions declared in a format's structure
 * (`model.suppressions`, e.g. CloudFormation `Metadata.iamlint.ignore`). A suppressed finding is kept, marked with
 * the reason, so JSON and SARIF can show it; suppressions that cannot take effect (no reason, malformed, unknown or
 * forbidden rule, expired, beyond the allowed expiry) or that match nothing are reported as `unused-suppression`.
 */
import { basename } from 'node:path';
import type { AnyCheck } from '../check.js';
import type { Finding } from '../finding.js';
import type { Location } from '../model/location.js';
import type { IamModel } from '../model/model.js';
import type { ResourceRef } from '../model/resource-ref.js';
import { closest } from './config-suggest.js';
import { toFinding } from './report.js';
import { severityOf, type RuleSetting } from './run-checks.js';
import type { SourceFile } from './source.js';
import { isDate, scanDirectives, type CommentDirective } from './suppress-scan.js';

export const UNUSED_SUPPRESSION = 'unused-suppression';

export interface SuppressionOptions {
  /** Honour comment and metadata suppressions (default true); false ignores them all (`--no-inline-suppressions`). */
  inline?: boolean;
  /** A suppression must carry an expiry date. */
  requireExpiry?: boolean;
  /** A suppression may not expire later than this many days after today. */
  maxExpiryDays?: number;
  /** Rules that may not be suppressed inline. */
  forbid?: readonly string[];
  /** Every rule id that exists (built-in and custom); a suppression naming another id is reported. Unset: not checked. */
  knownRules?: ReadonlySet<string>;
  /** Today as `YYYY-MM-DD` (for tests); default: the current UTC date. */
  today?: string;
}

export interface SuppressionInput {
  sources: readonly SourceFile[];
  models: readonly IamModel[];
  /** Findings of each model, aligned with `models`. */
  findings: readonly Finding[][];
  checks: readonly AnyCheck[];
  rules?: Readonly<Record<string, RuleSetting>>;
  options?: SuppressionOptions;
}

export interface SuppressionOutcome {
  /** Findings not suppressed, plus the `unused-suppression` reports. */
  active: Finding[];
  /** Suppressed findings, each with `suppressed` set. */
  suppressed: Finding[];
}

type MessageId = 'unused' | 'expired' | 'noReason' | 'malformed' | 'unknownRule' | 'forbidden' | 'noExpiry' | 'tooLong';

/** One rule of one suppression. */
interface Entry {
  rule: string;
  reason: string;
  until?: string;
  /** Where it is written. */
  loc: Location;
  applies(f: Finding, model: number): boolean;
  owner: ResourceRef;
  path: string[];
  used: boolean;
}

interface Block {
  line: number;
  endLine: number;
  /** Set for a resource's whole block. */
  ref?: ResourceRef;
  model: number;
}

export function applySuppressions(input: SuppressionInput): SuppressionOutcome {
  const all = input.findings.flatMap((fs, model) => fs.map((f) => ({ f, model })));
  const opts = input.options ?? {};
  if (opts.inline === false) return { active: all.map((x) => x.f), suppressed: [] };
  const reports: { messageId: MessageId; data: Record<string, string | number>; loc: Location; owner: ResourceRef; path: string[] }[] = [];
  const entries: Entry[] = [];
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const latest = opts.maxExpiryDays !== undefined ? addDays(today, opts.maxExpiryDays) : undefined;
  const forbid = new Set(opts.forbid ?? []);

  /** Checks one rule of a suppression against the policy; adds it as an entry when it can take effect. */
  const admit = (e: Omit<Entry, 'used'>): void => {
    const report = (messageId: MessageId, data: Record<string, string | number> = {}): void => {
      reports.push({ messageId, data: { rule: e.rule, ...data }, loc: e.loc, owner: e.owner, path: e.path });
    };
    if (opts.knownRules && !opts.knownRules.has(e.rule)) return report('unknownRule', { hint: hintFor(e.rule, opts.knownRules) });
    if (forbid.has(e.rule)) return report('forbidden');
    if (e.until === undefined && opts.requireExpiry) return report('noExpiry');
    if (e.until !== undefined && e.until < today) return report('expired', { until: e.until });
    if (e.until !== undefined && latest !== undefined && e.until > latest) return report('tooLong', { until: e.until, days: opts.maxExpiryDays ?? 0 });
    entries.push({ ...e, used: false });
  };

  // Comment directives.
  let blocks: Map<string, Block[]> | undefined;
  const blocksAt = (file: string, line: number): Block[] => (blocks ??= indexBlocks(input.models)).get(`${file}\u0000${line}`) ?? [];
  /** The resource a directive belongs to, for its reports: the one whose block starts on its target, else the innermost around it. */
  const ownerOf = (d: CommentDirective, target: Block[]): ResourceRef | undefined => {
    const starting = target.find((b) => b.ref)?.ref;
    if (starting) return starting;
    let best: Block | undefined;
    for (const [key, list] of (blocks ??= indexBlocks(input.models))) {
      if (!key.startsWith(`${d.file}\u0000`)) continue;
      for (const b of list) {
        if (b.ref && b.line <= d.line && b.endLine >= d.line && (!best || b.endLine - b.line < best.endLine - best.line)) best = b;
      }
    }
    return best?.ref;
  };
  for (const src of input.sources) {
    for (const d of scanDirectives(src.text, src.rel)) {
      const loc: Location = { file: d.file, line: d.line, column: d.column, endLine: d.line, endColumn: d.endColumn };
      const target = d.scope === 'line' && d.target !== undefined ? blocksAt(d.file, d.target) : [];
      const owner = ownerOf(d, target) ?? fileRef(d.file, loc);
      const base = { loc, owner };
      if (d.problem) {
        reports.push({ messageId: 'malformed', data: { problem: d.problem }, ...base, path: ['iamlint-ignore', d.rules.join(',')] });
        continue;
      }
      if (!d.reason) {
        reports.push({ messageId: 'noReason', data: { rules: quoteList(d.rules) }, ...base, path: ['iamlint-ignore', d.rules.join(',')] });
        continue;
      }
      const applies = directiveMatcher(d, target);
      for (const rule of d.rules) {
        admit({ rule, reason: d.reason, ...(d.until ? { until: d.until } : {}), ...base, path: ['iamlint-ignore', rule], applies });
      }
    }
  }

  // Suppressions declared in the formats' structure.
  input.models.forEach((model, mi) => {
    for (const s of model.suppressions ?? []) {
      const owner: ResourceRef = s.scope.resource
        ? { address: s.scope.resource, type: 'resource', loc: s.loc }
        : fileRef(s.scope.file, s.loc);
      const path = ['Metadata', 'iamlint', 'ignore', s.rule || '?'];
      if (s.problem || (s.expires !== undefined && !isDate(s.expires))) {
        const problem = s.problem ?? `"expires" is "${s.expires}", not a date (YYYY-MM-DD)`;
        reports.push({ messageId: 'malformed', data: { problem }, loc: s.loc, owner, path });
        continue;
      }
      if (!s.reason?.trim()) {
        reports.push({ messageId: 'noReason', data: { rules: quoteList([s.rule]) }, loc: s.loc, owner, path });
        continue;
      }
      const { resource, file } = s.scope;
      const applies = resource ? (f: Finding, m: number) => m === mi && f.resource === resource : (f: Finding) => f.file === file;
      admit({ rule: s.rule, reason: s.reason.trim(), ...(s.expires ? { until: s.expires } : {}), loc: s.loc, owner, path, applies });
    }
  });

  const byRule = new Map<string, Entry[]>();
  for (const e of entries) byRule.set(e.rule, [...(byRule.get(e.rule) ?? []), e]);
  const active: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const { f, model } of all) {
    let by: Entry | undefined;
    for (const e of byRule.get(f.ruleId) ?? []) {
      if (!e.applies(f, model)) continue;
      e.used = true;
      by ??= e;
    }
    if (!by) {
      active.push(f);
      continue;
    }
    f.suppressed = { kind: 'inSource', reason: by.reason, ...(by.until ? { until: by.until } : {}), file: by.loc.file, line: by.loc.line };
    suppressed.push(f);
  }

  const ran = new Set(input.checks.filter((c) => severityOf(input.rules?.[c.meta.id], c.meta.severity) !== 'off').map((c) => c.meta.id));
  for (const e of entries) {
    // A suppression of a rule that did not run (turned off, or not selected) cannot be judged unused.
    if (!e.used && ran.has(e.rule)) reports.push({ messageId: 'unused', data: { rule: e.rule }, loc: e.loc, owner: e.owner, path: e.path });
  }

  const check = input.checks.find((c) => c.meta.id === UNUSED_SUPPRESSION);
  const severity = check ? severityOf(input.rules?.[UNUSED_SUPPRESSION], check.meta.severity) : 'off';
  if (check && severity !== 'off') {
    for (const r of reports) {
      active.push(toFinding(check, severity, { node: { owner: r.owner, loc: r.loc }, messageId: r.messageId, data: r.data, path: r.path }));
    }
  }
  return { active, suppressed };
}

/** Which findings a comment directive covers: its file's findings that start on the target line or lie in a block that starts there. */
function directiveMatcher(d: CommentDirective, target: Block[]): (f: Finding, model: number) => boolean {
  if (d.scope === 'file') return (f) => f.file === d.file;
  const line = d.target;
  if (line === undefined) return () => false;
  return (f, model) => {
    if (f.file === d.file && (f.line === line || target.some((b) => f.line >= b.line && f.line <= b.endLine))) return true;
    // Every finding of the resource whose block starts there, wherever the finding points.
    return target.some((b) => b.ref !== undefined && b.model === model && b.ref.address === f.resource);
  };
}

/** Resource blocks, policy documents and statements of every model, by the file and line they start on. */
function indexBlocks(models: readonly IamModel[]): Map<string, Block[]> {
  const index = new Map<string, Block[]>();
  const add = (loc: Location, model: number, ref?: ResourceRef): void => {
    const key = `${loc.file}\u0000${loc.line}`;
    const list = index.get(key) ?? [];
    if (list.some((b) => b.endLine === loc.endLine && b.ref === ref)) return;
    list.push({ line: loc.line, endLine: loc.endLine, model, ...(ref ? { ref } : {}) });
    index.set(key, list);
  };
  const isRef = (v: unknown): v is ResourceRef =>
    !!v && typeof v === 'object' && typeof (v as ResourceRef).address === 'string' && typeof (v as ResourceRef).loc === 'object';
  models.forEach((model, mi) => {
    for (const doc of model.documents) {
      add(doc.owner.loc, mi, doc.owner);
      add(doc.loc, mi);
      for (const st of doc.statements) add(st.loc, mi);
    }
    // Every entity that names its resource (`ref` or `owner`), in any collection of the model, present or future.
    const collections = [...Object.values(model), ...Object.values(model.account)].filter(Array.isArray) as unknown[][];
    for (const list of collections) {
      for (const item of list) {
        if (isRef(item)) add(item.loc, mi, item);
        else if (item && typeof item === 'object') {
          const { ref, owner } = item as { ref?: unknown; owner?: unknown };
          if (isRef(ref)) add(ref.loc, mi, ref);
          if (isRef(owner)) add(owner.loc, mi, owner);
        }
      }
    }
  });
  return index;
}

function fileRef(file: string, loc: Location): ResourceRef {
  return { address: basename(file), type: 'file', loc };
}

function quoteList(xs: readonly string[]): string {
  return xs.map((x) => `"${x}"`).join(', ');
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function hintFor(id: string, known: ReadonlySet<string>): string {
  const near = closest(id, known);
  return near ? ` (did you mean "${near}"?)` : '';
}
