import { arnPatternMatches, isAllResources, lookupAction, resourcePatternFitsFormat } from '../../src/iam/index.js';

const OBJECT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
const BUCKET = 'arn:${Partition}:s3:::${BucketName}';
const TRAIL = 'arn:${Partition}:cloudtrail:${Region}:${Account}:trail/${TrailName}';
const ROLE = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}';

function fitsAction(pattern: string, action: string): boolean {
  const info = lookupAction(action);
  if (info === undefined) throw new Error(action);
  return info.resourceTypes.some((rt) => rt.arnFormats.some((f) => resourcePatternFitsFormat(pattern, f)));
}

describe('arnPatternMatches', () => {
  it('matches IAM resource globs case-sensitively', () => {
    expect(arnPatternMatches('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b')).toBe(true);
    expect(arnPatternMatches('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket')).toBe(false);
    expect(arnPatternMatches('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/a')).toBe(false);
    expect(arnPatternMatches('arn:aws:s3:::bucket?', 'arn:aws:s3:::bucket1')).toBe(true);
    expect(arnPatternMatches('arn:aws:s3:::bucket?', 'arn:aws:s3:::bucket')).toBe(false);
  });

  it('lets * cross colons', () => {
    expect(arnPatternMatches('arn:aws:*', 'arn:aws:iam::123456789012:role/x')).toBe(true);
    expect(arnPatternMatches('*', 'arn:aws:iam::123456789012:role/x')).toBe(true);
    expect(arnPatternMatches('arn:aws:iam::*:role/x', 'arn:aws:iam::123456789012:role/x')).toBe(true);
  });

  it('treats regex characters literally and handles policy variables', () => {
    expect(arnPatternMatches('arn:aws:s3:::a.b', 'arn:aws:s3:::axb')).toBe(false);
    expect(arnPatternMatches('arn:aws:s3:::home/${aws:username}/*', 'arn:aws:s3:::home/bob/file')).toBe(true);
    expect(arnPatternMatches('arn:aws:s3:::a${*}', 'arn:aws:s3:::a*')).toBe(true);
    expect(arnPatternMatches('arn:aws:s3:::a${*}', 'arn:aws:s3:::ab')).toBe(false);
  });
});

describe('resourcePatternFitsFormat', () => {
  it('separates bucket and object ARNs', () => {
    expect(resourcePatternFitsFormat('arn:aws:s3:::bucket', OBJECT)).toBe(false);
    expect(resourcePatternFitsFormat('arn:aws:s3:::bucket/*', OBJECT)).toBe(true);
    expect(resourcePatternFitsFormat('arn:aws:s3:::bucket', BUCKET)).toBe(true);
    expect(resourcePatternFitsFormat('arn:aws:s3:::bucket/*', BUCKET)).toBe(true); // '/' may be part of ${BucketName}
    expect(resourcePatternFitsFormat('arn:aws:s3:::bucket/', OBJECT)).toBe(false); // ${ObjectName} is non-empty
    expect(fitsAction('arn:aws:s3:::bucket', 's3:GetObject')).toBe(false);
    expect(fitsAction('arn:aws:s3:::bucket/*', 's3:GetObject')).toBe(true);
    expect(fitsAction('arn:aws:s3:::bucket', 's3:ListBucket')).toBe(true);
  });

  it('handles wildcards anywhere in the pattern', () => {
    expect(resourcePatternFitsFormat('*', OBJECT)).toBe(true);
    expect(resourcePatternFitsFormat('arn:*:cloudtrail:*:*:trail/*', TRAIL)).toBe(true);
    expect(resourcePatternFitsFormat('arn:aws:cloudtrail:us-east-1:123456789012:trail/main', TRAIL)).toBe(true);
    expect(resourcePatternFitsFormat('arn:aws:cloudtrail:us-east-1:123456789012:trail/', TRAIL)).toBe(false);
    expect(resourcePatternFitsFormat('arn:aws:s3:::*', TRAIL)).toBe(false);
    expect(resourcePatternFitsFormat('arn:aws:*', TRAIL)).toBe(true);
    expect(resourcePatternFitsFormat('arn:aws:cloud?rail:*', TRAIL)).toBe(true);
    expect(resourcePatternFitsFormat('arn:aws:iam::*:role/*', ROLE)).toBe(true);
    expect(resourcePatternFitsFormat('arn:aws:iam::123456789012:user/x', ROLE)).toBe(false);
  });

  it('keeps ${Partition}, ${Region} and ${Account} inside one ARN field', () => {
    // The region field would have to contain ':' to match.
    expect(resourcePatternFitsFormat('arn:aws:cloudtrail:a:b:c:123:trail/x', TRAIL)).toBe(false);
    expect(resourcePatternFitsFormat('arn::s3:::bucket', BUCKET)).toBe(false); // partition is non-empty
    expect(resourcePatternFitsFormat('arn:aws:cloudtrail::123:trail/x', TRAIL)).toBe(true); // blank region tolerated
  });

  it('treats a literal * in a format as any text and accepts joined formats', () => {
    const endpoint = 'arn:${Partition}:dms:${Region}:${Account}:endpoint:*';
    expect(resourcePatternFitsFormat('arn:aws:dms:us-east-1:1:endpoint:ABC', endpoint)).toBe(true);
    expect(resourcePatternFitsFormat('arn:aws:dms:us-east-1:1:task:ABC', endpoint)).toBe(false);
    const bot = 'arn:${Partition}:lex:${Region}:${Account}:bot/${BotId}, arn:${Partition}:lex:${Region}:${Account}:bot:${BotName}';
    expect(resourcePatternFitsFormat('arn:aws:lex:us-east-1:1:bot:Mine', bot)).toBe(true);
  });

  it('treats policy variables as unknown text', () => {
    expect(resourcePatternFitsFormat('arn:aws:s3:::home/${aws:username}', OBJECT)).toBe(true);
    expect(resourcePatternFitsFormat('arn:aws:s3:::${aws:username}', BUCKET)).toBe(true);
  });
});

describe('isAllResources', () => {
  it('recognises patterns matching every ARN', () => {
    for (const p of ['*', '**', 'arn:*', 'arn:aws:*', 'arn:aws-cn:*', 'arn:*:*:*:*:*', 'arn:aws:*:*:*:*', '*:*', 'arn:*:*', 'arn:aws-us-gov:*:*:*:*']) {
      expect([p, isAllResources(p)]).toEqual([p, true]);
    }
  });

  it('rejects narrower patterns', () => {
    for (const p of [
      'arn:aws:s3:::*',
      'arn:aws:iam::*:role/*',
      'arn:aws:*:*:123456789012:*',
      'arn:aws:*:us-east-1:*:*',
      'arn:aws:s3:::bucket',
      '*/*',
      'arn:*:*:*:*:*/*',
      'arn:aws:s3:::${aws:username}*',
      '${aws:username}',
      'arn:aws:*:*:*:?*x',
      'arn:*:*:*:*:*:*', // needs a ':' inside the resource part
      'arn:foo:*', // not a partition
    ]) {
      expect([p, isAllResources(p)]).toEqual([p, false]);
    }
  });
});
