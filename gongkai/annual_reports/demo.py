"""Demo annual reports: 朱阳关镇 2025 with the seed's own narrative (published as the office did, with the
three-level review), published 2024 reports for year-on-year and a numbered revision, drafts for the rest."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from gongkai.publications.models import NormativeDocument
from gongkai.publications.services import document_register

from .models import AnnualReport, ReportNarrative
from .services import (
    enforcement_set,
    narrative_draft,
    narrative_save,
    report_publish,
    report_review,
    report_revise,
    report_submit,
)

SYSTEM = "演示数据"
DATA = Path(__file__).parent / "demo_data"

# (agency key, year, licensing, penalty, coercion, fees in 万元)
ENFORCEMENT = [
    ("zhuyangguan", 2024, 0, 0, 0, "0"),
    ("zhuyangguan", 2025, 0, 0, 0, "0"),
    ("ziran", 2024, 171, 19, 1, "389.6"),
    ("ziran", 2025, 186, 23, 2, "412.35"),
    ("renshe", 2025, 45, 0, 0, "0"),
    ("county", 2025, 12, 0, 0, "36.8"),
]

ZYG_2024_PROBLEMS = (
    "（一）存在问题\n"
    "一是公开形式较为单一，信息发布以文字公告为主。\n"
    "二是部分站所主动公开意识不强，信息报送不够及时。\n"
    "（二）整改措施\n"
    "一是丰富公开形式，加强政府网站与政务新媒体的协同联动。\n"
    "二是将政务公开工作纳入各站所年度考核，建立信息报送常态化督促机制。"
)


OTHER_2024_PROBLEMS = (
    "（一）存在问题\n"
    "一是政策解读形式较为单一，图解、问答等形式运用不多。\n"
    "二是个别业务股室信息报送不够及时。\n"
    "（二）整改措施\n"
    "一是丰富政策解读形式，重要政策同步发布图解。\n"
    "二是落实信息报送责任，将公开工作纳入股室年度考核。"
)


def _fill(agency, year, section5, section6=None):
    narrative_draft(actor=SYSTEM, agency=agency, year=year)
    n = ReportNarrative.objects.get(agency=agency, year=year)
    narrative_save(
        actor=SYSTEM,
        agency=agency,
        year=year,
        section1=n.section1,
        section5=section5,
        section6=n.section6.replace("（请填写）", "已按要求落实，详见县政府门户网站政务公开专栏。")
        if section6 is None
        else section6,
    )


def _at(y, m, d, h=10):
    return timezone.make_aware(datetime.datetime(y, m, d, h, 0))


def _walk(report_agency, year, people, day: datetime.date, note=""):
    clerk, head, leader = people
    report = AnnualReport.objects.filter(agency=report_agency, year=year).first()
    if report is None or report.status == "draft":
        report = report_submit(
            actor=clerk, agency=report_agency, year=year, at=_at(day.year, day.month, day.day, 9)
        )
    report_review(
        actor=head,
        report=report,
        stage="first",
        approve=True,
        note="数据与台账核对无误。",
        at=_at(day.year, day.month, day.day, 11),
    )
    report_review(
        actor=leader,
        report=report,
        stage="final",
        approve=True,
        note="同意发布。",
        at=_at(day.year, day.month, day.day, 15),
    )
    return report_publish(
        actor=clerk, report=report, at=_at(day.year, day.month, day.day, 16), note=note
    )


def load_demo(agencies, people) -> None:
    if AnnualReport.objects.exists():
        return  # idempotent: the reports were loaded already
    for key, year, lic, pen, coe, fees in ENFORCEMENT:
        enforcement_set(
            actor=SYSTEM,
            agency=agencies[key],
            year=year,
            licensing=lic,
            penalty=pen,
            coercion=coe,
            fees_10k_yuan=Decimal(fees),
        )
    zyg = agencies["zhuyangguan"]
    zyg_people = (people["zyg_xxy"], people["zyg_bgs"], people["zyg_ld"])
    zrj_people = (people["zrj_xxy"], people["zrj_bgs"], people["zrj_ld"])
    gdk_people = (people["gdk_xxy"], people["gdk_bgs"], people["gdk_ld"])

    # 2024: published reports (朱阳关镇 and 官道口镇 on time; 自然资源局 late, then corrected).
    narrative_draft(actor=SYSTEM, agency=zyg, year=2024)
    n = ReportNarrative.objects.get(agency=zyg, year=2024)
    narrative_save(
        actor=SYSTEM,
        agency=zyg,
        year=2024,
        section1=n.section1,
        section5=ZYG_2024_PROBLEMS,
        section6=n.section6,
    )
    _walk(zyg, 2024, zyg_people, datetime.date(2025, 1, 22))
    _fill(agencies["guandaokou"], 2024, OTHER_2024_PROBLEMS)
    _walk(agencies["guandaokou"], 2024, gdk_people, datetime.date(2025, 1, 27))
    ziran = agencies["ziran"]
    _fill(ziran, 2024, OTHER_2024_PROBLEMS)
    report = _walk(ziran, 2024, zrj_people, datetime.date(2025, 2, 7)).report
    # A normative document of 2024 registered only after the report was published: a correction.
    if not NormativeDocument.objects.filter(
        agency=ziran, doc_number="卢自然资〔2024〕8号"
    ).exists():
        document_register(
            actor=SYSTEM,
            agency=ziran,
            doc_number="卢自然资〔2024〕8号",
            title="卢氏县国土空间规划实施管理暂行办法",
            kind="normative",
            issued_on=datetime.date(2024, 11, 12),
        )
    report_revise(
        actor=zrj_people[0],
        report=report,
        reason="漏报2024年制发的行政规范性文件1件。",
        at=_at(2025, 3, 3),
    )
    _walk(
        ziran,
        2024,
        zrj_people,
        datetime.date(2025, 3, 5),
        note="更正：表二行政规范性文件本年制发件数、现行有效件数各增加1件（漏报卢自然资〔2024〕8号）。",
    )

    # 2025: 朱阳关镇 with the seed's own narrative, published as the office did.
    seed = json.loads((DATA / "zhuyangguan-2025.json").read_text(encoding="utf-8"))
    narrative_save(
        actor=zyg_people[0],
        agency=zyg,
        year=2025,
        section1=seed["sections"]["一"],
        section5=seed["sections"]["五"],
        section6=seed["sections"]["六"],
    )
    _walk(zyg, 2025, zyg_people, datetime.date(2026, 1, 20))
    # The other disclosure bodies (the 站所 report through their offices and owe no report): most
    # on time, 五里川镇 late (deadline 31 January), 人社局 corrected after the checker's findings.
    problems_2025 = OTHER_2024_PROBLEMS.replace("一是政策解读", "一是政务新媒体更新")
    for key in ("county", "guandaokou", "wulichuan", "renshe", "ziran"):
        _fill(agencies[key], 2025, problems_2025)
    report_submit(actor=zrj_people[0], agency=ziran, year=2025, at=_at(2026, 1, 19))
    _walk(ziran, 2025, zrj_people, datetime.date(2026, 1, 21))
    _walk(agencies["guandaokou"], 2025, gdk_people, datetime.date(2026, 1, 26))
    county_people = (people["xian_xxy"], people["xian_bgs"], people["xian_ld"])
    _walk(agencies["county"], 2025, county_people, datetime.date(2026, 1, 29))
    wlc_people = (people["wlc_xxy"], people["wlc_bgs"], people["wlc_ld"])
    _walk(agencies["wulichuan"], 2025, wlc_people, datetime.date(2026, 2, 10))
    rs_people = (people["rs_xxy"], people["rs_bgs"], people["rs_ld"])
    report = _walk(agencies["renshe"], 2025, rs_people, datetime.date(2026, 1, 23)).report
    report_revise(
        actor=rs_people[0],
        report=report,
        reason="年报体检发现第五部分未写明上年问题的整改情况，予以补充。",
        at=_at(2026, 2, 2),
    )
    _fill(
        agencies["renshe"],
        2025,
        problems_2025
        + "\n（三）上年问题整改情况\n上年提出的政策解读形式单一问题，已于2025年6月前完成整改。",
    )
    _walk(
        agencies["renshe"],
        2025,
        rs_people,
        datetime.date(2026, 2, 3),
        note="更正：补充第五部分上年问题整改情况。",
    )
