import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { CheckMeta } from '../check.js';
import { fingerprints } from '../engine/fingerprint.js';
import { relativeInside } from '../engine/repo-root.js';
import { ruleDocMarkdown, ruleDocUrl, REPOSITORY_URL } from '../engine/rule-docs.js';
import type { Finding, RelatedLocation } from '../finding.js';
import type { Severity } from '../severity.js';

export type RuleMeta = Pick<CheckMeta<string>, 'id' | 'severity' | 'category' | 'description' | 'helpUri'>;

export interface SarifOptions {
  /** The rules that ran (all of them are described, so code scanning can close alerts of rules that stop firing). */
  rules: readonly RuleMeta[];
  version: string;
  /** Absolute folder the findings' `file` paths are relative to. */
  root: string;
  /** Absolute repository root: artifact URIs are relative to it (`%SRCROOT%`). Defaults to `root`. */
  repoRoot?: string;
  /** `runAutomationDetails.id`: `category/` or `category/run-id`. */
  automationId?: string;
  /** Internal rule errors, reported as tool notifications. */
  failures?: readonly { ruleId: string; unit: string; error: string }[];
}

/** GitHub's numeric scale: critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9. A string, as code scanning requires. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

const SRCROOT = '%SRCROOT%';
const MAX_DESCRIPTION = 1024;

/** SARIF 2.1.0 as GitHub code scanning reads it: one run, every rule described, stable partial fingerprints. */
export function formatSarif(findings: readonly Finding[], opts: SarifOptions): string {
  return JSON.stringify(buildSarif(findings, opts), null, 2) + '\n';
}

export function buildSarif(findings: readonly Finding[], opts: SarifOptions): Sarif.Log {
  const repoRoot = opts.repoRoot ?? opts.root;
  const rules: RuleMeta[] = [...opts.rules];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const f of findings) {
    // A finding from a rule the caller did not list still needs a descriptor for ruleIndex.
    if (!index.has(f.ruleId)) {
      index.set(f.ruleId, rules.length);
      rules.push({ id: f.ruleId, severity: f.severity, category: 'validity', description: f.ruleId });
    }
  }
  const repoPath = (file: string): { abs: string; rel: string | undefined } => {
    const abs = isAbsolute(file) ? file : resolve(opts.root, file);
    return { abs, rel: relativeInside(repoRoot, abs) };
  };
  // Fingerprints use repository-relative paths, so they do not depend on the folder iamlint ran from.
  const prints = fingerprints(findings.map((f) => ({ ...f, file: repoPath(f.file).rel ?? f.file })));
  const artifact = (file: string): Sarif.ArtifactLocation => {
    const { abs, rel } = repoPath(file);
    return rel === undefined ? { uri: pathToFileURL(abs).href } : { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  };
  const physical = (l: Pick<Finding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>): Sarif.PhysicalLocation => ({
    artifactLocation: artifact(l.file),
    region: region(l),
  });

  const results: Sarif.Result[] = findings.map((f, i) => {
    const result: Sarif.Result = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) as number,
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [
        {
          physicalLocation: physical(f),
          logicalLocations: [{ fullyQualifiedName: f.path ? `${f.resource}/${f.path}` : f.resource, name: f.resource, kind: 'resource' }],
        },
      ],
      partialFingerprints: { primaryLocationLineHash: prints[i] as string },
      properties: { severity: f.severity, resource: f.resource, resourceType: f.resourceType, path: f.path, ...(f.constructPath ? { constructPath: f.constructPath } : {}) },
    };
    if (f.suppressed) {
      // Shown by code scanning as dismissed in source, with the author's reason.
      const until = f.suppressed.until ? ` (until ${f.suppressed.until})` : '';
      result.suppressions = [
        {
          kind: 'inSource',
          status: 'accepted',
          justification: `${f.suppressed.reason}${until}`,
          location: { physicalLocation: physical({ file: f.suppressed.file, line: f.suppressed.line, column: 1, endLine: f.suppressed.line, endColumn: 1 }) },
        },
      ];
    }
    if (f.related?.length) {
      result.relatedLocations = f.related.slice(0, 1000).map((r: RelatedLocation, id) => ({ id, physicalLocation: physical(r), message: { text: r.message } }));
    }
    return result;
  });

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'iamlint',
        version: opts.version,
        semanticVersion: opts.version,
        informationUri: REPOSITORY_URL,
        rules: rules.map(descriptor),
      },
    },
    automationDetails: { id: opts.automationId ?? 'iamlint/' },
    originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(repoRoot).href.replace(/\/?$/, '/') } },
    columnKind: 'utf16CodeUnits',
    results,
  };
  if (opts.failures?.length) {
    run.invocations = [
      {
        executionSuccessful: true,
        toolExecutionNotifications: opts.failures.map((f) => ({
          level: 'error',
          message: { text: `internal error in rule ${f.ruleId} on ${f.unit}; other rules ran: ${f.error.split('\n')[0] ?? ''}` },
          associatedRule: { id: f.ruleId, ...(index.has(f.ruleId) ? { index: index.get(f.ruleId) as number } : {}) },
        })),
      },
    ];
  }
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
}

function region(l: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>): Sarif.Region {
  const startLine = Math.max(1, l.line);
  const startColumn = Math.max(1, l.column);
  const endLine = Math.max(startLine, l.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, l.endColumn) : Math.max(1, l.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

function descriptor(rule: RuleMeta): Sarif.ReportingDescriptor {
  const url = ruleDocUrl(rule);
  const doc = ruleDocMarkdown(rule);
  const full = (doc && firstParagraph(doc, 'What it does')) || rule.description;
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: clip(rule.description) },
    fullDescription: { text: clip(full) },
    help: {
      text: doc ? `${stripFences(doc)}\n\nDocumentation: ${url}` : `${rule.description}.\n\nDocumentation: ${url}`,
      markdown: doc ? `${doc.trimEnd()}\n\n[Documentation](${url})` : `${rule.description}.\n\n[Documentation](${url})`,
    },
    helpUri: url,
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: { tags: ['security', 'iam', rule.category], precision: 'high', 'security-severity': SECURITY_SEVERITY[rule.severity] },
  };
}

const pascal = (id: string): string => id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());

const clip = (s: string): string => (s.length <= MAX_DESCRIPTION ? s : s.slice(0, MAX_DESCRIPTION - 1) + '…');

/** The first paragraph under `## heading`, joined to one line. */
function firstParagraph(doc: string, heading: string): string | undefined {
  const lines = doc.split(/\r?\n/);
  const at = lines.findIndex((l) => new RegExp(`^##\\s+${heading}\\s*$`, 'i').test(l));
  if (at < 0) return undefined;
  const para: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (l.trim() === '') {
      if (para.length) break;
      continue;
    }
    if (l.startsWith('#') || l.startsWith('```')) break;
    para.push(l.trim());
  }
  return para.join(' ') || undefined;
}

/** The doc as plain text: code-fence info strings (`json incorrect`) removed, the rest left as written. */
const stripFences = (doc: string): string => doc.replace(/^```[^\n]*$/gm, '```').trimEnd();
