/** Shared helpers for the CloudFormation parser tests: parse an in-memory template, build expected locations. */
import { parseCloudFormationFile } from '../../../parsers/cloudformation/index.js';
import type { Location } from '../../../src/model/location.js';
import type { IamModel } from '../../../src/model/model.js';
import type { Scalar } from '../../../src/model/scalar.js';

export function parse(text: string, rel = 'template.yaml'): IamModel {
  const model = parseCloudFormationFile({ abs: `/virtual/${rel}`, rel, text });
  if (!model) throw new Error(`${rel} was declined as not a template`);
  return model;
}

export function at(line: number, column: number, endLine: number, endColumn: number, file = 'template.yaml'): Location {
  return { file, line, column, endLine, endColumn };
}

/** `"literal"`, `${unknown}` or a template, for compact assertions. */
export function show(s: Scalar | undefined): string {
  if (!s) return '<none>';
  if (s.kind === 'literal') return s.value;
  if (s.kind === 'unknown') return `\${${s.text}}`;
  return s.parts.map((p) => (typeof p === 'string' ? p : `\${${p.unknown}}`)).join('');
}

/** Joins lines, so templates in tests read like files. */
export const lines = (...ls: string[]): string => ls.join('\n') + '\n';
