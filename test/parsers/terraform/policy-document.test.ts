/** `data "aws_iam_policy_document"`: lowering with HCL locations, merging, consumers and kinds. */
import type { Statement } from '../../../src/model/policy.js';
import { at, items, lint, model, show } from './helpers.js';

const brief = (st: Statement | undefined) => ({
  sid: show(st?.sid),
  effect: show(st?.effect),
  action: items(st?.action),
  resource: items(st?.resource),
});

describe('aws_iam_policy_document', () => {
  it('lowers statements to IAM JSON whose nodes carry the HCL locations', async () => {
    const m = await model({
      'main.tf': [
        'data "aws_iam_policy_document" "d" {', // 1
        '  statement {', // 2
        '    sid       = "Assume"', // 3
        '    actions   = ["sts:AssumeRole"]', // 4
        '    principals {', // 5
        '      type        = "AWS"', // 6
        '      identifiers = ["arn:aws:iam::111122223333:root"]', // 7
        '    }', // 8
        '    principals {', // 9
        '      type        = "AWS"', // 10
        '      identifiers = ["arn:aws:iam::444455556666:root"]', // 11
        '    }', // 12
        '    condition {', // 13
        '      test     = "StringEquals"', // 14
        '      variable = "sts:ExternalId"', // 15
        '      values   = ["a"]', // 16
        '    }', // 17
        '    condition {', // 18
        '      test     = "StringEquals"', // 19
        '      variable = "sts:ExternalId"', // 20
        '      values   = ["b"]', // 21
        '    }', // 22
        '  }', // 23
        '  statement {', // 24
        '    effect        = "Deny"', // 25
        '    not_actions   = ["iam:*"]', // 26
        '    not_resources = ["*"]', // 27
        '    not_principals {', // 28
        '      type        = "*"', // 29
        '      identifiers = ["*"]', // 30
        '    }', // 31
        '  }', // 32
        '}', // 33
      ].join('\n'),
    });
    const [doc] = m.documents;
    expect(doc?.owner.address).toBe('data.aws_iam_policy_document.d');
    // Consumed by nothing: the kind comes from the content (principals, and not only role assumption).
    expect(doc?.kind).toBe('resource');
    expect(doc?.kindInferred).toBe(true);
    expect(show(doc?.version)).toBe('2012-10-17');
    const [a, b] = doc?.statements ?? [];
    expect(at(a?.loc)).toBe('2:3-23:4');
    expect(brief(a)).toEqual({ sid: 'Assume', effect: 'Allow', action: ['sts:AssumeRole'], resource: [] });
    expect(at(a?.action?.attrLoc)).toBe('4:5-4:35');
    expect(at(a?.effect?.loc)).toBe('2:3-2:12');
    expect(a?.principal?.entries.map((e) => [e.type, show(e.value)])).toEqual([
      ['AWS', 'arn:aws:iam::111122223333:root'],
      ['AWS', 'arn:aws:iam::444455556666:root'],
    ]);
    expect(a?.conditions.map((c) => [c.operator, c.key, items(c.values)])).toEqual([['StringEquals', 'sts:ExternalId', ['a', 'b']]]);
    expect(b?.notPrincipal?.entries.map((e) => [e.type, show(e.value)])).toEqual([['*', '*']]);
    expect(items(b?.notAction)).toEqual(['iam:*']);
    expect(items(b?.notResource)).toEqual(['*']);
  });

  it('expands dynamic statements and merges source and override documents by Sid', async () => {
    const m = await model({
      'main.tf': [
        'data "aws_iam_policy_document" "base" {',
        '  statement {',
        '    sid       = "Read"',
        '    actions   = ["s3:GetObject"]',
        '    resources = ["*"]',
        '  }',
        '  statement {',
        '    sid       = "Keep"',
        '    actions   = ["s3:ListBucket"]',
        '    resources = ["*"]',
        '  }',
        '}',
        'data "aws_iam_policy_document" "main" {',
        '  source_policy_documents   = [data.aws_iam_policy_document.base.json]',
        '  override_policy_documents = [jsonencode({ Statement = [{ Sid = "Keep", Effect = "Deny", Action = "s3:*", Resource = "*" }] })]',
        '  statement {',
        '    sid       = "Read"',
        '    actions   = ["s3:GetObjectVersion"]',
        '    resources = ["arn:aws:s3:::b/*"]',
        '  }',
        '  dynamic "statement" {',
        '    for_each = { logs = "arn:aws:s3:::logs", data = "arn:aws:s3:::data" }',
        '    iterator = b',
        '    content {',
        '      sid       = "Put${b.key}"',
        '      actions   = ["s3:PutObject"]',
        '      resources = ["${b.value}/*"]',
        '    }',
        '  }',
        '}',
        'resource "aws_iam_policy" "p" {',
        '  policy = data.aws_iam_policy_document.main.json',
        '}',
      ].join('\n'),
    });
    // `base` is only used as a source: it is linted through `main`, not on its own.
    expect(m.documents.map((d) => [d.owner.address, d.kind])).toEqual([['data.aws_iam_policy_document.main', 'identity']]);
    const sts = m.documents[0]?.statements ?? [];
    expect(sts.map(brief)).toEqual([
      { sid: 'Read', effect: 'Allow', action: ['s3:GetObjectVersion'], resource: ['arn:aws:s3:::b/*'] },
      { sid: 'Keep', effect: 'Deny', action: ['s3:*'], resource: ['*'] },
      { sid: 'Putlogs', effect: 'Allow', action: ['s3:PutObject'], resource: ['arn:aws:s3:::logs/*'] },
      { sid: 'Putdata', effect: 'Allow', action: ['s3:PutObject'], resource: ['arn:aws:s3:::data/*'] },
    ]);
    // The override statement keeps the position of the jsonencode() it was written in.
    expect(at(sts[1]?.loc)).toBe('15:58-15:124');
  });

  it('makes one document per way it is consumed, shared by the consumers of that kind', async () => {
    const m = await model({
      'main.tf': [
        'data "aws_iam_policy_document" "d" {',
        '  statement {',
        '    actions = ["sts:AssumeRole"]',
        '    principals {',
        '      type        = "Service"',
        '      identifiers = ["ec2.amazonaws.com"]',
        '    }',
        '  }',
        '}',
        'resource "aws_iam_role" "a" {',
        '  name               = "a"',
        '  assume_role_policy = data.aws_iam_policy_document.d.json',
        '}',
        'resource "aws_iam_role" "b" {',
        '  name               = "b"',
        '  assume_role_policy = data.aws_iam_policy_document.d.json',
        '}',
        'resource "aws_s3_bucket_policy" "p" {',
        '  bucket = "x"',
        '  policy = data.aws_iam_policy_document.d.json',
        '}',
      ].join('\n'),
    });
    expect(m.documents.map((d) => [d.kind, d.consumers.map((c) => c.address)])).toEqual([
      ['trust', ['aws_iam_role.a', 'aws_iam_role.b']],
      ['resource', ['aws_s3_bucket_policy.p']],
    ]);
    const [a, b] = m.identities;
    expect(a?.trust).toBe(m.documents[0]);
    expect(b?.trust).toBe(m.documents[0]);
    expect(new Set(m.documents.map((d) => d.id)).size).toBe(2);
  });

  it('reports findings where the statement is written, with the consumers as related locations', async () => {
    const findings = await lint({
      'main.tf': [
        'data "aws_iam_policy_document" "admin" {',
        '  statement {',
        '    actions   = ["*"]',
        '    resources = ["*"]',
        '  }',
        '}',
        'resource "aws_iam_policy" "admin" {',
        '  name   = "admin"',
        '  policy = data.aws_iam_policy_document.admin.json',
        '}',
      ].join('\n'),
    });
    const f = findings.find((x) => x.ruleId === 'admin-access');
    expect(f).toMatchObject({ resource: 'data.aws_iam_policy_document.admin', file: 'main.tf', line: 3, endLine: 3 });
    expect(f?.related?.map((r) => [r.message, r.line])).toEqual([['used by aws_iam_policy.admin', 7]]);
  });

  it('shares one document among instances that lowered to the same statements', async () => {
    const m = await model({
      'main.tf': [
        'data "aws_iam_policy_document" "d" {',
        '  count = 2',
        '  statement {',
        '    actions   = ["s3:GetObject"]',
        '    resources = ["*"]',
        '  }',
        '}',
        'resource "aws_iam_policy" "p" {',
        '  count  = 2',
        '  name   = "p${count.index}"',
        '  policy = data.aws_iam_policy_document.d[count.index].json',
        '}',
      ].join('\n'),
    });
    expect(m.documents.map((d) => [d.owner.address, d.path.join('/'), d.consumers.map((c) => c.address)])).toEqual([['data.aws_iam_policy_document.d', '[0]', ['aws_iam_policy.p']]]);
    expect(m.policies.map((p) => [show(p.name), p.document === m.documents[0]])).toEqual([
      ['p0', true],
      ['p1', true],
    ]);
  });

  it('follows placeholders the consumer replaces in the JSON of a document', async () => {
    const m = await model({
      'main.tf': [
        'data "aws_iam_policy_document" "d" {',
        '  statement {',
        '    actions   = ["s3:GetObject"]',
        '    resources = ["_BUCKET_ARN_/*"]',
        '  }',
        '}',
        'resource "aws_s3_bucket_policy" "p" {',
        '  bucket = "b"',
        '  policy = replace(data.aws_iam_policy_document.d.json, "_BUCKET_ARN_", aws_s3_bucket.b.arn)',
        '}',
      ].join('\n'),
    });
    expect(m.documents.map((d) => [d.owner.address, d.kind, d.consumers.map((c) => c.address), items(d.statements[0]?.resource)])).toEqual([
      ['data.aws_iam_policy_document.d', 'resource', ['aws_s3_bucket_policy.p'], ['${aws_s3_bucket.b.arn}/*']],
    ]);
    expect(at(m.documents[0]?.statements[0]?.resource?.items[0]?.loc)).toBe('4:18-4:34');
  });
});
