/** Shared by the rules about a CloudTrail on/off setting (multi-region, log file validation). */
import type { CheckContext } from '../../src/check.js';
import { boolSetting } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';

/** Reports each trail whose flag is off (at the value) or not set (AWS's default is off); unknown values never fire. */
export function reportTrailFlagOff(ctx: CheckContext<'disabled' | 'unset', unknown>, flag: 'multiRegion' | 'logFileValidation'): void {
  for (const trail of ctx.model.account.trails) {
    const value = trail[flag];
    const setting = boolSetting(value);
    if (setting.kind === 'value' && !setting.value && value) {
      ctx.report({ node: { ref: trail.ref }, at: value, messageId: 'disabled', data: { value: scalarText(value) } });
    } else if (setting.kind === 'unset') {
      ctx.report({ node: { ref: trail.ref }, ...(value ? { at: value } : {}), messageId: 'unset' });
    }
  }
}
