"""Programme content as a plain tree, the common shape of a content file and of a stored
programme version, so that merging a new default into a clinic's edited programme is one
small recursive function.

A node has a kind ("version", "exercise", "level", "message", "session", "theme", "hint"), a
key (its identity among its siblings), its values, the values it was shipped with, and its
children in order. A value differing from its shipped value was edited by the clinic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Node:
    kind: str
    key: str
    values: dict[str, Any]
    shipped: dict[str, Any] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    links: tuple[str, ...] = ()  # a theme's core messages, by key, in teaching order

    def identity(self) -> tuple[str, str]:
        return (self.kind, self.key)

    def edited(self, name: str) -> bool:
        return name in self.shipped and self.values.get(name) != self.shipped[name]

    def is_clinic_work(self) -> bool:
        """Made or changed by the clinic: an update must keep it."""
        return not self.shipped or any(self.edited(name) for name in self.values)

    def children_of(self, kind: str) -> list[Node]:
        return [child for child in self.children if child.kind == kind]


def merge(old: Node, new: Node) -> Node:
    """The new default, with every value the clinic edited in `old` kept.

    Children follow the new default's order; children the clinic made or edited that the
    new default no longer has are kept at the end.
    """
    values = {
        name: old.values[name] if old.edited(name) else value for name, value in new.values.items()
    }
    old_children = {child.identity(): child for child in old.children}
    children = [
        merge(old_children[child.identity()], child) if child.identity() in old_children else child
        for child in new.children
    ]
    present = {child.identity() for child in new.children}
    children += [
        child
        for child in old.children
        if child.identity() not in present and child.is_clinic_work()
    ]
    return Node(new.kind, new.key, values, dict(new.shipped), children, new.links)


def same_content(a: Node, b: Node) -> bool:
    """Equal values, shipped values, links and children, in the same order."""
    return (
        a.identity() == b.identity()
        and a.values == b.values
        and a.shipped == b.shipped
        and a.links == b.links
        and len(a.children) == len(b.children)
        and all(same_content(x, y) for x, y in zip(a.children, b.children, strict=True))
    )
