"""The rules, as LibCST codemods, grouped in packs (one per command) and families (one per code prefix).

The `fix` pack is what `check` and `fix` run: one sub-package per family, its code prefix the catalog's
section letter, each rule a module of its own (the file name is the rule name), a family's shared
knowledge in its `helpers.py`. A later command (a migration) is `fix` over a pack of its own, with its
own code prefix. Rules import the rule base, helpers and domain modules, never another rule.
"""

# pack name -> its families, in code order
PACKS: dict[str, tuple[str, ...]] = {
    "fix": ("structure", "provider_api", "environments", "service_constraints", "packaging", "hygiene"),
    "migrate": ("migrate_cdktn",),
    "upgrade": ("upgrade_cdktf",),  # `migrate --to cdktf`: stranded projects to the last CDKTF line
}
