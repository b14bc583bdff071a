import type { Location } from './location.js';
import type { RefTarget, TemplatePart } from './located.js';

/** One value of a policy element. `unknown` and `template` are never wildcards: only literal text can be. */
export type Scalar = LiteralScalar | UnknownScalar | TemplateScalar;

export interface LiteralScalar {
  kind: 'literal';
  value: string;
  /** The JSON type the author wrote (`true` vs `"true"` matters to some condition operators). */
  type: 'string' | 'number' | 'boolean' | 'null';
  loc: Location;
}

export interface UnknownScalar {
  kind: 'unknown';
  text: string;
  loc: Location;
  ref?: RefTarget;
  hint?: 'this-account';
}

export interface TemplateScalar {
  kind: 'template';
  parts: TemplatePart[];
  loc: Location;
}

/** A policy element that holds one value or a list of values (`Action`, `Resource`, a condition's values). */
export interface ValueList {
  items: Scalar[];
  /** The value as written (the string, or the whole list). */
  loc: Location;
  /** The element with its key (`"Action": [...]`): what a finding about the element spans. */
  attrLoc: Location;
  /** Set when the element was a single string rather than a list. */
  single: boolean;
}

/** The text of a scalar as a reader would see it: unknown parts shown as `${...}`. */
export function scalarText(s: Scalar): string {
  switch (s.kind) {
    case 'literal':
      return s.value;
    case 'unknown':
      return `\${${s.text}}`;
    case 'template':
      return s.parts.map((p) => (typeof p === 'string' ? p : `\${${p.unknown}}`)).join('');
  }
}
