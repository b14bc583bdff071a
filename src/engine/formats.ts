import type { IamModel } from '../model/model.js';
import type { SourceFile } from './source.js';

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
  parse(files: SourceFile[]): Promise<IamModel | null>;
}

export const FORMATS: readonly Format[] = [
  // cloudformation formats (before plain policies: a template is JSON too)
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
