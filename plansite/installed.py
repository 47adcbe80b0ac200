"""Which version of an installed package this is, known without importing it or
importlib.metadata (whose import, with the e-mail parser it needs, took 15 ms of the
generator's 0.3 s): caches keyed on it are kept while the package stays the same.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from pathlib import Path


def package_identity(name: str) -> str:
    """A digest of the package's __init__.py, which names its version (WeasyPrint,
    pydyf and pypinyin write it there)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"no package {name!r} is installed", name=name)
    return hashlib.sha256(Path(spec.origin).read_bytes()).hexdigest()


VERSION = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.M)


def package_version(name: str) -> str:
    """The version the package's __init__.py declares (Material writes it there)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"no package {name!r} is installed", name=name)
    found = VERSION.search(Path(spec.origin).read_text(encoding="utf-8"))
    if found is None:
        raise ModuleNotFoundError(f"{name} declares no __version__", name=name)
    return found.group(1)
