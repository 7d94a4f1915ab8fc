"""PDFs in tests are made in ReportLab's invariant mode: the same input, the same bytes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from reportlab import rl_config


@pytest.fixture(autouse=True)
def invariant_pdfs() -> Iterator[None]:
    before = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = before
