"""Coverage-guided fuzzing of the position-file loader with atheris.

Every input is written to a file (``.json`` when it starts with ``{`` or ``[``, else ``.toml``)
and read with :func:`peacepos.io.read_position`. The only exception allowed out of the loader
is :class:`peacepos.errors.PeaceposError`; anything else is a crash. A file that loads must
also survive a round trip through TOML and JSON unchanged and render in every report format.

Run it as described in ``fuzz/README.md``::

    python fuzz/fuzz_loader.py fuzz/corpus -dict=fuzz/peacepos.dict -max_total_time=600
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile

import atheris

with atheris.instrument_imports(include=["peacepos", "tomllib"]):
    import peacepos
    from peacepos.errors import PeaceposError
    from peacepos.io import dumps_position, loads_position, read_position
    from peacepos.report import FORMATS, render

# Inputs go through a real file, as users' files do (in memory where /dev/shm exists).
_DIR = tempfile.mkdtemp(
    prefix="peacepos-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
)
atexit.register(shutil.rmtree, _DIR, True)
_PATHS = {fmt: os.path.join(_DIR, f"input.{fmt}") for fmt in ("toml", "json")}


def check(data: bytes) -> None:
    """The oracle: documented errors only; what loads round-trips and renders."""
    fmt = "json" if data.lstrip()[:1] in (b"{", b"[") else "toml"
    path = _PATHS[fmt]
    with open(path, "wb") as handle:
        handle.write(data)
    try:
        position = read_position(path)
    except PeaceposError as exc:
        # A documented error names the file on its one line.
        message = str(exc)
        if not message.startswith(path) or "\n" in message:
            raise AssertionError(
                f"error does not name the file on one line: {message!r}"
            ) from None
        return
    for out in ("toml", "json"):
        text = dumps_position(position, out)
        again = loads_position(text, out, source=f"round-trip.{out}")
        if again != position or dumps_position(again, out) != text:
            raise AssertionError(f"{out} round trip changed the position:\n{text}")
    for report in FORMATS:
        render(position, report)
    other = peacepos.corpus.load("russia-2023-02-24")
    for report in ("plain", "json"):
        render(peacepos.compare(position, other), report)


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
