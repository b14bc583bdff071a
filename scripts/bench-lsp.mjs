// Language-server latency benchmark (a script, not a test): starts `iamlint lsp` over stdio, opens a 500-line
// Terraform file, a 500-line CloudFormation template and a 500-line policy JSON file, edits each 100 times and
// reports p50/p95 from didChange to the publishDiagnostics of that version. Target: p95 <= 100 ms.
//   npm run bench:lsp [-- --edits N] [-- --debounce MS]
// The main run sets the server's debounce to 0 so the numbers measure the lint itself; a short run with the
// default 150 ms debounce shows what an editor sees after a keystroke.
// Formats iamlint does not read yet are still sent: they measure the server's round trip with no parse.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const EDITS = opt('edits', 100);
const DEBOUNCE = opt('debounce', 0);

// ---- inputs -------------------------------------------------------------------------------------------------
/** Pads with blocks until the text has `lines` lines; returns the text and the 0-based line of the edit marker. */
function build(head, block, tail, lines) {
  const out = [...head];
  for (let i = 0; ; i++) {
    const next = block(i);
    if (out.length + next.length + tail.length > lines) break;
    out.push(...next);
  }
  while (out.length + tail.length < lines) out.push(''); // whole blocks only; blank lines are valid in all three formats
  out.push(...tail);
  const marker = out.findIndex((l) => l.includes('EDIT_ME'));
  return { text: out.map((l) => l.replace('EDIT_ME', 's3:GetObject')).join('\n') + '\n', line: marker, col: out[marker].indexOf('EDIT_ME') };
}

const terraform = build(
  ['terraform {', '  required_version = ">= 1.5"', '}', '', 'variable "bucket" {', '  type = string', '}', ''],
  (i) =>
    i % 2
      ? [
          `data "aws_iam_policy_document" "doc${i}" {`,
          '  statement {',
          '    effect    = "Allow"',
          `    actions   = ["${i === 21 ? 'EDIT_ME' : 's3:GetObject'}", "s3:ListBucket"]`,
          `    resources = ["arn:aws:s3:::\${var.bucket}-${i}", "arn:aws:s3:::\${var.bucket}-${i}/*"]`,
          '  }',
          '}',
          '',
          `resource "aws_iam_policy" "doc${i}" {`,
          `  name   = "doc-${i}"`,
          `  policy = data.aws_iam_policy_document.doc${i}.json`,
          '}',
          '',
        ]
      : [
          `resource "aws_iam_role_policy" "inline${i}" {`,
          `  name = "inline-${i}"`,
          `  role = "role-${i}"`,
          '  policy = jsonencode({',
          '    Version = "2012-10-17"',
          '    Statement = [{',
          '      Effect   = "Allow"',
          `      Action   = ["dynamodb:GetItem", "dynamodb:Query"]`,
          `      Resource = "arn:aws:dynamodb:eu-west-1:123456789012:table/t${i}"`,
          '    }]',
          '  })',
          '}',
          '',
        ],
  [],
  500,
);

const cloudformation = build(
  ['AWSTemplateFormatVersion: "2010-09-09"', 'Description: bench', 'Parameters:', '  Bucket:', '    Type: String', 'Resources:'],
  (i) => [
    `  Policy${i}:`,
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    `      ManagedPolicyName: policy-${i}`,
    '      PolicyDocument:',
    '        Version: "2012-10-17"',
    '        Statement:',
    '          - Effect: Allow',
    '            Action:',
    `              - ${i === 20 ? 'EDIT_ME' : 's3:GetObject'}`,
    '              - s3:ListBucket',
    '            Resource:',
    `              - !Sub "arn:aws:s3:::\${Bucket}-${i}"`,
    `              - !Sub "arn:aws:s3:::\${Bucket}-${i}/*"`,
  ],
  [],
  500,
);

const policy = build(
  ['{', '  "Version": "2012-10-17",', '  "Statement": ['],
  (i) => [
    '    {',
    `      "Sid": "S${i}",`,
    '      "Effect": "Allow",',
    `      "Action": ["${i === 30 ? 'EDIT_ME' : 's3:GetObject'}", "s3:ListBucket"],`,
    `      "Resource": ["arn:aws:s3:::bucket-${i}", "arn:aws:s3:::bucket-${i}/*"]`,
    '    },',
  ],
  ['    { "Sid": "Last", "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:123456789012:q" }', '  ]', '}'],
  500,
);

// ---- a minimal LSP client -------------------------------------------------------------------------------------
function startServer(cwd) {
  const child = spawn(process.execPath, [join(root, 'bin/iamlint.js'), 'lsp'], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map();
  const listeners = new Set();
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
      if (buffer.length < end + 4 + len) return;
      const msg = JSON.parse(buffer.subarray(end + 4, end + 4 + len).toString('utf8'));
      buffer = buffer.subarray(end + 4 + len);
      const at = performance.now();
      if (msg.id !== undefined && !msg.method) {
        pending.get(msg.id)?.(msg);
        pending.delete(msg.id);
      } else if (msg.id !== undefined) send({ jsonrpc: '2.0', id: msg.id, result: null });
      else for (const l of [...listeners]) l(msg, at);
    }
  });
  const send = (msg) => {
    const body = Buffer.from(JSON.stringify(msg));
    child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  };
  return {
    child,
    request: (method, params) =>
      new Promise((res) => {
        const id = nextId++;
        pending.set(id, res);
        send({ jsonrpc: '2.0', id, method, params });
      }),
    notify: (method, params) => send({ jsonrpc: '2.0', method, params }),
    /** Resolves with the arrival time of the diagnostics for `uri` at `version`. */
    diagnostics: (uri, version) =>
      new Promise((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no diagnostics for ${uri} v${version}`)), 30_000);
        const l = (msg, at) => {
          if (msg.method === 'textDocument/publishDiagnostics' && msg.params.uri === uri && msg.params.version === version) {
            listeners.delete(l);
            clearTimeout(timer);
            res({ at, count: msg.params.diagnostics.length });
          }
        };
        listeners.add(l);
      }),
  };
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function run(debounceMs, edits, files) {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-bench-lsp-'));
  const server = startServer(dir);
  const t0 = performance.now();
  await server.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: { debounceMs } });
  const tInit = performance.now() - t0;
  server.notify('initialized', {});
  const rows = [];
  for (const [name, input] of files) {
    const abs = join(dir, name);
    writeFileSync(abs, input.text);
    const uri = pathToFileURL(abs).href;
    const languageId = name.endsWith('.tf') ? 'terraform' : name.endsWith('.json') ? 'json' : 'yaml';
    const open = server.diagnostics(uri, 1);
    const tOpen = performance.now();
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: input.text } });
    const first = await open;
    const times = [];
    let counts = new Set([first.count]);
    for (let v = 2; v < edits + 2; v++) {
      // Alternate the marked action between a specific action and a service wildcard, so findings come and go.
      const [from, to] = v % 2 ? ['s3:*', 's3:GetObject'] : ['s3:GetObject', 's3:*'];
      const got = server.diagnostics(uri, v);
      const start = performance.now();
      server.notify('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: input.line, character: input.col }, end: { line: input.line, character: input.col + from.length } }, text: to }],
      });
      const { at, count } = await got;
      times.push(at - start);
      counts.add(count);
    }
    rows.push({ name, open: first.at - tOpen, p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times), diagnostics: [...counts].sort((a, b) => a - b).join('/') });
  }
  await server.request('shutdown', null);
  server.notify('exit', null);
  await new Promise((r) => server.child.on('exit', r));
  rmSync(dir, { recursive: true, force: true });
  return { tInit, rows };
}

const files = [
  ['main.tf', terraform],
  ['template.yaml', cloudformation],
  ['policy.json', policy],
];
for (const [name, f] of files) if (f.text.split('\n').length - 1 !== 500) throw new Error(`${name}: ${f.text.split('\n').length - 1} lines`);

const print = (title, { tInit, rows }) => {
  console.log(`\n${title} (initialize answered in ${tInit.toFixed(0)} ms)`);
  console.log('file'.padEnd(16), 'lines'.padStart(6), 'open ms'.padStart(8), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'max ms'.padStart(8), '  diagnostics');
  for (const r of rows) {
    console.log(r.name.padEnd(16), '500'.padStart(6), r.open.toFixed(1).padStart(8), r.p50.toFixed(1).padStart(8), r.p95.toFixed(1).padStart(8), r.max.toFixed(1).padStart(8), `  ${r.diagnostics}`);
  }
};

const main = await run(DEBOUNCE, EDITS, files);
print(`didChange -> publishDiagnostics, ${EDITS} edits per file, debounce ${DEBOUNCE} ms`, main);
if (!argv.includes('--debounce')) {
  print('the same with the default 150 ms debounce, 10 edits per file (what an editor sees after the last keystroke)', await run(150, 10, files));
}
const worst = Math.max(...main.rows.map((r) => r.p95));
console.log(`\nworst p95 ${worst.toFixed(1)} ms: ${worst <= 100 ? 'within' : 'OVER'} the 100 ms target`);
