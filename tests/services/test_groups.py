from __future__ import annotations

import pytest

from rugschool.errors import NotFound
from rugschool.models import Database
from rugschool.services.groups import GroupService


def test_a_group_is_listed_with_its_therapists_and_occupancy(demo_db: Database) -> None:
    [group] = GroupService(demo_db).rows()
    assert group.therapists == ("Sanne Visser", "Koen Claes")
    assert (group.active_count, group.max_size) == (10, 12)
    assert GroupService(demo_db).get(group.id) == group


def test_an_unknown_group_is_a_clear_error(db: Database) -> None:
    with pytest.raises(NotFound, match="geen groep met nummer 42"):
        GroupService(db).get(42)
