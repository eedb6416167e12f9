"""Annual reports in the review engine: what each staff step calls.

A report's page exists before its record does (the record is created when it is first submitted),
so the staff steps take a ReportRef: agency, year and the record if there is one."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.models import Agency
from gongkai.reviews.registry import REVIEW_ACTIONS, SubjectType, register
from gongkai.reviews.steps import bound_steps, decision_approves


@dataclass
class ReportRef:
    agency: Agency
    year: int
    report: object | None  # AnnualReport

    @property
    def status(self) -> str:
        return self.report.status if self.report is not None else "draft"


def _services():
    from . import services

    return services


def _record(subject):
    return subject.report if isinstance(subject, ReportRef) else subject


def _report(ref):
    from gongkai.core.errors import UserError

    if _record(ref) is None:
        raise UserError("报告尚未提交审核。")
    return _record(ref)


def _forms():
    from . import forms

    return {"publish": forms.PublishForm, "revise": forms.ReviseForm}


def _review(stage):
    def run(actor, ref, data):
        return _services().report_review(
            actor=actor,
            report=_report(ref),
            stage=stage,
            approve=decision_approves(data),
            note=data.get("note", ""),
        )

    return run


REPORT = register(
    SubjectType(
        key="report",
        noun="年度报告",
        record_field="report",
        record_subject=_record,
        actions=REVIEW_ACTIONS | {"publish", "revise"},
        run={
            "submit": lambda actor, ref, d: _services().report_submit(
                actor=actor, agency=ref.agency, year=ref.year, note=d.get("note", "")
            ),
            "first": _review("first"),
            "final": _review("final"),
            "publish": lambda actor, ref, d: _services().report_publish(
                actor=actor, report=_report(ref), note=d.get("note", "")
            ),
            "revise": lambda actor, ref, d: _services().report_revise(
                actor=actor, report=_report(ref), reason=d.get("reason", "")
            ),
        },
        forms=_forms(),
        hints={
            "submit": "提交前系统按年报格式和规则检查全文；有错误时不能提交。年度结束后（次年1月1日起）方可提交。",
            "publish": "发布后报告内容冻结；以后如需更正，发布带编号的更正版本。",
            "revise": "报告回到拟稿状态；已发布的版本保持不变，直到更正版本经审核后发布。",
        },
    )
)

STEPS = bound_steps(REPORT)
