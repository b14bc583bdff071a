environment       = "prod"
github_repository = "acme/billing-reports"
vpc_endpoint_id   = "vpce-0a1b2c3d4e5f67890"
