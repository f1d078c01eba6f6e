"""Write the seed corpus for the fuzzers: the built-in position files as TOML and JSON.

    python fuzz/make_seeds.py fuzz/seeds

Run it again whenever the built-in corpus or the file format changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from peacepos import corpus
from peacepos.io import dumps_position


def main(out: str = "fuzz/seeds") -> None:
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    data = Path(corpus.__file__).parent / "data"
    for source in sorted(data.glob("*.toml")):
        position = corpus.load(source.stem)
        (target / f"{source.stem}.toml").write_bytes(source.read_bytes())
        (target / f"{source.stem}.json").write_text(
            dumps_position(position, "json"), encoding="utf-8"
        )
        (target / f"{source.stem}.written.toml").write_text(
            dumps_position(position, "toml"), encoding="utf-8"
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
