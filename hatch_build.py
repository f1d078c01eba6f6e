"""A wheel carries the built-in data already read (``peacepos/corpus/builtin.pickle``), so the
command line and ``peacepos.corpus.load`` start without parsing TOML. The cache is written
here, from the files being packaged, by the Python that builds the wheel; peacepos uses it only
under that Python and only for files that are unchanged (``peacepos.corpus.write_cache``)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):  # type: ignore[misc]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the files (python -m peacepos.corpus caches)
        folder = tempfile.mkdtemp(prefix="peacepos-cache-")
        target = os.path.join(folder, "builtin.pickle")
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]); "
            "from peacepos.corpus import write_cache; write_cache(sys.argv[2])"
        )
        subprocess.run([sys.executable, "-c", code, self.root, target], check=True)
        build_data["force_include"][target] = "peacepos/corpus/builtin.pickle"
