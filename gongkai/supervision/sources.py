"""Pluggable sources for figures that other apps own.

A source is a function ``(agency_ids, period) -> dict[agency_id, (numerator, denominator)] | None``.
``None`` means "no data": the indicator then shows 无数据 and is left out of the score (never 100).
Apps register theirs at start-up (``AppConfig.ready``):

    from gongkai.supervision.sources import register
    register("inspection", my_findings_fixed_on_time)
    register("inspection_open", my_open_findings)      # dashboard: (open, 0) per agency
    register("submitted", my_unit_submissions)         # items submitted by units

Until self-inspection (自查) and unit submissions exist, they return no data.
"""

from __future__ import annotations

from collections.abc import Callable

Source = Callable[[list[int], object], dict[int, tuple[int, int]] | None]

_SOURCES: dict[str, Source] = {}


def register(name: str, source: Source) -> None:
    _SOURCES[name] = source


def registered(name: str) -> Source | None:
    return _SOURCES.get(name)


def unregister(name: str) -> None:
    _SOURCES.pop(name, None)


def read(name: str, agency_ids: list[int], period) -> dict[int, tuple[int, int]] | None:
    source = _SOURCES.get(name)
    return None if source is None else source(agency_ids, period)
