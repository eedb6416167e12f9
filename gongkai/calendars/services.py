"""Writes to the working-day calendar: seeding from chinesecalendar and importing a new year's notice."""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.errors import UserError

from .models import CalendarException, CalendarYear, DayKind
from .signals import calendar_changed_send

PACKAGE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
PACKAGE_NOTICE = "chinesecalendar 1.11.0 数据（据国务院办公厅历年部分节假日安排的通知）"
KIND_WORDS = {"休": DayKind.HOLIDAY, "班": DayKind.WORKDAY}


def seed_rows_from_package() -> list[tuple[datetime.date, str, str]]:
    from chinese_calendar import constants

    rows = [
        (d, DayKind.HOLIDAY.value, PACKAGE_NAMES.get(n, n)) for d, n in constants.holidays.items()
    ]
    rows += [
        (d, DayKind.WORKDAY.value, PACKAGE_NAMES.get(n, n) + "调休上班")
        for d, n in constants.workdays.items()
    ]
    return rows


def calendar_seed_from_package(*, actor=None, first_year: int = 2004, last_year: int = 2026) -> int:
    """Idempotent: adds the package's years that are not in the table yet. Returns days added."""
    rows = [r for r in seed_rows_from_package() if first_year <= r[0].year <= last_year]
    added = 0
    with transaction.atomic():
        existing = set(CalendarYear.objects.values_list("year", flat=True))
        for year in range(first_year, last_year + 1):
            if year in existing:
                continue
            cal_year = CalendarYear.objects.create(year=year, notice=PACKAGE_NOTICE)
            days = [
                CalendarException(date=d, kind=k, name=n, year=cal_year)
                for d, k, n in rows
                if d.year == year
            ]
            CalendarException.objects.bulk_create(days)
            added += len(days)
        new_years = sorted(set(range(first_year, last_year + 1)) - existing)
        if added:
            audit_record(
                actor=actor,
                action="calendar.seed",
                object_type="calendars.calendaryear",
                new={"years": f"{first_year}-{last_year}", "days": added},
            )
        if new_years:  # a year now counted: deadlines there become known
            calendar_changed_send(
                first=datetime.date(new_years[0], 1, 1), last=datetime.date(new_years[-1], 12, 31)
            )
    return added


DATE_PATTERNS = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
]


def parse_date(text: str) -> datetime.date | None:
    """YYYY-MM-DD, YYYY/M/D or YYYY年M月D日; None when it is none of these."""
    text = (text or "").strip()
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return datetime.date(*map(int, match.groups()))
            except ValueError:
                return None
    return None


def read_text_file(path: Path) -> str:
    """UTF-8 (with or without BOM) or GB18030, the encodings Chinese Excel and WPS write."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取文件 {path}：{exc.strerror}。") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(f"文件 {path} 的编码无法识别：请保存为 UTF-8 或 GB18030（GBK）编码的 CSV。")


def calendar_import(*, actor, path: Path, notice: str = "") -> dict:
    """Import one or more years from a CSV with columns 日期, 类型 (休/班), 说明.

    All or nothing: every bad line is reported and nothing is written if there is any.
    A year in the file replaces that year's data entirely (a new notice supersedes the old).
    """
    text = read_text_file(path)
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [h for h in ("日期", "类型") if h not in header]
    if missing:
        raise UserError(f"文件 {path} 缺少列：{'、'.join(missing)}（需要列：日期、类型、说明）。")
    problems: list[str] = []
    rows: list[tuple[datetime.date, str, str]] = []
    seen: dict[datetime.date, int] = {}
    for line_no, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        if not any(row.values()):
            continue
        day = parse_date(row.get("日期", ""))
        kind = KIND_WORDS.get(row.get("类型", ""))
        if day is None:
            problems.append(
                f"第{line_no}行 日期: “{row.get('日期', '')}”不是有效日期（应为 YYYY-MM-DD）"
            )
        if kind is None:
            problems.append(f"第{line_no}行 类型: “{row.get('类型', '')}”无效（应为“休”或“班”）")
        if day and kind:
            if day in seen:
                problems.append(f"第{line_no}行 日期: {day:%Y-%m-%d} 与第{seen[day]}行重复")
            elif kind == DayKind.WORKDAY and day.weekday() < 5:
                problems.append(
                    f"第{line_no}行 类型: {day:%Y-%m-%d} 是工作日（周一至周五），不需要标为“班”"
                )
            seen.setdefault(day, line_no)
            rows.append((day, kind.value, row.get("说明", "")))
    if problems:
        raise UserError(f"日历文件 {path} 有 {len(problems)} 处错误，未导入任何数据：", problems)
    if not rows:
        raise UserError(f"日历文件 {path} 没有数据行。")
    years = sorted({d.year for d, _, _ in rows})
    changed: list[datetime.date] = []
    with transaction.atomic():
        for year in years:
            before = set(
                CalendarException.objects.filter(date__year=year).values_list("date", "kind")
            )
            if not CalendarYear.objects.filter(year=year).exists():
                changed += [datetime.date(year, 1, 1), datetime.date(year, 12, 31)]
            changed += [d for d, _ in before ^ {(d, k) for d, k, _ in rows if d.year == year}]
            old = len(before)
            CalendarException.objects.filter(date__year=year).delete()
            cal_year, _ = CalendarYear.objects.update_or_create(
                year=year, defaults={"notice": notice or f"导入自 {Path(path).name}"}
            )
            days = [
                CalendarException(date=d, kind=k, name=n, year=cal_year)
                for d, k, n in rows
                if d.year == year
            ]
            CalendarException.objects.bulk_create(days)
            audit_record(
                actor=actor,
                action="calendar.import",
                obj=cal_year,
                old={"days": old},
                new={"days": len(days), "file": Path(path).name},
            )
        if changed:
            calendar_changed_send(first=min(changed), last=max(changed))
    return {"years": years, "days": len(rows)}
