output "reports_role_arn" {
  value = module.reports.role_arn
}

# MISTAKE: the CI user's secret access key ends up in the state and in every plan output.
output "ci_secret_access_key" {
  value     = aws_iam_access_key.ci.secret
  sensitive = true
}
