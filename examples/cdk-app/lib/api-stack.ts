import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { REPORT_ACTIONS, type Stage } from './config';
import { ServiceRole } from './constructs';

export interface ApiStackProps extends cdk.StackProps {
  readonly dataBucket: s3.IBucket;
  readonly stage: Stage;
}

const HANDLER_CODE = 'exports.handler = async () => ({ statusCode: 200, body: "ok" });';

/** The orders API: a function behind a URL, its table, and a worker role for the reporting jobs. */
export class ApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    const table = new dynamodb.Table(this, 'Orders', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });

    const handler = new lambda.Function(this, 'OrdersHandler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER_CODE),
      environment: { TABLE_NAME: table.tableName, STAGE: props.stage },
    });
    table.grantReadWriteData(handler);
    props.dataBucket.grantRead(handler);

    // MISTAKE: every DynamoDB action on every table (wildcard-action).
    handler.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:*'],
        resources: ['*'],
      }),
    );

    // MISTAKE: any secret of the account may be read (data-exfiltration).
    handler.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: ['*'],
      }),
    );

    if (props.stage !== 'prod') {
      // MISTAKE: debugging access to everything but IAM (not-action-allow), outside production only.
      handler.addToRolePolicy(
        new iam.PolicyStatement({
          notActions: ['iam:*'],
          resources: ['*'],
        }),
      );
    }

    // MISTAKE: any bucket of any account may invoke the function (resource-policy-service-no-source).
    handler.addPermission('S3Invoke', {
      principal: new iam.ServicePrincipal('s3.amazonaws.com'),
    });

    // Correct: invocations from this account's bucket only.
    handler.addPermission('DataBucketInvoke', {
      principal: new iam.ServicePrincipal('s3.amazonaws.com'),
      sourceArn: props.dataBucket.bucketArn,
      sourceAccount: this.account,
    });

    // MISTAKE: a public function URL (resource-policy-public).
    handler.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    // The reporting worker: a service role from the construct library.
    const worker = new ServiceRole(this, 'ReportWorker', {
      service: 'ecs-tasks.amazonaws.com',
      description: `Report worker (${props.stage})`,
    });
    worker.allow([...REPORT_ACTIONS.s3], [props.dataBucket.bucketArn, props.dataBucket.arnForObjects('reports/*')]);
    worker.allow([...REPORT_ACTIONS.athena], [`arn:aws:athena:${this.region}:${this.account}:workgroup/reports`]);
    // MISTAKE: every SQS action on every queue (wildcard-action).
    worker.allow(['sqs:*'], ['*']);
  }
}
