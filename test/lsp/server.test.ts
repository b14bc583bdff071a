import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { ALL_CHECKS } from '../../checks/index.js';
import { lintText } from '../../src/engine/lint.js';
import { toDiagnostic, toRange } from '../../src/lsp/diagnostics.js';
import { UnitLinter } from '../../src/lsp/unit-linter.js';
import { packageRoot } from '../../src/package-root.js';
import { fakeFormat } from '../cli/fake-format.js';
import { LspClient, type Message } from './lsp-client.js';

const ADMIN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
const CLEAN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);

const diagnosticsFor = (uri: string, version?: number) => (m: Message) =>
  m.method === 'textDocument/publishDiagnostics' &&
  (m.params as PublishDiagnosticsParams).uri === uri &&
  (version === undefined || (m.params as PublishDiagnosticsParams).version === version);

const sortDiagnostics = (ds: Diagnostic[]): Diagnostic[] =>
  [...ds].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || String(a.code).localeCompare(String(b.code)));

describe('iamlint lsp (end to end over stdio)', () => {
  let client: LspClient | undefined;
  afterEach(() => {
    if (client && client.child.exitCode === null) client.child.kill();
  });

  it('publishes diagnostics on open and change, with ranges from the findings, and clears them on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-lsp-'));
    // On disk the file is clean: the diagnostics must come from the unsaved buffer.
    writeFileSync(join(dir, 'admin.json'), CLEAN);
    const uri = pathToFileURL(join(dir, 'admin.json')).href;
    client = new LspClient(process.execPath, [join(packageRoot(), 'bin/iamlint.js'), 'lsp'], dir);

    const init = await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'w' }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
      initializationOptions: { debounceMs: 20 },
    });
    expect(init.result).toMatchObject({ capabilities: { textDocumentSync: { openClose: true, change: 2 } }, serverInfo: { name: 'iamlint' } });
    client.notify('initialized', {});

    const expected = (await lintText(ADMIN, 'admin.json', { root: dir, checks: ALL_CHECKS })).findings;
    expect(expected.length).toBeGreaterThan(0);

    let next = client.waitFor(diagnosticsFor(uri, 1));
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: ADMIN } });
    let published = (await next).params as PublishDiagnosticsParams;
    const got = sortDiagnostics(published.diagnostics);
    expect(got.map((d) => d.range)).toEqual(
      sortDiagnostics(expected.map((f) => toDiagnostic(f, dir, new Map()))).map((d) => d.range),
    );
    for (const f of expected) {
      // 0-based LSP positions from 1-based finding positions; the exclusive end column maps to the exclusive end character.
      expect(got).toContainEqual(
        expect.objectContaining({
          range: { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } },
          code: f.ruleId,
          source: 'iamlint',
        }),
      );
    }
    const admin = got.find((d) => d.code === 'admin-access')!;
    expect(admin.severity).toBe(1);
    expect(admin.codeDescription?.href).toBe('https://github.com/iamlint/iamlint/blob/main/checks/least-privilege/admin-access.md');
    expect(got.find((d) => d.code === 'wildcard-resource')?.severity).toBe(2);

    // Insert two lines at the top (incremental sync): every range moves down by two.
    next = client.waitFor(diagnosticsFor(uri, 2));
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n\n' }],
    });
    published = (await next).params as PublishDiagnosticsParams;
    expect(sortDiagnostics(published.diagnostics).map((d) => d.range)).toEqual(
      got.map((d) => ({ start: { ...d.range.start, line: d.range.start.line + 2 }, end: { ...d.range.end, line: d.range.end.line + 2 } })),
    );

    // Fix the buffer (full-text change): no diagnostics.
    next = client.waitFor(diagnosticsFor(uri, 3));
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: CLEAN }] });
    expect(((await next).params as PublishDiagnosticsParams).diagnostics).toEqual([]);

    // Break it again, then close: diagnostics are cleared.
    next = client.waitFor(diagnosticsFor(uri, 4));
    client.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: ADMIN }] });
    expect(((await next).params as PublishDiagnosticsParams).diagnostics.length).toBe(got.length);
    next = client.waitFor(diagnosticsFor(uri));
    client.notify('textDocument/didClose', { textDocument: { uri } });
    expect(((await next).params as PublishDiagnosticsParams).diagnostics).toEqual([]);

    const shutdown = await client.request('shutdown', null);
    expect(shutdown.error).toBeUndefined();
    client.notify('exit', null);
    expect(await client.exited()).toBe(0);
  }, 20_000);

  it('debounces a burst of changes into one lint of the latest text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-lsp-'));
    const uri = pathToFileURL(join(dir, 'p.json')).href;
    client = new LspClient(process.execPath, [join(packageRoot(), 'bin/iamlint.js'), 'lsp'], dir);
    await client.request('initialize', { processId: null, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: { debounceMs: 150 } });
    client.notify('initialized', {});
    const opened = client.waitFor(diagnosticsFor(uri, 1));
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: CLEAN } });
    await opened;
    const before = client.notifications.length;
    const last = client.waitFor(diagnosticsFor(uri, 6));
    for (let v = 2; v <= 6; v++) client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: v % 2 ? ADMIN : CLEAN }] });
    const published = (await last).params as PublishDiagnosticsParams;
    expect(published.diagnostics).toEqual([]);
    expect(client.notifications.slice(before).filter(diagnosticsFor(uri))).toHaveLength(1);

    // A buffer with no file yet is linted by its language; a file no format reads still gets an (empty) answer.
    const untitled = 'untitled:Untitled-1';
    const u = client.waitFor(diagnosticsFor(untitled, 1));
    client.notify('textDocument/didOpen', { textDocument: { uri: untitled, languageId: 'json', version: 1, text: ADMIN } });
    expect(((await u).params as PublishDiagnosticsParams).diagnostics.some((d) => d.code === 'admin-access')).toBe(true);
    const notes = pathToFileURL(join(dir, 'notes.md')).href;
    const n = client.waitFor(diagnosticsFor(notes, 1));
    client.notify('textDocument/didOpen', { textDocument: { uri: notes, languageId: 'markdown', version: 1, text: '# hi' } });
    expect(((await n).params as PublishDiagnosticsParams).diagnostics).toEqual([]);
  }, 20_000);
});

describe('LSP pieces', () => {
  it('converts 1-based spans with exclusive end columns to 0-based ranges', () => {
    expect(toRange({ line: 3, column: 5, endLine: 3, endColumn: 12 })).toEqual({ start: { line: 2, character: 4 }, end: { line: 2, character: 11 } });
    expect(toRange({ line: 1, column: 1, endLine: 1, endColumn: 1 })).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });

  it('maps severities and carries related information', () => {
    const base = { ruleId: 'r', message: 'm', messageId: 'x', file: 'a.json', line: 1, column: 1, endLine: 1, endColumn: 2, resource: 'a', resourceType: 't', path: '' };
    const sev = (severity: 'critical' | 'high' | 'medium' | 'low' | 'info') => toDiagnostic({ ...base, severity }, '/w', new Map()).severity;
    expect([sev('critical'), sev('high'), sev('medium'), sev('low'), sev('info')]).toEqual([1, 1, 2, 3, 4]);
    const d = toDiagnostic(
      { ...base, severity: 'high', related: [{ file: 'mod/main.tf', line: 4, column: 3, endLine: 6, endColumn: 2, message: 'module call' }] },
      '/w',
      new Map([['r', { id: 'r', category: 'validity' as const }]]),
    );
    expect(d.relatedInformation).toEqual([
      { location: { uri: 'file:///w/mod/main.tf', range: { start: { line: 3, character: 2 }, end: { line: 5, character: 1 } } }, message: 'module call' },
    ]);
    expect(d.codeDescription?.href).toMatch(/\/checks\/validity\/r\.md$/);
  });

  it('lints the unit around an open file from disk with open buffers laid over it, reporting for every open file of the unit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-unit-'));
    mkdirSync(join(dir, 'mod'));
    writeFileSync(join(dir, 'mod/main.fake'), 'USE a\n');
    writeFileSync(join(dir, 'mod/defs.fake'), 'DEFINE a\n');
    writeFileSync(join(dir, 'mod/other.fake'), 'USE b\n');
    const calls = { companions: [] as string[], units: [] as string[][] };
    const linter = new UnitLinter(ALL_CHECKS, [fakeFormat(calls)]);
    const main = join(dir, 'mod/main.fake');
    const defs = join(dir, 'mod/defs.fake');
    const other = join(dir, 'mod/other.fake');

    // Saved state: nothing wrong in main.fake.
    let r = await linter.lint(main, dir, new Map([[main, 'USE a\n']]));
    expect(r.byFile.get(main)).toEqual([]);
    expect([...r.byFile.keys()]).toEqual([main]); // other.fake is not open: not reported
    expect(r.unitFiles).toEqual(new Set([main, defs, other]));

    // defs.fake is open and its buffer no longer defines "a": main.fake breaks, and defs.fake is answered too.
    r = await linter.lint(main, dir, new Map([[main, 'USE a\n'], [defs, 'DEFINE b\n']]));
    expect(r.byFile.get(main)?.map((f) => f.line)).toEqual([1]);
    expect(r.byFile.get(defs)).toEqual([]);
    expect(calls.units.at(-1)).toEqual(['mod/defs.fake', 'mod/main.fake', 'mod/other.fake']);
    expect(linter.handles(join(dir, 'README.md'), dir)).toBe(false);
  });

  it('applies the nearest configuration file, re-reads it when it changes, and falls back to the defaults when it is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-lsp-config-'));
    const policy = join(dir, 'policy.json');
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);
    writeFileSync(policy, text);
    const linter = new UnitLinter(ALL_CHECKS);
    const rules = async (): Promise<string[]> => (await linter.lint(policy, dir, new Map([[policy, text]]))).byFile.get(policy)?.map((f) => `${f.ruleId}:${f.severity}`) ?? [];

    expect(await rules()).toEqual(['wildcard-action:high']);
    writeFileSync(join(dir, '.iamlint.yml'), 'rules:\n  wildcard-action: low\n');
    expect(await rules()).toEqual(['wildcard-action:low']);
    writeFileSync(join(dir, '.iamlint.yml'), 'rules:\n  wildcard-action: off\n  # a longer file, so the change is seen even within one mtime tick\n');
    expect(await rules()).toEqual([]);
    writeFileSync(join(dir, '.iamlint.yml'), 'rulez: {}\n');
    const broken = await linter.lint(policy, dir, new Map([[policy, text]]));
    expect(broken.configError).toMatch(/rulez/);
    expect(broken.byFile.get(policy)?.map((f) => f.ruleId)).toEqual(['wildcard-action']);
  });
});
