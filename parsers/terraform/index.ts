/**
 * Terraform: `.tf`, `.tf.json`, `.tfvars`, `.tfvars.json` grouped into deployment units (root modules with the
 * modules they call), and plan JSON (`terraform show -json`). Loaded lazily by the engine.
 */
import { dirname } from 'node:path';
import type { SourceFile } from '../../src/engine/source.js';
import type { IamModel } from '../../src/model/model.js';
import { groupTerraform, unitPlans } from './group.js';
import { parseTerraformUnit, type TerraformInputs } from './unit.js';

export { groupTerraform, matchesTerraform } from './group.js';
export { looksLikePlan, parsePlanFile } from './plan.js';

/** Parses one unit as grouped by `groupTerraform` (or, called directly, the files as one unit rooted at the first file's folder). */
export async function parseTerraform(files: SourceFile[], inputs?: TerraformInputs): Promise<IamModel | null> {
  const first = files[0];
  if (!first) return null;
  let plan = unitPlans.get(files);
  if (!plan) {
    const groups = groupTerraform(files);
    const g = groups.find((x) => x.some((f) => f === first)) ?? groups[0];
    plan = (g && unitPlans.get(g)) ?? { rootDir: dirname(first.abs), files, boundary: dirname(first.abs) };
  }
  return parseTerraformUnit(inputs ? { ...plan, inputs } : plan);
}
