import {
  ADMIN_MANAGED_POLICIES,
  CREDENTIALS_EXPOSURE_ACTIONS,
  DATA_EXFILTRATION_ACTIONS,
  ESCALATION_PATHS,
  GUARDRAIL_REMOVAL_ACTIONS,
  findAdminManagedPolicy,
  grantedEscalationPaths,
  lookupAction,
  minimalEscalationPaths,
} from '../../src/iam/index.js';

/** Every listed action must exist in the database and be spelled canonically. */
function expectCanonical(actions: readonly string[]): void {
  const wrong = actions.filter((a) => lookupAction(a)?.key !== a);
  expect(wrong).toEqual([]);
}

describe('ESCALATION_PATHS', () => {
  it('lists only known actions, canonically spelled', () => {
    expectCanonical([...new Set(ESCALATION_PATHS.flatMap((p) => p.actions))]);
  });

  it('has unique ids and action sets', () => {
    const ids = ESCALATION_PATHS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sets = ESCALATION_PATHS.map((p) => [...p.actions].sort().join(' '));
    expect(new Set(sets).size).toBe(sets.length);
  });

  it('covers the whole pathfinding.cloud catalog and all 22 Rhino entries', () => {
    expect(ESCALATION_PATHS.filter((p) => p.source === 'pathfinding').length).toBe(65);
    const rhinoNames = [
      ...ESCALATION_PATHS.filter((p) => p.source === 'rhino').map((p) => p.id),
      ...ESCALATION_PATHS.flatMap((p) => p.aliases ?? []).filter((a) => a.startsWith('rhino/')),
    ];
    expect(new Set(rhinoNames).size).toBe(22);
  });

  it('names the trusted service exactly when iam:PassRole is involved', () => {
    for (const p of ESCALATION_PATHS) {
      expect([p.id, p.actions.includes('iam:PassRole')]).toEqual([p.id, p.passRoleTo !== undefined]);
      if (p.passRoleTo !== undefined) expect(p.passRoleTo).toMatch(/^[a-z0-9.-]+\.amazonaws\.com$/);
    }
  });

  it('ids start with their source', () => {
    for (const p of ESCALATION_PATHS) expect(p.id.startsWith(`${p.source}/`)).toBe(true);
  });
});

describe('grantedEscalationPaths', () => {
  it('returns every fully granted path', () => {
    const granted = new Set(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction', 's3:GetObject']);
    const ids = grantedEscalationPaths((a) => granted.has(a)).map((p) => p.id);
    expect(ids).toEqual(['pathfinding/lambda-001']);
  });

  it('returns nothing when nothing dangerous is granted', () => {
    expect(grantedEscalationPaths((a) => a === 's3:GetObject')).toEqual([]);
  });

  it('returns every path when everything is granted, and minimal paths drop supersets', () => {
    const all = grantedEscalationPaths(() => true);
    expect(all.length).toBe(ESCALATION_PATHS.length);
    const minimal = minimalEscalationPaths(all).map((p) => p.id);
    expect(minimal).toContain('pathfinding/iam-009');
    expect(minimal).not.toContain('pathfinding/iam-014');
    expect(minimal).toContain('pathfinding/sts-001');
  });
});

describe('ADMIN_MANAGED_POLICIES', () => {
  it('finds policies by ARN in any partition or by name', () => {
    expect(findAdminManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess')?.power).toBe('admin');
    expect(findAdminManagedPolicy('arn:aws-us-gov:iam::aws:policy/IAMFullAccess')?.power).toBe('iam-full');
    expect(findAdminManagedPolicy('PowerUserAccess')?.power).toBe('power-user');
    expect(findAdminManagedPolicy('AWSOrganizationsFullAccess')?.power).toBe('organizations-full');
    expect(findAdminManagedPolicy('arn:aws:iam::aws:policy/job-function/SystemAdministrator')?.name).toBe('SystemAdministrator');
    expect(findAdminManagedPolicy('AWSCloudShellFullAccess')?.power).toBe('other-privileged');
  });

  it('is case-sensitive and ignores customer policies', () => {
    expect(findAdminManagedPolicy('administratoraccess')).toBeUndefined();
    expect(findAdminManagedPolicy('arn:aws:iam::123456789012:policy/AdministratorAccess')).toBeUndefined();
    expect(findAdminManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBeUndefined();
    expect(findAdminManagedPolicy('arn:aws:iam::aws:policy/SystemAdministrator')).toBeUndefined();
  });

  it('has consistent names and suffixes', () => {
    for (const p of ADMIN_MANAGED_POLICIES) {
      expect(p.arnSuffix.startsWith('policy/')).toBe(true);
      expect(p.arnSuffix.endsWith(`/${p.name}`)).toBe(true);
    }
  });
});

describe('risk classes', () => {
  it('list only known actions, canonically spelled, without duplicates', () => {
    for (const list of [DATA_EXFILTRATION_ACTIONS, CREDENTIALS_EXPOSURE_ACTIONS, GUARDRAIL_REMOVAL_ACTIONS]) {
      expectCanonical(list);
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it('contains the expected anchors', () => {
    expect(DATA_EXFILTRATION_ACTIONS).toEqual(
      expect.arrayContaining(['s3:GetObject', 'ssm:GetParameter', 'secretsmanager:GetSecretValue', 'kms:Decrypt', 'dynamodb:Scan']),
    );
    expect(CREDENTIALS_EXPOSURE_ACTIONS).toEqual(
      expect.arrayContaining(['iam:CreateAccessKey', 'iam:UpdateAccessKey', 'sts:GetFederationToken', 'redshift:GetClusterCredentials']),
    );
    expect(CREDENTIALS_EXPOSURE_ACTIONS).not.toContain('ecr:GetAuthorizationToken');
  });
});
