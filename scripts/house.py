"""The shape of the house in numbers: files and lines per layer, the longest modules and functions.

Issue 14 asked for a before/after of the refactor; this prints it for any checkout, so the next
change can be compared the same way: `python scripts/house.py [DIR]`. Migrations, tests and the
benchmark are counted apart from the production code, which is what the numbers are about.
"""

import ast
import sys
from pathlib import Path

LAYERS = (
    ("base", ("servicedesk",)),
    ("vehicles", ("vehicles",)),
    ("interactions", ("interactions",)),
    ("complaints", ("complaints",)),
    ("surveys", ("surveys",)),
    ("portal", ("portal",)),
    ("reports", ("reports", "servicedesk/reports")),
    ("demo", ("demo",)),
)
SKIP = {".venv", "migrations", "node_modules", "static", "staticfiles", "var", "artifacts"}


def production_files(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*.py")
        if not SKIP.intersection(path.relative_to(root).parts)
        and path.relative_to(root).parts[0] not in {"tests", "bench", "scripts"}
    )


def layer_of(rel: str) -> str:
    # The longest matching prefix wins: servicedesk/reports belongs to reports, not the base.
    best = ("other", "")
    for layer, prefixes in LAYERS:
        for prefix in prefixes:
            if (rel == prefix or rel.startswith(prefix + "/")) and len(prefix) > len(best[1]):
                best = (layer, prefix)
    return best[0]


def functions(path: Path, rel: str):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.end_lineno - node.lineno + 1, f"{rel}:{node.lineno} {node.name}"


def main(root: Path) -> None:
    files = production_files(root)
    per_layer: dict[str, list[int]] = {}
    sizes, funcs = [], []
    for path in files:
        rel = path.relative_to(root).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        counts = per_layer.setdefault(layer_of(rel), [0, 0])
        counts[0] += 1
        counts[1] += lines
        sizes.append((lines, rel))
        funcs.extend(functions(path, rel))
    print("layer          files   lines")
    for layer, _ in (*LAYERS, ("other", ())):
        if layer in per_layer:
            count, lines = per_layer[layer]
            print(f"{layer:<14}{count:>6}{lines:>8}")
    print(f"{'all':<14}{len(files):>6}{sum(n for n, _ in sizes):>8}")
    over = sorted((s for s in sizes if s[0] > 500), reverse=True)
    print(f"\nmodules over 500 lines: {len(over)}")
    for lines, rel in over:
        print(f"  {lines:>5}  {rel}")
    print("\nlongest functions:")
    for lines, where in sorted(funcs, reverse=True)[:10]:
        print(f"  {lines:>5}  {where}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve())
