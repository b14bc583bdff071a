import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface ServiceRoleProps {
  /** The service principal that assumes the role, e.g. `ecs-tasks.amazonaws.com`. */
  readonly service: string;
  readonly description?: string;
}

/** A role for one AWS service, with helpers that add permissions to it. */
export class ServiceRole extends Construct {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal(props.service),
      description: props.description,
    });
  }

  /** Allows `actions` on `resources`. */
  allow(actions: string[], resources: string[]): void {
    this.role.addToPolicy(new iam.PolicyStatement({ actions, resources }));
  }
}
