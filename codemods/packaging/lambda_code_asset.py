"""CTE001: `LambdaFunction(filename="x.zip")` naming an archive that does not exist (catalog E1)."""

from __future__ import annotations

import ast
import fnmatch
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from codemods.packaging import screens
from fixer.discovery import ALWAYS_SKIPPED
from fixer.rule import Rule, append_keyword
from fixer.statements import NameScopes, callee_name, keyword_arg
from fixer.types import Applicability, Example, FixAvailability

ARCHIVE = re.compile(r"[\w./-]+\.zip")
# Files in which a build step would name the archive it produces.
BUILD_FILES = ("Makefile", "*.mk", "*.sh", "package.json", "pyproject.toml", "tox.ini", "noxfile.py", "justfile",
               "Taskfile.yml", "Dockerfile", ".github/workflows/*.yml", ".github/workflows/*.yaml", "scripts/*")


@functools.lru_cache(maxsize=256)
def built_somewhere(root: Path, archive: str) -> bool:
    """Whether a build file of the project names the archive (a step that produces it), or Python code
    makes zip archives."""
    name = Path(archive).name
    for path in _build_files(root):
        try:
            if path.is_file() and path.stat().st_size < 1_000_000 and name in path.read_text(errors="replace"):
                return True
        except OSError:
            continue
    return False


def _build_files(root: Path) -> list[Path]:
    """What `root.glob(pattern)` finds for each of BUILD_FILES, from one listing per folder the patterns
    name (a glob per pattern listed the root a dozen times)."""
    by_folder: dict[str, list[str]] = {}
    for pattern in BUILD_FILES:
        folder, _, name = pattern.rpartition("/")
        by_folder.setdefault(folder, []).append(name)
    found = []
    for folder, names in by_folder.items():
        place = root / folder if folder else root
        try:
            entries = sorted(os.listdir(place))
        except OSError:
            continue
        found.extend(place / entry for entry in entries if any(fnmatch.fnmatch(entry, n) for n in names))
    return found


@dataclass(frozen=True)
class HandlerSource:
    """The folder an archive asset packages, and the module in it a handler must name when only one fits."""

    folder: Path
    module: str | None  # the single-file handler's module, or the one module of the folder


def handler_source(root: Path, here: Path, archive: str, handler: str | None) -> HandlerSource | Path | None:
    """Where the archive should have been built from: a folder named like the archive, the folder holding
    a single-file handler named like it (`lambda/processor.zip` next to `lambda/processor.py`), or the one
    `lambda*` folder holding the handler's module. An archive asset must be a folder, and one holding the
    function's code only: a single-file handler lying in the project root, in lib/ or beside the stack
    that creates it is returned as the file itself, for the caller to report."""
    stem = archive[: -len(".zip")]
    for base in (root, here, root / "lib"):
        folder, single = base / stem, base / f"{stem}.py"
        if folder.is_dir() and folder.resolve().is_relative_to(root):
            return HandlerSource(folder.resolve(), _only_module(folder.resolve()))
        if single.is_file() and single.resolve().is_relative_to(root):
            holder = single.resolve().parent
            if holder in (root, root / "lib", here):
                return single.resolve()
            return HandlerSource(holder, single.stem)
    module = (handler or "").rsplit(".", 1)[0]
    if not module:
        return None
    found = {folder for folder, files in _lambda_folders(root) if f"{module}.py" in files}
    return HandlerSource(found.pop(), module) if len(found) == 1 else None


def _only_module(folder: Path) -> str | None:
    modules = [p.stem for p in folder.glob("*.py") if p.name != "__init__.py" and not p.name.startswith("test_")]
    return modules[0] if len(modules) == 1 else None


def handler_function(module_file: Path, wanted: str) -> str | None:
    """`wanted` when the module defines it, else the module's one `(event, context)` function, else None."""
    try:
        tree = ast.parse(module_file.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return None
    functions = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if any(f.name == wanted for f in functions):
        return wanted
    entry_points = [f.name for f in functions if len(f.args.args) == 2]
    return entry_points[0] if len(entry_points) == 1 else None


@functools.lru_cache(maxsize=64)
def _lambda_folders(root: Path) -> tuple[tuple[Path, frozenset[str]], ...]:
    """Folders at or under a `lambda*` folder of the project, with their file names: walked once per
    project, not once per function."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in ALWAYS_SKIPPED]
        path = Path(folder)
        if any(part.lower().startswith("lambda") for part in path.relative_to(root).parts):
            found.append((path.resolve(), frozenset(files)))
    return tuple(found)


def _asset_id(construct_id: cst.BaseExpression) -> tuple[str | None, str]:
    """The asset's construct id as source (the function's id + "-code") and a word to name its variable
    after; (None, "") when it cannot be written without nesting quotes."""
    module = cst.Module(body=[])
    if isinstance(construct_id, cst.SimpleString) and construct_id.prefix == "":
        return f'"{construct_id.evaluated_value}-code"', construct_id.evaluated_value
    if isinstance(construct_id, cst.FormattedString) and construct_id.prefix.lower() == "f" and len(construct_id.end) == 1:
        text = "".join(p.value for p in construct_id.parts if isinstance(p, cst.FormattedStringText))
        code = module.code_for_node(construct_id)
        return code[: -len(construct_id.end)] + "-code" + construct_id.end, text
    code = module.code_for_node(construct_id)
    if '"' in code or "'" in code:
        return None, ""
    return f'f"{{{code}}}-code"', code


def _identifier(text: str) -> str:
    name = re.sub(r"\W+", "_", text).strip("_").lower() or "lambda"
    return name if not name[0].isdigit() else f"_{name}"


class LambdaCodeAsset(NameScopes, Rule):
    """
    ## What it does
    Finds `LambdaFunction(filename="lambda/processor.zip")` where the project has no such archive and no
    build step makes one.

    ## Why is this bad?
    Synth succeeds, and deploy fails with "no such file". Terraform also resolves the relative path from
    `cdktf.out/stacks/<stack>`, not from the project.

    ## Fix safety
    When the handler's source exists (a folder named like the archive, such as `lib/lambda/processor/`, the
    folder holding a single-file handler named like it, such as `lib/lambda/processor.py`, or the one
    `lambda*` folder holding the handler's module), a `TerraformAsset(self, "<id>-code",
    path=os.path.join(os.path.dirname(__file__), ...), type=AssetType.ARCHIVE)` is created before the
    function, which gets `filename=asset.path` and `source_code_hash=asset.asset_hash`. `handler=` must name a
    module and function of the packaged folder: `handler="index.handler"` beside `processor.py` becomes
    `processor.handler` when the module is the only one it can be.

    The fix is unsafe: the deployed code changes from an archive someone may build by hand to the folder's
    contents.

    Reported without a fix: no source found; a single-file handler lying in the project root, in lib/ or
    beside the stack (an archive asset must be a folder, since synth rejects a file, and it ships everything
    in it); a `handler=` whose module is not the only one it can be.

    ## Options
    None.
    """

    code = "CTE001"
    name = "lambda-code-asset"
    summary = "Lambda `filename=` archive that does not exist and that nothing builds"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = frozenset({Applicability.UNSAFE})
    markers = (".zip",)
    deployed_resources_only = True
    cdktf_code_only = True

    INVALID = (
        Example(
            """
            from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction


            def api(self, role_arn):
                LambdaFunction(self, "api", function_name="api", role=role_arn, handler="index.handler",
                               runtime="python3.12", filename="lambda/api.zip")
            """,
            """
            from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction
            import os
            from cdktf import AssetType, TerraformAsset


            def api(self, role_arn):
                api_code = TerraformAsset(self, "api-code", path=os.path.join(os.path.dirname(__file__), "lambda", "api"), type=AssetType.ARCHIVE)
                LambdaFunction(self, "api", function_name="api", role=role_arn, handler="index.handler",
                               runtime="python3.12", filename=api_code.path, source_code_hash=api_code.asset_hash)
            """,
            files=(("lambda/api/index.py", "def handler(event, context):\n    return {}\n"),),
        ),
    )
    VALID = (
        """
        from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction


        def api(self, role_arn, code):
            LambdaFunction(self, "api", function_name="api", role=role_arn, handler="index.handler",
                           runtime="python3.12", filename=code.path, source_code_hash=code.asset_hash)
        """,
    )

    screen = staticmethod(screens.lambda_code_asset)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.pending: list[str] = []  # asset statements to insert before the current statement

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if callee_name(original_node) != "LambdaFunction":
            return updated_node
        filename = keyword_arg(original_node, "filename")
        if filename is None or not isinstance(filename.value, cst.SimpleString):
            return updated_node
        archive = filename.value.evaluated_value
        if not isinstance(archive, str) or not ARCHIVE.fullmatch(archive) or archive.startswith("/"):
            return updated_node
        root = self.context.project.root
        here = Path(self.context.path).resolve().parent
        # Terraform reads a relative path from cdktf.out/stacks/<stack>, so `../../../x.zip` is the root's x.zip
        from_stack = (root / "cdktf.out" / "stacks" / "stack" / archive).resolve()
        if any(p.is_file() for p in (root / archive, here / archive, from_stack)) or built_somewhere(root, archive):
            return updated_node
        handler = keyword_arg(original_node, "handler")
        handler_name = handler.value.evaluated_value if handler and isinstance(handler.value, cst.SimpleString) else None
        source = handler_source(root, here, archive, handler_name)
        problem = f"`filename=\"{archive}\"`: the project has no such archive and nothing builds it (deploy fails)"
        positional = [a for a in original_node.args if a.keyword is None]
        if isinstance(source, Path):
            shown = Path(os.path.relpath(source, root)).as_posix()
            self.report(filename, f"{problem}; move {shown} into a folder of its own and package that folder with "
                        "a TerraformAsset (an archive asset is a folder, and this one would ship the project's code)")
            return updated_node
        if source is None or len(positional) < 2:
            self.report(filename, f"{problem}; package the handler's folder with a TerraformAsset")
            return updated_node
        shown = Path(os.path.relpath(source.folder, root)).as_posix()
        new_handler = self._consistent_handler(source, handler, handler_name)
        module = cst.Module(body=[])
        scope = module.code_for_node(positional[0].value)
        asset_id, base = _asset_id(positional[1].value)
        if asset_id is None:
            self.report(filename, f"{problem}; package {shown} with a TerraformAsset")
            return updated_node
        message = f"{problem}; package {shown} with a TerraformAsset"
        if new_handler is not None:
            message += f", with `handler=\"{new_handler}\"` (the module and function that folder holds)"
        if not self.report(filename, message, Applicability.UNSAFE):
            return updated_node
        variable = self._fresh(f"{_identifier(str(base))}_code")
        parts = ", ".join(f'"{p}"' for p in Path(os.path.relpath(source.folder, here)).parts)
        self.pending.append(f"{variable} = TerraformAsset({scope}, {asset_id}, path=os.path.join(os.path.dirname(__file__), "
                            f"{parts}), type=AssetType.ARCHIVE)\n")
        core = self.context.core_module
        for module, name in (("os", None), (core, "AssetType"), (core, "TerraformAsset")):
            self.context.add_import(module, name)
        replacements = {"filename": cst.parse_expression(f"{variable}.path")}
        if new_handler is not None:
            replacements["handler"] = cst.SimpleString(f'"{new_handler}"')
        args = [a.with_changes(value=replacements[a.keyword.value]) if a.keyword and a.keyword.value in replacements
                else a for a in updated_node.args]
        call = updated_node.with_changes(args=args)
        digest = cst.parse_expression(f"{variable}.asset_hash")
        if keyword_arg(original_node, "source_code_hash") is None:
            return append_keyword(call, "source_code_hash", digest)
        return call.with_changes(args=[a.with_changes(value=digest) if a.keyword and a.keyword.value == "source_code_hash"
                                       else a for a in call.args])

    def _consistent_handler(self, source: HandlerSource, handler: cst.Arg | None, name: str | None) -> str | None:
        """The `handler=` the packaged folder needs when the written one names a module (or function) it does
        not hold and the right one is unambiguous; a mismatch that cannot be resolved is reported."""
        if handler is None or not name or "." not in name:
            return None
        module, function = name.rsplit(".", 1)
        module_file = source.folder / f"{module.replace('.', '/')}.py"
        if not module_file.is_file():
            if source.module is None:
                self.report(handler, f"`handler=\"{name}\"`: the packaged folder has no module `{module}`; name the "
                            "module that holds the function")
                return None
            module, module_file = source.module, source.folder / f"{source.module}.py"
        found = handler_function(module_file, function)
        if found is None:
            self.report(handler, f"`handler=\"{name}\"`: `{module_file.name}` defines no `{function}`; name the "
                        "function Lambda calls")
            return None
        fixed = f"{module}.{found}"
        return fixed if fixed != name else None

    def _fresh(self, name: str) -> str:
        taken = self.local_names()
        candidate, number = name, 2
        while candidate in taken:
            candidate, number = f"{name}_{number}", number + 1
        taken.add(candidate)
        return candidate

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        if not self.pending:
            return updated_node
        statements = [cst.parse_statement(code) for code in self.pending]
        self.pending = []
        return cst.FlattenSentinel([*statements, updated_node])
