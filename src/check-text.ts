import type { UnitKind } from './model/model.js';

/** Wording shared by check messages. */

/** `"a", "b", "c" and 2 more`: values quoted, at most `max` shown. */
export function quoteList(values: readonly string[], max = 3): string {
  const shown = values.slice(0, max).map((v) => `"${v}"`).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

const UNIT_NAMES: Record<UnitKind, string> = {
  'policy-file': 'policy file',
  terraform: 'root module',
  'terraform-plan': 'plan',
  cloudformation: 'template',
  'cdk-assembly': 'cloud assembly',
  'cdk-source': 'CDK app',
};

/** How messages name a deployment unit of this kind ("root module", "template"). */
export function unitName(kind: UnitKind): string {
  return UNIT_NAMES[kind];
}
