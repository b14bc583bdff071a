/**
 * Differential test of the YAML-subset reader against the `yaml` library on every YAML file of the bench corpus
 * (real CloudFormation, SAM and workflow files): where the subset reader answers, it must answer the same; where the
 * library accepts a file, the subset reader must not report an error (it hands over what it does not know).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { readStructured, SourceSyntaxError, toValue } from '../../src/engine/config-source.js';

const corpus = join(process.cwd(), '../shared/bench-corpus');
const files = existsSync(corpus)
  ? (readdirSync(corpus, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => /\.ya?ml$/.test(f)).sort()
  : [];

(files.length ? describe : describe.skip)('YAML subset reader on the bench corpus', () => {
  it(`agrees with the yaml library on ${files.length} files`, async () => {
    const disagreements: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(corpus, f), 'utf8');
      const doc = parseDocument(text, { uniqueKeys: true });
      // Tags (!Ref ...) make the library's value depend on custom tags; documents with errors or warnings are compared on errors only.
      const libOk = doc.errors.length === 0;
      let mine: unknown;
      let myError: string | undefined;
      try {
        mine = toValue((await readStructured(text, f)).root);
      } catch (e) {
        if (!(e instanceof SourceSyntaxError)) throw e;
        myError = e.message;
      }
      if (libOk && myError) disagreements.push(`${f}: subset reader error "${myError}" on a valid file`);
      if (libOk && !myError && doc.warnings.length === 0 && JSON.stringify(mine) !== JSON.stringify(doc.toJS())) disagreements.push(`${f}: different values`);
    }
    expect(disagreements).toEqual([]);
  }, 120_000);
});
