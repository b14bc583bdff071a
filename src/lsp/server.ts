import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { ALL_CHECKS } from '../../checks/index.js';
import { findRepoRoot } from '../engine/repo-root.js';
import { packageVersion } from '../package-root.js';
import { toDiagnostic, type RuleDocs } from './diagnostics.js';
import { UnitLinter } from './unit-linter.js';

export interface ServerOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/** Settings a client may pass as `initializationOptions`. */
interface InitOptions {
  /** Quiet time after the last keystroke before linting (default 150 ms; 0 lints every change at once). */
  debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 150;

/** Extensions for buffers that have no file name yet (`untitled:`), by language id. */
const EXTENSION_BY_LANGUAGE: Record<string, string> = {
  json: '.json',
  jsonc: '.json',
  yaml: '.yaml',
  terraform: '.tf',
  'terraform-vars': '.tfvars',
  hcl: '.tf',
  typescript: '.ts',
};

/**
 * The language server (`iamlint lsp`): diagnostics on open, on change (debounced) and on save. The unit around an
 * open file (e.g. its Terraform folder) is read from disk with every open buffer laid over it; one lint serves all
 * open files of the unit. Parsers load once and stay loaded.
 */
export function startServer(opts: ServerOptions = {}): Promise<number> {
  // Standard output carries the protocol: nothing else may write there.
  console.log = console.info = console.warn = console.debug = (...args: unknown[]) => process.stderr.write(args.map(String).join(' ') + '\n');
  const connection = createConnection(opts.input ?? process.stdin, opts.output ?? process.stdout);
  serve(connection);
  connection.listen();
  return new Promise<number>((resolveExit) => connection.onExit(() => resolveExit(0)));
}

export function serve(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const linter = new UnitLinter(ALL_CHECKS);
  const rules: RuleDocs = new Map(ALL_CHECKS.map((c) => [c.meta.id, c.meta]));
  let roots: string[] = [];
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let watchFiles = false;
  const timers = new Map<string, NodeJS.Timeout>();
  /** Documents validated at least once: a first change is linted at once, later ones after the debounce. */
  const validated = new Set<string>();
  /** The files each document's unit read, to revalidate dependents when one is saved or closed. */
  const unitOf = new Map<string, Set<string>>();
  const reportedFailures = new Set<string>();
  const repoRoots = new Map<string, string>();
  const repoRootOf = (dir: string): string => {
    let r = repoRoots.get(dir);
    if (r === undefined) repoRoots.set(dir, (r = findRepoRoot(dir) ?? dir));
    return r;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    const init = (params.initializationOptions ?? {}) as InitOptions;
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    watchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      },
      serverInfo: { name: 'iamlint', version: packageVersion() },
    };
  });

  connection.onInitialized(() => {
    if (watchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{tf,tf.json,tfvars,json,yaml,yml,template}' }],
      });
    }
    void warmUp(linter);
  });

  /** The file a document stands for and the root its paths are reported against. */
  const locate = (doc: TextDocument): { abs: string; root: string } => {
    let abs: string;
    if (doc.uri.startsWith('file:')) abs = fileURLToPath(doc.uri);
    else {
      const name = decodeURIComponent(doc.uri.replace(/^[a-z][\w+.-]*:/i, '').split('/').pop() || 'untitled').replace(/[\\/:]/g, '_');
      const ext = extname(name) ? '' : (EXTENSION_BY_LANGUAGE[doc.languageId] ?? '');
      // In a folder of its own that does not exist, so no file on disk joins its unit.
      abs = join(roots[0] ?? process.cwd(), '.iamlint-untitled', name + ext);
    }
    // The innermost workspace folder holding the file; else its repository; else its folder.
    const root =
      roots.filter((r) => abs === r || abs.startsWith(r.endsWith(sep) ? r : r + sep)).sort((a, b) => b.length - a.length)[0] ?? repoRootOf(dirname(abs));
    return { abs, root };
  };

  const publishEmpty = (uri: string, version?: number): void => {
    void connection.sendDiagnostics(version === undefined ? { uri, diagnostics: [] } : { uri, version, diagnostics: [] });
  };

  const validate = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) return;
    validated.add(uri);
    const { abs, root } = locate(doc);
    if (!linter.handles(abs, root)) {
      // No format reads this file (yet): answer every version anyway, so clients never wait.
      publishEmpty(uri, doc.version);
      return;
    }
    const overlay = new Map<string, string>();
    const open = new Map<string, { uri: string; version: number }>();
    for (const d of documents.all()) {
      const p = d.uri === uri ? abs : locate(d).abs;
      overlay.set(p, d.getText());
      open.set(p, { uri: d.uri, version: d.version });
    }
    let result;
    try {
      result = await linter.lint(abs, root, overlay);
    } catch (e) {
      connection.console.error(`iamlint: cannot lint ${abs}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return;
    }
    if (result.configError && !reportedFailures.has(result.configError)) {
      // Once per distinct problem: the lint goes on with the default rules meanwhile.
      reportedFailures.add(result.configError);
      void connection.window.showWarningMessage(`iamlint: configuration not applied: ${result.configError}`);
    }
    for (const f of result.failures) {
      const key = `${f.ruleId}\0${f.error}`;
      if (reportedFailures.has(key)) continue;
      reportedFailures.add(key);
      connection.console.error(`iamlint: internal error in rule ${f.ruleId} on ${f.unit}; other rules ran.\n${f.error}`);
    }
    unitOf.set(uri, result.unitFiles);
    for (const [p, findings] of result.byFile) {
      const target = open.get(p);
      if (!target) continue;
      const current = documents.get(target.uri);
      // A newer edit is on its way (or the document closed): its own validation will publish.
      if (!current || current.version !== target.version || (target.uri !== uri && timers.has(target.uri))) continue;
      void connection.sendDiagnostics({ uri: target.uri, version: target.version, diagnostics: findings.map((f) => toDiagnostic(f, root, rules)) });
    }
  };

  const schedule = (uri: string, delay: number): void => {
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
    if (delay <= 0) {
      void validate(uri);
      return;
    }
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void validate(uri);
      }, delay),
    );
  };

  /** Open documents (other than `except`) whose unit read `abs`. */
  const dependents = (abs: string, except: string): string[] =>
    [...unitOf].filter(([uri, files]) => uri !== except && files.has(abs) && documents.get(uri)).map(([uri]) => uri);

  documents.onDidChangeContent((e) => schedule(e.document.uri, validated.has(e.document.uri) ? debounceMs : 0));
  documents.onDidSave((e) => {
    schedule(e.document.uri, 0);
    for (const uri of dependents(locate(e.document).abs, e.document.uri)) schedule(uri, debounceMs);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
    validated.delete(uri);
    unitOf.delete(uri);
    publishEmpty(uri);
    // Its buffer no longer overlays the disk: files of the same unit see the saved text again.
    for (const other of dependents(locate(e.document).abs, uri)) schedule(other, debounceMs);
  });
  connection.onDidChangeWatchedFiles(() => {
    for (const d of documents.all()) schedule(d.uri, debounceMs);
  });

  documents.listen(connection);
}

/** Loads every parser once before the first real request, so the first diagnostics come as fast as later ones. */
async function warmUp(linter: UnitLinter): Promise<void> {
  const dir = join(tmpdir(), `iamlint-lsp-warmup-${process.pid}`);
  const samples: Record<string, string> = {
    'policy.json': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
    'main.tf': 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })\n}\n',
    'template.yaml':
      'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: s3:*\n            Resource: "*"\n',
  };
  for (const [name, text] of Object.entries(samples)) {
    const abs = resolve(dir, name);
    try {
      if (linter.handles(abs, dir)) await linter.lint(abs, dir, new Map([[abs, text]]));
    } catch {
      // a warm-up failure shows again, properly reported, on a real file
    }
  }
}
