"""CTE002: a Lambda handler importing a package the Lambda runtime does not have (catalog E2)."""

from __future__ import annotations

import sys
from pathlib import Path

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemods.packaging import screens
from fixer.rule import Rule
from fixer.types import Example, FixAvailability

# What the Python runtimes of AWS Lambda provide besides the standard library.
RUNTIME_PACKAGES = frozenset({"boto3", "botocore", "awslambdaric", "s3transfer", "jmespath", "dateutil", "urllib3",
                              "six", "bootstrap", "runtime_client", "lambda_runtime_client"})


def _catches_import_error(handler: cst.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = [handler.type] if not isinstance(handler.type, cst.Tuple) else [e.value for e in handler.type.elements]
    return any((get_full_name_for_node(n) or "") in ("ImportError", "ModuleNotFoundError", "Exception") for n in names)


class LambdaDependencies(Rule):
    """
    ## What it does
    Reports a Lambda handler that imports a third-party package (`psycopg2`, `requests`, `pydantic` ...) the
    Python runtime lacks, while nothing ships it: no `requirements.txt` (or pyproject) beside the handler, no
    vendored copy, and no `layers=` anywhere in the project. The finding stands at the import, naming the
    package and the handler file; it is never rewritten (bundle the package, add a layer, or use what the
    runtime has: `urllib.request` for HTTP, boto3 for AWS).

    Handler code is what lives under a folder named `lambda*`, `functions` or `handlers` and is not CDKTF
    code. Imports guarded by `try: ... except ImportError:` are optional on purpose and left alone.

    ## Why is this bad?
    The stack deploys, and the first invocation fails with
    `Runtime.ImportModuleError: No module named 'requests'`.

    ## Options
    None.
    """

    code = "CTE002"
    name = "lambda-dependencies"
    summary = "Lambda handler imports a package the Lambda runtime lacks"
    fix_availability = FixAvailability.NONE
    markers = ("import",)
    project_wide = True
    deployed_resources_only = True
    uses_project_classes = True  # the project is read, so `mentions("layers=")` can answer

    INVALID = (
        Example(
            """
            import json

            import requests


            def handler(event, context):
                return {"statusCode": 200, "body": json.dumps(requests.get(event["url"]).json())}
            """,
            path="lib/lambda/fetcher/index.py",
        ),
    )
    # VALID examples stand at the project root, where no handler lives: the negative golden cases
    # (handler-dependencies-provided) show what is left alone.

    screen = staticmethod(screens.lambda_dependencies)

    def visit_Module(self, node: cst.Module) -> bool:
        here = Path(self.context.path)
        self.local = {p.stem for p in here.parent.iterdir() if p.suffix == ".py" or (p / "__init__.py").is_file()}
        self.local |= {p.name for p in here.parent.iterdir() if p.is_dir()}  # vendored packages
        self.layers = self.context.project.mentions("layers=")
        self.guarded: list[bool] = []  # inside `try: import x / except ImportError:`: optional on purpose
        return not self.layers

    def visit_Try(self, node: cst.Try) -> None:
        self.guarded.append(any(_catches_import_error(h) for h in node.handlers))

    def leave_Try(self, original_node: cst.Try, updated_node: cst.Try) -> cst.Try:
        self.guarded.pop()
        return updated_node

    def _check(self, node: cst.CSTNode, module: str | None) -> None:
        top = (module or "").split(".", 1)[0]
        if any(self.guarded) or not top or top in sys.stdlib_module_names or top in RUNTIME_PACKAGES or top in self.local:
            return
        handler = Path(self.context.path).name
        self.report(node, f"`{top}` is not in the Lambda Python runtime and nothing bundles it for {handler} "
                          "(no requirements.txt beside it, no layer): the function fails with ImportModuleError")

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            self._check(node, get_full_name_for_node(alias.name))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if not node.relative:
            self._check(node, get_full_name_for_node(node.module) if node.module else None)
