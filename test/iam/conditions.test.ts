import {
  conditionValueValid,
  isGlobalConditionKeyPrefix,
  isSingleValuedConditionKey,
  lookupAction,
  lookupConditionKey,
  parseConditionOperator,
} from '../../src/iam/index.js';

describe('parseConditionOperator', () => {
  it('parses plain operators', () => {
    expect(parseConditionOperator('StringEquals')).toEqual({
      base: 'StringEquals',
      type: 'String',
      ifExists: false,
      negated: false,
      wildcards: false,
    });
    expect(parseConditionOperator('NotIpAddress')).toMatchObject({ base: 'NotIpAddress', type: 'IpAddress', negated: true });
    expect(parseConditionOperator('ArnEquals')).toMatchObject({ type: 'Arn', wildcards: true });
    expect(parseConditionOperator('Bool')).toMatchObject({ type: 'Bool' });
    expect(parseConditionOperator('BinaryEquals')).toMatchObject({ type: 'Binary' });
    expect(parseConditionOperator('DateGreaterThan')).toMatchObject({ type: 'Date' });
    expect(parseConditionOperator('NumericLessThanEquals')).toMatchObject({ type: 'Numeric' });
  });

  it('handles IfExists and set operators', () => {
    expect(parseConditionOperator('StringEqualsIfExists')).toMatchObject({ base: 'StringEquals', ifExists: true });
    expect(parseConditionOperator('ForAllValues:StringLike')).toEqual({
      base: 'StringLike',
      type: 'String',
      ifExists: false,
      setOperator: 'ForAllValues',
      negated: false,
      wildcards: true,
    });
    expect(parseConditionOperator('ForAnyValue:StringNotEqualsIfExists')).toMatchObject({
      base: 'StringNotEquals',
      setOperator: 'ForAnyValue',
      ifExists: true,
      negated: true,
    });
  });

  it('accepts Null but not NullIfExists', () => {
    expect(parseConditionOperator('Null')).toMatchObject({ base: 'Null', type: 'Null', ifExists: false });
    expect(parseConditionOperator('NullIfExists')).toBeUndefined();
  });

  it('ignores case but returns the canonical name', () => {
    expect(parseConditionOperator('stringequalsifexists')).toMatchObject({ base: 'StringEquals', ifExists: true });
    expect(parseConditionOperator('forallvalues:arnlike')).toMatchObject({ base: 'ArnLike', setOperator: 'ForAllValues' });
  });

  it('rejects unknown operators', () => {
    for (const bad of ['bad', '', 'StringEqual', 'ForSomeValues:StringEquals', 'StringEqualsIfExistsIfExists', 'ForAllValues:', 'IfExists']) {
      expect([bad, parseConditionOperator(bad)]).toEqual([bad, undefined]);
    }
  });
});

describe('conditionValueValid', () => {
  it('checks IP addresses and CIDRs', () => {
    for (const ok of ['203.0.113.0/24', '10.0.0.1', '2001:db8::/32', '::1', '0.0.0.0/0']) {
      expect([ok, conditionValueValid('IpAddress', ok)]).toEqual([ok, true]);
    }
    for (const bad of ['10.0.0.256', '10.0.0.0/33', 'localhost', '2001:db8::/129', '10.0.0.0/', 42]) {
      expect([bad, conditionValueValid('IpAddress', bad)]).toEqual([bad, false]);
    }
  });

  it('checks dates', () => {
    for (const ok of ['2025-01-31', '2025-01-31T12:00:00Z', '2025-01-31T12:00:00.123+02:00', '2025-01-31T12:00Z', '1735689600', 1735689600]) {
      expect([ok, conditionValueValid('Date', ok)]).toEqual([ok, true]);
    }
    for (const bad of ['tomorrow', '2025-13-01', '2025-01-32', '2025-01-31T25:00:00Z', '31/01/2025']) {
      expect([bad, conditionValueValid('Date', bad)]).toEqual([bad, false]);
    }
  });

  it('checks booleans, numbers and ARNs', () => {
    expect(conditionValueValid('Bool', 'true')).toBe(true);
    expect(conditionValueValid('Bool', 'FALSE')).toBe(true);
    expect(conditionValueValid('Bool', false)).toBe(true);
    expect(conditionValueValid('Bool', 'yes')).toBe(false);
    expect(conditionValueValid('Bool', 1)).toBe(false);
    expect(conditionValueValid('Null', 'true')).toBe(true);
    expect(conditionValueValid('Null', 'x')).toBe(false);
    expect(conditionValueValid('Numeric', '10')).toBe(true);
    expect(conditionValueValid('Numeric', '-1.5')).toBe(true);
    expect(conditionValueValid('Numeric', 3)).toBe(true);
    expect(conditionValueValid('Numeric', 'ten')).toBe(false);
    expect(conditionValueValid('Numeric', true)).toBe(false);
    expect(conditionValueValid('Arn', 'arn:aws:iam::123456789012:role/x')).toBe(true);
    expect(conditionValueValid('Arn', '*')).toBe(true);
    expect(conditionValueValid('Arn', 'role/x')).toBe(false);
    expect(conditionValueValid('String', 'anything')).toBe(true);
    expect(conditionValueValid('Binary', 'QmluYXJ5')).toBe(true);
  });

  it('accepts policy variables everywhere', () => {
    expect(conditionValueValid('IpAddress', '${aws:SourceIp}')).toBe(true);
    expect(conditionValueValid('Arn', '${aws:PrincipalArn}')).toBe(true);
    expect(conditionValueValid('Date', '${aws:CurrentTime}')).toBe(true);
  });
});

describe('lookupConditionKey', () => {
  it('finds global keys', () => {
    expect(lookupConditionKey('aws:SourceIp')).toEqual({ key: 'aws:SourceIp', type: 'IPAddress', scope: 'global' });
    expect(lookupConditionKey('AWS:sourceip')).toMatchObject({ key: 'aws:SourceIp', scope: 'global' });
    expect(lookupConditionKey('aws:PrincipalOrgID')).toMatchObject({ type: 'String', scope: 'global' });
  });

  it('finds global keys with a variable part', () => {
    expect(lookupConditionKey('aws:PrincipalTag/team')).toEqual({ key: 'aws:PrincipalTag/${TagKey}', scope: 'global', type: 'String' });
    expect(lookupConditionKey('aws:RequestTag/Env')).toMatchObject({ key: 'aws:RequestTag/${TagKey}', scope: 'global' });
    // The same spelling as the action data, so callers can compare.
    expect(lookupAction('ec2:RunInstances')?.conditionKeys).toContain(lookupConditionKey('aws:RequestTag/Env')?.key);
    expect(lookupConditionKey('aws:ResourceTag/Env')).toMatchObject({ scope: 'global' });
    expect(lookupConditionKey('aws:PrincipalTag/')).toBeUndefined();
  });

  it('finds service keys, including keys with a variable part', () => {
    expect(lookupConditionKey('s3:prefix')).toMatchObject({ key: 's3:prefix', scope: 'service', type: 'String' });
    expect(lookupConditionKey('iam:PassedToService')).toMatchObject({ scope: 'service' });
    expect(lookupConditionKey('s3:ExistingObjectTag/x')).toMatchObject({ key: 's3:ExistingObjectTag/<key>', scope: 'service' });
    expect(lookupConditionKey('ec2:ResourceTag/Name')).toMatchObject({ key: 'ec2:ResourceTag/${TagKey}', scope: 'service' });
    expect(lookupConditionKey('kms:EncryptionContext:aws:s3:arn')).toMatchObject({ scope: 'service' });
  });

  it('finds federation keys held by sts', () => {
    expect(lookupConditionKey('token.actions.githubusercontent.com:sub')).toMatchObject({ scope: 'service' });
    expect(lookupConditionKey('token.actions.githubusercontent.com:aud')).toMatchObject({ type: 'String' });
    expect(lookupConditionKey('token.actions.githubusercontent.com:repository')).toMatchObject({ scope: 'service' });
    expect(lookupConditionKey('oidc.eks.us-east-1.amazonaws.com/id/ABC123:sub')).toMatchObject({ scope: 'service' });
    expect(lookupConditionKey('accounts.google.com:oaud')).toMatchObject({ key: 'accounts.google.com:oaud' });
    expect(lookupConditionKey('saml:aud')).toMatchObject({ scope: 'service' });
    expect(lookupConditionKey('token.actions.githubusercontent.com:nonsense')).toBeUndefined();
    expect(lookupConditionKey('token.actions.acme.ghe.com:repository')).toMatchObject({
      key: 'token.actions.${Domain}.ghe.com:repository',
    });
  });

  it('returns undefined for unknown keys', () => {
    expect(lookupConditionKey('bad')).toBeUndefined();
    expect(lookupConditionKey('aws:NotAKey')).toBeUndefined();
    expect(lookupConditionKey('s3:NotAKey')).toBeUndefined();
    expect(lookupConditionKey('nosuch:key')).toBeUndefined();
  });

  it('recognises the global prefix', () => {
    expect(isGlobalConditionKeyPrefix('aws:SourceIp')).toBe(true);
    expect(isGlobalConditionKeyPrefix('AWS:x')).toBe(true);
    expect(isGlobalConditionKeyPrefix('s3:prefix')).toBe(false);
  });
});

describe('isSingleValuedConditionKey', () => {
  it('distinguishes single- and multi-valued keys', () => {
    expect(isSingleValuedConditionKey('aws:PrincipalOrgID')).toBe(true);
    expect(isSingleValuedConditionKey('aws:SourceAccount')).toBe(true);
    expect(isSingleValuedConditionKey('aws:PrincipalTag/team')).toBe(true);
    expect(isSingleValuedConditionKey('aws:TagKeys')).toBe(false);
    expect(isSingleValuedConditionKey('aws:PrincipalOrgPaths')).toBe(false);
    expect(isSingleValuedConditionKey('aws:NotAKey')).toBe(false);
  });
});
