"""Merging a new default into an edited programme keeps exactly what the clinic changed."""

from __future__ import annotations

from rugschool.services.content_tree import Node, merge, same_content


def shipped(kind: str, key: str, children: list[Node] | None = None, **values: object) -> Node:
    return Node(kind, key, dict(values), dict(values), children or [])


def test_unedited_values_follow_the_new_default_and_edited_ones_stay() -> None:
    old = shipped("level", "1", instruction="Oud", sets=2)
    old.values["sets"] = 3  # the clinic changed the dose
    new = shipped("level", "1", instruction="Nieuw", sets=2)
    merged = merge(old, new)
    assert merged.values == {"instruction": "Nieuw", "sets": 3}
    assert merged.shipped == {"instruction": "Nieuw", "sets": 2}
    assert merged.edited("sets") and not merged.edited("instruction")


def test_children_follow_the_new_order_and_clinic_work_is_kept() -> None:
    kept = shipped("hint", "own-words", title="Eigen tip")
    kept.values["title"] = "Onze tip"
    clinic_made = Node("hint", "extra", {"title": "Van de praktijk"})  # nothing shipped
    dropped = shipped("hint", "old", title="Vervalt")
    old = shipped("version", "nl", [dropped, kept, clinic_made], name="P")
    new = shipped("version", "nl", [shipped("hint", "new", title="Nieuw")], name="P")
    merged = merge(old, new)
    assert [c.key for c in merged.children] == ["new", "own-words", "extra"]
    assert merged.children[1].values["title"] == "Onze tip"


def test_same_content_sees_every_difference() -> None:
    a = shipped("version", "nl", [shipped("hint", "h", title="T")], name="P")
    b = shipped("version", "nl", [shipped("hint", "h", title="T")], name="P")
    assert same_content(a, b)
    b.children[0].values["title"] = "Anders"
    assert not same_content(a, b)
