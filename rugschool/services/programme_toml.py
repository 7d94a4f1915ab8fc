"""Writing a programme as a content file: the TOML that programme_file reads
(docs/PROGRAMME_FORMAT.md), so an exported programme imports as the same content.

Only what the reader accepts is written: an empty optional text (a description, a summary)
is left out, a level gives either repetitions or hold_seconds, never both.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rugschool.services.content_tree import Node


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"no TOML for {value!r}")


def _pairs(values: dict[str, Any], indent: str = "") -> Iterator[str]:
    """`key = value` lines; None and empty optional texts are left out."""
    for name, value in values.items():
        if value is None or value == "":
            continue
        yield f"{indent}{name} = {_value(value)}"


def _level_table(values: dict[str, Any]) -> dict[str, Any]:
    wanted = ("instruction", "sets", "repetitions", "hold_seconds", "per_side", "equipment")
    table = {name: values[name] for name in wanted}
    table["picture"] = values["picture"]
    return table


def _warmup(node: Node) -> list[str]:
    level = node.children[0].values
    table = {
        "key": node.key,
        "name": node.values["name"],
        "purpose": node.values["purpose"],
        "instruction": level["instruction"],
        "minutes": level["minutes"],
        "equipment": level["equipment"],
        "picture": level["picture"],
    }
    return ["[warmup]", *_pairs(table), ""]


def _exercise(node: Node) -> list[str]:
    head = {"key": node.key, "name": node.values["name"], "purpose": node.values["purpose"]}
    lines = ["[[exercises]]", *_pairs(head), ""]
    for number, level in enumerate(node.children, 1):
        lines += ["  [[exercises.levels]]", f"  number = {number}"]
        lines += [*_pairs(_level_table(level.values), "  "), ""]
    return lines


def _message(node: Node, number: int) -> list[str]:
    head = {"key": node.key, "number": number, **node.values}
    return ["[[core_messages]]", *_pairs(head), ""]


def _session(node: Node, number: int) -> list[str]:
    head = {"key": node.key, "number": number, **node.values}
    lines = ["[[education_sessions]]", *_pairs(head), ""]
    for theme in node.children:
        table = {"key": theme.key, **theme.values}
        lines += ["  [[education_sessions.themes]]", *_pairs(table, "  ")]
        lines += [f"  core_messages = {_value(list(theme.links))}", ""]
    return lines


def programme_toml(tree: Node) -> str:
    """The content file of a programme tree (a stored version's snapshot)."""
    head = {"name": tree.values["name"], "language": tree.key}
    head["description"] = tree.values.get("description", "")
    lines = ["[programme]", *_pairs(head), ""]
    exercises = tree.children_of("exercise")
    lines += [
        line for node in exercises if node.values["kind"] == "warmup" for line in _warmup(node)
    ]
    for node in exercises:
        if node.values["kind"] == "exercise":
            lines += _exercise(node)
    for number, node in enumerate(tree.children_of("message"), 1):
        lines += _message(node, number)
    for number, node in enumerate(tree.children_of("session"), 1):
        lines += _session(node, number)
    for node in tree.children_of("hint"):
        lines += ["[[hints]]", *_pairs({"key": node.key, **node.values}), ""]
    return "\n".join(lines)
