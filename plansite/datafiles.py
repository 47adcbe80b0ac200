"""Reading the files of data/: UTF-8 text, one rule for the characters a value may hold,
and YAML whose every mapping and list knows the line of each entry.

Every refusal is a DataError naming the file, the line and the fix, so an editor who
broke a file in Excel or a text editor can repair it without reading code.
"""

from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path

import yaml


class DataError(Exception):
    """Bad data, located: str() is the one-line message ``file:line: what to fix``."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{_display(path)}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_text(path: Path) -> str:
    """UTF-8 text, with or without a BOM, any line endings; anything else is refused."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, 1, "file not found") from None
    except OSError as error:  # a folder, or no permission to read
        raise DataError(path, 1, f"cannot be read ({error.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DataError(
            path,
            line,
            f"not UTF-8 (byte 0x{raw[error.start]:02x}{_guess_encoding(raw)}); save the file "
            "as UTF-8 (in Excel: Save As > CSV UTF-8)",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_encoding(raw: bytes) -> str:
    """Chinese Windows saves CSV as GBK (a subset of GB18030) unless told otherwise."""
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return ""
    return ", probably GBK/GB18030"


# -- the characters a value may hold ------------------------------------------------------
#
# Text copied from a web page or a Word document carries characters nobody sees: no-break
# and full-width spaces, zero-width spaces, byte order marks. At the edges of a value (and
# of each line of it, and of each name in a list) they are removed, like ordinary spaces.
# Anywhere else they are refused, named, as is every control character (a tab, a NUL), so
# that two names that look the same are the same.


def _blank(char: str) -> bool:
    """A space of any width, or an invisible formatting character (U+200B, U+FEFF)."""
    return unicodedata.category(char) in ("Zs", "Cf")


def strip_blanks(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _blank(text[start]):
        start += 1
    while end > start and _blank(text[end - 1]):
        end -= 1
    return text[start:end]


# Control characters have no Unicode name; these are the ones people meet.
_CONTROL_NAMES = {
    "\0": "NULL",
    "\t": "CHARACTER TABULATION (a tab)",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
}


def describe(char: str) -> str:
    """U+200B ZERO WIDTH SPACE"""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


def _kind(char: str) -> str | None:
    """What is wrong with a character inside a value, or None when it may stand there."""
    category = unicodedata.category(char)
    if char == " " or category[0] not in "CZ":
        return None
    return {
        "Cc": "control character",
        "Cf": "invisible character",
        "Co": "private-use character",
        "Cn": "unassigned character",
        "Zs": "special space",
    }.get(category, "separator character")


def _fix(kind: str) -> str:
    if kind == "special space":
        return "replace it with an ordinary space, or delete it"
    return "delete it (copied text can carry characters nobody sees)"


def clean_text(path: Path, line: int, column: str, value: str, *, multiline: bool) -> str:
    """``value`` with blanks removed at its edges and at each line's, and blank lines
    dropped; a character that may not stand in text is refused, with the line it is on
    (``line`` is the value's first), and so is a line break unless ``multiline``."""
    lines = value.split("\n")
    kept: list[str] = []
    for number, text in enumerate(lines):
        text = strip_blanks(text)
        # str.isprintable is False exactly where _kind finds fault (a character of the
        # Other or Separator categories but the space): the per-character search, slow
        # in Python, runs only for a line that has one.
        for index, char in enumerate("" if text.isprintable() else text):
            kind = _kind(char)
            if kind:
                raise DataError(
                    path,
                    line + number,
                    f"{column}: {kind} {describe(char)} {_where(text, index)}; {_fix(kind)}",
                )
        if text:
            kept.append(text)
    if len(kept) > 1 and not multiline:
        number = next(n for n, text in enumerate(lines) if strip_blanks(text))
        raise DataError(
            path,
            line + number,
            f"{column}: a line break after '{_tail(strip_blanks(lines[number]))}'; "
            f"{column} is one line, write it without the line break",
        )
    return "\n".join(kept)


def _tail(text: str, length: int = 12) -> str:
    return text if len(text) <= length else "…" + text[-length:]


def _where(text: str, index: int) -> str:
    if index:
        return f"after '{_tail(text[:index])}'"
    following = text[index + 1 : index + 13]
    return f"before '{following}'" if following else "standing alone"


# -- YAML, every entry with its line ------------------------------------------------------


class YamlMapping(dict):
    """A YAML mapping that knows its own line and the line of each of its keys."""

    line: int = 1

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict = {}

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A YAML list that knows its own line and the line of each item."""

    line: int = 1

    def __init__(self) -> None:
        super().__init__()
        self.item_lines: list[int] = []


# libyaml's safe loader and dumper, where PyYAML was built with it: five to thirty times
# faster, the same nodes and text.
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FAST_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Loader(FAST_SAFE_LOADER):
    source: Path


def _construct_mapping(loader: _Loader, node: yaml.MappingNode):
    mapping = YamlMapping()
    mapping.line = node.start_mark.line + 1
    yield mapping
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise DataError(loader.source, line, "a key must be a single word") from None
        if key in mapping:
            raise DataError(
                loader.source,
                line,
                f"'{key}' appears twice in one entry (also on line {mapping.key_lines[key]}); "
                "keep one",
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line


def _construct_list(loader: _Loader, node: yaml.SequenceNode):
    items = YamlList()
    items.line = node.start_mark.line + 1
    yield items
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    items.extend(loader.construct_object(child, deep=True) for child in node.value)


def _construct_date(loader: _Loader, node: yaml.ScalarNode):
    """YAML reads 2026-12-06 as a date; a day not in the calendar (2026-02-30) raised
    ValueError, outside YAML's errors."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        raise DataError(
            loader.source,
            node.start_mark.line + 1,
            f"{node.value} is no day of the calendar; correct the date",
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_list)


def _clean_scalars(path: Path, node: yaml.Node, key: str) -> None:
    """Every text scalar by the rule of clean_text, before the values are made."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:str":
            node.value = clean_text(path, node.start_mark.line + 1, key, node.value, multiline=True)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _clean_scalars(path, child, key)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _clean_scalars(path, key_node, "a key")
            _clean_scalars(path, value_node, str(key_node.value))


def read_yaml(path: Path) -> YamlMapping:
    """The file's top-level mapping, every mapping and list in it located."""
    text = read_text(path)
    _refuse_controls(path, text)
    loader = _Loader(text)
    loader.source = path
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataError(path, 1, "the file is empty")
        _clean_scalars(path, node, "a value")
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        raise syntax_error(path, error) from None
    except yaml.YAMLError as error:
        raise DataError(path, 1, f"YAML syntax error: {error}") from None
    finally:
        loader.dispose()
    if not isinstance(data, YamlMapping):
        raise DataError(path, 1, "expected a YAML mapping (key: value) at the top level")
    return data


def _refuse_controls(path: Path, text: str) -> None:
    """The YAML parser refuses control characters too, but names no line; and it takes
    U+0085, U+2028 and U+2029 for line breaks, which would count lines differently."""
    for number, line in enumerate(text.split("\n"), 1):
        for index, char in enumerate(line):
            if char != "\t" and unicodedata.category(char) in ("Cc", "Zl", "Zp"):
                raise DataError(
                    path,
                    number,
                    f"{_kind(char)} {describe(char)} {_where(line, index)}; delete it",
                )


def syntax_error(path: Path, error: yaml.MarkedYAMLError) -> DataError:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    # The context ("while parsing a flow sequence") often marks where the fix is: the
    # line that opened an unclosed bracket or quote.
    context = error.context_mark
    where = (
        f" {error.context} on line {context.line + 1}"
        if error.context and context and context.line + 1 != line
        else ""
    )
    return DataError(
        path,
        line,
        f"YAML syntax error: {error.problem}{where}; check brackets, quotes and indentation",
    )


def only_keys(path: Path, mapping: YamlMapping, keys: tuple[str, ...], what: str) -> None:
    """Each key of the mapping is one of keys; else the line of the first that is not,
    with the key it may be a misspelling of."""
    for key in mapping:
        if key not in keys:
            raise DataError(
                path,
                mapping.line_of(key),
                f"unknown key '{key}'{_near(str(key), keys)}; {what} has {', '.join(keys)}",
            )


def _near(word: str, words: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, words, n=1)
    return f" (a misspelling of '{close[0]}'?)" if close else ""
