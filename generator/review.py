"""Review dates (KCS style): which remedies are due for a check, for `kb status --due`."""
from __future__ import annotations

import datetime
from typing import Any

from rich.table import Table

from generator.records import KnowledgeBase


def due(kb: KnowledgeBase, today: datetime.date) -> list[dict[str, Any]]:
    """Remedies whose review date is on or before `today`, oldest review date first, then by id."""
    rows = []
    for remedy in kb.remedies:
        date = remedy.review_date(kb.site.review_after_days)
        if date <= today:
            rows.append({"id": remedy.id, "area": remedy.area, "review_by": date.isoformat(),
                         "days_overdue": (today - date).days})
    return sorted(rows, key=lambda row: (row["review_by"], row["id"]))


def table(rows: list[dict[str, Any]]) -> Table:
    """The due remedies as a rich table: id, area, review date, days overdue."""
    grid = Table(header_style="bold")
    for name in ("remedy", "area", "review by", "days overdue"):
        grid.add_column(name, justify="right" if name == "days overdue" else "left")
    for row in rows:
        grid.add_row(row["id"], row["area"], row["review_by"], str(row["days_overdue"]))
    return grid
