/**
 * Plain IAM policy JSON files, as Parliament and IAM Access Analyzer read them. Recognized by shape, so other
 * JSON (package.json, tsconfig.json) is left alone; the policy kind is inferred from the content.
 */
import { basename } from 'node:path';
import { buildPolicyDocument } from '../../src/model/build-policy.js';
import { entry, type Located, type LocatedObject } from '../../src/model/located.js';
import { emptyModel, type IamModel } from '../../src/model/model.js';
import type { PolicyKind } from '../../src/model/policy.js';
import type { ResourceRef } from '../../src/model/resource-ref.js';
import type { SourceFile } from '../../src/engine/source.js';
import { parseLocatedJson } from '../shared/json.js';

const POLICY_KEYS = new Set(['Version', 'Id', 'Statement']);
const TRUST_ACTIONS = /^sts:(AssumeRole|AssumeRoleWithWebIdentity|AssumeRoleWithSAML|TagSession|SetSourceIdentity|SetContext)$/i;

export function matchesPolicyFile(rel: string): boolean {
  return rel.endsWith('.json') && !rel.endsWith('.tf.json') && !rel.endsWith('.tfvars.json');
}

/** The model of one policy file, or null when the file is valid JSON that is not a policy. */
export function parsePolicyFile(file: SourceFile): IamModel | null {
  const model = emptyModel({ kind: 'policy-file', id: file.rel, files: [file.rel] });
  const owner: ResourceRef = {
    // Addresses are relative to the unit; a policy file is a unit of its own, in its folder.
    address: basename(file.rel),
    type: 'policy-file',
    loc: { file: file.rel, line: 1, column: 1, endLine: 1, endColumn: 1 },
  };
  if (file.text.includes('\u0000')) {
    model.parseProblems.push({ message: 'binary content: not a JSON text file', loc: owner.loc });
    return model;
  }
  const parsed = parseLocatedJson(file.text, file.rel);
  if (parsed.errors.length > 0 || !parsed.value) {
    // The first error is the one to fix; the rest usually follow from it.
    const first = parsed.errors[0];
    if (first) model.parseProblems.push(first);
    return model;
  }
  const root = parsed.value;
  if (!looksLikePolicy(root)) return null;
  owner.loc = root.loc;
  // AWS rejects a policy with trailing commas: a syntax error, though everything else is still linted.
  for (const w of parsed.warnings) model.parseProblems.push({ ...w, owner });
  const kind = inferKind(root);
  model.documents.push(buildPolicyDocument(root, { kind, owner, path: [], kindInferred: true }));
  return model;
}

function looksLikePolicy(v: Located): v is LocatedObject {
  if (v.kind !== 'object') return false;
  if (entry(v, 'Statement')) return true;
  const version = entry(v, 'Version');
  return (
    !!version &&
    version.value.kind === 'scalar' &&
    /^\d{4}-\d{2}-\d{2}$/.test(String(version.value.value)) &&
    v.entries.every((e) => POLICY_KEYS.has(e.key))
  );
}

/** Principal present: a resource policy, or a trust policy when every action is a role-assumption action. */
function inferKind(root: LocatedObject): PolicyKind {
  const st = entry(root, 'Statement')?.value;
  const statements = st?.kind === 'array' ? st.items : st ? [st] : [];
  const objects = statements.filter((s): s is LocatedObject => s.kind === 'object');
  const withPrincipal = objects.filter((s) => entry(s, 'Principal') || entry(s, 'NotPrincipal'));
  if (withPrincipal.length === 0) return 'identity';
  const actions = withPrincipal.flatMap((s) => {
    const a = entry(s, 'Action')?.value;
    const items = a?.kind === 'array' ? a.items : a ? [a] : [];
    return items.map((i) => (i.kind === 'scalar' ? String(i.value) : ''));
  });
  return actions.length > 0 && actions.every((a) => TRUST_ACTIONS.test(a)) ? 'trust' : 'resource';
}
