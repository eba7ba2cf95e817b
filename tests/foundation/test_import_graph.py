"""The project's modules import each other in one direction only.

Read from the source (every import, those inside functions too, but not those only for
the type checker), so a circle hidden behind a lazy import is found as well:
- no import circle among the project's own modules;
- `victims_service`, the project package, imports no app: apps depend on it, never the
  other way (an app hooks in through what victims_service offers, like the quick exit's
  hooks, or is named in settings and URLconfs as a string).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("complaints", "directory", "guidance", "feedback", "victims_service", "bench", "drills")
APPS = ("complaints", "directory", "guidance", "feedback", "bench")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _type_checking_only(tree: ast.AST) -> set[ast.AST]:
    skipped: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(n for body in node.body for n in ast.walk(body))
    return skipped


def _imported(module: str, path: Path) -> set[str]:
    """What `module` imports, as dotted names: `from a import b` gives `a.b` and `a`."""
    tree = ast.parse(path.read_text())
    skipped = _type_checking_only(tree)
    names: set[str] = set()
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")
                if path.name != "__init__.py":
                    package.pop()
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, *([node.module] if node.module else [])])
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _graph() -> dict[str, set[str]]:
    """Module -> the project's modules it imports. `from a import b` is an import of the
    module `a.b` when there is one, else of `a` (a package's own parents are not counted:
    Python runs them, but they import their children, which would make every package a
    circle)."""
    modules = _modules()

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = {resolve(name) for name in _imported(module, path)}
        graph[module] = {t for t in targets if t is not None and t != module}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_import_circles_among_the_projects_modules():
    graph = _graph()
    described = [
        " -> ".join(group)
        + "  ("
        + "; ".join(f"{a} imports {b}" for a in group for b in sorted(graph[a] & set(group)))
        + ")"
        for group in _cycles(graph)
    ]
    assert described == []


def test_the_project_package_imports_no_app():
    graph = _graph()
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module.split(".")[0] == "victims_service"
        for target in targets
        if target.split(".")[0] in APPS
    )
    assert wrong == []


def test_the_checks_see_a_circle_and_a_wrong_way_import():
    graph = {"a.x": {"a.y"}, "a.y": {"a.z"}, "a.z": {"a.x"}, "a.w": {"a.x"}}
    assert _cycles(graph) == [["a.x", "a.y", "a.z"]]
    assert _cycles({"a.x": {"a.y"}, "a.y": set()}) == []
