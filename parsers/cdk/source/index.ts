/**
 * CDK apps written in TypeScript, read without running them. A unit is an app folder (its `cdk.json` and `.ts`
 * sources) or a single `.ts` file that imports `aws-cdk-lib`; files that mention neither `aws-cdk-lib` nor
 * `constructs` are declined before anything is parsed.
 *
 * Resource addresses are construct paths, as CDK names them: `Api/OrdersHandler` for `new lambda.Function(this,
 * 'OrdersHandler')` in the stack `new ApiStack(app, 'Api')`, `Prod/Api/OrdersHandler` inside the stage `Prod`;
 * resources CDK creates implicitly are named as CDK names them (`Api/OrdersHandler/ServiceRole`,
 * `Ci/DeployRole/DefaultPolicy`, `Shared/ReportsBucket/Policy`). A class the app's entry point does not reach is
 * evaluated on its own, and its constructs are named under the class name (`ServiceRole/Role`). Each resource's
 * `constructPath` is the `aws:cdk:path` of what it synthesizes (`Api/OrdersHandler/ServiceRole/Resource`).
 */
import { posix } from 'node:path';
import type { SourceFile } from '../../../src/engine/source.js';
import { emptyModel, type IamModel } from '../../../src/model/model.js';
import { emitModel } from './emit.js';
import { Interp } from './evaluate.js';
import { dirOf, isAppSource, isCdkJson, isTypeScriptSource, mentionsCdk, outputDirOf } from './group.js';

const APP_CREATION = /new\s+(?:[\w$]+\.)*App\s*\(/;

/** The model of one unit from `groupCdkSources`; null when none of its files is CDK code. */
export function parseCdkSource(files: SourceFile[]): IamModel | null {
  const cdkJson = files.find((f) => isCdkJson(f.rel));
  const firstTs = files.find((f) => isTypeScriptSource(f.rel));
  if (!firstTs) return null;
  const appDir = cdkJson ? dirOf(cdkJson.rel) : dirOf(firstTs.rel);
  const outDir = cdkJson ? outputDirOf(cdkJson.text) : 'cdk.out';
  const sources = files.filter((f) => (cdkJson ? isAppSource(f.rel, appDir, outDir) : isTypeScriptSource(f.rel)));
  const candidates = sources.filter((f) => mentionsCdk(f.text));
  if (candidates.length === 0) return null;

  const model = emptyModel({ kind: 'cdk-source', id: appDir || '.', files: files.map((f) => f.rel) });
  const interp = new Interp(new Map(sources.map((f) => [f.rel, f])));
  const entries = entryPoints(cdkJson, appDir, sources, model);
  try {
    interp.run(entries, candidates.map((f) => f.rel));
    emitModel(model, interp);
  } catch (e) {
    // A bug here must not hide the rest of the run: it surfaces as a parse problem on the app.
    model.parseProblems.push({ message: `the CDK app could not be read completely: ${e instanceof Error ? e.message : String(e)}`, loc: { file: (cdkJson ?? firstTs).rel, line: 1, column: 1, endLine: 1, endColumn: 1 } });
  }
  model.parseProblems.push(...interp.problems);
  model.notes.push(...interp.notes);
  model.sourceMap = {
    root: appDir,
    outputs: [appDir ? `${appDir}/${outDir}` : outDir],
    sites: interp.nodes.filter((n) => n.kind !== 'app').map((n) => ({ path: n.path, loc: n.head, kind: n.kind })),
  };
  return model;
}

/** The app's entry files: the `.ts` file the `cdk.json` app command runs, else the files that create an `App`. */
function entryPoints(cdkJson: SourceFile | undefined, appDir: string, sources: SourceFile[], model: IamModel): string[] {
  const have = new Set(sources.map((s) => s.rel));
  if (cdkJson) {
    let app: unknown;
    try {
      app = (JSON.parse(cdkJson.text) as { app?: unknown }).app;
    } catch (e) {
      model.parseProblems.push({ message: `cdk.json is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, loc: { file: cdkJson.rel, line: 1, column: 1, endLine: 1, endColumn: 1 } });
    }
    if (typeof app === 'string') {
      for (const token of app.split(/\s+/)) {
        const m = /^['"]?([\w./@-]+)\.(ts|js)['"]?$/.exec(token);
        if (!m) continue;
        const rel = posix.normalize(posix.join(appDir, `${m[1] as string}.ts`));
        if (have.has(rel)) return [rel];
      }
    }
  }
  return sources.filter((s) => APP_CREATION.test(s.text)).map((s) => s.rel);
}
