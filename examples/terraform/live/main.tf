# Billing reports: a Lambda that builds reports from a bucket, and the pipeline that deploys it.
# Contains deliberate IAM mistakes (marked MISTAKE, listed in ../expect.json) next to parts done right.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

# MISTAKE: a long-term access key written into the configuration.
provider "aws" {
  alias      = "legacy"
  region     = var.region
  access_key = "AKIA2OGYBAH6STMMNXNN"
  secret_key = "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"
}

data "aws_caller_identity" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  tags = {
    project = "billing"
    env     = var.environment
  }
}

# Done right: the report builder reads one bucket and decrypts with one key.
module "reports" {
  source       = "../modules/service-role"
  name         = "reports-${var.environment}"
  service      = "lambda.amazonaws.com"
  account_id   = local.account_id
  bucket_arns  = [aws_s3_bucket.reports.arn, "${aws_s3_bucket.reports.arn}/*"]
  kms_key_arns = [aws_kms_key.reports.arn]
  tags         = local.tags
}

# The build service that deploys the reports.
module "deployer" {
  source     = "../modules/service-role"
  name       = "deployer-${var.environment}"
  service    = "codebuild.amazonaws.com"
  account_id = local.account_id
  # MISTAKE: every S3 action on every bucket.
  bucket_actions = ["s3:*"]
  bucket_arns    = ["*"]
  # MISTAKE: may pass any role to any service.
  allow_pass_role = true
  tags            = local.tags
}

resource "aws_kms_key" "reports" {
  description         = "reports"
  enable_key_rotation = true
}

resource "aws_lambda_function" "reports" {
  function_name = "reports-${var.environment}"
  role          = module.reports.role_arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "reports.zip"

  environment {
    variables = {
      BUCKET    = aws_s3_bucket.reports.bucket
      LOG_LEVEL = "info"
    }
  }
}

# MISTAKE: S3 may invoke the function for any bucket, in any account (no source_arn / source_account).
resource "aws_lambda_permission" "from_s3" {
  statement_id  = "AllowS3"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.reports.function_name
  principal     = "s3.amazonaws.com"
}

# Done right: EventBridge may invoke it, from the nightly rule only.
resource "aws_lambda_permission" "nightly" {
  statement_id  = "AllowNightly"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.reports.function_name
  principal     = "events.amazonaws.com"
  source_arn    = "arn:aws:events:${var.region}:${local.account_id}:rule/reports-nightly"
}
