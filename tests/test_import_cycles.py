"""No import cycle anywhere in the srcview package, counting imports inside functions.

The graph is read from the source (``ast``), not from ``sys.modules``: a
function-level import that would close a cycle only when the function runs is
a cycle too.  ``if TYPE_CHECKING:`` imports are left out (they never run).
An import of a package counts as an import of its ``__init__``; ``from . import x``
as an import of ``x`` when ``x`` is a module (and not of the package).  A module's
own parent packages are not counted: Python imports them before the module anyway.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tui" / "srcview"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports(path: Path, modules: set[str]) -> set[str]:
    """The srcview modules ``path`` imports anywhere (top level or in functions), TYPE_CHECKING aside."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in modules else target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    parents = {name.rsplit(".", n)[0] for n in range(1, name.count(".") + 1)}
    out = set()
    for target in found:
        while target and target not in modules:  # srcview.rules.load_rules → srcview.rules
            target = target.rpartition(".")[0]
        if target and target != name and target not in parents:
            out.add(target)
    return out


def import_graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in files}
    return {module_name(p): imports(p, modules) for p in files}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path ``[a, b, …, a]``, or None."""
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (cycle := walk(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := walk(node)):
            return cycle
    return None


def test_the_graph_sees_function_level_imports():
    graph = import_graph()
    assert "srcview.engine" in graph["srcview.app.rules_session"]  # imported inside RulesSession.analyse
    assert "srcview.engine.claims" in graph["srcview.engine.analyzer"]  # from . import claims
    assert "srcview.app.rules_screen" in graph["srcview.app.app"]  # imported inside action_rules


def test_the_cycle_finder_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_in_the_app():
    graph = import_graph()
    app = {k: {m for m in v if m.startswith("srcview.app")} for k, v in graph.items() if k.startswith("srcview.app")}
    app.pop("srcview.app", None)  # the package's lazy __getattr__ names its modules; none imports it back
    for deps in app.values():
        deps.discard("srcview.app")
    assert find_cycle(app) is None, " → ".join(find_cycle(app) or [])


def test_no_import_cycle_in_srcview():
    graph = import_graph()
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])
