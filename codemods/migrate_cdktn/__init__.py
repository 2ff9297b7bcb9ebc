"""CTM: the `migrate` pack, from CDK for Terraform (cdktf) to CDK Terrain (cdktn)."""
