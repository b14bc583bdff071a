/**
 * Finds CDK cloud assemblies among discovered files: a folder whose `manifest.json` lists artifacts. Everything
 * under the outermost such folder (nested stage assemblies, nested stack templates, asset folders, tree.json)
 * belongs to that one deployment unit, so the plain CloudFormation format does not take its templates again.
 * Synchronous and light: the engine calls it before any parser is loaded.
 */
import type { SourceFile } from '../../../src/engine/source.js';

export const ASSEMBLY_EXTENSIONS = /\.(json|ya?ml|template)$/i;

export function isAssemblyManifest(f: SourceFile): boolean {
  if (f.rel !== 'manifest.json' && !f.rel.endsWith('/manifest.json')) return false;
  // Browser extension manifests have "version" too; only a cloud assembly lists "artifacts".
  return /"artifacts"\s*:/.test(f.text) && /"version"\s*:/.test(f.text) && !/"manifest_version"\s*:/.test(f.text);
}

export function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}

/** Whether `rel` lies inside folder `dir` ('' is the lint root: anything not reached through '..'). */
export function isInside(rel: string, dir: string): boolean {
  if (dir === '') return !rel.startsWith('../') && rel !== '..' && !rel.startsWith('/') && !/^[A-Za-z]:/.test(rel);
  return rel.startsWith(dir + '/');
}

export function groupAssemblies(files: SourceFile[]): SourceFile[][] {
  const manifests = files.filter(isAssemblyManifest).sort((a, b) => a.rel.split('/').length - b.rel.split('/').length);
  const roots: string[] = [];
  for (const m of manifests) {
    const dir = dirOf(m.rel);
    if (!roots.some((r) => isInside(m.rel, r))) roots.push(dir);
  }
  return roots.map((root) => files.filter((f) => isInside(f.rel, root)));
}
