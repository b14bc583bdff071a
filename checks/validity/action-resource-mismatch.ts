import { defineCheck } from '../../src/check.js';
import { expandActionPattern, isAllResources, resourcePatternFitsFormat, type ActionInfo } from '../../src/iam/index.js';
import { hasNonLiteral, isAllActions, literals } from '../../src/model/query.js';
import type { Statement } from '../../src/model/policy.js';
import { quoteList } from '../../src/check-text.js';

/**
 * The statement's resources as patterns to compare with ARN formats, or undefined when they could fit anything:
 * a value matching every ARN, an unknown value, or a template whose unknown part could be the ARN's start.
 * Unknown parts inside a template become `*` ("could be anything"). Values that are no ARN at all are
 * left to policy-syntax.
 */
function resourcePatterns(st: Statement): string[] | undefined {
  const out: string[] = [];
  for (const item of st.resource?.items ?? []) {
    if (item.kind === 'unknown') return undefined;
    const pattern = item.kind === 'literal' ? item.value : item.parts.map((p) => (typeof p === 'string' ? p : '*')).join('');
    if (isAllResources(pattern)) return undefined;
    if (pattern.startsWith('arn:')) out.push(pattern);
    else if (item.kind === 'template') return undefined;
  }
  return out;
}

function expanded(patterns: string[]): ActionInfo[] {
  const seen = new Map<string, ActionInfo>();
  for (const p of patterns) for (const a of expandActionPattern(p)) seen.set(a.key, a);
  return [...seen.values()];
}

/** Does at least one action apply to at least one resource? Each ARN format is tried once per statement. */
function anyActionFits(actions: ActionInfo[], resources: string[]): boolean {
  const formatFits = new Map<string, boolean>();
  const fits = (format: string): boolean => {
    let result = formatFits.get(format);
    if (result === undefined) {
      result = resources.some((r) => resourcePatternFitsFormat(r, format));
      formatFits.set(format, result);
    }
    return result;
  };
  return actions.some((a) =>
    // A wildcard-only action applies to "*" alone, and "*" was ruled out before.
    a.resourceTypes.some((rt) => rt.arnFormats.length === 0 || rt.arnFormats.some(fits)),
  );
}

export default defineCheck({
  meta: {
    id: 'action-resource-mismatch',
    severity: 'low',
    category: 'validity',
    description: 'Disallow statements whose actions apply to none of their resources',
    messages: {
      mismatch:
        'No action of the statement ({{actions}}) applies to {{resources}}, so the statement grants or denies nothing there; check the resource ARNs (objects need "/*", actions without resource-level scoping need "*").',
    },
    sources: { parliament: ['RESOURCE_MISMATCH'] },
    references: [
      'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      for (const st of doc.statements) {
        // NotAction and NotResource name what is excluded: there is nothing to compare.
        if (!st.action || !st.resource || hasNonLiteral(st.action)) continue;
        const written = literals(st.action);
        if (written.length === 0 || st.action.items.some(isAllActions)) continue;
        const resources = resourcePatterns(st);
        if (!resources || resources.length === 0) continue;
        const actions = expanded(written);
        // Actions that match nothing are unknown-action's to report.
        if (actions.length === 0 || anyActionFits(actions, resources)) continue;
        ctx.report({
          node: st,
          at: st.resource,
          path: ['Resource'],
          messageId: 'mismatch',
          data: { actions: quoteList(written), resources: quoteList(resources) },
        });
      }
    }
  },
});
