import {
  actionPatternMatches,
  actionsOfService,
  classifyAction,
  expandActionPattern,
  lookupAction,
  serviceDisplayName,
  serviceExists,
} from '../../src/iam/index.js';

describe('services', () => {
  it('knows service prefixes case-insensitively', () => {
    expect(serviceExists('s3')).toBe(true);
    expect(serviceExists('IAM')).toBe(true);
    expect(serviceExists('333')).toBe(false);
    expect(serviceDisplayName('s3')).toBe('Amazon S3');
  });
});

describe('lookupAction', () => {
  it('finds actions case-insensitively and returns the canonical name', () => {
    const info = lookupAction('S3:getobject');
    expect(info?.key).toBe('s3:GetObject');
    expect(info?.service).toBe('s3');
    expect(info?.name).toBe('GetObject');
    expect(info?.accessLevels).toEqual(['Read']);
  });

  it('returns undefined for unknown actions, services and wildcards', () => {
    expect(lookupAction('s3:GetObjekt')).toBeUndefined();
    expect(lookupAction('nosuch:GetObject')).toBeUndefined();
    expect(lookupAction('s3:Get*')).toBeUndefined();
    expect(lookupAction('GetObject')).toBeUndefined();
  });

  it('splits combined access levels', () => {
    expect(lookupAction('iam:PutRolePolicy')?.accessLevels).toEqual(['Permissions management', 'Write']);
    expect(lookupAction('iam:TagRole')?.accessLevels).toEqual(['Tagging', 'Write']);
    expect(lookupAction('iam:ListRoles')?.accessLevels).toEqual(['List']);
  });

  it('marks actions without resource-level scoping as wildcard-only', () => {
    for (const a of ['iam:ListVirtualMFADevices', 'ecr:GetAuthorizationToken', 'logs:CreateLogDelivery']) {
      expect(lookupAction(a)?.wildcardOnly).toBe(true);
    }
    expect(lookupAction('s3:GetObject')?.wildcardOnly).toBe(false);
    expect(lookupAction('iam:PassRole')?.wildcardOnly).toBe(false);
  });

  it('carries resource types with their ARN formats', () => {
    const getObject = lookupAction('s3:GetObject');
    const object = getObject?.resourceTypes.find((rt) => rt.name === 'object');
    expect(object?.arnFormats).toEqual(['arn:${Partition}:s3:::${BucketName}/${ObjectName}']);
    const passRole = lookupAction('iam:PassRole');
    expect(passRole?.resourceTypes).toEqual([
      { name: 'role', required: true, arnFormats: ['arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'], conditionKeys: [] },
    ]);
    expect(passRole?.conditionKeys).toContain('iam:PassedToService');
  });

  it('merges row condition keys into the action keys', () => {
    const run = lookupAction('ec2:RunInstances');
    expect(run?.conditionKeys).toContain('ec2:InstanceType');
    expect(run?.resourceTypes.find((rt) => rt.name === 'instance')?.conditionKeys).toContain('ec2:InstanceType');
  });

  it('splits resource types documenting several ARN formats', () => {
    const bot = lookupAction('lex:DeleteBot')?.resourceTypes.find((rt) => rt.name === 'bot');
    expect(bot?.arnFormats.length).toBe(2);
  });

  it('returns frozen shared objects', () => {
    const info = lookupAction('s3:GetObject');
    expect(info).toBe(lookupAction('s3:getObject'));
    expect(Object.isFrozen(info)).toBe(true);
  });
});

describe('actionsOfService', () => {
  it('lists every action of a service', () => {
    const iam = actionsOfService('IAM');
    expect(iam.length).toBeGreaterThan(100);
    expect(iam.map((a) => a.key)).toContain('iam:PassRole');
  });
  it('returns [] for unknown services', () => {
    expect(actionsOfService('nosuch')).toEqual([]);
  });
});

describe('expandActionPattern', () => {
  it('expands wildcards inside the action name', () => {
    const keys = expandActionPattern('iam:List*Tags').map((a) => a.key);
    expect(keys).toEqual(expect.arrayContaining(['iam:ListRoleTags', 'iam:ListUserTags', 'iam:ListPolicyTags']));
    expect(keys.every((k) => /^iam:List.*Tags$/.test(k))).toBe(true);
  });

  it('ignores case and supports ? and trailing/leading *', () => {
    expect(expandActionPattern('S3:getobjec?').map((a) => a.key)).toEqual(['s3:GetObject']);
    const objects = expandActionPattern('s3:*Object').map((a) => a.key);
    expect(objects).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject']));
    expect(expandActionPattern('iam:*').length).toBe(actionsOfService('iam').length);
  });

  it('expands wildcards in the service part over matching services', () => {
    const keys = expandActionPattern('s*:GetObject').map((a) => a.key);
    expect(keys).toEqual(expect.arrayContaining(['s3:GetObject', 's3-object-lambda:GetObject']));
    expect(keys.every((k) => k.startsWith('s'))).toBe(true);
  });

  it('expands * over all services', () => {
    const all = expandActionPattern('*');
    expect(all.length).toBeGreaterThan(15000);
    expect(all.map((a) => a.key)).toContain('ec2:RunInstances');
  });

  it('returns a known action without wildcards, [] when nothing matches', () => {
    expect(expandActionPattern('iam:passrole').map((a) => a.key)).toEqual(['iam:PassRole']);
    expect(expandActionPattern('iam:Nope*')).toEqual([]);
    expect(expandActionPattern('nosuch:*')).toEqual([]);
    expect(expandActionPattern('s3:Get:Object')).toEqual([]);
  });
});

describe('classifyAction', () => {
  it('accepts known actions and matching wildcards', () => {
    const ok = classifyAction('iam:List*Tags');
    expect(ok.kind).toBe('ok');
    if (ok.kind === 'ok') expect(ok.actions.map((a) => a.key)).toContain('iam:ListRoleTags');
    expect(classifyAction('iq:*').kind).toBe('ok');
    expect(classifyAction('S3:GetObject').kind).toBe('ok');
    expect(classifyAction('*').kind).toBe('ok');
  });

  it('reports typos as unknown-action', () => {
    expect(classifyAction('s3:GetObjekt')).toEqual({ kind: 'unknown-action', service: 's3' });
    expect(classifyAction('iam:Nope*')).toEqual({ kind: 'unknown-action', service: 'iam' });
  });

  it('reports unknown services', () => {
    expect(classifyAction('333:x')).toEqual({ kind: 'unknown-service', service: '333' });
    expect(classifyAction('zz*:Get*')).toEqual({ kind: 'unknown-service', service: 'zz*' });
  });

  it('reports malformed strings', () => {
    for (const bad of ['', 's3', 's3:', ':GetObject', 's3:Get:Object', 's3:Get Object', ' s3:GetObject', 'iam*']) {
      expect(classifyAction(bad)).toEqual({ kind: 'malformed' });
    }
  });

  it('accepts service wildcards', () => {
    const result = classifyAction('s*:Get*');
    expect(result.kind).toBe('ok');
  });
});

describe('actionPatternMatches', () => {
  it('matches IAM globs case-insensitively', () => {
    expect(actionPatternMatches('iam:Put*', 'iam:PutUserPolicy')).toBe(true);
    expect(actionPatternMatches('IAM:put*', 'iam:PutUserPolicy')).toBe(true);
    expect(actionPatternMatches('*', 'x:y')).toBe(true);
    expect(actionPatternMatches('iam:Put?', 'iam:PutUserPolicy')).toBe(false);
    expect(actionPatternMatches('iam:Put*', 'iam:GetUserPolicy')).toBe(false);
    expect(actionPatternMatches('s3:Get.bject', 's3:GetObject')).toBe(false);
    expect(actionPatternMatches('s3:GetObject', 's3:GetObjectAcl')).toBe(false);
  });
});
