/**
 * Findings of generated units shown where their source writes them. A source unit (a CDK app's TypeScript) declares
 * a `sourceMap`: the folders its generated units live in (its `cdk.out`) and, for each construct path, where the
 * construct is created. A finding of a generated unit (on a resource of a synthesized template) then:
 *
 * - is dropped when the source unit has the same finding (same rule, same resource by construct path; the best
 *   match by message and element): the source finding stays, with the template location as related;
 * - else moves to the source line of the deepest construct on its resource's construct path (`new X(scope, 'Id'`),
 *   keeping the template location as related and naming the resource by its construct path.
 *
 * Then findings a source unit reports several times at the same place with the same message (a stack class
 * instantiated in two stages) are reported once, the other instances as related locations.
 *
 * Format-neutral: it relies only on `sourceMap`, resource references (`constructPath`) and unit files.
 */
import type { Finding, RelatedLocation } from '../finding.js';
import type { Location } from '../model/location.js';
import type { IamModel, SourceSite } from '../model/model.js';
import type { ResourceRef } from '../model/resource-ref.js';

export interface SourceLinkStats {
  /** Findings of generated units linked to a source unit. */
  generated: number;
  /** ... that the source unit reports itself (dropped as duplicates). */
  matched: number;
  /** ... moved to the line of the construct that made them (not reported by the source). */
  mapped: number;
  /** ... with no construct path the source knows (left in the generated file). */
  unmapped: number;
  /** Source findings reported once for several construct instances. */
  merged: number;
}

export interface LinkOutcome {
  active: Finding[];
  suppressed: Finding[];
  stats: SourceLinkStats;
}

interface SourceUnit {
  model: IamModel;
  files: Set<string>;
  sites: Map<string, SourceSite>;
  /** Site paths split into segments, for wildcard (`${...}`) matching. */
  patterns: { segments: string[]; site: SourceSite }[];
  refs: Map<string, ResourceRef[]>;
}

const isUnder = (file: string, dir: string): boolean => dir === '' || dir === '.' || file.startsWith(`${dir}/`);

export function linkGeneratedFindings(models: readonly IamModel[], active: Finding[], suppressed: Finding[]): LinkOutcome {
  const stats: SourceLinkStats = { generated: 0, matched: 0, mapped: 0, unmapped: 0, merged: 0 };
  const sources: SourceUnit[] = models
    .filter((m) => m.sourceMap)
    .map((m) => {
      const sites = new Map<string, SourceSite>();
      for (const s of m.sourceMap?.sites ?? []) if (!sites.has(s.path)) sites.set(s.path, s);
      return {
        model: m,
        files: new Set(m.unit.files),
        sites,
        patterns: [...sites.values()].filter((s) => s.path.includes('${')).map((site) => ({ segments: site.path.split('/'), site })),
        refs: refIndex(m),
      };
    });
  if (sources.length === 0) return { active, suppressed, stats };

  // Generated units: every file inside an output folder of one source unit.
  const generatedOf = new Map<string, { source: SourceUnit; refs: Map<string, ResourceRef[]>; model: IamModel }>();
  for (const m of models) {
    if (m.sourceMap || m.unit.files.length === 0) continue;
    const source = sources.find((s) => m.unit.files.every((f) => (s.model.sourceMap?.outputs ?? []).some((o) => isUnder(f, o))));
    if (!source) continue;
    const entry = { source, refs: refIndex(m), model: m };
    for (const f of m.unit.files) generatedOf.set(f, entry);
  }
  const sourceOf = new Map<string, SourceUnit>();
  for (const s of sources) for (const f of s.files) sourceOf.set(f, s);

  // Source findings by rule, with their construct paths.
  const byRule = new Map<string, { f: Finding; cp: string; used: boolean }[]>();
  for (const f of [...active, ...suppressed]) {
    const s = sourceOf.get(f.file);
    const cp = s ? constructPathOf(f, s.refs) : undefined;
    if (!s || !cp) continue;
    const list = byRule.get(f.ruleId) ?? [];
    list.push({ f, cp, used: false });
    byRule.set(f.ruleId, list);
  }

  const link = (g: Finding): Finding | undefined => {
    const gen = generatedOf.get(g.file);
    if (!gen) return g;
    stats.generated++;
    const cp = constructPathOf(g, gen.refs) ?? outputPath(g, gen.refs, gen.source);
    if (!cp) {
      stats.unmapped++;
      return g;
    }
    const templateLink: RelatedLocation = { ...locOfFinding(g), message: `reported on "${g.resource}" in the synthesized template` };
    const candidates = (byRule.get(g.ruleId) ?? []).filter((c) => !c.used && pathsMatch(c.cp, cp));
    const best = candidates.sort((a, b) => score(b.f, g) - score(a.f, g))[0];
    if (best) {
      best.used = true;
      stats.matched++;
      if (!best.f.suppressed && !(best.f.related ?? []).some((r) => r.file === templateLink.file && r.line === templateLink.line)) (best.f.related ??= []).push(templateLink);
      return undefined;
    }
    const site = siteOf(cp, gen.source);
    if (!site) {
      stats.unmapped++;
      return g;
    }
    stats.mapped++;
    return {
      ...g,
      file: site.loc.file,
      line: site.loc.line,
      column: site.loc.column,
      endLine: site.loc.endLine,
      endColumn: site.loc.endColumn,
      resource: cp.replace(/\/(Resource|Default)$/, ''),
      related: [templateLink, ...(g.related ?? [])],
    };
  };
  const linkAll = (list: Finding[]): Finding[] => list.flatMap((f) => link(f) ?? []);
  const linkedActive = linkAll(active);
  const linkedSuppressed = linkAll(suppressed);
  return { active: mergeInstances(linkedActive, sourceOf, stats), suppressed: linkedSuppressed, stats };
}

/** Every resource reference of a model, by address (entities name theirs in `ref` or `owner`). */
function refIndex(model: IamModel): Map<string, ResourceRef[]> {
  const out = new Map<string, ResourceRef[]>();
  const add = (r: ResourceRef): void => {
    const list = out.get(r.address) ?? [];
    if (!list.includes(r)) list.push(r);
    out.set(r.address, list);
  };
  const isRef = (v: unknown): v is ResourceRef => !!v && typeof v === 'object' && typeof (v as ResourceRef).address === 'string' && typeof (v as ResourceRef).loc === 'object';
  const collections = [...Object.values(model), ...Object.values(model.account)].filter(Array.isArray) as unknown[][];
  for (const list of collections) {
    for (const item of list) {
      if (isRef(item)) add(item);
      else if (item && typeof item === 'object') {
        const { ref, owner } = item as { ref?: unknown; owner?: unknown };
        if (isRef(ref)) add(ref);
        if (isRef(owner)) add(owner);
      }
    }
  }
  return out;
}

/** The construct path of a finding's resource: the one in the finding's file when a unit reuses an address. */
function constructPathOf(f: Finding, refs: Map<string, ResourceRef[]>): string | undefined {
  const list = (refs.get(f.resource) ?? []).filter((r) => r.constructPath);
  return (list.find((r) => r.loc.file === f.file) ?? list[0])?.constructPath;
}

/**
 * A resource without construct path metadata (a stack output, a parameter): its logical id under the stack whose
 * template holds it, when the source knows a construct of that name there.
 */
function outputPath(f: Finding, refs: Map<string, ResourceRef[]>, source: SourceUnit): string | undefined {
  let stackPath: string | undefined;
  for (const list of refs.values()) {
    for (const r of list) {
      if (r.loc.file !== f.file || !r.constructPath) continue;
      // The deepest stack site that is a prefix of a resource of this template.
      for (const s of source.sites.values()) {
        if (s.kind === 'stack' && r.constructPath.startsWith(`${s.path}/`) && (!stackPath || s.path.length > stackPath.length)) stackPath = s.path;
      }
    }
    if (stackPath) break;
  }
  if (!stackPath) return undefined;
  const cp = `${stackPath}/${f.resource}`;
  return siteOf(cp, source)?.path === cp ? cp : undefined;
}

/** The site of the deepest construct on a path (exact first, then patterns with unknown ids). */
function siteOf(cp: string, source: SourceUnit): SourceSite | undefined {
  const segments = cp.split('/');
  for (let n = segments.length; n > 0; n--) {
    const prefix = segments.slice(0, n).join('/');
    const exact = source.sites.get(prefix);
    if (exact) return exact;
    const pattern = source.patterns.find((p) => p.segments.length === n && p.segments.every((s, i) => segmentMatches(s, segments[i] as string)));
    if (pattern) return pattern.site;
  }
  return undefined;
}

/** Two construct paths name the same resource; a segment with `${...}` (an id the source could not read) matches any id. */
function pathsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.includes('${') && !b.includes('${')) return false;
  const as = a.split('/');
  const bs = b.split('/');
  return as.length === bs.length && as.every((s, i) => segmentMatches(s, bs[i] as string) || segmentMatches(bs[i] as string, s));
}

function segmentMatches(pattern: string, id: string): boolean {
  if (!pattern.includes('${')) return pattern === id;
  const re = new RegExp(`^${pattern.split(/\$\{[^}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(id);
}

/** How alike a source finding is to a generated one: the same message, the same element of the statement. */
function score(s: Finding, g: Finding): number {
  const tail = (p: string): string => p.replace(/^.*\/Statement(\/\d+)?/, '');
  return (messageShape(s) === messageShape(g) ? 2 : 0) + (tail(s.path) === tail(g.path) ? 1 : 0);
}

/** A finding's message with its own resource's name taken out (messages may name the resource). */
function messageShape(f: Finding): string {
  return f.resource ? f.message.split(`"${f.resource}"`).join('"\u0000"') : f.message;
}

function locOfFinding(f: Finding): Location {
  return { file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn };
}

/**
 * One finding per place and message in a source unit: the instances of a construct class (`Shared/AuditRole`,
 * `Prod/Shared/AuditRole`) share their lines, so later instances become related locations of the first, each at
 * the line where that instance is created.
 */
function mergeInstances(findings: Finding[], sourceOf: Map<string, SourceUnit>, stats: SourceLinkStats): Finding[] {
  const kept = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const s = sourceOf.get(f.file);
    if (!s) {
      out.push(f);
      continue;
    }
    const key = [f.ruleId, f.file, f.line, f.column, f.endLine, f.endColumn, messageShape(f)].join('\u0000');
    const first = kept.get(key);
    if (!first) {
      kept.set(key, f);
      out.push(f);
      continue;
    }
    if (first.resource === f.resource) continue;
    stats.merged++;
    const at = divergence(f.resource, first.resource, s) ?? locOfFinding(f);
    const related = (first.related ??= []);
    for (const r of [{ ...at, message: `also in "${f.resource}"` }, ...(f.related ?? [])]) {
      // One related location per place: the instances share their lines and consumers.
      if (!related.some((x) => x.file === r.file && x.line === r.line && x.column === r.column)) related.push(r);
    }
  }
  return out;
}

/** Where the construct tree of `other` leaves that of `kept`: the deepest site on `other`'s path not on `kept`'s. */
function divergence(other: string, kept: string, s: SourceUnit): Location | undefined {
  const chain = (path: string): SourceSite[] => {
    const parts = path.split('/');
    const out: SourceSite[] = [];
    for (let n = 1; n <= parts.length; n++) {
      const site = s.sites.get(parts.slice(0, n).join('/'));
      if (site) out.push(site);
    }
    return out;
  };
  const keptLocs = new Set(chain(kept).map((x) => `${x.loc.file}:${x.loc.line}:${x.loc.column}`));
  const mine = chain(other);
  for (let i = mine.length - 1; i >= 0; i--) {
    const site = mine[i] as SourceSite;
    if (!keptLocs.has(`${site.loc.file}:${site.loc.line}:${site.loc.column}`)) return site.loc;
  }
  return undefined;
}
