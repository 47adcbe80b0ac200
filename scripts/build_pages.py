"""The generator alone: from data/, every language's complete engine input (pages, PDF
handouts, open data, engine configuration with the navigation) into build/engine/.

`make site` runs it as its first step; run it alone to read, diff or time the pages.
"""

from __future__ import annotations

import sys

from plansite.cli import run
from plansite.generate import generate


def generate_input(settings) -> str:
    inputs = generate(settings)
    return "\n".join(f"{i.lang}: {i.config_file.relative_to(settings.root)}" for i in inputs)


if __name__ == "__main__":
    sys.exit(run(__file__, generate_input))
