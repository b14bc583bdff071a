/** Shared helpers of the CDK source tests: in-memory apps, and compact views of model values with their spans. */
import { ALL_CHECKS } from '../../../checks/index.js';
import { parseCdkSource } from '../../../parsers/cdk/source/index.js';
import { lintSources } from '../../../src/engine/lint.js';
import type { SourceFile } from '../../../src/engine/source.js';
import type { Finding } from '../../../src/finding.js';
import type { Location } from '../../../src/model/location.js';
import type { IamModel } from '../../../src/model/model.js';
import type { PolicyDocument, Statement } from '../../../src/model/policy.js';
import type { Scalar } from '../../../src/model/scalar.js';

export const ROOT = '/virtual';

export function files(map: Record<string, string>): SourceFile[] {
  return Object.entries(map).map(([rel, text]) => ({ abs: `${ROOT}/${rel}`, rel, text }));
}

/** The model of an in-memory unit (asserted to be one). */
export function parse(map: Record<string, string>): IamModel {
  const model = parseCdkSource(files(map));
  if (!model) throw new Error('declined');
  return model;
}

export async function lint(map: Record<string, string>): Promise<Finding[]> {
  return (await lintSources(files(map), { root: ROOT, checks: ALL_CHECKS })).findings;
}

/** `line:column-endLine:endColumn`. */
export const L = (l: Location | undefined): string | undefined => (l ? `${l.line}:${l.column}-${l.endLine}:${l.endColumn}` : undefined);

/** A scalar as text: literal as is, unknown as `?text` (with `->address` of its reference), template with `${...}`. */
export function S(s: Scalar | undefined): string | undefined {
  if (!s) return undefined;
  if (s.kind === 'literal') return s.value;
  if (s.kind === 'unknown') return `?${s.text}${s.ref ? `->${s.ref.address}` : ''}${s.hint ? '#this' : ''}`;
  return s.parts.map((p) => (typeof p === 'string' ? p : `\${${p.unknown}${p.hint ? '#this' : ''}}`)).join('');
}

/** A scalar with its span: `value@line:col-line:col`. */
export const SL = (s: Scalar): string => `${S(s)}@${L(s.loc)}`;

/** A statement in one line: its elements with their values' spans. */
export function stmt(st: Statement): Record<string, unknown> {
  const out: Record<string, unknown> = { loc: L(st.loc) };
  if (st.sid) out.sid = SL(st.sid);
  if (st.effect) out.effect = SL(st.effect);
  if (st.action) out.action = st.action.items.map(SL);
  if (st.notAction) out.notAction = st.notAction.items.map(SL);
  if (st.resource) out.resource = st.resource.items.map(SL);
  if (st.notResource) out.notResource = st.notResource.items.map(SL);
  if (st.principal) out.principal = st.principal.entries.map((e) => `${e.type}:${SL(e.value)}`);
  if (st.notPrincipal) out.notPrincipal = st.notPrincipal.entries.map((e) => `${e.type}:${SL(e.value)}`);
  if (st.conditions.length) out.conditions = st.conditions.map((c) => `${c.operator} ${c.key}=${c.values.items.map(SL).join(',')}`);
  return out;
}

export function docOf(model: IamModel, owner: string, kind?: string): PolicyDocument {
  const d = model.documents.find((x) => x.owner.address === owner && (!kind || x.kind === kind));
  if (!d) throw new Error(`no document of ${owner} (have ${model.documents.map((x) => `${x.kind}:${x.owner.address}`).join(', ')})`);
  return d;
}

/** Findings as `rule resource line:col-line:col`. */
export const F = (f: Finding): string => `${f.ruleId} ${f.resource} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
