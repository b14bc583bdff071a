/**
 * The configuration reference of the README, generated from schema/iamlint.schema.json so the two cannot drift:
 * `node scripts/config-reference.mjs` rewrites the README section between its markers, and a test fails when the
 * section is stale.
 */

export const REFERENCE_START = '<!-- config-reference:start (generated from schema/iamlint.schema.json by scripts/config-reference.mjs) -->';
export const REFERENCE_END = '<!-- config-reference:end -->';

interface Schema {
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  minimum?: number;
  maximum?: number;
  $ref?: string;
  if?: Schema;
  then?: Schema;
  else?: Schema;
}

function typeOf(s: Schema): string {
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(' | ');
  if (s.if && s.then && s.else) return s.if.type === 'array' ? `${typeOf(s.else)}, or ${typeOf(s.then)}` : `${typeOf(s.then)}, or ${typeOf(s.else)}`;
  const t = Array.isArray(s.type) ? s.type.join(' | ') : s.type;
  if (t === 'array' && s.items) return `list of ${typeOf(s.items)}`;
  if (t === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') return `map of ${typeOf(s.additionalProperties)}`;
  if (t === 'integer' && s.minimum !== undefined) return s.maximum !== undefined ? `integer ${s.minimum}–${s.maximum}` : `integer ≥ ${s.minimum}`;
  return t ?? 'any';
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The markdown tables (without the markers). */
export function configReference(schemaJson: unknown): string {
  const schema = schemaJson as Schema;
  const rows: string[] = ['| key | type | meaning |', '|---|---|---|'];
  const walk = (props: Record<string, Schema>, prefix: string): void => {
    for (const [key, s] of Object.entries(props)) {
      if (key === '$schema') continue;
      const name = `${prefix}${key}`;
      const type = key === 'rules' ? 'map of rule id to setting' : typeOf(s);
      rows.push(`| \`${name}\` | ${cell(type)} | ${cell(s.description ?? '')} |`);
      if (s.properties && key !== 'rules') walk(s.properties, `${name}.`);
    }
  };
  walk(schema.properties ?? {}, '');
  const rules = schema.properties?.['rules']?.properties ?? {};
  const withOptions = Object.entries(rules).filter(([, s]) => s.else?.properties?.['options']?.properties);
  const options: string[] = ['| rule | option | type | meaning |', '|---|---|---|---|'];
  for (const [id, s] of withOptions) {
    for (const [name, o] of Object.entries(s.else?.properties?.['options']?.properties ?? {})) {
      options.push(`| \`${id}\` | \`${name}\` | ${cell(typeOf(o))} | ${cell(o.description ?? '')} |`);
    }
  }
  return [...rows, '', 'A rule setting is `off`, a severity (`critical`, `high`, `medium`, `low`, `info`), or `{ severity, options }`. Rule options:', '', ...options].join('\n');
}

/** `readme` with the section between the markers replaced by `reference`. */
export function withReference(readme: string, reference: string): string {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start < 0 || end < start) throw new Error('README has no config-reference markers');
  return readme.slice(0, start + REFERENCE_START.length) + '\n' + reference + '\n' + readme.slice(end);
}
