import type { AnyCheck, ReportDescriptor, ReportNode } from '../check.js';
import type { Finding, RelatedLocation } from '../finding.js';
import type { Location } from '../model/location.js';
import type { ResourceRef } from '../model/resource-ref.js';
import { severityRank, type Severity } from '../severity.js';

interface ResolvedNode {
  owner: ResourceRef;
  loc: Location;
  path: readonly (string | number)[];
  related: RelatedLocation[];
}

function resolveNode(node: ReportNode): ResolvedNode {
  if ('document' in node) {
    // A statement: it belongs to whoever declares its document; consumers of the document are related.
    const doc = node.document;
    return { owner: doc.owner, loc: node.loc, path: node.path, related: consumerLinks(doc.consumers) };
  }
  if ('statements' in node) return { owner: node.owner, loc: node.loc, path: node.path, related: consumerLinks(node.consumers) };
  if ('ref' in node) return { owner: node.ref, loc: node.ref.loc, path: [], related: [] };
  return { owner: node.owner, loc: node.loc, path: [], related: [] };
}

function consumerLinks(consumers: ResourceRef[]): RelatedLocation[] {
  return consumers.map((c) => ({ ...c.loc, message: `used by ${c.address}` }));
}

function spanOf(at: NonNullable<ReportDescriptor<string>['at']>): Location {
  if ('attrLoc' in at) return at.attrLoc;
  if ('kind' in at) return at.loc;
  return at;
}

export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => (data && name in data ? String(data[name]) : m));
}

/** Turns what a check reported into a finding: the location comes from the node, never from the check. */
export function toFinding(check: AnyCheck, severity: Severity, d: ReportDescriptor<string>): Finding {
  const node = resolveNode(d.node);
  const loc = d.at ? spanOf(d.at) : node.loc;
  const template = check.meta.messages[d.messageId];
  if (template === undefined) throw new Error(`${check.meta.id}: unknown messageId ${d.messageId}`);
  const related = [
    ...node.related,
    ...(d.related ?? []).map((r) => ({ ...r.loc, message: r.message })),
    ...(node.owner.callers ?? []).map((c) => ({ ...c, message: 'module call' })),
  ];
  // A check may lower its own severity for one finding (advice), never raise it above the configured one.
  const own = d.severity && severityRank(d.severity) < severityRank(severity) ? d.severity : severity;
  const finding: Finding = {
    ruleId: check.meta.id,
    severity: own,
    message: formatMessage(template, d.data),
    messageId: d.messageId,
    file: loc.file,
    line: loc.line,
    column: loc.column,
    endLine: loc.endLine,
    endColumn: loc.endColumn,
    resource: node.owner.address,
    resourceType: node.owner.type,
    path: [...node.path, ...(d.path ?? [])].join('/'),
  };
  if (related.length) finding.related = related;
  // A statement that exists only under a template condition (`Fn::If`): the message says which, since both
  // branches are linted.
  if ('document' in d.node && d.node.guard) {
    const negated = d.node.guard.startsWith('!');
    const name = negated ? d.node.guard.slice(1) : d.node.guard;
    finding.message = `${finding.message} (when condition "${name}" is ${negated ? 'false' : 'true'})`;
  }
  const construct = node.owner.constructPath;
  if (construct) {
    finding.constructPath = construct;
    // A template's logical id (never containing "/") means little to the author of the CDK app: the message names
    // the construct too. Findings made from the app's source are already named by their construct path.
    if (!node.owner.address.includes('/')) finding.message = `${finding.message} (construct ${construct})`;
  }
  return finding;
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
