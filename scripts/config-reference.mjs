#!/usr/bin/env node
// Rewrites the configuration reference in README.md from schema/iamlint.schema.json (after `npm run build`).
//   node scripts/config-reference.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { configReference, withReference } = await import(pathToFileURL(join(root, 'dist/src/engine/config-reference.js')).href);
const schema = JSON.parse(readFileSync(join(root, 'schema/iamlint.schema.json'), 'utf8'));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const next = withReference(readme, configReference(schema));
if (next === readme) process.exit(0);
if (process.argv.includes('--check')) {
  console.error('config-reference: the README configuration reference is stale; run node scripts/config-reference.mjs');
  process.exit(1);
}
writeFileSync(join(root, 'README.md'), next);
console.error('config-reference: updated README.md');
