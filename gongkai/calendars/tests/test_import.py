import datetime

import pytest
from django.core.management import call_command

from gongkai.calendars.models import CalendarException, CalendarYear
from gongkai.calendars.selectors import get_calendar
from gongkai.core.audit_models import AuditEvent
from gongkai.core.errors import UserError

# An illustrative schedule in the shape of the State Council notice (not the real 2027 one).
GOOD_2027 = """日期,类型,说明
2027-01-01,休,元旦
2027-02-06,休,春节
2027-02-07,休,春节
2027-02-08,休,春节
2027-02-09,休,春节
2027-02-10,休,春节
2027-02-11,休,春节
2027-02-12,休,春节
2027-02-13,班,春节调休上班
"""


def write(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "calendar.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_import_next_year_makes_deadlines_computable(tmp_path, encoding):
    call_command("calendar", "import", str(write(tmp_path, GOOD_2027, encoding)))
    cal = get_calendar()
    assert 2027 in cal.years
    assert not cal.is_working_day(datetime.date(2027, 2, 8))
    assert cal.is_working_day(datetime.date(2027, 2, 13))  # a Saturday worked
    # 2026-12-18 + 20 working days: Dec 21–25 (5), 28–31 (9), Jan 1 off, Jan 4–8 (14), Jan 11–15 (19), Jan 18 (20).
    assert cal.add_working_days(datetime.date(2026, 12, 18), 20) == datetime.date(2027, 1, 18)
    assert AuditEvent.objects.filter(action="calendar.import").count() == 1


@pytest.mark.django_db
def test_malformed_file_lists_every_bad_line_and_imports_nothing(tmp_path, capsys):
    text = (
        "日期,类型,说明\n"
        "2027-01-01,休,元旦\n"
        "2027-13-01,休,不存在的月份\n"
        "2027-02-03,放假,错误的类型\n"
        "2027-02-04,班,周四无需调休\n"
        "2027-01-01,休,重复\n"
    )
    before = (CalendarYear.objects.count(), CalendarException.objects.count())
    with pytest.raises(UserError) as info:
        from gongkai.calendars.services import calendar_import

        calendar_import(actor=None, path=write(tmp_path, text))
    problems = info.value.problems
    assert problems == [
        "第3行 日期: “2027-13-01”不是有效日期（应为 YYYY-MM-DD）",
        "第4行 类型: “放假”无效（应为“休”或“班”）",
        "第5行 类型: 2027-02-04 是工作日（周一至周五），不需要标为“班”",
        "第6行 日期: 2027-01-01 与第2行重复",
    ]
    assert (CalendarYear.objects.count(), CalendarException.objects.count()) == before


@pytest.mark.django_db
def test_command_reports_errors_without_traceback(tmp_path, capsys):
    path = write(tmp_path, "日期,说明\n2027-01-01,元旦\n")
    with pytest.raises(SystemExit) as exit_info:
        call_command("calendar", "import", str(path))
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "缺少列：类型" in err and "Traceback" not in err


@pytest.mark.django_db
def test_missing_next_year_is_flagged_from_november():
    from gongkai.calendars.checks import missing_next_year

    assert missing_next_year(datetime.date(2026, 10, 31)) is None
    assert missing_next_year(datetime.date(2026, 11, 26)) == 2027
    assert missing_next_year(datetime.date(2025, 12, 1)) is None  # 2026 is seeded
