"""The ``peacepos`` command: list, show, compare, validate and convert positions; list, show
and validate codebooks.

Exit codes, as for ``diff``: 0 success; 1 conflicts found, only with ``--exit-code``; 2 a usage
or input error, reported as one line on stderr (a traceback only with ``--debug``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from peacepos import corpus
from peacepos.analysis.changes import changes, related
from peacepos.analysis.compare import compare
from peacepos.analysis.many import compare_many
from peacepos.analysis.relation import Relation
from peacepos.errors import PeaceposError
from peacepos.io import write_text_atomic
from peacepos.library import Library, dumps_position
from peacepos.position import Position
from peacepos.report import render
from peacepos.vocabulary import Codebook

__all__ = ["main"]

PLUGINS_ENV = "PEACEPOS_PLUGINS"
FORMAT_CHOICES = ("plain", "markdown", "html", "latex", "csv", "json")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")


def _global_options(parser: argparse.ArgumentParser, prefix: str) -> None:
    """The options that work before or after the subcommand (the two lists are merged)."""
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument(
        "--plugin",
        action="append",
        dest=f"{prefix}plugin",
        default=[],
        metavar="MODULE",
        help=f"import MODULE first: its KINDS ({{codebook name: [condition classes]}}) and "
        f"CODEBOOKS (a list of codebooks) join this run (repeatable; also ${PLUGINS_ENV}, "
        "comma-separated)",
    )
    parser.add_argument(
        "--codebook",
        action="append",
        dest=f"{prefix}codebook",
        default=[],
        metavar="FILE",
        help="read a codebook file first; positions may then name it (repeatable)",
    )


def _parser() -> _Parser:
    common = _Parser(add_help=False)
    _global_options(common, "sub_")
    output = _Parser(add_help=False)
    output.add_argument(
        "--format",
        "-f",
        choices=FORMAT_CHOICES,
        default="plain",
        help="output format (default: plain)",
    )
    output.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output",
    )

    parser = _Parser(
        prog="peacepos",
        description="Compare negotiating positions in peace "
        "processes, issue by issue, with the evidence behind every finding.",
    )
    parser.add_argument("--version", action="version", version=f"peacepos {_version()}")
    _global_options(parser, "")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("list", parents=[common, output], help="list the built-in positions")
    p.set_defaults(run=_list)

    p = sub.add_parser(
        "show", parents=[common, output], help="show one position's conditions with their evidence"
    )
    p.add_argument("position", metavar="ID|FILE")
    p.set_defaults(run=_show)

    p = sub.add_parser(
        "compare",
        parents=[common, output],
        help="compare two positions (findings) or more (common ground, blocking issues)",
    )
    p.add_argument("positions", nargs="+", metavar="ID|FILE")
    p.add_argument(
        "--reading",
        choices=("strict", "broad", "both"),
        default=None,
        help="strict: EXPLICIT only; broad: with IMPLIED; both (default for two "
        "positions; three or more default to broad)",
    )
    p.add_argument(
        "--silence",
        choices=("report", "accept"),
        default="report",
        help="report silence as one-sided (default) or treat it as acceptance",
    )
    p.add_argument(
        "--over-time",
        action="store_true",
        help="read two positions as one actor's change over time",
    )
    p.add_argument(
        "--exit-code", action="store_true", help="exit 1 when a conflict is found (like diff)"
    )
    p.set_defaults(run=_compare)

    p = sub.add_parser(
        "deal",
        parents=[common, output],
        help="is there a settlement every position accepts? If not, what blocks it",
    )
    p.add_argument("positions", nargs="+", metavar="ID|FILE")
    p.add_argument(
        "--reading",
        default="broad",
        metavar="strict|broad|READERS",
        help="strict, broad (default), or readers' names separated by commas",
    )
    p.add_argument(
        "--without",
        action="append",
        default=[],
        metavar="ID[@LOCATOR]",
        help="what if: leave out a position, or its conditions at a locator (repeatable)",
    )
    p.add_argument(
        "--limit", type=int, default=10, help="list at most this many blocking sets (10)"
    )
    p.add_argument(
        "--exit-code", action="store_true", help="exit 1 when no settlement exists (like diff)"
    )
    p.set_defaults(run=_deal)

    p = sub.add_parser(
        "site",
        parents=[common],
        help="write a static site of positions: index, positions, issues, pairs, deals, charts",
    )
    p.add_argument("outdir", metavar="OUTDIR", help="a new or empty directory, or an earlier site")
    p.add_argument(
        "positions",
        nargs="*",
        metavar="ID|FILE",
        help="the positions (default: every built-in position)",
    )
    p.add_argument(
        "--reading",
        choices=("strict", "broad"),
        default="broad",
        help="the reading of the N-way comparisons and deals (default: broad)",
    )
    p.set_defaults(run=_site)

    p = sub.add_parser(
        "validate", parents=[common], help="check position files; one line per problem"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(run=_validate)

    p = sub.add_parser(
        "codebook",
        parents=[common],
        help="list the codebooks, show one's issues and kinds, or validate codebook files",
    )
    csub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    csub.required = True
    q = csub.add_parser("list", parents=[common, output], help="list the codebooks")
    q.set_defaults(run=_codebook_list)
    q = csub.add_parser(
        "show", parents=[common, output], help="show a codebook's issues, kinds and rules"
    )
    q.add_argument("name", metavar="NAME|FILE")
    q.set_defaults(run=_codebook_show)
    q = csub.add_parser("validate", parents=[common], help="check codebook files")
    q.add_argument("files", nargs="+", metavar="FILE")
    q.set_defaults(run=_codebook_validate)
    q = csub.add_parser(
        "schema",
        parents=[common],
        help="print the JSON Schema of position files of a codebook (or of codebook files)",
    )
    q.add_argument("name", metavar="NAME|FILE|codebook")
    q.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically)")
    q.set_defaults(run=_codebook_schema)

    p = sub.add_parser(
        "convert", parents=[common], help="convert a position between TOML and JSON"
    )
    p.add_argument("source", metavar="ID|FILE")
    p.add_argument(
        "--to",
        choices=("toml", "json"),
        default=None,
        help="target format (default: from --output's suffix, else the other one)",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically)")
    p.set_defaults(run=_convert)
    return parser


def _version() -> str:
    from peacepos import __version__

    return __version__


def _emit(text: str, args: argparse.Namespace, out: TextIO) -> None:
    """Write the output: to ``--output`` atomically (never half-written), else to ``out``."""
    target = getattr(args, "output", None)
    if target:
        # Rendering has finished before this point, so a rendering error never touches the
        # file; write_text_atomic leaves the previous file intact if the write itself fails.
        write_text_atomic(target, text)
    else:
        out.write(text)


def _list(args: argparse.Namespace, out: TextIO) -> int:
    from peacepos.report import Table
    from peacepos.report import render as render_table

    rows = tuple(
        (p.id, ", ".join(p.actors), p.date.isoformat(), p.title) for p in corpus.load_all()
    )
    table = Table(
        title="Built-in positions",
        columns=("id", "actors", "date", "title"),
        rows=rows,
        label="tab:corpus",
    )
    if args.format == "json":
        import json

        data = [
            {"id": p.id, "actors": list(p.actors), "date": p.date.isoformat(), "title": p.title}
            for p in corpus.load_all()
        ]
        _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", args, out)
    else:
        _emit(render_table(table, args.format), args, out)
    return 0


def _show(args: argparse.Namespace, out: TextIO) -> int:
    _emit(render(args.library.resolve(args.position), args.format), args, out)
    return 0


def _compare(args: argparse.Namespace, out: TextIO) -> int:
    positions: list[Position] = [args.library.resolve(p) for p in args.positions]
    if len(positions) == 1:
        raise _UsageError("peacepos compare: needs two or more positions")
    if args.over_time:
        if len(positions) != 2:
            raise _UsageError("peacepos compare: --over-time takes exactly two positions")
        reading = args.reading or "broad"
        if reading == "both":
            raise _UsageError("peacepos compare: --over-time takes --reading strict or broad")
        earlier, later = sorted(positions, key=lambda p: (p.date, p.id))
        if not related(earlier, later):
            raise _UsageError(
                "peacepos compare: --over-time reads one actor at two dates, or two texts of "
                f"one lineage (got {earlier.label} and {later.label})"
            )
        result_changes = changes(
            earlier, later, reading="strict" if reading == "strict" else "broad"
        )
        _emit(render(result_changes, args.format), args, out)
        return 0
    if len(positions) == 2:
        result = compare(
            positions[0], positions[1], reading=args.reading or "both", silence=args.silence
        )
        _emit(render(result, args.format), args, out)
        conflict = any(f.relation is Relation.CONFLICT for f in result.findings)
    else:
        if args.reading == "both":
            raise _UsageError(
                "peacepos compare: three or more positions take --reading strict or broad"
            )
        if args.silence != "report":
            raise _UsageError("peacepos compare: --silence applies to two positions")
        many = compare_many(*positions, reading=args.reading or "broad")
        _emit(render(many, args.format), args, out)
        conflict = bool(many.blocking)
    return 1 if args.exit_code and conflict else 0


def _deal(args: argparse.Namespace, out: TextIO) -> int:
    from peacepos.analysis.deals import deals

    positions = [args.library.resolve(p) for p in args.positions]
    reading: object = args.reading
    if args.reading not in ("strict", "broad"):
        reading = frozenset(r.strip() for r in args.reading.split(",") if r.strip())
    if args.limit < 1:
        raise _UsageError("peacepos deal: --limit must be at least 1")
    result = deals(*positions, reading=reading, without=args.without, limit=args.limit)  # type: ignore[arg-type]
    _emit(render(result, args.format), args, out)
    return 1 if args.exit_code and not result.exists else 0


def _site(args: argparse.Namespace, out: TextIO) -> int:
    from peacepos.library import write_site

    positions = [args.library.resolve(p) for p in args.positions] or None
    written = write_site(args.outdir, positions, reading=args.reading)
    count = {
        kind: sum(name.endswith(".html") and f"/{kind}/" in f"/{name}" for name in written)
        for kind in ("positions", "issues", "pairs")
    }
    pages = sum(name.endswith(".html") for name in written)
    out.write(f"{os.path.join(args.outdir, 'index.html')}\n")
    out.write(
        f"{pages} pages: {count['positions']} positions, {count['issues']} issue pages, "
        f"{count['pairs']} pairs compared\n"
    )
    return 0


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    """One line per file: ``FILE: ok (...)`` on stdout, or the problem on stderr (exit 2)."""
    from peacepos.errors import one_line

    failed = 0
    seen: dict[str, str] = {}
    for name in args.files:
        try:
            position = args.library.read_position(name)
        except PeaceposError as exc:
            if args.debug:
                raise
            print(f"peacepos: {one_line(str(exc))}", file=sys.stderr)
            failed += 1
            continue
        if position.id in seen:
            print(
                one_line(
                    f"peacepos: {name} @ id: duplicate id {position.id!r} (also in "
                    f"{seen[position.id]})"
                ),
                file=sys.stderr,
            )
            failed += 1
            continue
        seen[position.id] = name
        out.write(one_line(f"{name}: ok ({position.id}, {len(position.conditions)} conditions)"))
        out.write("\n")
    return 2 if failed else 0


def _convert(args: argparse.Namespace, out: TextIO) -> int:
    position = args.library.resolve(args.source)
    target = args.to
    if target is None and args.output:
        target = "json" if args.output.lower().endswith(".json") else "toml"
    if target is None:
        target = "toml" if str(args.source).lower().endswith(".json") else "json"
    _emit(dumps_position(position, target, library=args.library), args, out)
    return 0


def _codebook(args: argparse.Namespace, ref: str) -> Codebook:
    library: Library = args.library
    if ref.endswith((".toml", ".json")) or os.sep in ref:
        return library.read_codebook(ref)
    return library.codebook(ref)


def _codebook_list(args: argparse.Namespace, out: TextIO) -> int:
    from peacepos.report import Table
    from peacepos.report import render as render_table

    books = [args.library.codebook(n) for n in args.library.codebook_names()]
    if args.format == "json":
        import json

        data = {
            "schema": "peacepos/codebooks",
            "version": 1,
            "codebooks": [
                {
                    "name": b.name,
                    "title": b.title,
                    "includes": [i.name for i in b.includes],
                    "issues": len(b.keys()),
                    "kinds": len(b.kind_names()),
                }
                for b in books
            ],
        }
        _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", args, out)
        return 0
    table = Table(
        title="Codebooks",
        columns=("name", "title", "includes", "issues", "kinds"),
        rows=tuple(
            (
                b.name,
                b.title,
                ", ".join(i.name for i in b.includes) or "—",
                str(len(b.keys())),
                str(len(b.kind_names())),
            )
            for b in books
        ),
        label="tab:codebooks",
    )
    _emit(render_table(table, args.format), args, out)
    return 0


def _codebook_show(args: argparse.Namespace, out: TextIO) -> int:
    from peacepos.report import render as render_table
    from peacepos.report.tables import codebook_table

    book = _codebook(args, args.name)
    if args.format == "json":
        import json

        from peacepos.plain import codebook_to_dict

        data = {"schema": "peacepos/codebook", "version": 1, "codebook": codebook_to_dict(book)}
        _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", args, out)
        return 0
    _emit(render_table(codebook_table(book), args.format), args, out)
    return 0


def _codebook_validate(args: argparse.Namespace, out: TextIO) -> int:
    """One line per file: ``FILE: ok (...)`` on stdout, or the problem on stderr (exit 2)."""
    from peacepos.errors import one_line

    failed = 0
    for name in args.files:
        try:
            book = args.library.read_codebook(name)
        except PeaceposError as exc:
            if args.debug:
                raise
            print(f"peacepos: {one_line(str(exc))}", file=sys.stderr)
            failed += 1
            continue
        out.write(
            one_line(
                f"{name}: ok ({book.name}, {len(book.keys())} issues, "
                f"{len(book.kind_names())} kinds)"
            )
        )
        out.write("\n")
    return 2 if failed else 0


def _codebook_schema(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from peacepos.io.schema import codebook_schema, position_schema

    if args.name == "codebook":
        schema = codebook_schema()
    else:
        schema = position_schema(_codebook(args, args.name))
    _emit(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", args, out)
    return 0


def _library(plugins: Sequence[str], codebook_files: Sequence[str]) -> Library:
    """The library of this run: built-in data, the plugins' codebooks, codebook files."""
    wanted = [n.strip() for n in os.environ.get(PLUGINS_ENV, "").split(",") if n.strip()]
    library = Library()
    if "" not in sys.path and os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())  # plugins import from the current directory
    for name in dict.fromkeys([*wanted, *plugins]):
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise PeaceposError(f"cannot import plugin {name!r}: {exc}") from None
        books = getattr(module, "CODEBOOKS", ())
        for book in books:
            if not isinstance(book, Codebook):
                raise PeaceposError(
                    f"plugin {name!r}: CODEBOOKS must hold Codebook objects (got "
                    f"{type(book).__name__})"
                )
        library = library.with_codebooks(*books)
        kinds = getattr(module, "KINDS", {})
        if not isinstance(kinds, dict):
            raise PeaceposError(f"plugin {name!r}: KINDS must map codebook names to classes")
        for book_name, classes in kinds.items():
            library = library.with_kinds(book_name, *classes)
    for path in codebook_files:
        library = library.with_codebooks(library.read_codebook(path))
    return library


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (never calls sys.exit itself).

    Every error is one line on stderr and exit code 2; ``--debug`` shows the traceback.
    """
    from peacepos.errors import one_line

    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        args = _parser().parse_args(argv)
        plugins = [*args.plugin, *getattr(args, "sub_plugin", [])]
        codebooks = [*args.codebook, *getattr(args, "sub_codebook", [])]
        args.library = _library(plugins, codebooks)
        code: int = args.run(args, sys.stdout)
        sys.stdout.flush()  # a closed pipe shows up here, inside the handlers below
        return code
    except _UsageError as exc:
        if debug:
            raise
        print(one_line(str(exc)), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (``peacepos ... | head``): stop quietly, as cat and diff do,
        # with stdout on /dev/null so the interpreter's final flush cannot fail again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # no real descriptor (e.g. in tests)
            pass
        return 0
    except KeyboardInterrupt:
        return 130
    except (PeaceposError, OSError, ValueError) as exc:
        if debug:
            raise
        print(f"peacepos: {one_line(str(exc) or type(exc).__name__)}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug in peacepos or in a plugin: still one line
        if debug:
            raise
        print(
            f"peacepos: internal error: {type(exc).__name__}: {one_line(str(exc))} "
            "(run again with --debug for the traceback, and please report it)",
            file=sys.stderr,
        )
        return 2
