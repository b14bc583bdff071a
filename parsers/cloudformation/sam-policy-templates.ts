/**
 * AWS SAM policy templates (`Policies: [{S3ReadPolicy: {BucketName: x}}]`) and the statements each expands to.
 * Written from the SAM specification's policy template list; placeholders are `${Parameter}` and the pseudo
 * parameters `${AWS::Partition}`, `${AWS::Region}`, `${AWS::AccountId}`. Data only.
 */

export interface SamTemplateStatement {
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface SamPolicyTemplate {
  parameters: string[];
  statements: SamTemplateStatement[];
}

const ARN = 'arn:${AWS::Partition}';
const REGIONAL = (service: string): string => `${ARN}:${service}:\${AWS::Region}:\${AWS::AccountId}`;
const TABLE = `${REGIONAL('dynamodb')}:table/\${TableName}`;
const BUCKET = `${ARN}:s3:::\${BucketName}`;
const QUEUE = `${REGIONAL('sqs')}:\${QueueName}`;
const TOPIC = `${REGIONAL('sns')}:\${TopicName}`;
const STREAM = `${REGIONAL('kinesis')}:stream/\${StreamName}`;
const KEY = `${REGIONAL('kms')}:key/\${KeyId}`;
const STATE_MACHINE = `${REGIONAL('states')}:stateMachine:\${StateMachineName}`;
const SES_IDENTITY = `${REGIONAL('ses')}:identity/\${IdentityName}`;
const FIREHOSE = `${REGIONAL('firehose')}:deliverystream/\${DeliveryStreamName}`;

const t = (parameters: string[], ...statements: SamTemplateStatement[]): SamPolicyTemplate => ({ parameters, statements });
const onAll = (...actions: string[]): SamTemplateStatement => ({ Action: actions, Resource: '*' });

export const SAM_POLICY_TEMPLATES: Readonly<Record<string, SamPolicyTemplate>> = {
  AcmGetCertificatePolicy: t(['CertificateArn'], { Action: ['acm:GetCertificate'], Resource: '${CertificateArn}' }),
  AMIDescribePolicy: t([], onAll('ec2:DescribeImages')),
  AthenaQueryPolicy: t(
    ['WorkGroupName'],
    onAll('athena:ListWorkGroups', 'athena:GetExecutionEngine', 'athena:GetExecutionEngines', 'athena:GetNamespace', 'athena:GetCatalogs', 'athena:GetNamespaces', 'athena:GetTables', 'athena:GetTable'),
    {
      Action: [
        'athena:StartQueryExecution', 'athena:GetQueryResults', 'athena:DeleteNamedQuery', 'athena:GetNamedQuery', 'athena:ListQueryExecutions',
        'athena:StopQueryExecution', 'athena:GetQueryResultsStream', 'athena:ListNamedQueries', 'athena:CreateNamedQuery', 'athena:GetQueryExecution',
        'athena:BatchGetNamedQuery', 'athena:BatchGetQueryExecution', 'athena:GetWorkGroup',
      ],
      Resource: `${REGIONAL('athena')}:workgroup/\${WorkGroupName}`,
    },
  ),
  AWSSecretsManagerGetSecretValuePolicy: t(['SecretArn'], { Action: ['secretsmanager:GetSecretValue'], Resource: '${SecretArn}' }),
  AWSSecretsManagerRotationPolicy: t(
    ['FunctionName'],
    {
      Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
      Resource: `${REGIONAL('secretsmanager')}:secret:*`,
      Condition: { StringEquals: { 'secretsmanager:resource/AllowRotationLambdaArn': `${REGIONAL('lambda')}:function:\${FunctionName}` } },
    },
    onAll('secretsmanager:GetRandomPassword'),
  ),
  CloudFormationDescribeStacksPolicy: t([], { Action: ['cloudformation:DescribeStacks'], Resource: `${REGIONAL('cloudformation')}:stack/*` }),
  CloudWatchDashboardPolicy: t([], onAll('cloudwatch:GetDashboard', 'cloudwatch:ListDashboards', 'cloudwatch:PutDashboard', 'cloudwatch:ListMetrics')),
  CloudWatchDescribeAlarmHistoryPolicy: t([], onAll('cloudwatch:DescribeAlarmHistory')),
  CloudWatchPutMetricPolicy: t([], onAll('cloudwatch:PutMetricData')),
  CodePipelineLambdaExecutionPolicy: t([], onAll('codepipeline:PutJobSuccessResult', 'codepipeline:PutJobFailureResult')),
  CodePipelineReadOnlyPolicy: t(['PipelineName'], { Action: ['codepipeline:ListPipelineExecutions'], Resource: `${REGIONAL('codepipeline')}:\${PipelineName}` }),
  ComprehendBasicAccessPolicy: t(
    [],
    onAll(
      'comprehend:BatchDetectKeyPhrases', 'comprehend:DetectDominantLanguage', 'comprehend:DetectEntities', 'comprehend:BatchDetectEntities',
      'comprehend:DetectKeyPhrases', 'comprehend:DetectSentiment', 'comprehend:BatchDetectDominantLanguage', 'comprehend:BatchDetectSentiment',
    ),
  ),
  CostExplorerReadOnlyPolicy: t(
    [],
    onAll('ce:GetCostAndUsage', 'ce:GetDimensionValues', 'ce:GetReservationCoverage', 'ce:GetReservationPurchaseRecommendation', 'ce:GetReservationUtilization', 'ce:GetTags'),
  ),
  DynamoDBBackupFullAccessPolicy: t(
    ['TableName'],
    { Action: ['dynamodb:CreateBackup', 'dynamodb:DescribeContinuousBackups'], Resource: TABLE },
    { Action: ['dynamodb:DeleteBackup', 'dynamodb:DescribeBackup', 'dynamodb:ListBackups'], Resource: `${TABLE}/backup/*` },
  ),
  DynamoDBCrudPolicy: t(['TableName'], {
    Action: [
      'dynamodb:GetItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:UpdateItem',
      'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable', 'dynamodb:ConditionCheckItem',
    ],
    Resource: [TABLE, `${TABLE}/index/*`],
  }),
  DynamoDBReadPolicy: t(['TableName'], {
    Action: ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable'],
    Resource: [TABLE, `${TABLE}/index/*`],
  }),
  DynamoDBReconfigurePolicy: t(['TableName'], { Action: ['dynamodb:UpdateTable'], Resource: TABLE }),
  DynamoDBRestoreFromBackupPolicy: t(
    ['TableName'],
    { Action: ['dynamodb:RestoreTableFromBackup'], Resource: `${TABLE}/backup/*` },
    {
      Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchWriteItem'],
      Resource: TABLE,
    },
  ),
  DynamoDBStreamReadPolicy: t(
    ['TableName', 'StreamName'],
    { Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], Resource: `${TABLE}/stream/\${StreamName}` },
    { Action: ['dynamodb:ListStreams'], Resource: `${TABLE}/stream/*` },
  ),
  DynamoDBWritePolicy: t(['TableName'], {
    Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
    Resource: [TABLE, `${TABLE}/index/*`],
  }),
  EC2DescribePolicy: t([], onAll('ec2:DescribeRegions', 'ec2:DescribeInstances')),
  EcsRunTaskPolicy: t(['TaskDefinition'], { Action: ['ecs:RunTask'], Resource: `${REGIONAL('ecs')}:task-definition/\${TaskDefinition}` }),
  EFSWriteAccessPolicy: t(['FileSystem', 'AccessPoint'], {
    Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
    Resource: `${REGIONAL('elasticfilesystem')}:file-system/\${FileSystem}`,
    Condition: { StringEquals: { 'elasticfilesystem:AccessPointArn': `${REGIONAL('elasticfilesystem')}:access-point/\${AccessPoint}` } },
  }),
  EKSDescribePolicy: t([], onAll('eks:DescribeCluster', 'eks:ListClusters')),
  ElasticsearchHttpPostPolicy: t(['DomainName'], { Action: ['es:ESHttpPost', 'es:ESHttpPut'], Resource: `${REGIONAL('es')}:domain/\${DomainName}/*` }),
  EventBridgePutEventsPolicy: t(['EventBusName'], { Action: ['events:PutEvents'], Resource: `${REGIONAL('events')}:event-bus/\${EventBusName}` }),
  FilterLogEventsPolicy: t(['LogGroupName'], { Action: ['logs:FilterLogEvents'], Resource: `${REGIONAL('logs')}:log-group:\${LogGroupName}:log-stream:*` }),
  FirehoseCrudPolicy: t(['DeliveryStreamName'], {
    Action: ['firehose:CreateDeliveryStream', 'firehose:DeleteDeliveryStream', 'firehose:DescribeDeliveryStream', 'firehose:PutRecord', 'firehose:PutRecordBatch', 'firehose:UpdateDestination'],
    Resource: FIREHOSE,
  }),
  FirehoseWritePolicy: t(['DeliveryStreamName'], { Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'], Resource: FIREHOSE }),
  KinesisCrudPolicy: t(['StreamName'], {
    Action: [
      'kinesis:AddTagsToStream', 'kinesis:CreateStream', 'kinesis:DecreaseStreamRetentionPeriod', 'kinesis:DeleteStream', 'kinesis:DescribeStream',
      'kinesis:DescribeStreamSummary', 'kinesis:GetShardIterator', 'kinesis:IncreaseStreamRetentionPeriod', 'kinesis:ListTagsForStream',
      'kinesis:MergeShards', 'kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:SplitShard', 'kinesis:RemoveTagsFromStream',
    ],
    Resource: STREAM,
  }),
  KinesisStreamReadPolicy: t(
    ['StreamName'],
    { Action: ['kinesis:ListStreams', 'kinesis:DescribeLimits'], Resource: `${REGIONAL('kinesis')}:stream/*` },
    { Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator'], Resource: STREAM },
  ),
  KMSDecryptPolicy: t(['KeyId'], { Action: ['kms:Decrypt'], Resource: KEY }),
  KMSEncryptPolicy: t(['KeyId'], { Action: ['kms:Encrypt'], Resource: KEY }),
  LambdaInvokePolicy: t(['FunctionName'], { Action: ['lambda:InvokeFunction'], Resource: `${REGIONAL('lambda')}:function:\${FunctionName}*` }),
  MobileAnalyticsWriteOnlyAccessPolicy: t([], onAll('mobileanalytics:PutEvents')),
  OrganizationsListAccountsPolicy: t([], onAll('organizations:ListAccounts')),
  PollyFullAccessPolicy: t(
    ['LexiconName'],
    { Action: ['polly:GetLexicon', 'polly:DeleteLexicon'], Resource: `${REGIONAL('polly')}:lexicon/\${LexiconName}` },
    { Action: ['polly:DescribeVoices', 'polly:ListLexicons', 'polly:PutLexicon', 'polly:SynthesizeSpeech'], Resource: `${REGIONAL('polly')}:lexicon/*` },
  ),
  RekognitionDetectOnlyPolicy: t([], onAll('rekognition:DetectFaces', 'rekognition:DetectLabels', 'rekognition:DetectModerationLabels', 'rekognition:DetectText')),
  RekognitionLabelsPolicy: t([], onAll('rekognition:DetectLabels', 'rekognition:DetectModerationLabels')),
  Route53ChangeResourceRecordSetsPolicy: t(['HostedZoneId'], {
    Action: ['route53:ChangeResourceRecordSets'],
    Resource: `${ARN}:route53:::hostedzone/\${HostedZoneId}`,
  }),
  S3CrudPolicy: t(['BucketName'], {
    Action: [
      's3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl',
      's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration', 's3:DeleteObject',
    ],
    Resource: [BUCKET, `${BUCKET}/*`],
  }),
  S3FullAccessPolicy: t(
    ['BucketName'],
    {
      Action: [
        's3:GetObject', 's3:GetObjectAcl', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl', 's3:DeleteObject', 's3:DeleteObjectTagging',
        's3:DeleteObjectVersionTagging', 's3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:PutObjectTagging', 's3:PutObjectVersionTagging',
      ],
      Resource: `${BUCKET}/*`,
    },
    { Action: ['s3:ListBucket', 's3:GetBucketLocation', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration'], Resource: BUCKET },
  ),
  S3ReadPolicy: t(['BucketName'], {
    Action: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration'],
    Resource: [BUCKET, `${BUCKET}/*`],
  }),
  S3WritePolicy: t(['BucketName'], { Action: ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'], Resource: [BUCKET, `${BUCKET}/*`] }),
  ServerlessRepoReadWriteAccessPolicy: t([], {
    Action: ['serverlessrepo:CreateApplication', 'serverlessrepo:CreateApplicationVersion', 'serverlessrepo:GetApplication', 'serverlessrepo:ListApplications', 'serverlessrepo:ListApplicationVersions'],
    Resource: `${REGIONAL('serverlessrepo')}:applications/*`,
  }),
  SESBulkTemplatedCrudPolicy: t(['IdentityName'], {
    Action: ['ses:GetIdentityVerificationAttributes', 'ses:SendEmail', 'ses:SendRawEmail', 'ses:SendTemplatedEmail', 'ses:SendBulkTemplatedEmail', 'ses:VerifyEmailIdentity'],
    Resource: SES_IDENTITY,
  }),
  SESCrudPolicy: t(['IdentityName'], {
    Action: ['ses:GetIdentityVerificationAttributes', 'ses:SendEmail', 'ses:SendRawEmail', 'ses:VerifyEmailIdentity'],
    Resource: SES_IDENTITY,
  }),
  SESEmailTemplateCrudPolicy: t([], onAll('ses:CreateTemplate', 'ses:GetTemplate', 'ses:ListTemplates', 'ses:UpdateTemplate', 'ses:DeleteTemplate', 'ses:TestRenderTemplate')),
  SESSendBouncePolicy: t(['IdentityName'], { Action: ['ses:SendBounce'], Resource: SES_IDENTITY }),
  SNSCrudPolicy: t(['TopicName'], {
    Action: ['sns:ListSubscriptionsByTopic', 'sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Publish'],
    Resource: `${TOPIC}*`,
  }),
  SNSPublishMessagePolicy: t(['TopicName'], { Action: ['sns:Publish'], Resource: TOPIC }),
  SQSPollerPolicy: t(['QueueName'], {
    // SAM also lists the *Batch operations, which are not IAM actions (the plain action authorizes them): left out.
    Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
    Resource: QUEUE,
  }),
  SQSSendMessagePolicy: t(['QueueName'], { Action: ['sqs:SendMessage*'], Resource: QUEUE }),
  SSMParameterReadPolicy: t(
    ['ParameterName'],
    onAll('ssm:DescribeParameters'),
    { Action: ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'], Resource: `${REGIONAL('ssm')}:parameter/\${ParameterName}` },
  ),
  SSMParameterWithSlashPrefixReadPolicy: t(
    ['ParameterName'],
    onAll('ssm:DescribeParameters'),
    { Action: ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'], Resource: `${REGIONAL('ssm')}:parameter\${ParameterName}` },
  ),
  StepFunctionsCallbackPolicy: t(['StateMachineName'], {
    Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
    Resource: STATE_MACHINE,
  }),
  StepFunctionsExecutionPolicy: t(['StateMachineName'], { Action: ['states:StartExecution'], Resource: STATE_MACHINE }),
  TextractDetectAnalyzePolicy: t([], onAll('textract:DetectDocumentText', 'textract:StartDocumentTextDetection', 'textract:StartDocumentAnalysis', 'textract:AnalyzeDocument')),
  TextractGetResultPolicy: t([], onAll('textract:GetDocumentTextDetection', 'textract:GetDocumentAnalysis')),
  TextractPolicy: t([], onAll('textract:*')),
  VPCAccessPolicy: t([], onAll('ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface')),
};

/** AWS managed policies that SAM finds under a path when named bare in `Policies`. */
export const SAM_MANAGED_POLICY_PATHS: Readonly<Record<string, string>> = {
  AWSLambdaBasicExecutionRole: 'service-role/',
  AWSLambdaVPCAccessExecutionRole: 'service-role/',
  AWSLambdaKinesisExecutionRole: 'service-role/',
  AWSLambdaDynamoDBExecutionRole: 'service-role/',
  AWSLambdaSQSQueueExecutionRole: 'service-role/',
  AWSLambdaMSKExecutionRole: 'service-role/',
  AWSLambdaENIManagementAccess: 'service-role/',
  AWSLambdaRole: 'service-role/',
  AWSLambdaExecute: '',
  AWSXRayDaemonWriteAccess: '',
  AWSXrayWriteOnlyAccess: '',
  AmazonAPIGatewayPushToCloudWatchLogs: 'service-role/',
  AWSIoTRuleActions: 'service-role/',
  AWSStepFunctionsFullAccess: '',
  AWSGlueServiceRole: 'service-role/',
  AmazonECSTaskExecutionRolePolicy: 'service-role/',
  AWSCodeDeployRoleForLambda: 'service-role/',
  CloudWatchLambdaInsightsExecutionRolePolicy: '',
  ViewOnlyAccess: 'job-function/',
  DataScientist: 'job-function/',
  DatabaseAdministrator: 'job-function/',
  NetworkAdministrator: 'job-function/',
  SystemAdministrator: 'job-function/',
  SupportUser: 'job-function/',
};
