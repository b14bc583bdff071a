import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ADMIN_POLICY } from '../config';
import { ServiceRole } from './service-role';

export interface BreakGlassAccessProps {
  /** Who is paged when the role is used. */
  readonly alarmEmail: string;
}

/** An emergency administrator role, and an automation role that answers incidents. */
export class BreakGlassAccess extends Construct {
  public readonly adminRole: iam.Role;

  constructor(scope: Construct, id: string, props: BreakGlassAccessProps) {
    super(scope, id);

    // MISTAKE: any identity of the account may assume an administrator role without MFA (trust-root-no-mfa).
    this.adminRole = new iam.Role(this, 'AdminRole', {
      assumedBy: new iam.AccountRootPrincipal(),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(ADMIN_POLICY)],
      description: `Break-glass administrator; alarms go to ${props.alarmEmail}`,
    });

    // A nested construct from the same library.
    const responder = new ServiceRole(this, 'Responder', { service: 'ssm.amazonaws.com' });
    // MISTAKE: the automation may change any IAM policy version (privilege-escalation).
    responder.allow(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'], ['*']);
  }
}
