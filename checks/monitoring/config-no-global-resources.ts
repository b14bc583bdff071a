import { defineCheck } from '../../src/check.js';
import { spanOf } from '../../src/model/location.js';
import { boolSetting } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

/** The globally recorded IAM resource types all begin so: users, groups, roles and customer managed policies. */
const IAM_TYPE_PREFIX = 'AWS::IAM::';

export default defineCheck({
  meta: {
    id: 'config-no-global-resources',
    severity: 'low',
    category: 'monitoring',
    description: 'Require AWS Config recorders to record global IAM resources',
    messages: {
      globalExcluded:
        'This Config recorder records all supported resource types but turns global resource types off ("{{value}}"), so changes to IAM users, groups, roles and policies leave no configuration history; include global resource types.',
      globalUnset:
        'This Config recorder records all supported resource types but does not include global resource types (they are left out by default), so changes to IAM users, groups, roles and policies leave no configuration history; include global resource types.',
      noIamTypes:
        'This Config recorder records only the resource types it lists ({{types}}), none of them an IAM type, so changes to IAM users, groups, roles and policies leave no configuration history; add the AWS::IAM types or record all resource types including global ones.',
    },
    sources: {
      checkov: ['CKV2_AWS_48'],
    },
    references: [
      'https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingGroup.html',
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-config-configurationrecorder-recordinggroup.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#keep-a-log',
    ],
  },
  run(ctx) {
    for (const rec of ctx.model.account.configRecorders) {
      const node = { ref: rec.ref };
      const all = boolSetting(rec.allSupported);
      if (all.kind === 'unknown') continue;
      // Without `AllSupported`, a recorder with no type list records every supported type (AWS's default).
      const recordsAll = all.kind === 'value' ? all.value : rec.resourceTypes.length === 0;
      if (recordsAll) {
        const global = boolSetting(rec.includeGlobalResourceTypes);
        if (global.kind === 'value' && !global.value && rec.includeGlobalResourceTypes) {
          ctx.report({ node, at: rec.includeGlobalResourceTypes, messageId: 'globalExcluded', data: { value: scalarText(rec.includeGlobalResourceTypes) } });
        } else if (global.kind === 'unset') {
          const at = rec.includeGlobalResourceTypes ?? rec.allSupported;
          ctx.report({ node, ...(at ? { at } : {}), messageId: 'globalUnset' });
        }
        continue;
      }
      // `AllSupported: false` with no type list: an exclusion strategy or a broken recorder; nothing to judge.
      const [first, ...rest] = rec.resourceTypes;
      if (!first) continue;
      // A type the linter cannot read may be an IAM type.
      if (rec.resourceTypes.some((t) => t.kind !== 'literal' || t.value.trim().startsWith(IAM_TYPE_PREFIX))) continue;
      const last = rest[rest.length - 1] ?? first;
      ctx.report({ node, at: spanOf(first.loc, last.loc), messageId: 'noIamTypes', data: { types: quoteList(rec.resourceTypes.map(scalarText)) } });
    }
  },
});
