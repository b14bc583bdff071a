import type { IamModel } from '../model/model.js';
import type { SourceFile } from './source.js';
import { ASSEMBLY_EXTENSIONS, groupAssemblies } from '../../parsers/cdk/assembly/group.js';
import { cdkCompanions, groupCdkSources, isTypeScriptSource, matchesCdkSource, mentionsCdk } from '../../parsers/cdk/source/group.js';
import { groupTerraform, matchesTerraform, readByTerraform } from '../../parsers/terraform/group.js';
import { terraformCompanions } from './companions.js';

/** Values the user supplies for evaluation: Terraform variables, CloudFormation parameters. */
export interface ParseInputs {
  terraform?: { varFiles: string[]; vars: Record<string, unknown> };
  cloudformation?: { parameters: Record<string, unknown> };
}

/**
 * One input format. The engine offers each discovered file to the formats in order; a format groups the files
 * it claims into deployment units and parses each unit. Parsers are imported lazily so a run over policy
 * files never pays for loading the Terraform or TypeScript machinery.
 */
export interface Format {
  id: string;
  /** Cheap claim by path; content is sniffed in `parse`. */
  matches(rel: string): boolean;
  /** Groups claimed files into units; default: one file per unit. */
  group?(files: SourceFile[]): SourceFile[][];
  /** Parses one unit; null means "not mine", and the files are offered to the next format. */
  parse(files: SourceFile[], inputs: ParseInputs): Promise<IamModel | null>;
  /**
   * The other files needed to evaluate the unit of a file named on its own (pre-commit, editors), as absolute
   * paths: for Terraform, the other configuration files of its folder. They are read but not reported on.
   */
  companions?(abs: string): string[];
}

export const FORMATS: readonly Format[] = [
  {
    // A CDK cloud assembly (cdk.out): its manifest, templates, nested assemblies and asset folders, as one unit.
    id: 'cdk-assembly',
    matches: (rel) => ASSEMBLY_EXTENSIONS.test(rel),
    group: groupAssemblies,
    async parse(files) {
      const { parseAssembly } = await import('../../parsers/cdk/assembly/index.js');
      return parseAssembly(files);
    },
  },
  {
    // A CDK app's TypeScript: the folder of a cdk.json with its .ts sources (or one .ts file importing aws-cdk-lib).
    // Other .ts files are declined by a text test, before the TypeScript parser is loaded.
    id: 'cdk-source',
    matches: matchesCdkSource,
    group: groupCdkSources,
    companions: cdkCompanions,
    async parse(files) {
      if (!files.some((f) => isTypeScriptSource(f.rel) && mentionsCdk(f.text))) return null;
      const { parseCdkSource } = await import('../../parsers/cdk/source/index.js');
      return parseCdkSource(files);
    },
  },
  {
    id: 'cloudformation',
    matches: (rel) => /\.(ya?ml|json|template)$/i.test(rel) && !rel.endsWith('.tf.json') && !rel.endsWith('.tfvars.json'),
    async parse(files, inputs) {
      const { parseCloudFormationFile } = await import('../../parsers/cloudformation/index.js');
      const [file] = files;
      return file ? parseCloudFormationFile(file, inputs.cloudformation?.parameters) : null;
    },
  },
  // cloudformation formats (before plain policies: a template is JSON too)
  {
    // Terraform: a root module folder with the local modules it calls is one unit. JSON files come here too:
    // plan JSON (`terraform show -json`), and policies a unit read with file() (linted through the resources
    // that use them); any other JSON goes on to the next format.
    id: 'terraform',
    matches: (rel) => matchesTerraform(rel) || rel.endsWith('.json'),
    group: groupTerraform,
    companions: terraformCompanions,
    async parse(files, inputs) {
      const [file] = files;
      if (!file) return null;
      if (files.length === 1 && file.rel.endsWith('.json') && !matchesTerraform(file.rel)) {
        const plan = file.text.includes('"planned_values"') && file.text.includes('"format_version"');
        if (!plan && readByTerraform.get(file.abs) !== file.text) return null;
        const { parsePlanFile } = await import('../../parsers/terraform/plan.js');
        return parsePlanFile(file);
      }
      const { parseTerraform } = await import('../../parsers/terraform/index.js');
      return parseTerraform(files, inputs.terraform);
    },
  },
  // terraform formats
  {
    id: 'policy',
    matches: (rel) => rel.endsWith('.json') && !rel.endsWith('.tf.json') && !rel.endsWith('.tfvars.json'),
    async parse(files) {
      const { parsePolicyFile } = await import('../../parsers/policy/index.js');
      const [file] = files;
      return file ? parsePolicyFile(file) : null;
    },
  },
];

/** Every extension any format may read; discovery skips other files without opening them. */
export function isCandidate(rel: string): boolean {
  return FORMATS.some((f) => f.matches(rel));
}
