"""Small factory helpers for request tests."""

import datetime
import itertools

from gongkai.applications import services

_seq = itertools.count(1)

ID_NUMBER = "410122199001011184"  # valid check digit (GB 11643)


def register(actor, agency, *, received="2025-09-25", applicant_type="natural_person", **kw):
    values = dict(
        actor=actor,
        agency=agency,
        applicant_type=applicant_type,
        applicant_name=kw.pop("applicant_name", "王某"),
        id_number=kw.pop("id_number", ID_NUMBER),
        contact="13800000000",
        content="2025年朱阳关镇村道硬化项目的招标文件",
        channel="in_person",
        received_on=datetime.date.fromisoformat(received),
        number=kw.pop("number", f"T-{next(_seq):04d}"),
    )
    values.update(kw)
    app, _secret = services.application_register(**values)
    return app
