/**
 * A CDK cloud assembly (`cdk.out`): the manifest's `aws:cloudformation:stack` artifacts name their templates,
 * `cdk:cloud-assembly` artifacts name nested stage assemblies, and `*.nested.template.json` files are nested
 * stacks. All of it is one deployment unit. Templates are read from the files handed over only, and a manifest
 * entry that points outside the assembly folder or at a missing file is a parse problem, never a read.
 * `asset.*` folders and `tree.json` are not read; every resource's `aws:cdk:path` becomes its construct path.
 */
import { posix } from 'node:path';
import type { SourceFile } from '../../../src/engine/source.js';
import { entry, type Located } from '../../../src/model/located.js';
import type { Location } from '../../../src/model/location.js';
import { emptyModel, type IamModel } from '../../../src/model/model.js';
import { parseTemplateInto } from '../../cloudformation/index.js';
import { parseLocatedJson } from '../../shared/json.js';
import { dirOf, isAssemblyManifest, isInside } from './group.js';

const MAX_ASSEMBLY_DEPTH = 16;

/** The model of one assembly; `files` is one group from `groupAssemblies`. Null when there is no manifest. */
export function parseAssembly(files: SourceFile[]): IamModel | null {
  const manifests = files.filter(isAssemblyManifest).sort((a, b) => a.rel.split('/').length - b.rel.split('/').length);
  const top = manifests[0];
  if (!top) return null;
  const rootDir = dirOf(top.rel);
  const byRel = new Map(files.map((f) => [f.rel, f]));
  const model = emptyModel({ kind: 'cdk-assembly', id: rootDir || '.', files: [] });
  const read = new Set<string>();
  const visitedManifests = new Set<string>();

  const problem = (message: string, loc: Location): void => {
    model.parseProblems.push({ message, loc });
  };
  const template = (file: SourceFile): void => {
    if (read.has(file.rel)) return;
    read.add(file.rel);
    model.unit.files.push(file.rel);
    parseTemplateInto(model, file, { force: true });
  };
  /** A path from a manifest, relative to its folder, kept inside the assembly. */
  const inside = (fromDir: string, p: string, loc: Location): string | undefined => {
    const normalized = posix.normalize(posix.join(fromDir, p.replace(/\\/g, '/')));
    if (posix.isAbsolute(p) || /^[A-Za-z]:/.test(p) || !(rootDir === '' ? isInside(normalized, '') : isInside(normalized, rootDir))) {
      problem(`'${p}' points outside the cloud assembly folder; it was not read`, loc);
      return undefined;
    }
    return normalized;
  };

  const readManifest = (file: SourceFile, depth: number): void => {
    if (visitedManifests.has(file.rel)) return;
    visitedManifests.add(file.rel);
    model.unit.files.push(file.rel);
    const parsed = parseLocatedJson(file.text, file.rel);
    const first = parsed.errors[0];
    if (first || !parsed.value) {
      problem(`cloud assembly manifest: ${first?.message ?? 'empty'}`, first?.loc ?? { file: file.rel, line: 1, column: 1, endLine: 1, endColumn: 1 });
      return;
    }
    const root = parsed.value;
    const artifacts = root.kind === 'object' ? entry(root, 'artifacts')?.value : undefined;
    if (artifacts?.kind !== 'object') {
      problem("cloud assembly manifest has no 'artifacts' map", root.loc);
      return;
    }
    const dir = dirOf(file.rel);
    for (const a of artifacts.entries) {
      if (a.value.kind !== 'object') continue;
      const type = str(entry(a.value, 'type')?.value);
      const props = entry(a.value, 'properties')?.value;
      if (type === 'aws:cloudformation:stack') {
        // `aws://123456789012/us-east-1`: the account this stack deploys into (CDK writes it as a literal).
        const account = /^aws:\/\/(\d{12})\//.exec(str(entry(a.value, 'environment')?.value) ?? '')?.[1];
        if (account && !(model.unit.accounts ??= []).includes(account)) model.unit.accounts.push(account);
        const tf = props?.kind === 'object' ? entry(props, 'templateFile')?.value : undefined;
        const name = str(tf);
        if (name === undefined || !tf) {
          problem(`stack artifact '${a.key}' names no templateFile`, a.keyLoc);
          continue;
        }
        const rel = inside(dir, name, tf.loc);
        if (rel === undefined) continue;
        const f = byRel.get(rel);
        if (!f) problem(`template '${name}' of stack artifact '${a.key}' is missing from the cloud assembly`, tf.loc);
        else template(f);
      } else if (type === 'cdk:cloud-assembly') {
        const dn = props?.kind === 'object' ? entry(props, 'directoryName')?.value : undefined;
        const name = str(dn);
        if (name === undefined || !dn) {
          problem(`nested assembly artifact '${a.key}' names no directoryName`, a.keyLoc);
          continue;
        }
        const nestedDir = inside(dir, name, dn.loc);
        if (nestedDir === undefined) continue;
        const nested = byRel.get(nestedDir === '' || nestedDir === '.' ? 'manifest.json' : `${nestedDir}/manifest.json`);
        if (!nested) problem(`nested cloud assembly '${name}' has no manifest.json`, dn.loc);
        else if (depth >= MAX_ASSEMBLY_DEPTH) problem(`nested cloud assemblies deeper than ${MAX_ASSEMBLY_DEPTH} levels were not read`, dn.loc);
        else readManifest(nested, depth + 1);
      }
    }
  };

  readManifest(top, 0);
  // Nested stacks: their templates sit beside the parent's, named `*.nested.template.json`.
  for (const f of files) {
    if (!f.rel.endsWith('.nested.template.json') || read.has(f.rel)) continue;
    const rest = rootDir === '' ? f.rel : f.rel.slice(rootDir.length + 1);
    if (rest.split('/').some((seg) => seg.startsWith('asset.'))) continue;
    template(f);
  }
  return model;
}

function str(v: Located | undefined): string | undefined {
  return v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
}
