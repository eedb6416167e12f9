"""The public 政府信息公开指南 of an agency (条例第十二条), built from the law and the agency's data.

Art. 12 requires: 政府信息的分类、编排体系、获取方式, and the 政府信息公开工作机构's 名称、办公地址、办公时间、
联系电话、传真号码、互联网联系方式. The application procedure follows Art. 27–33, fees Art. 42 with
国办函〔2020〕109号 (the same figures as applications/fees.py), remedies Art. 51.

The office fills in the contact fields (core.DisclosureGuide); a blank field is shown as 未公布, never
guessed. Everything else comes from the law and the agency's catalogue, so a guide is complete from the day
an agency is created.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.applications.fees import FREE_ITEMS, FREE_PAGES, PAGE_BANDS, item_price
from gongkai.core.models import Agency, DisclosureGuide

NOT_PUBLISHED = "本机关尚未公布"


@dataclass
class ContactRow:
    label: str
    value: str
    href: str = ""


def guide_for(agency: Agency) -> DisclosureGuide:
    """The saved guide, or an unsaved blank one (read-only use)."""
    return DisclosureGuide.objects.filter(agency=agency).first() or DisclosureGuide(agency=agency)


def office_name(agency: Agency, guide: DisclosureGuide) -> str:
    return guide.office_name or agency.name


def contact_rows(agency: Agency, guide: DisclosureGuide, site_url: str) -> list[ContactRow]:
    """Art. 12's contact details, in its order, each with 未公布 when the office left it blank."""
    rows = [
        ContactRow("政府信息公开工作机构（受理机构）", office_name(agency, guide)),
        ContactRow("办公地址", guide.address),
        ContactRow("邮政编码", guide.postal_code),
        ContactRow("办公时间", guide.hours),
        ContactRow("联系电话", guide.phone, f"tel:{guide.phone}" if guide.phone else ""),
        ContactRow("传真号码", guide.fax),
        ContactRow("电子邮箱", guide.email, f"mailto:{guide.email}" if guide.email else ""),
        ContactRow("互联网联系方式", site_url, site_url),
    ]
    for row in rows:
        if not row.value:
            row.value = NOT_PUBLISHED
    return rows


def missing_fields(guide: DisclosureGuide) -> list[str]:
    names = {
        "address": "办公地址",
        "postal_code": "邮政编码",
        "hours": "办公时间",
        "phone": "联系电话",
        "email": "电子邮箱",
    }
    return [label for field, label in names.items() if not getattr(guide, field)]


def item_fee_bands(up_to: int = 50) -> list[tuple[str, int]]:
    """("第11—30件", 100), …: the per-item prices of 109号, from the calculator's own function."""
    bands: list[tuple[int, int, int]] = []
    for n in range(1, up_to + 1):
        price = item_price(n)
        if bands and bands[-1][2] == price:
            bands[-1] = (bands[-1][0], n, price)
        else:
            bands.append((n, n, price))
    rows = [(f"第{a}—{b}件", price) for a, b, price in bands]
    return rows + [("此后每增加10件", 100)]


def page_fee_bands() -> list[tuple[str, int]]:
    rows, lower = [], 0
    for upper, price in PAGE_BANDS:
        rows.append(
            (f"第{lower + 1}页以上" if upper is None else f"第{lower + 1}—{upper}页", price)
        )
        lower = upper or lower
    return rows


def fee_facts() -> dict:
    return {
        "free_items": FREE_ITEMS,
        "free_pages": FREE_PAGES,
        "item_bands": item_fee_bands(),
        "page_bands": page_fee_bands(),
    }
