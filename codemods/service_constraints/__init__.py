"""CTD: AWS service constraints (catalog D): values and policies an AWS service rejects or needs at
deploy, and production sizing advice."""
