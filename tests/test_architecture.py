"""The house rules of the package, checked on its source (fast, no imports executed).

Wings along the data flow — reading < documents < search < answering < ui < facade —
import only from wings below them and from the ground floor (types, config, text, numerals); no
import cycle, function-level imports included; no module over 400 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "assistant"

#: floor of each top-level part of the package; a module may import from floors <= its own
FLOORS = {"types": 0, "config": 0, "text": 0, "numerals": 0, "roles": 0, "register": 0, "sync": 0, "reading": 1, "documents": 2, "search": 3, "answering": 4,
          "ui": 5, "library": 6, "qa": 7, "evaluate": 7, "cli": 8, "__init__": 9, "__main__": 9}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every assistant.* module this file imports, at any depth of the code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    me = _module_name(path)
    pkg = me if path.name == "__init__.py" else me.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("assistant"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            if not mod.startswith("assistant"):
                continue
            out.add(mod)
            for a in node.names:  # ``from assistant.search import chunking``
                if (PKG.parent / (mod.replace(".", "/") + "/" + a.name + ".py")).exists():
                    out.add(f"{mod}.{a.name}")
    return {m for m in out if m != "assistant"}


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PKG.rglob("*.py")}
    return {name: {m for m in _imports(p) if m in modules and m != name} for name, p in modules.items()}


def _floor(module: str) -> int:
    parts = module.split(".")
    return FLOORS[parts[1] if len(parts) > 1 else "__init__"]


def test_every_top_level_part_has_a_floor() -> None:
    parts = {p.stem if p.is_file() else p.name for p in PKG.iterdir()
             if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))}
    assert parts <= set(FLOORS), f"no floor for {sorted(parts - set(FLOORS))}"


def test_wings_import_only_downward() -> None:
    upward = [f"{m} -> {dep}" for m, deps in _graph().items() for dep in deps
              if _floor(dep) > _floor(m) and not m.endswith("__init__")]
    assert not upward, "imports upward:\n" + "\n".join(sorted(upward))


def test_no_import_cycles() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep):], dep])
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n, [n])
    # a package's __init__ re-exporting its own modules is not a cycle of meaning
    real = [c for c in cycles if not any(m == c[0].rsplit(".", 1)[0] for m in c)]
    assert not real, "import cycles:\n" + "\n".join(" -> ".join(c) for c in real)


def test_modules_stay_small() -> None:
    big = {str(p.relative_to(PKG)): n for p in PKG.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not big, f"modules over 400 lines: {big}"
