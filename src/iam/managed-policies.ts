/** AWS managed policies that grant administrator or near-administrator power when attached. */

export interface AdminManagedPolicy {
  name: string;
  /** Part of the ARN after 'arn:<partition>:iam::aws:', e.g. 'policy/AdministratorAccess' or 'policy/job-function/...'. */
  arnSuffix: string;
  power: 'admin' | 'iam-full' | 'power-user' | 'organizations-full' | 'other-privileged';
  reason: string;
}

function policy(arnSuffix: string, power: AdminManagedPolicy['power'], reason: string): AdminManagedPolicy {
  return Object.freeze({ name: arnSuffix.slice(arnSuffix.lastIndexOf('/') + 1), arnSuffix, power, reason });
}

export const ADMIN_MANAGED_POLICIES: readonly AdminManagedPolicy[] = Object.freeze([
  policy('policy/AdministratorAccess', 'admin', 'Allows every action on every resource.'),
  policy('policy/IAMFullAccess', 'iam-full',
    'Allows every IAM action, so the holder can grant itself any permission.'),
  policy('policy/PowerUserAccess', 'power-user',
    'Allows every action outside IAM, Organizations and Account management; with existing roles to pass it usually reaches admin.'),
  policy('policy/AWSOrganizationsFullAccess', 'organizations-full',
    'Controls the organization: accounts, SCPs and delegated administrators.'),
  policy('policy/AdministratorAccess-Amplify', 'other-privileged',
    'Creates roles and CloudFormation stacks for Amplify apps, which amounts to broad administrative power.'),
  policy('policy/AdministratorAccess-AWSElasticBeanstalk', 'other-privileged',
    'Administers Elastic Beanstalk including passing roles and running CloudFormation, EC2 and Auto Scaling.'),
  policy('policy/AWSCloudShellFullAccess', 'other-privileged',
    'Full CloudShell access including file upload and download; CIS AWS Foundations asks to restrict it.'),
  policy('policy/job-function/SystemAdministrator', 'other-privileged',
    'Broad operational access across compute, networking and monitoring services, including iam:PassRole on roles with sysadmin names.'),
]);

const BY_NAME: ReadonlyMap<string, AdminManagedPolicy> = new Map(ADMIN_MANAGED_POLICIES.map((p) => [p.name, p]));
const BY_SUFFIX: ReadonlyMap<string, AdminManagedPolicy> = new Map(ADMIN_MANAGED_POLICIES.map((p) => [p.arnSuffix, p]));

/** AWS managed policies live in the reserved 'aws' account, in any partition. */
const AWS_MANAGED_ARN = /^arn:[a-z-]+:iam::aws:(policy\/.+)$/;

/**
 * Finds an entry by ARN ('arn:aws:iam::aws:policy/AdministratorAccess', any partition) or by bare
 * name ('AdministratorAccess'). Case-sensitive, like AWS policy names and ARNs.
 */
export function findAdminManagedPolicy(arnOrName: string): AdminManagedPolicy | undefined {
  const suffix = AWS_MANAGED_ARN.exec(arnOrName)?.[1];
  if (suffix !== undefined) return BY_SUFFIX.get(suffix);
  return arnOrName.startsWith('arn:') ? undefined : BY_NAME.get(arnOrName);
}
