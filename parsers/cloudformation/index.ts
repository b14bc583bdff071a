/**
 * CloudFormation and SAM templates (YAML or JSON). A file is a template when it has `AWSTemplateFormatVersion`
 * or a `Resources` map of `AWS::`/`Custom::` types; other YAML and JSON is declined so other formats can try it.
 * One template is one deployment unit. CDK cloud assemblies reuse `parseTemplateInto` for their templates.
 */
import { toScalar } from '../../src/model/build-policy.js';
import type { SourceFile } from '../../src/engine/source.js';
import { entry, type Located, type LocatedObject } from '../../src/model/located.js';
import { spanOf, type Location } from '../../src/model/location.js';
import { declaredSuppressions } from '../../src/model/declared-suppression.js';
import { emptyModel, type IamModel } from '../../src/model/model.js';
import type { ResourceRef } from '../../src/model/resource-ref.js';
import { parseLocatedJson } from '../shared/json.js';
import { ResourceContext, type TemplateScope } from './context.js';
import { SourceText } from './embedded-json.js';
import { environmentVariables, exposedKeys, textValue } from './helpers.js';
import { literalString, Resolver, type TemplateInfo } from './intrinsics.js';
import { MAPPERS } from './resources.js';
import { parseLocatedYaml } from './yaml.js';

const EXTENSIONS = /\.(ya?ml|json|template)$/i;
const RESOURCE_TYPE = /^(AWS|Custom|Alexa)::|::MODULE$/;
/** Transforms whose output this parser models itself (SAM) or that change no IAM content. */
const KNOWN_TRANSFORMS = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions', 'AWS::CodeDeployBlueGreen', 'AWS::SecretsManager-2020-07-23', 'AWS::SecretsManager-2024-09-16']);
const MAX_PROBLEMS = 20;

export function matchesCloudFormation(rel: string): boolean {
  return EXTENSIONS.test(rel) && !rel.endsWith('.tf.json') && !rel.endsWith('.tfvars.json');
}

/** The model of one template, or null when the file is not a CloudFormation template. */
export function parseCloudFormationFile(file: SourceFile, parameters?: Record<string, unknown>): IamModel | null {
  const model = emptyModel({ kind: 'cloudformation', id: file.rel, files: [file.rel] });
  return parseTemplateInto(model, file, parameters ? { parameters } : {}) ? model : null;
}

export interface TemplateOptions {
  /** The file is a template by contract (named by a CDK manifest): never declined. */
  force?: boolean;
  /** Parameter values the user supplied (`--parameter`, config `parameters`): they win over defaults. */
  parameters?: Record<string, unknown>;
}

function isJsonText(rel: string, text: string): boolean {
  if (/\.json$/i.test(rel)) return true;
  if (/\.ya?ml$/i.test(rel)) return false;
  return /^\s*\{/.test(text);
}

function looksLikeTemplate(root: Located | undefined): root is LocatedObject {
  if (root?.kind !== 'object') return false;
  if (entry(root, 'AWSTemplateFormatVersion')) return true;
  const resources = entry(root, 'Resources')?.value;
  if (resources?.kind !== 'object') return false;
  return resources.entries.some((e) => {
    const type = e.value.kind === 'object' ? literalString(entry(e.value, 'Type')?.value) : undefined;
    return type !== undefined && RESOURCE_TYPE.test(type);
  });
}

/** Adds one template's content to `model`; false when the file is not a template (and `force` is not set). */
export function parseTemplateInto(model: IamModel, file: SourceFile, opts: TemplateOptions = {}): boolean {
  const text = file.text;
  const start: Location = { file: file.rel, line: 1, column: 1, endLine: 1, endColumn: 1 };
  if (!opts.force && !text.includes('Resources') && !text.includes('AWSTemplateFormatVersion')) return false;
  if (text.includes('\u0000')) {
    if (!opts.force) return false;
    model.parseProblems.push({ message: 'binary content: not a template', loc: start });
    return true;
  }
  const json = isJsonText(file.rel, text);
  let root: Located | undefined;
  let problems: { message: string; loc: Location }[];
  let notes: { message: string; loc: Location }[];
  try {
    if (json) {
      const r = parseLocatedJson(text, file.rel);
      root = r.value;
      // The first JSON error is the one to fix; the rest usually follow from it.
      problems = r.errors.slice(0, 1);
      notes = [...r.warnings];
    } else {
      const r = parseLocatedYaml(text, file.rel);
      root = r.value;
      problems = r.errors;
      notes = r.notes;
    }
  } catch (e) {
    root = undefined;
    problems = [{ message: `could not be parsed: ${(e as Error).message}`, loc: start }];
    notes = [];
  }
  if (!looksLikeTemplate(root)) {
    const broken = problems.length > 0 && (json ? /"(AWSTemplateFormatVersion|Resources)"\s*:/ : /^(AWSTemplateFormatVersion|Resources)\s*:/m).test(text);
    if (!opts.force && !broken) return false;
    model.parseProblems.push(...(problems.length ? problems.slice(0, MAX_PROBLEMS) : [{ message: 'not a CloudFormation template: no Resources map', loc: root?.loc ?? start }]));
    model.notes.push(...notes);
    return true;
  }
  model.parseProblems.push(...problems.slice(0, MAX_PROBLEMS));
  model.notes.push(...notes);
  // YAML duplicates are found while lowering; JSON duplicates here.
  if (json) dedupeKeys(root, model.parseProblems, 0);
  try {
    readTemplate(model, file, root, opts);
  } catch (e) {
    // A bug here must not hide the rest of the run; it surfaces as a parse problem on the file.
    model.parseProblems.push({ message: `template could not be read completely: ${(e as Error).message}`, loc: start });
  }
  return true;
}


/** Duplicate keys: the last one wins (as JSON.parse does); JSON templates get a problem for each. */
function dedupeKeys(v: Located, problems: IamModel['parseProblems'], depth: number): void {
  if (depth > 600) return;
  if (v.kind === 'array') {
    for (const i of v.items) dedupeKeys(i, problems, depth + 1);
    return;
  }
  if (v.kind !== 'object') return;
  if (v.entries.length > 1) {
    const seen = new Map<string, number>();
    let dup = false;
    v.entries.forEach((e, i) => {
      if (seen.has(e.key)) {
        dup = true;
        problems.push({ message: `duplicate key '${e.key}' (the last one is used)`, loc: e.keyLoc });
      }
      seen.set(e.key, i);
    });
    if (dup) v.entries = v.entries.filter((e, i) => seen.get(e.key) === i);
  }
  for (const e of v.entries) dedupeKeys(e.value, problems, depth + 1);
}

function section(root: LocatedObject, name: string): LocatedObject | undefined {
  const v = entry(root, name)?.value;
  return v?.kind === 'object' ? v : undefined;
}

/** A supplied parameter value as a located value, placed at the parameter's declaration. */
function suppliedValue(v: unknown, loc: Location): Located {
  if (Array.isArray(v)) return { kind: 'array', items: v.map((x) => suppliedValue(x, loc)), loc };
  return { kind: 'scalar', value: typeof v === 'number' || typeof v === 'boolean' ? v : String(v), loc };
}

function readTemplate(model: IamModel, file: SourceFile, root: LocatedObject, opts: TemplateOptions): void {
  const info: TemplateInfo = { file: file.rel, parameters: new Map(), resources: new Map(), notes: model.notes };
  const transform = entry(root, 'Transform')?.value;
  const transforms = transform?.kind === 'array' ? transform.items : transform ? [transform] : [];
  if (transforms.some((t) => t.kind === 'scalar' && t.value === 'AWS::Serverless-2016-10-31')) info.sam = true;
  const params = section(root, 'Parameters');
  for (const e of params?.entries ?? []) {
    if (e.value.kind !== 'object') continue;
    const type = literalString(entry(e.value, 'Type')?.value);
    const loc = spanOf(e.keyLoc, e.value.loc);
    const given = opts.parameters?.[e.key];
    if (given !== undefined) {
      // A value the user supplied is the deployed value itself, even for SSM parameter types.
      info.parameters.set(e.key, { type: 'String', default: suppliedValue(given, loc), loc });
      continue;
    }
    const dflt = entry(e.value, 'Default')?.value;
    info.parameters.set(e.key, { ...(type ? { type } : {}), ...(dflt ? { default: dflt } : {}), loc });
  }
  const mappings = section(root, 'Mappings');
  if (mappings) info.mappings = mappings;
  const resources = section(root, 'Resources');
  if (!resources && entry(root, 'Resources')) model.notes.push({ message: "'Resources' is not a map", loc: entry(root, 'Resources')?.value.loc ?? root.loc });
  const refs = new Map<string, ResourceRef>();
  for (const e of resources?.entries ?? []) {
    if (e.value.kind !== 'object') continue;
    const type = literalString(entry(e.value, 'Type')?.value);
    if (type === undefined) {
      model.notes.push({ message: `resource '${e.key}' has no Type`, loc: e.keyLoc });
      continue;
    }
    info.resources.set(e.key, type);
    const ref: ResourceRef = { address: e.key, type, loc: spanOf(e.keyLoc, e.value.loc) };
    const meta = entry(e.value, 'Metadata')?.value;
    const path = meta?.kind === 'object' ? literalString(entry(meta, 'aws:cdk:path')?.value) : undefined;
    if (path) ref.constructPath = path;
    refs.set(e.key, ref);
  }
  const resolver = new Resolver(info);
  const src = new SourceText(file.text, file.rel);
  const globals = section(root, 'Globals');
  const scope: TemplateScope = {
    model,
    resolver,
    src,
    refs,
    types: info.resources,
    globalProp: (sec, name) => {
      const s = globals ? entry(globals, sec)?.value : undefined;
      const v = s?.kind === 'object' ? entry(s, name)?.value : undefined;
      const r = v ? resolver.value(v) : undefined;
      return r ? toScalar(r) : undefined;
    },
  };

  noteTransforms(model, root, resolver);

  // `Metadata.iamlint.ignore` suppressions, template-wide and per resource (SAM: also for the role it generates).
  const suppress = (meta: Located | undefined, resource?: string): void => {
    const found = declaredSuppressions(meta, resource === undefined ? { file: file.rel } : { file: file.rel, resource });
    if (found.length) (model.suppressions ??= []).push(...found);
  };
  suppress(entry(root, 'Metadata')?.value);
  for (const e of resources?.entries ?? []) {
    const meta = e.value.kind === 'object' ? entry(e.value, 'Metadata')?.value : undefined;
    if (!meta) continue;
    suppress(meta, e.key);
    const type = refs.get(e.key)?.type;
    if (type === 'AWS::Serverless::Function' || type === 'AWS::Serverless::StateMachine') suppress(meta, `${e.key}Role`);
  }

  for (const e of resources?.entries ?? []) {
    const ref = refs.get(e.key);
    const mapper = ref ? MAPPERS[ref.type] : undefined;
    if (!ref || !mapper || e.value.kind !== 'object') continue;
    const props = entry(e.value, 'Properties')?.value;
    const guard = literalString(entry(e.value, 'Condition')?.value);
    const ctx = new ResourceContext(scope, e.key, ref.type, ref, props?.kind === 'object' ? props : undefined, guard);
    try {
      mapper(ctx);
    } catch (err) {
      model.parseProblems.push({ message: `resource '${e.key}' could not be read completely: ${(err as Error).message}`, loc: ref.loc, owner: ref });
    }
  }

  // Literal settings outside resources: parameter defaults, SAM globals, outputs.
  for (const e of params?.entries ?? []) {
    const dflt = e.value.kind === 'object' ? entry(e.value, 'Default')?.value : undefined;
    const owner: ResourceRef = { address: e.key, type: 'Parameter', loc: spanOf(e.keyLoc, e.value.loc) };
    textValue({ model }, owner, `Parameters/${e.key}/Default`, dflt);
  }
  const fnGlobals = globals ? entry(globals, 'Function') : undefined;
  if (fnGlobals && fnGlobals.value.kind === 'object') {
    const owner: ResourceRef = { address: 'Globals', type: 'Globals', loc: spanOf(fnGlobals.keyLoc, fnGlobals.value.loc) };
    const ctx = new ResourceContext(scope, 'Globals', 'Globals', owner, fnGlobals.value, undefined);
    environmentVariables(ctx, ctx.prop('Environment'), 'Globals/Function/Environment');
  }
  for (const e of section(root, 'Outputs')?.entries ?? []) {
    if (e.value.kind !== 'object') continue;
    const owner: ResourceRef = { address: e.key, type: 'Output', loc: spanOf(e.keyLoc, e.value.loc) };
    const raw = entry(e.value, 'Value')?.value;
    const value = raw ? resolver.value(raw, literalString(entry(e.value, 'Condition')?.value)) : undefined;
    textValue({ model }, owner, `Outputs/${e.key}/Value`, value);
    for (const key of exposedKeys(value, info.resources)) model.secretExposures.push({ owner, key, via: 'output', loc: value?.loc ?? owner.loc });
  }
}

function noteTransforms(model: IamModel, root: LocatedObject, resolver: Resolver): void {
  const t = entry(root, 'Transform')?.value;
  if (!t) return;
  const v = resolver.value(t);
  const names = !v ? [] : v.kind === 'array' ? v.items : [v];
  for (const n of names) {
    const name = n.kind === 'scalar' ? String(n.value) : n.kind === 'object' ? literalString(entry(n, 'Name')?.value) : undefined;
    if (name && KNOWN_TRANSFORMS.has(name)) continue;
    model.notes.push({ message: `the template uses the macro '${name ?? '?'}': what it generates is not linted`, loc: n.loc });
  }
}
