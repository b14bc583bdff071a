#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { ApiStack } from '../lib/api-stack';
import { CiStack } from '../lib/ci-stack';
import { DEFAULT_ENV } from '../lib/config';
import { ProdStage } from '../lib/prod-stage';
import { SharedStack } from '../lib/shared-stack';

const app = new cdk.App();

// Development: every stack straight under the app.
const shared = new SharedStack(app, 'Shared', { env: DEFAULT_ENV });
new ApiStack(app, 'Api', { env: DEFAULT_ENV, dataBucket: shared.dataBucket, stage: 'dev' });
new CiStack(app, 'Ci', { env: DEFAULT_ENV });

// Production: the same stacks again, inside a stage.
new ProdStage(app, 'Prod', { env: DEFAULT_ENV });

app.synth();
