// A minimal VS Code client for the iamlint language server (`iamlint lsp`, over stdio).
// Not built or tested in this repository; see README.md beside it.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function serverCommand() {
  const configured = vscode.workspace.getConfiguration('iamlint').get('path');
  if (configured) return { command: process.execPath, args: [configured, 'lsp'] };
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, 'node_modules', 'iamlint', 'bin', 'iamlint.js');
    if (existsSync(local)) return { command: process.execPath, args: [local, 'lsp'] };
  }
  return { command: 'iamlint', args: ['lsp'] };
}

async function activate(context) {
  const { command, args } = serverCommand();
  // `process.execPath` is VS Code's own Electron binary: make it behave as Node.
  const options = command === process.execPath ? { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } } : {};
  const serverOptions = { command, args, transport: TransportKind.stdio, options };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', pattern: '**/*.{tf,tfvars}' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'typescript' },
    ],
    initializationOptions: { debounceMs: vscode.workspace.getConfiguration('iamlint').get('debounceMs') },
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{tf,tfvars,json,yaml,yml,template}') },
  };
  client = new LanguageClient('iamlint', 'iamlint', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
