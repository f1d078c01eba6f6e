#!/usr/bin/env python3
"""Fail on any import cycle among peacepos' modules, counting imports inside functions.

grimp (import-linter's graph builder) reads every import statement of every module, at any
depth; this walks its graph for strongly connected components. A package's ``__init__``
importing its own submodules is not a cycle of design and is left out.
"""

from __future__ import annotations

import sys

import grimp


def main() -> int:
    graph = grimp.build_graph("peacepos", include_external_packages=False)
    modules = sorted(graph.modules)
    edges: dict[str, set[str]] = {}
    for m in modules:
        targets = graph.find_modules_directly_imported_by(m)
        is_package = any(o.startswith(m + ".") for o in modules)
        edges[m] = {t for t in targets if not (is_package and t.startswith(m + "."))}

    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for v in modules:
        if v not in index:
            visit(v)
    for c in cycles:
        print("cycle:", " <-> ".join(c))
    print(f"import cycles: {len(cycles)} among {len(modules)} modules")
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main())
