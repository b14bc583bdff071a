/**
 * Findings of a Terraform plan shown on the configuration. When the configuration a plan came from is linted in
 * the same run, a plan finding on a resource the configuration declares
 *
 * - is dropped when the configuration reports the same rule on that resource, or on a document the resource
 *   consumes (`policy = data.aws_iam_policy_document.x.json`): the configuration finding is the one to fix;
 * - else moves to the resource block in the `.tf`, with the place in the plan as related.
 *
 * Plan addresses carry instance keys (`aws_iam_role.r["a"]`, `module.m[0].aws_iam_policy.p`), configuration
 * addresses do not: keys are removed for matching. Findings of plans whose configuration is not linted stay put.
 */
import type { Finding } from '../finding.js';
import type { IamModel } from '../model/model.js';
import type { ResourceRef } from '../model/resource-ref.js';

/** What the configuration says about one resource address. */
interface Declared {
  ref: ResourceRef;
  /** Addresses whose findings speak for this resource: itself and the documents it consumes. */
  speakers: Set<string>;
}

export function configAddress(planAddress: string): string {
  return planAddress.replace(/\[[^\]]*\]/g, '');
}

/** Every resource the model declares, by address; a document's consumers list the document's owner as a speaker. */
function declaredResources(model: IamModel): Map<string, Declared> {
  const out = new Map<string, Declared>();
  const add = (ref: ResourceRef): Declared => {
    let d = out.get(ref.address);
    if (!d) out.set(ref.address, (d = { ref, speakers: new Set([ref.address]) }));
    return d;
  };
  const refs: ResourceRef[] = [
    ...model.identities.map((i) => i.ref),
    ...model.policies.map((p) => p.ref),
    ...model.attachments.map((a) => a.ref),
    ...model.memberships.map((m) => m.ref),
    ...model.accessKeys.map((k) => k.ref),
    ...model.loginProfiles.map((l) => l.ref),
    ...model.mfaDevices.map((d) => d.ref),
    ...model.oidcProviders.map((o) => o.ref),
    ...model.permissionGrants.map((g) => g.ref),
    ...model.account.passwordPolicies.map((p) => p.ref),
    ...model.account.trails.map((t) => t.ref),
    ...model.account.configRecorders.map((c) => c.ref),
    ...model.account.secrets.map((s) => s.ref),
    ...model.account.secretRotations.map((s) => s.ref),
    ...model.account.metricFilters.map((m) => m.ref),
    ...model.account.alarms.map((a) => a.ref),
    ...model.account.analyzers,
  ];
  for (const ref of refs) add(ref);
  for (const doc of model.documents) {
    add(doc.owner);
    for (const consumer of doc.consumers) add(consumer).speakers.add(doc.owner.address);
  }
  return out;
}

export function linkPlanFindings(models: readonly IamModel[], findings: Finding[]): Finding[] {
  const planFiles = new Set(models.filter((m) => m.unit.kind === 'terraform-plan').flatMap((m) => m.unit.files));
  const configs = models.filter((m) => m.unit.kind === 'terraform').map(declaredResources);
  if (planFiles.size === 0 || configs.length === 0) return findings;
  const configFindings = findings.filter((f) => !planFiles.has(f.file));
  const out: Finding[] = [];
  for (const f of findings) {
    if (!planFiles.has(f.file)) {
      out.push(f);
      continue;
    }
    const address = configAddress(f.resource);
    const declared = configs.map((c) => c.get(address)).find((d) => d !== undefined);
    if (!declared) {
      out.push(f);
      continue;
    }
    if (configFindings.some((c) => c.ruleId === f.ruleId && declared.speakers.has(c.resource))) continue;
    const at = declared.ref.loc;
    out.push({
      ...f,
      file: at.file,
      line: at.line,
      column: at.column,
      endLine: at.endLine,
      endColumn: at.endColumn,
      resource: address,
      related: [{ file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, message: `in the plan, ${f.resource}` }, ...(f.related ?? [])],
    });
  }
  return out;
}
