/**
 * Known privilege-escalation combinations: sets of actions that, granted together (on any
 * resource), let a principal gain permissions it was not given.
 *
 * Sources (facts summarized in shared/research/standards-and-privesc.md §5; the table is our own):
 * the Rhino Security Labs set, the DataDog pathfinding.cloud catalog (snapshot 2025-12-17), and the
 * extra edges of NCC Group PMapper and Prowler. Where two catalogs describe the same action set the
 * entry appears once, under pathfinding.cloud (it has stable ids and public pages), and lists the
 * other names in `aliases`.
 */

export interface EscalationPath {
  /** '<source>/<name>', e.g. 'pathfinding/iam-001' or 'rhino/SetExistingDefaultPolicyVersion'. */
  id: string;
  source: 'rhino' | 'pathfinding' | 'pmapper' | 'prowler';
  /** All must be granted; canonical 'service:Action'. */
  actions: string[];
  description: string;
  /** Service principal the passed role must trust, when iam:PassRole is part of the path. */
  passRoleTo?: string;
  /** What must already exist in the account for the path to work, when something must. */
  prerequisite?: string;
  /** Ids of the same action set in other catalogs. */
  aliases?: string[];
}

const PASS_ROLE = 'iam:PassRole';

function path(
  id: string,
  actions: string[],
  description: string,
  extra: { passRoleTo?: string; prerequisite?: string; aliases?: string[] } = {},
): EscalationPath {
  const source = id.slice(0, id.indexOf('/')) as EscalationPath['source'];
  return Object.freeze({ id, source, actions: Object.freeze(actions) as string[], description, ...extra });
}

const PATHFINDING: EscalationPath[] = [
  path('pathfinding/apprunner-001', [PASS_ROLE, 'apprunner:CreateService'],
    'Create an App Runner service running your code with a passed privileged role.',
    { passRoleTo: 'tasks.apprunner.amazonaws.com' }),
  path('pathfinding/apprunner-002', ['apprunner:UpdateService'],
    'Change the code of an App Runner service that already runs with a privileged role.',
    { prerequisite: 'an App Runner service with a privileged instance role' }),
  path('pathfinding/bedrock-001',
    [PASS_ROLE, 'bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'],
    'Create a Bedrock AgentCore code interpreter with a passed role and run code with its credentials.',
    { passRoleTo: 'bedrock-agentcore.amazonaws.com' }),
  path('pathfinding/bedrock-002', ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'],
    'Run code in an existing Bedrock AgentCore code interpreter and use its role.',
    { prerequisite: 'a code interpreter with a privileged role' }),
  path('pathfinding/cloudformation-001', [PASS_ROLE, 'cloudformation:CreateStack'],
    'Create a CloudFormation stack that runs as a passed privileged role and creates whatever it is told to.',
    { passRoleTo: 'cloudformation.amazonaws.com', aliases: ['rhino/PassExistingRoleToCloudFormation'] }),
  path('pathfinding/cloudformation-002', ['cloudformation:UpdateStack'],
    'Update a stack whose service role is privileged so that it creates resources for the attacker.',
    { prerequisite: 'a stack with a privileged service role' }),
  path('pathfinding/cloudformation-003', [PASS_ROLE, 'cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'],
    'Create a StackSet executed with a passed privileged role.',
    { passRoleTo: 'cloudformation.amazonaws.com' }),
  path('pathfinding/cloudformation-004', [PASS_ROLE, 'cloudformation:UpdateStackSet'],
    'Update a StackSet to run with a passed privileged role and new resources.',
    { passRoleTo: 'cloudformation.amazonaws.com', prerequisite: 'an updatable StackSet' }),
  path('pathfinding/cloudformation-005', ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
    'Execute a change set on a stack whose service role is privileged.',
    { prerequisite: 'a stack with a privileged service role' }),
  path('pathfinding/codebuild-001', [PASS_ROLE, 'codebuild:CreateProject', 'codebuild:StartBuild'],
    'Create a CodeBuild project with a passed privileged role and run a build with your buildspec.',
    { passRoleTo: 'codebuild.amazonaws.com' }),
  path('pathfinding/codebuild-002', ['codebuild:StartBuild'],
    'Start a build of a privileged project with an overridden buildspec.',
    { prerequisite: 'a CodeBuild project with a privileged service role' }),
  path('pathfinding/codebuild-003', ['codebuild:StartBuildBatch'],
    'Start a batch build of a privileged project with an overridden buildspec.',
    { prerequisite: 'a batch-enabled CodeBuild project with a privileged service role' }),
  path('pathfinding/codebuild-004', [PASS_ROLE, 'codebuild:CreateProject', 'codebuild:StartBuildBatch'],
    'Create a CodeBuild project with a passed privileged role and run a batch build.',
    { passRoleTo: 'codebuild.amazonaws.com' }),
  path('pathfinding/datapipeline-001',
    [PASS_ROLE, 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'],
    'Create and activate a Data Pipeline whose activities run commands with a passed privileged role.',
    { passRoleTo: 'datapipeline.amazonaws.com' }),
  path('pathfinding/ec2-001', [PASS_ROLE, 'ec2:RunInstances'],
    'Launch an instance with a privileged instance profile and read its credentials.',
    { passRoleTo: 'ec2.amazonaws.com', prerequisite: 'an instance profile for the role', aliases: ['rhino/CreateEC2WithExistingIP'] }),
  path('pathfinding/ec2-002', ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'],
    'Rewrite the user data of an instance with a privileged profile and restart it to run your code.',
    { prerequisite: 'an instance with a privileged instance profile' }),
  path('pathfinding/ec2-003', [PASS_ROLE, 'ec2:RequestSpotInstances'],
    'Request a spot instance with a privileged instance profile.',
    { passRoleTo: 'ec2.amazonaws.com', prerequisite: 'an instance profile for the role' }),
  path('pathfinding/ec2-004', ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'],
    'Make a new default launch template version with your user data for an Auto Scaling group with a privileged role.',
    { prerequisite: 'a launch template used by an Auto Scaling group with a privileged role' }),
  path('pathfinding/ec2instanceconnect-003', ['ec2-instance-connect:SendSSHPublicKey', 'ec2:DescribeInstances'],
    'Push an SSH key to an instance with a privileged profile, log in and use its credentials.',
    { prerequisite: 'an EC2 Instance Connect enabled instance with a privileged profile' }),
  path('pathfinding/ecs-001', [PASS_ROLE, 'ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'],
    'Create a cluster and a service whose task runs with a passed privileged task role.',
    { passRoleTo: 'ecs-tasks.amazonaws.com' }),
  path('pathfinding/ecs-002', [PASS_ROLE, 'ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'],
    'Create a cluster and run a task with a passed privileged task role.',
    { passRoleTo: 'ecs-tasks.amazonaws.com' }),
  path('pathfinding/ecs-003', [PASS_ROLE, 'ecs:RegisterTaskDefinition', 'ecs:CreateService'],
    'Register a task definition with a passed privileged task role and start it as a service.',
    { passRoleTo: 'ecs-tasks.amazonaws.com' }),
  path('pathfinding/ecs-004', [PASS_ROLE, 'ecs:RegisterTaskDefinition', 'ecs:RunTask'],
    'Register a task definition with a passed privileged task role and run it.',
    { passRoleTo: 'ecs-tasks.amazonaws.com' }),
  path('pathfinding/ecs-005', [PASS_ROLE, 'ecs:RegisterTaskDefinition', 'ecs:StartTask'],
    'Register a task definition with a passed privileged task role and start it on a container instance.',
    { passRoleTo: 'ecs-tasks.amazonaws.com', prerequisite: 'an EC2 container instance' }),
  path('pathfinding/glue-001', [PASS_ROLE, 'glue:CreateDevEndpoint'],
    'Create a Glue development endpoint with a passed privileged role and log in to it.',
    { passRoleTo: 'glue.amazonaws.com', aliases: ['rhino/PassExistingRoleToNewGlueDevEndpoint'] }),
  path('pathfinding/glue-002', ['glue:UpdateDevEndpoint'],
    'Add your SSH key to an existing Glue development endpoint and use its role.',
    { prerequisite: 'a Glue development endpoint with a privileged role', aliases: ['rhino/UpdateExistingGlueDevEndpoint'] }),
  path('pathfinding/glue-003', [PASS_ROLE, 'glue:CreateJob', 'glue:StartJobRun'],
    'Create and run a Glue job with a passed privileged role.',
    { passRoleTo: 'glue.amazonaws.com' }),
  path('pathfinding/glue-004', [PASS_ROLE, 'glue:CreateJob', 'glue:CreateTrigger'],
    'Create a Glue job with a passed privileged role and a trigger that runs it.',
    { passRoleTo: 'glue.amazonaws.com' }),
  path('pathfinding/glue-005', [PASS_ROLE, 'glue:UpdateJob', 'glue:StartJobRun'],
    'Point an existing Glue job at a passed privileged role and your script, then run it.',
    { passRoleTo: 'glue.amazonaws.com' }),
  path('pathfinding/glue-006', [PASS_ROLE, 'glue:UpdateJob', 'glue:CreateTrigger'],
    'Point an existing Glue job at a passed privileged role and trigger it.',
    { passRoleTo: 'glue.amazonaws.com' }),
  path('pathfinding/iam-001', ['iam:CreatePolicyVersion'],
    'Write a new default version of a managed policy attached to yourself.',
    { prerequisite: 'a customer managed policy attached to the principal', aliases: ['rhino/CreateNewPolicyVersion'] }),
  path('pathfinding/iam-002', ['iam:CreateAccessKey'],
    'Create an access key for a more privileged user.',
    { prerequisite: 'the target user has fewer than two access keys', aliases: ['rhino/CreateAccessKey'] }),
  path('pathfinding/iam-003', ['iam:CreateAccessKey', 'iam:DeleteAccessKey'],
    'Delete one of a privileged user\'s two access keys, then create one for yourself.'),
  path('pathfinding/iam-004', ['iam:CreateLoginProfile'],
    'Set a console password for a privileged user that has none.',
    { prerequisite: 'the target user has no login profile', aliases: ['rhino/CreateLoginProfile'] }),
  path('pathfinding/iam-005', ['iam:PutRolePolicy'],
    'Write an inline policy granting anything to the role you are using.'),
  path('pathfinding/iam-006', ['iam:UpdateLoginProfile'],
    'Change the console password of a privileged user.',
    { prerequisite: 'the target user has a login profile', aliases: ['rhino/UpdateLoginProfile'] }),
  path('pathfinding/iam-007', ['iam:PutUserPolicy'],
    'Write an inline policy granting anything to your own user.',
    { aliases: ['rhino/PutUserPolicy'] }),
  path('pathfinding/iam-008', ['iam:AttachUserPolicy'],
    'Attach a privileged managed policy (e.g. AdministratorAccess) to your own user.',
    { aliases: ['rhino/AttachUserPolicy'] }),
  path('pathfinding/iam-009', ['iam:AttachRolePolicy'],
    'Attach a privileged managed policy to the role you are using.'),
  path('pathfinding/iam-010', ['iam:AttachGroupPolicy'],
    'Attach a privileged managed policy to a group you belong to.',
    { aliases: ['rhino/AttachGroupPolicy'] }),
  path('pathfinding/iam-011', ['iam:PutGroupPolicy'],
    'Write an inline policy granting anything to a group you belong to.',
    { aliases: ['rhino/PutGroupPolicy'] }),
  path('pathfinding/iam-012', ['iam:UpdateAssumeRolePolicy'],
    'Rewrite the trust policy of a privileged role so that you may assume it.'),
  path('pathfinding/iam-013', ['iam:AddUserToGroup'],
    'Add yourself to a privileged group.',
    { prerequisite: 'a privileged group', aliases: ['rhino/AddUserToGroup'] }),
  path('pathfinding/iam-014', ['iam:AttachRolePolicy', 'sts:AssumeRole'],
    'Attach a privileged managed policy to a role you can assume, then assume it.',
    { aliases: ['rhino/AttachRolePolicy'] }),
  path('pathfinding/iam-015', ['iam:AttachUserPolicy', 'iam:CreateAccessKey'],
    'Attach a privileged managed policy to another user and create an access key for it.'),
  path('pathfinding/iam-016', ['iam:CreatePolicyVersion', 'sts:AssumeRole'],
    'Rewrite a managed policy attached to a role you can assume, then assume it.'),
  path('pathfinding/iam-017', ['iam:PutRolePolicy', 'sts:AssumeRole'],
    'Write an inline policy on a role you can assume, then assume it.',
    { aliases: ['rhino/PutRolePolicy'] }),
  path('pathfinding/iam-018', ['iam:PutUserPolicy', 'iam:CreateAccessKey'],
    'Write an inline policy on another user and create an access key for it.'),
  path('pathfinding/iam-019', ['iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'],
    'Attach a privileged policy to a role and rewrite its trust policy so that you may assume it.'),
  path('pathfinding/iam-020', ['iam:CreatePolicyVersion', 'iam:UpdateAssumeRolePolicy'],
    'Rewrite a managed policy of a role and its trust policy so that you may assume it.'),
  path('pathfinding/iam-021', ['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'],
    'Write an inline policy on a role and rewrite its trust policy so that you may assume it.'),
  path('pathfinding/lambda-001', [PASS_ROLE, 'lambda:CreateFunction', 'lambda:InvokeFunction'],
    'Create a Lambda function with a passed privileged role and invoke it.',
    { passRoleTo: 'lambda.amazonaws.com', aliases: ['rhino/PassExistingRoleToNewLambdaThenInvoke'] }),
  path('pathfinding/lambda-002', [PASS_ROLE, 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    'Create a Lambda function with a passed privileged role and trigger it from an event source.',
    { passRoleTo: 'lambda.amazonaws.com', aliases: ['rhino/PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo'] }),
  path('pathfinding/lambda-003', ['lambda:UpdateFunctionCode'],
    'Replace the code of a function that runs with a privileged role.',
    { prerequisite: 'a function with a privileged execution role', aliases: ['rhino/EditExistingLambdaFunctionWithRole'] }),
  path('pathfinding/lambda-004', ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'],
    'Replace the code of a privileged function and invoke it.',
    { prerequisite: 'a function with a privileged execution role' }),
  path('pathfinding/lambda-005', ['lambda:UpdateFunctionCode', 'lambda:AddPermission'],
    'Replace the code of a privileged function and allow yourself to invoke it.',
    { prerequisite: 'a function with a privileged execution role' }),
  path('pathfinding/lambda-006', [PASS_ROLE, 'lambda:CreateFunction', 'lambda:AddPermission'],
    'Create a function with a passed privileged role and allow yourself to invoke it.',
    { passRoleTo: 'lambda.amazonaws.com' }),
  path('pathfinding/sagemaker-001', [PASS_ROLE, 'sagemaker:CreateNotebookInstance'],
    'Create a SageMaker notebook with a passed privileged role and use its credentials.',
    { passRoleTo: 'sagemaker.amazonaws.com' }),
  path('pathfinding/sagemaker-002', [PASS_ROLE, 'sagemaker:CreateTrainingJob'],
    'Run a SageMaker training job with your container and a passed privileged role.',
    { passRoleTo: 'sagemaker.amazonaws.com' }),
  path('pathfinding/sagemaker-003', [PASS_ROLE, 'sagemaker:CreateProcessingJob'],
    'Run a SageMaker processing job with your container and a passed privileged role.',
    { passRoleTo: 'sagemaker.amazonaws.com' }),
  path('pathfinding/sagemaker-004', ['sagemaker:CreatePresignedNotebookInstanceUrl'],
    'Open a running notebook that has a privileged role through a presigned URL.',
    { prerequisite: 'an InService notebook instance with a privileged role' }),
  path('pathfinding/sagemaker-005',
    ['sagemaker:CreateNotebookInstanceLifecycleConfig', 'sagemaker:StopNotebookInstance', 'sagemaker:UpdateNotebookInstance', 'sagemaker:StartNotebookInstance'],
    'Attach a lifecycle script to a privileged notebook and restart it to run your code.',
    { prerequisite: 'a notebook instance with a privileged role' }),
  path('pathfinding/ssm-001', ['ssm:StartSession'],
    'Open a shell on an instance with a privileged profile through Session Manager.',
    { prerequisite: 'a running SSM-managed instance with a privileged profile' }),
  path('pathfinding/ssm-002', ['ssm:SendCommand'],
    'Run commands on an instance with a privileged profile through Run Command.',
    { prerequisite: 'a running SSM-managed instance with a privileged profile' }),
  path('pathfinding/sts-001', ['sts:AssumeRole'],
    'Assume a privileged role whose trust policy already allows you.',
    { prerequisite: 'a privileged role trusting the principal' }),
];

/** Rhino methods whose action sets pathfinding.cloud does not list (the others are aliases above). */
const RHINO: EscalationPath[] = [
  path('rhino/SetExistingDefaultPolicyVersion', ['iam:SetDefaultPolicyVersion'],
    'Make an older, more permissive version of a policy attached to yourself the default.',
    { prerequisite: 'a managed policy with a more permissive non-default version' }),
  path('rhino/UpdateRolePolicyToAssumeIt', ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'],
    'Rewrite the trust policy of a privileged role to trust you, then assume it.'),
  path('rhino/PassExistingRoleToNewLambdaThenTriggerWithNewDynamo',
    [PASS_ROLE, 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping', 'dynamodb:CreateTable', 'dynamodb:PutItem'],
    'Create a function with a passed privileged role and trigger it from a new DynamoDB stream.',
    { passRoleTo: 'lambda.amazonaws.com' }),
  path('rhino/PassExistingRoleToNewDataPipeline', [PASS_ROLE, 'datapipeline:CreatePipeline'],
    'Create a Data Pipeline that runs commands with a passed privileged role.',
    { passRoleTo: 'datapipeline.amazonaws.com' }),
];

/**
 * PMapper edges not covered above. Variants that only add actions to a listed set (e.g. creating
 * the instance profile first) are left out: whenever they are granted, the shorter set is too.
 */
const PMAPPER: EscalationPath[] = [
  path('pmapper/autoscaling-launch-configuration',
    [PASS_ROLE, 'autoscaling:CreateAutoScalingGroup', 'autoscaling:CreateLaunchConfiguration'],
    'Create a launch configuration with a privileged instance profile and an Auto Scaling group that launches it.',
    { passRoleTo: 'ec2.amazonaws.com' }),
  path('pmapper/autoscaling-existing-launch-template', [PASS_ROLE, 'autoscaling:CreateAutoScalingGroup'],
    'Create an Auto Scaling group from an existing launch template with a privileged instance profile.',
    { passRoleTo: 'ec2.amazonaws.com', prerequisite: 'a launch template with a privileged instance profile' }),
  path('pmapper/ec2-associate-instance-profile', [PASS_ROLE, 'ec2:AssociateIamInstanceProfile'],
    'Attach a privileged instance profile to an instance you control.',
    { passRoleTo: 'ec2.amazonaws.com', prerequisite: 'an instance profile for the role' }),
  path('pmapper/codebuild-update-project', [PASS_ROLE, 'codebuild:UpdateProject', 'codebuild:StartBuild'],
    'Give an existing CodeBuild project a passed privileged role and your buildspec, then build.',
    { passRoleTo: 'codebuild.amazonaws.com' }),
  path('pmapper/lambda-update-configuration', [PASS_ROLE, 'lambda:UpdateFunctionConfiguration'],
    'Swap the execution role of an existing function for a passed privileged role.',
    { passRoleTo: 'lambda.amazonaws.com' }),
  path('pmapper/cloudformation-update-stack', [PASS_ROLE, 'cloudformation:UpdateStack'],
    'Update a stack to run with a passed privileged service role.',
    { passRoleTo: 'cloudformation.amazonaws.com' }),
  path('pmapper/cloudformation-change-set', [PASS_ROLE, 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
    'Create and execute a change set that runs with a passed privileged service role.',
    { passRoleTo: 'cloudformation.amazonaws.com' }),
];

/**
 * Prowler combinations not covered above. Prowler also lists the patterns `iam:*` and `iam:Put*`;
 * they are not action sets, and any grant matching them already grants the iam-00x paths above.
 */
const PROWLER: EscalationPath[] = [
  path('prowler/codestar-create-project', [PASS_ROLE, 'codestar:CreateProject'],
    'Create a CodeStar project whose toolchain runs with a passed privileged role.',
    { passRoleTo: 'codestar.amazonaws.com' }),
  path('prowler/autoscaling-update-group',
    [PASS_ROLE, 'autoscaling:UpdateAutoScalingGroup', 'autoscaling:CreateLaunchConfiguration'],
    'Point an existing Auto Scaling group at a new launch configuration with a privileged instance profile.',
    { passRoleTo: 'ec2.amazonaws.com' }),
  path('prowler/ecs-run-task', [PASS_ROLE, 'ecs:RunTask'],
    'Run an existing task definition with an overridden, passed privileged task role.',
    { passRoleTo: 'ecs-tasks.amazonaws.com' }),
  path('prowler/ecs-start-task-container-instance',
    [PASS_ROLE, 'ecs:StartTask', 'ecs:RegisterContainerInstance', 'ecs:DeregisterContainerInstance'],
    'Register your own container instance and start a task with a passed privileged role on it.',
    { passRoleTo: 'ecs-tasks.amazonaws.com' }),
  path('prowler/ecs-execute-command', ['ecs:ExecuteCommand', 'ecs:DescribeTasks'],
    'Open a shell in a running task that has a privileged task role.',
    { prerequisite: 'a running task with ECS Exec enabled and a privileged role' }),
  path('prowler/lambda-update-configuration', ['lambda:UpdateFunctionConfiguration'],
    'Add a layer or change the runtime settings of a privileged function to run your code.',
    { prerequisite: 'a function with a privileged execution role' }),
  path('prowler/bedrock-agentcore-invoke-command', ['bedrock-agentcore:InvokeAgentRuntimeCommand'],
    'Run a command in an existing AgentCore runtime and use its role.',
    { prerequisite: 'an AgentCore runtime with a privileged role' }),
  path('prowler/bedrock-agentcore-create-runtime',
    [
      PASS_ROLE,
      'bedrock-agentcore:CreateAgentRuntime',
      'bedrock-agentcore:CreateAgentRuntimeEndpoint',
      'bedrock-agentcore:CreateWorkloadIdentity',
      'bedrock-agentcore:InvokeAgentRuntimeCommand',
    ],
    'Create an AgentCore runtime with a passed privileged role and run commands in it.',
    { passRoleTo: 'bedrock-agentcore.amazonaws.com' }),
];

export const ESCALATION_PATHS: readonly EscalationPath[] = Object.freeze([...PATHFINDING, ...RHINO, ...PMAPPER, ...PROWLER]);

/**
 * Every path whose actions are all granted. `isGranted` answers "is this action granted
 * (unconstrained) by the statement set"; it receives canonical 'service:Action' names.
 */
export function grantedEscalationPaths(isGranted: (action: string) => boolean): EscalationPath[] {
  const memo = new Map<string, boolean>();
  const granted = (action: string): boolean => {
    let result = memo.get(action);
    if (result === undefined) {
      result = isGranted(action);
      memo.set(action, result);
    }
    return result;
  };
  return ESCALATION_PATHS.filter((p) => p.actions.every(granted));
}

/**
 * Drops paths whose action set strictly contains the action set of another path in the list, so a
 * report names 'iam:AttachRolePolicy' once rather than also every longer path built on it.
 */
export function minimalEscalationPaths(paths: readonly EscalationPath[]): EscalationPath[] {
  const sets = paths.map((p) => new Set(p.actions));
  return paths.filter((_, i) => {
    const mine = sets[i] as Set<string>;
    return !sets.some((other, j) => j !== i && other.size < mine.size && [...other].every((a) => mine.has(a)));
  });
}
