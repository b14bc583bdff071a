import { defineCheck } from '../../src/check.js';
import { classifyAction } from '../../src/iam/index.js';
import { isAllActions } from '../../src/model/query.js';
import type { LiteralScalar, ValueList } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

/** `service:name` with no whitespace: anything else is not an action at all, and policy-syntax reports it. */
const ACTION_SHAPE = /^[^\s:]+:[^\s:]+$/;

interface Offender {
  value: LiteralScalar;
  reason: 'service' | 'action';
  service: string;
}

function offenders(list: ValueList | undefined): Offender[] {
  const out: Offender[] = [];
  for (const item of list?.items ?? []) {
    // Unknown and template values could be any action: never judged.
    if (item.kind !== 'literal' || item.type !== 'string') continue;
    // `*` and `*:*` match everything; classifying them would load every service's actions for nothing.
    if (isAllActions(item)) continue;
    const c = classifyAction(item.value);
    if (c.kind === 'unknown-service') out.push({ value: item, reason: 'service', service: c.service });
    else if (c.kind === 'unknown-action') out.push({ value: item, reason: 'action', service: c.service });
    else if (c.kind === 'malformed' && ACTION_SHAPE.test(item.value)) {
      // Shaped like an action but with characters no action name has (`s3:Get.Object`).
      out.push({ value: item, reason: 'action', service: item.value.slice(0, item.value.indexOf(':')) });
    }
  }
  return out;
}

export default defineCheck({
  meta: {
    id: 'unknown-action',
    severity: 'medium',
    category: 'validity',
    description: 'Disallow actions that match no action of any AWS service',
    messages: {
      unknownService: 'Action "{{action}}" names the service prefix "{{service}}", which is no AWS service, so it matches nothing; check the spelling.',
      unknownAction: 'Action "{{action}}" matches no action of the "{{service}}" service, so it grants or denies nothing; check the spelling.',
      several: 'Actions {{actions}} match no AWS action, so they grant or deny nothing; check their spelling.',
    },
    sources: { parliament: ['UNKNOWN_ACTION', 'UNKNOWN_PREFIX'], other: ['IAM Access Analyzer: Invalid action', 'IAM Access Analyzer: Invalid service'] },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
      'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      for (const st of doc.statements) {
        for (const [element, list] of [
          ['Action', st.action],
          ['NotAction', st.notAction],
        ] as const) {
          const bad = offenders(list);
          const one = bad[0];
          if (!list || !one) continue;
          if (bad.length === 1) {
            const index = list.items.indexOf(one.value);
            ctx.report({
              node: st,
              at: one.value,
              path: list.single ? [element] : [element, index],
              messageId: one.reason === 'service' ? 'unknownService' : 'unknownAction',
              data: { action: one.value.value, service: one.service },
            });
          } else {
            ctx.report({ node: st, at: list, path: [element], messageId: 'several', data: { actions: quoteList(bad.map((b) => b.value.value)) } });
          }
        }
      }
    }
  },
});
