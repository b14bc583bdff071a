import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ApiStack } from './api-stack';
import { SharedStack } from './shared-stack';

/** Production: the shared and API stacks, deployed together as one stage. */
export class ProdStage extends cdk.Stage {
  constructor(scope: Construct, id: string, props?: cdk.StageProps) {
    super(scope, id, props);

    const shared = new SharedStack(this, 'Shared');
    new ApiStack(this, 'Api', { dataBucket: shared.dataBucket, stage: 'prod' });
  }
}
