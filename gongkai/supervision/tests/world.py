"""Records built through the services, with figures counted by hand in the tests.

朱阳关镇 (town), 2025 — 20 working days after Mon 3 March 2025: 3/4–7 (4), 3/10–14 (9),
3/17–21 (14), 3/24–28 (19), 3/31 (20) → deadline Mon 31 March.
  P1 formed 3/3, published 3/31 (on time, 政策文件)
  P2 formed 3/3, published 4/1  (late by one day, 政策文件)
  P3 no 成文日期, published 5/6 (counted as published, not for timeliness, 公共服务)
  a draft in 人事信息 (a column without a published item)
  R1 received Mon 9/1, answered 9/10 (on time)
  R2 received Mon 3/3, answered Tue 4/1 (due 3/31: late)
  R3 received Thu 10/9, never answered (overdue)
官道口镇 (sibling): P4 formed 6/2, published 6/3 (on time).
No annual report for 2024 exists anywhere.
"""

import datetime

import time_machine

from gongkai.applications import services as app_services
from gongkai.applications.tests.factories import register
from gongkai.publications import services as pub_services
from gongkai.reviews.factories import published_publication, reviewers

D = datetime.date.fromisoformat


def at(day):
    return time_machine.travel(datetime.datetime.fromisoformat(day + "T10:00:00+08:00"), tick=False)


def _answer(agency, received, replied, number):
    clerk, head, leader = reviewers(agency)
    with at(received):
        app = register(clerk, agency, received=received, number=number)
    with at(replied):
        app_services.application_draft_reply(
            actor=clerk, application=app, outcome="granted", note="予以公开"
        )
        app_services.application_review(actor=head, application=app, stage="first", approve=True)
        app_services.application_review(actor=leader, application=app, stage="final", approve=True)
        app_services.application_deliver(actor=clerk, application=app, date=D(replied))
    return app


def build(county):
    town, sibling = county["town"], county["sibling"]
    clerk, _head, _leader = reviewers(town)
    for name in ("政策文件", "公共服务", "人事信息"):
        pub_services.catalogue_column_add(actor=clerk, agency=town, name=name)
    published_publication(
        agency=town,
        column="政策文件",
        title="P1 按时",
        published_on=D("2025-03-31"),
        formed_on=D("2025-03-03"),
    )
    published_publication(
        agency=town,
        column="政策文件",
        title="P2 超期",
        published_on=D("2025-04-01"),
        formed_on=D("2025-03-03"),
    )
    published_publication(
        agency=town, column="公共服务", title="P3 无成文日期", published_on=D("2025-05-06")
    )
    pub_services.publication_create(actor=clerk, agency=town, column="人事信息", title="草稿")
    published_publication(
        agency=sibling,
        column="通知公告",
        title="P4 官道口",
        published_on=D("2025-06-03"),
        formed_on=D("2025-06-02"),
    )
    _answer(town, "2025-09-01", "2025-09-10", "T-R1")
    _answer(town, "2025-03-03", "2025-04-01", "T-R2")
    with at("2025-10-09"):
        register(clerk, town, received="2025-10-09", number="T-R3")
