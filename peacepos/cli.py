"""The ``peacepos`` command: list, show, compare, validate and convert positions; look for a
deal; list, show and validate codebooks.

Exit codes, as for ``diff``: 0 success; 1 conflicts found, only with ``--exit-code``; 2 a usage
or input error, reported as one line on stderr (a traceback only with ``--debug``).

Conventions: global options (``--plugin``, ``--codebook``, ``--debug``) work before or after
the subcommand; ``-`` as a position reads it from standard input, and ``-o -`` writes to
standard output; an ``--output`` suffix picks the format (``.md``, ``.html``, ``.tex``,
``.csv``, ``.json``, ``.txt``) and must agree with ``--format`` when both are given; plain
text fits the terminal (``COLUMNS`` respected, 100 columns when not a terminal, ``--width``
to choose).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from peacepos import corpus
from peacepos._text import plural
from peacepos.errors import PeaceposError

if TYPE_CHECKING:
    from peacepos.library import Library
    from peacepos.position import Position
    from peacepos.vocabulary import Codebook

# Each command imports what it needs when it runs: the command line starts fast.

__all__ = ["console", "main"]

PLUGINS_ENV = "PEACEPOS_PLUGINS"
FORMAT_CHOICES = ("plain", "markdown", "html", "html-fragment", "latex", "csv", "json")
SUFFIX_FORMATS = {
    ".txt": "plain",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".tex": "latex",
    ".csv": "csv",
    ".json": "json",
}
"""The format an ``--output`` suffix picks (when ``--format`` is not given)."""
DEFAULT_WIDTH = 100
"""Plain text's width when standard output is not a terminal and ``COLUMNS`` is not set."""
STDIN = "-"


class _UsageError(Exception):
    pass


class _Terminated(BaseException):
    """SIGTERM arrived: unwind (a half-written temporary file is removed on the way)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


def _help_width() -> int:
    """The width argparse lays help out in, found as :func:`shutil.get_terminal_size` finds it
    (``COLUMNS``, else the terminal, else 80), less 2 as argparse does; without importing
    shutil, and what it imports, on every command's start."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            stdout = sys.__stdout__
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns - 2


class _Formatter(argparse.HelpFormatter):
    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _help_width() if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

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


def _output_options() -> _Parser:
    output = _Parser(add_help=False)
    output.add_argument(
        "--format",
        "-f",
        choices=FORMAT_CHOICES,
        default=None,
        help="output format (default: from --output's suffix, else plain)",
    )
    output.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output (- for standard output)",
    )
    output.add_argument(
        "--width",
        type=int,
        default=None,
        metavar="N",
        help="plain text's width (default: the terminal's; 100 for a file or pipe)",
    )
    return output


def _list_args(p: _Parser, common: _Parser, output: _Parser) -> None:
    p.set_defaults(run=_list)


def _show_args(p: _Parser, common: _Parser, output: _Parser) -> None:
    p.add_argument("position", metavar="ID|FILE")
    p.set_defaults(run=_show)


def _compare_args(p: _Parser, common: _Parser, output: _Parser) -> None:
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


def _deal_args(p: _Parser, common: _Parser, output: _Parser) -> None:
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


def _site_args(p: _Parser, common: _Parser, output: _Parser) -> None:
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


def _validate_args(p: _Parser, common: _Parser, output: _Parser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(run=_validate)


def _codebook_args(p: _Parser, common: _Parser, output: _Parser) -> None:
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


def _convert_args(p: _Parser, common: _Parser, output: _Parser) -> None:
    p.add_argument("source", metavar="ID|FILE")
    p.add_argument(
        "--to",
        choices=("toml", "json"),
        default=None,
        help="target format (default: from --output's suffix, else the other one)",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically)")
    p.set_defaults(run=_convert)


# name -> (help, takes the output options, adds the command's own arguments)
_COMMANDS: dict[str, tuple[str, bool, Callable[[_Parser, _Parser, _Parser], None]]] = {
    "list": ("list the built-in positions", True, _list_args),
    "show": ("show one position's conditions with their evidence", True, _show_args),
    "compare": (
        "compare two positions (findings) or more (common ground, blocking issues)",
        True,
        _compare_args,
    ),
    "deal": (
        "is there a settlement every position accepts? If not, what blocks it",
        True,
        _deal_args,
    ),
    "site": (
        "write a static site of positions: index, positions, issues, pairs, deals, charts",
        False,
        _site_args,
    ),
    "validate": ("check position files; one line per problem", False, _validate_args),
    "codebook": (
        "list the codebooks, show one's issues and kinds, or validate codebook files",
        False,
        _codebook_args,
    ),
    "convert": ("convert a position between TOML and JSON", False, _convert_args),
}
_VALUED = ("--plugin", "--codebook")  # the global options that take a value


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs (None: none, not sure, or help asked for before it), found as
    argparse would: the first argument that is neither an option nor the value of one."""
    args = iter(argv)
    for arg in args:
        if arg == "--":
            return None
        if arg.startswith("-"):
            if arg.startswith("--h") or (not arg.startswith("--") and "h" in arg):
                return None  # help before the command: the listing of every command
            if len(arg) > 2 and "=" not in arg and any(o.startswith(arg) for o in _VALUED):
                next(args, None)  # --plugin MODULE, --codebook FILE (or a prefix of them)
            continue
        return arg if arg in _COMMANDS else None
    return None


def _parser(argv: Sequence[str] | None = None) -> _Parser:
    """The command line's parser. Given arguments that name a command (and ask for no help
    before it), only that command's parser is built: building all of them costs more than the
    rest of a short command's start. Otherwise every command is there, listed with its help."""
    common = _Parser(add_help=False)
    _global_options(common, "sub_")
    output = _output_options()

    parser = _Parser(
        prog="peacepos",
        description="Compare negotiating positions in peace "
        "processes, issue by issue, with the evidence behind every finding.",
    )
    parser.add_argument("--version", action="version", version=f"peacepos {_version()}")
    _global_options(parser, "")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    named = None if argv is None else _command_named(argv)
    for name, (help, with_output, add_args) in _COMMANDS.items():
        if named is not None and name != named:
            continue
        parents = [common, output] if with_output else [common]
        add_args(sub.add_parser(name, parents=parents, help=help), common, output)
    return parser


def _version() -> str:
    from peacepos._version import __version__

    return __version__


def _settle_output(args: argparse.Namespace, out: TextIO) -> None:
    """Check ``--output``, ``--format`` and ``--width`` together and fill in the defaults."""
    prog = f"peacepos {args.command}"
    if not hasattr(args, "output"):
        return
    target = args.output
    if target == "":
        raise _UsageError(f"{prog}: --output needs a file name (- for standard output)")
    if target == STDIN:
        args.output = target = None
    suffix = os.path.splitext(target)[1].lower() if target else ""
    if not hasattr(args, "format"):  # convert and codebook schema write files of their own
        return
    implied = SUFFIX_FORMATS.get(suffix)
    fmt = args.format
    if fmt is None:
        fmt = implied or "plain"
    elif implied is not None and implied != fmt and (fmt, implied) != ("html-fragment", "html"):
        raise _UsageError(
            f"{prog}: --format {fmt} does not agree with --output {target} (a {suffix} file "
            f"is {implied}); change one, or leave out --format"
        )
    args.format = fmt
    from peacepos.report.writers import MIN_PLAIN_WIDTH

    if args.width is not None:
        if fmt != "plain":
            raise _UsageError(f"{prog}: --width applies to the plain format (got {fmt})")
        if args.width < MIN_PLAIN_WIDTH:
            raise _UsageError(f"{prog}: --width must be at least {MIN_PLAIN_WIDTH}")
    elif fmt == "plain":
        args.width = DEFAULT_WIDTH if target else max(MIN_PLAIN_WIDTH, _terminal_width(out))


def _terminal_width(out: TextIO) -> int:
    """``COLUMNS`` when set, else the width of the terminal ``out`` writes to, else
    :data:`DEFAULT_WIDTH` (a pipe or a file)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if out.isatty():
            return os.get_terminal_size(out.fileno()).columns
    except (AttributeError, ValueError, OSError):
        pass
    return DEFAULT_WIDTH


def _render(obj: object, args: argparse.Namespace) -> str:
    from peacepos.report import render

    width = args.width if args.format == "plain" else None
    return render(obj, args.format, width=width)


def _file_target(args: argparse.Namespace, formats: dict[str, str], wanted: str | None) -> str:
    """The format of a file-writing command (``convert``, ``codebook schema``): ``wanted``,
    else the one the ``--output`` suffix names; the two must agree."""
    prog = f"peacepos {args.command}"
    suffix = os.path.splitext(args.output)[1].lower() if args.output else ""
    implied = formats.get(suffix) or (
        "a report" if suffix in SUFFIX_FORMATS and suffix != ".json" else None
    )
    if implied is not None and wanted is not None and implied != wanted:
        raise _UsageError(
            f"{prog}: --output {args.output} is {implied}, not {wanted}; make them agree"
        )
    if implied == "a report":
        raise _UsageError(f"{prog}: --output {args.output}: expected a .toml or .json file")
    return wanted or implied or ""


def _read_stdin() -> tuple[str, str]:
    """Standard input's text and its format (JSON when it starts with ``{``, else TOML)."""
    text = sys.stdin.read()
    return text, "json" if text.lstrip("\ufeff \t\r\n").startswith("{") else "toml"


def _resolve(args: argparse.Namespace, ref: str) -> Position:
    """A position by id or file, or from standard input (``-``)."""
    if ref == STDIN:
        from peacepos.library import loads_position

        text, fmt = _read_stdin()
        return loads_position(text, fmt, library=args.library, source="<stdin>")
    position: Position = args.library.resolve(ref)
    return position


def _resolve_all(args: argparse.Namespace, refs: Sequence[str]) -> list[Position]:
    """The positions of one command. Two different positions with one id would be told apart
    nowhere in a report (nor in endorsements), so that is an error naming both."""
    if list(refs).count(STDIN) > 1:
        raise _UsageError(f"peacepos {args.command}: standard input (-) can be read once")
    positions = [_resolve(args, r) for r in refs]
    seen: dict[str, tuple[str, Position]] = {}
    for ref, p in zip(refs, positions, strict=True):
        where = "standard input" if ref == STDIN else ref
        if p.id in seen and seen[p.id][1] != p:
            raise PeaceposError(
                f"{seen[p.id][0]} and {where} are two different positions with the id "
                f"{p.id!r}; give one an id of its own"
            )
        seen.setdefault(p.id, (where, p))
        if ref != p.id and corpus.has(p.id) and corpus.load(p.id) != p:
            raise PeaceposError(
                f"{where}: id {p.id!r} is a built-in position's id, but the file holds a "
                "different position; give it an id of its own"
            )
    return positions


def _emit(text: str, args: argparse.Namespace, out: TextIO) -> None:
    """Write the output: to ``--output`` atomically (never half-written), else to ``out``."""
    target = getattr(args, "output", None)
    if target:
        from peacepos.io.write import write_text_atomic

        # Rendering has finished before this point, so a rendering error never touches the
        # file; write_text_atomic leaves the previous file intact if the write itself fails.
        write_text_atomic(target, text)
    else:
        out.write(text)


def _list(args: argparse.Namespace, out: TextIO) -> int:
    from peacepos.report import JSON_SCHEMA_VERSION, Table

    positions = sorted(corpus.load_all(), key=lambda p: (p.codebook.name, p.date, p.id))
    if args.format == "json":
        import json

        data = {
            "schema": "peacepos/positions",
            "version": JSON_SCHEMA_VERSION,
            "positions": [
                {
                    "id": p.id,
                    "codebook": p.codebook.name,
                    "actors": list(p.actors),
                    "date": p.date.isoformat(),
                    "title": p.title,
                }
                for p in positions
            ],
        }
        _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", args, out)
        return 0
    table = Table(
        title="Built-in positions",
        columns=("id", "codebook", "actors", "date", "title"),
        rows=tuple(
            (p.id, p.codebook.name, ", ".join(p.actors), p.date.isoformat(), p.title)
            for p in positions
        ),
        label="tab:corpus",
    )
    _emit(_render(table, args), args, out)
    return 0


def _show(args: argparse.Namespace, out: TextIO) -> int:
    _emit(_render(_resolve_all(args, [args.position])[0], args), args, out)
    return 0


def _compare(args: argparse.Namespace, out: TextIO) -> int:
    from peacepos.analysis.compare import compare
    from peacepos.analysis.relation import Relation

    positions = _resolve_all(args, args.positions)
    if len(positions) == 1:
        raise _UsageError("peacepos compare: needs two or more positions")
    if args.over_time:
        from peacepos.analysis.changes import changes, related

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
        _emit(_render(result_changes, args), args, out)
        return 0
    if len(positions) == 2:
        result = compare(
            positions[0], positions[1], reading=args.reading or "both", silence=args.silence
        )
        _emit(_render(result, args), args, out)
        conflict = any(f.relation is Relation.CONFLICT for f in result.findings)
    else:
        if args.reading == "both":
            raise _UsageError(
                "peacepos compare: three or more positions take --reading strict or broad"
            )
        if args.silence != "report":
            raise _UsageError("peacepos compare: --silence applies to two positions")
        from peacepos.analysis.many import compare_many

        many = compare_many(*positions, reading=args.reading or "broad")
        _emit(_render(many, args), args, out)
        conflict = bool(many.blocking)
    return 1 if args.exit_code and conflict else 0


def _deal(args: argparse.Namespace, out: TextIO) -> int:
    from peacepos.analysis.deals import deals

    positions = _resolve_all(args, args.positions)
    reading: object = args.reading
    if args.reading not in ("strict", "broad"):
        reading = frozenset(r.strip() for r in args.reading.split(",") if r.strip())
    if args.limit < 1:
        raise _UsageError("peacepos deal: --limit must be at least 1")
    result = deals(*positions, reading=reading, without=args.without, limit=args.limit)  # type: ignore[arg-type]
    _emit(_render(result, args), args, out)
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
        f"{plural(pages, 'page')}: {plural(count['positions'], 'position')}, "
        f"{plural(count['issues'], 'issue page')}, {plural(count['pairs'], 'pair')} compared\n"
    )
    return 0


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    """One line per file: ``FILE: ok (...)`` on stdout, or every problem of the file, one line
    each, on stderr (exit 2)."""
    from peacepos.errors import one_line
    from peacepos.io import text_position_problems

    if args.files.count(STDIN) > 1:
        raise _UsageError("peacepos validate: standard input (-) can be read once")
    failed = 0
    seen: dict[str, str] = {}
    for name in args.files:
        if name == STDIN:
            text, fmt = _read_stdin()
            problems = text_position_problems(text, fmt, resolve=args.library, source="<stdin>")
        else:
            problems = args.library.position_problems(name)
        if problems:
            if args.debug:
                raise problems[0]
            for problem in problems:
                print(f"peacepos: {one_line(str(problem))}", file=sys.stderr)
            failed += 1
            continue
        if name == STDIN:
            position = _loads_checked(args, text, fmt)
        else:
            position = args.library.read_position(name)
        where = "<stdin>" if name == STDIN else name
        if corpus.has(position.id) and corpus.load(position.id) != position:
            print(
                one_line(
                    f"peacepos: warning: {where} @ id: {position.id!r} is also a built-in "
                    "position's id; reports will not tell the two apart (give it an id of its "
                    "own)"
                ),
                file=sys.stderr,
            )
        if position.id in seen:
            print(
                one_line(
                    f"peacepos: {where} @ id: duplicate id {position.id!r} (also in "
                    f"{seen[position.id]})"
                ),
                file=sys.stderr,
            )
            failed += 1
            continue
        seen[position.id] = where
        count = len(position.all_conditions)
        out.write(one_line(f"{where}: ok ({position.id}, {plural(count, 'condition')})"))
        out.write("\n")
    return 2 if failed else 0


def _loads_checked(args: argparse.Namespace, text: str, fmt: str) -> Position:
    from peacepos.library import loads_position

    return loads_position(text, fmt, library=args.library, source="<stdin>")


def _convert(args: argparse.Namespace, out: TextIO) -> int:
    from peacepos.library import dumps_position

    position = _resolve(args, args.source)
    target = _file_target(args, {".toml": "toml", ".json": "json"}, args.to)
    if not target:
        source = str(args.source).lower()
        target = "toml" if source.endswith(".json") or args.source == STDIN else "json"
    _emit(dumps_position(position, target, library=args.library), args, out)
    return 0


def _codebook(args: argparse.Namespace, ref: str) -> Codebook:
    library: Library = args.library
    if ref.endswith((".toml", ".json")) or os.sep in ref:
        return library.read_codebook(ref)
    return library.codebook(ref)


def _codebook_list(args: argparse.Namespace, out: TextIO) -> int:
    from peacepos.kinds import names as kind_names
    from peacepos.report import JSON_SCHEMA_VERSION, Table

    books = [args.library.codebook(n) for n in args.library.codebook_names()]
    if args.format == "json":
        import json

        data = {
            "schema": "peacepos/codebooks",
            "version": JSON_SCHEMA_VERSION,
            "codebooks": [
                {
                    "name": b.name,
                    "title": b.title,
                    "includes": [i.name for i in b.includes],
                    "issues": len(b.keys()),
                    "kinds": len(kind_names(b)),
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
                str(len(kind_names(b))),
            )
            for b in books
        ),
        label="tab:codebooks",
    )
    _emit(_render(table, args), args, out)
    return 0


def _codebook_show(args: argparse.Namespace, out: TextIO) -> int:
    from peacepos.report.tables import codebook_table

    book = _codebook(args, args.name)
    if args.format in ("json", "csv"):
        _emit(_render(book, args), args, out)
        return 0
    _emit(_render(codebook_table(book), args), args, out)
    return 0


def _codebook_validate(args: argparse.Namespace, out: TextIO) -> int:
    """One line per file: ``FILE: ok (...)`` on stdout, or the problem on stderr (exit 2)."""
    from peacepos.errors import one_line
    from peacepos.kinds import names as kind_names

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
                f"{name}: ok ({book.name}, {plural(len(book), 'issue')}, "
                f"{plural(len(kind_names(book)), 'kind')})"
            )
        )
        out.write("\n")
    return 2 if failed else 0


def _codebook_schema(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from peacepos.io.schema import codebook_schema, position_schema

    _file_target(args, {".json": "json"}, "json")
    if args.name == "codebook":
        schema = codebook_schema()
    else:
        schema = position_schema(_codebook(args, args.name))
    _emit(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", args, out)
    return 0


def _library(plugins: Sequence[str], codebook_files: Sequence[str]) -> Library:
    """The library of this run: built-in data, the plugins' codebooks, codebook files."""
    from peacepos.library import Library
    from peacepos.vocabulary import Codebook

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


def console() -> NoReturn:
    """The ``peacepos`` command and ``python -m peacepos``: :func:`main` in a process of its
    own, exiting with its code."""
    # What is imported by now lives as long as the process: the cycle collector need not walk
    # it again on each full collection (a tenth of a short command's time). Only here, never
    # in main(), which may run inside a longer-lived program.
    gc.freeze()
    code = main()
    # What the command built is freed with the process: finalization need not walk it.
    gc.freeze()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (never calls sys.exit itself).

    Every error is one line on stderr and exit code 2; ``--debug`` shows the traceback.
    """

    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    import signal
    import threading

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return _main(argv, debug)
    except _Terminated:
        return 128 + signal.SIGTERM
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str], debug: bool) -> int:
    from peacepos.errors import one_line

    try:
        args = _parser(argv).parse_args(argv)
        _settle_output(args, sys.stdout)
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
