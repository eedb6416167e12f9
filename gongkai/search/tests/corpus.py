"""A small county corpus published through the publication services, as a citizen would find it."""

import datetime

from gongkai.publications import services as pub
from gongkai.reviews.factories import reviewers
from gongkai.search.services import index_publication

D = datetime.date
DAY = D(2025, 6, 20)


def publish(agency, *, title, body="", column="通知公告", doc_number="", day=DAY):
    """Drafted by the 信息员, 初审 by the 办公室主任, 终审 by the 分管领导, then published: the
    publish service itself puts the item into the index."""
    clerk, head, leader = reviewers(agency)
    item = pub.publication_create(
        actor=clerk,
        agency=agency,
        column=column,
        title=title,
        body=body,
        doc_number=doc_number,
        formed_on=day,
    )
    pub.publication_submit(actor=clerk, publication=item)
    pub.publication_review(
        actor=head, publication=item, stage="first", approve=True, secrecy_checked=True
    )
    pub.publication_review(actor=leader, publication=item, stage="final", approve=True)
    return pub.publication_publish(actor=clerk, publication=item, published_on=day)


def build(county):
    """Published items, plus a draft, an item under review and a withdrawn one (same words)."""
    town, dept, seat = county["town"], county["dept"], county["county"]
    items = {
        "low_income": publish(
            seat,
            title="卢氏县人民政府关于提高城乡居民最低生活保障标准的通知",
            doc_number="卢政〔2025〕3号",
            body="各乡镇人民政府，县政府各部门：为切实保障困难群众基本生活，经县政府研究，"
            "决定自2025年7月1日起提高城乡低保标准，农村低保标准提高到每人每年5400元。",
        ),
        "other_number": publish(
            seat,
            title="卢氏县人民政府关于做好2025年防汛工作的通知",
            doc_number="卢政〔2025〕13号",
            body="各乡镇人民政府：入汛以来，我县降雨偏多，请做好防汛值班和隐患排查。",
            day=D(2025, 5, 8),
        ),
        "medical": publish(
            town,
            title="朱阳关镇关于做好2026年度城乡居民医保参保缴费工作的通知",
            doc_number="朱政〔2025〕12号",
            body="各村（社区）：2026年度城乡居民基本医疗保险集中缴费期为2025年9月1日至12月31日，"
            "请各村组织群众及时参加医保。",
            day=D(2025, 9, 1),
        ),
        "subsidy": publish(
            town,
            title="朱阳关镇2025年耕地地力保护补贴发放情况公示",
            column="乡村振兴",
            body="根据县农业农村局要求，现将2025年耕地地力保护资金发放情况予以公示，公示期7天。",
            day=D(2025, 7, 15),
        ),
        "fire": publish(
            dept,
            title="卢氏县自然资源局关于做好冬季森林防火工作的通知",
            body="各自然资源所：冬季森林防火形势严峻，请严格落实防火责任。",
            day=D(2024, 11, 20),
        ),
    }
    clerk, head, leader = reviewers(town)
    draft = pub.publication_create(
        actor=clerk,
        agency=town,
        column="通知公告",
        title="朱阳关镇低保对象名单（医保补贴征求意见稿）",
        body="低保 医保 补贴 卢政〔2025〕3号",
    )
    index_publication(draft)
    under_review = pub.publication_create(
        actor=clerk,
        agency=town,
        column="通知公告",
        title="朱阳关镇低保医保补贴资金审核意见",
        body="低保 医保 补贴",
    )
    pub.publication_submit(actor=clerk, publication=under_review, note="审核意见：低保补贴")
    index_publication(under_review)
    withdrawn = publish(
        town,
        title="朱阳关镇关于低保医保补贴资金发放的公示",
        body="低保 医保 补贴 卢政〔2025〕3号",
        column="乡村振兴",
    )
    withdraw(withdrawn)
    return items, {"draft": draft, "under_review": under_review, "withdrawn": withdrawn}


def withdraw(item):
    """申请撤回 → 初审 → 终审: the withdrawal service takes the item out of the index."""
    clerk, head, leader = reviewers(item.agency)
    pub.publication_withdraw_request(actor=clerk, publication=item, reason="信息有误，撤回")
    pub.publication_review(actor=head, publication=item, stage="first", approve=True)
    pub.publication_review(actor=leader, publication=item, stage="final", approve=True)
