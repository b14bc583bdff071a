resource "aws_s3_bucket" "reports" {
  bucket = "billing-reports-${var.environment}"
}

# Done right: readable only through the VPC endpoint of the account.
data "aws_iam_policy_document" "reports_bucket" {
  statement {
    sid       = "ReadThroughEndpoint"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.reports.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpce"
      values   = [var.vpc_endpoint_id]
    }
  }
}

resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  policy = data.aws_iam_policy_document.reports_bucket.json
}

resource "aws_s3_bucket" "public_site" {
  bucket = "billing-site-${var.environment}"
}

# MISTAKE: anyone may read and list the site bucket.
resource "aws_s3_bucket_policy" "public_site" {
  bucket = aws_s3_bucket.public_site.id
  policy = file("${path.module}/policies/public-site.json")
}

resource "aws_sns_topic" "alerts" {
  name = "billing-alerts"
}

# Done right: CloudWatch may publish, for alarms of this account only.
resource "aws_sns_topic_policy" "alerts" {
  arn = aws_sns_topic.alerts.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "CloudWatchAlarms"
      Effect    = "Allow"
      Principal = { Service = "cloudwatch.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.alerts.arn
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
}

# MISTAKE: the database password has no rotation.
resource "aws_secretsmanager_secret" "db" {
  name = "billing/db"
}
