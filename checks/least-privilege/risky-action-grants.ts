/** Shared by the rules about classes of risky actions (data exfiltration, credentials exposure). */
import type { CheckContext } from '../../src/check.js';
import { quoteList } from '../../src/check-text.js';
import { allResourcesItem, grantsUnconstrained, isDeniedEverywhere } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';

/**
 * Reports each identity-policy statement that grants any of `actions` unconstrained on every resource. In a
 * resource policy `"*"` means the policy's own resource; trust policies, boundaries and SCPs grant none of these.
 */
export function reportUnconstrainedGrants<M extends string>(ctx: CheckContext<M, unknown>, actions: readonly string[], messageId: M): void {
  for (const doc of ctx.model.documents) {
    if (doc.kind !== 'identity') continue;
    for (const st of doc.statements) {
      const element = st.action ?? st.notAction;
      const resource = allResourcesItem(st.resource);
      if (!element || !resource) continue;
      const granted = actions.filter((a) => grantsUnconstrained(st, a) && !isDeniedEverywhere(doc.statements, a));
      if (granted.length === 0) continue;
      ctx.report({
        node: st,
        at: element,
        path: [st.action ? 'Action' : 'NotAction'],
        messageId,
        data: { actions: quoteList(granted), resource: scalarText(resource) },
      });
    }
  }
}
