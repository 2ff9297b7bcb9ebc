"""The `upgrade` pack (`migrate --to cdktf`): stranded projects move to the last CDKTF line (CTU)."""
