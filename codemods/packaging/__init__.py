"""CTE: deployment artifacts and packaging (catalog E): Lambda code that exists and runs, and
placeholder values copied from documentation."""
