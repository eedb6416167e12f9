"""Who sees which agencies' figures: the 县公开办 (and admins) their whole tree, everyone else
their own agency only. Missing and forbidden both read "not found"."""

from __future__ import annotations

from gongkai.core.errors import NotFoundOrForbidden
from gongkai.core.models import Agency
from gongkai.core.permissions import visible_agencies

NOT_FOUND = "未找到该机关，或无权查看其考核数据。"


def agencies_for_user(user) -> list[Agency]:
    return list(visible_agencies(user).order_by("path"))


def county_for_user(user) -> Agency:
    agencies = agencies_for_user(user)
    if not agencies:
        raise NotFoundOrForbidden(NOT_FOUND)
    return agencies[0].county()


def agency_for_user(user, pk) -> Agency:
    try:
        return visible_agencies(user).get(pk=int(pk))
    except (Agency.DoesNotExist, TypeError, ValueError):
        raise NotFoundOrForbidden(NOT_FOUND) from None


def county_by_name(name: str) -> Agency:
    from gongkai.core.errors import UserError

    county = Agency.objects.filter(name=name, parent__isnull=True).first()
    if county is None:
        raise UserError(f"没有名为“{name}”的县（顶级机关）。用 gongkai agency list 查看机关全称。")
    return county


def county_tree(county: Agency) -> list[Agency]:
    return list(Agency.objects.filter(path__startswith=county.path).order_by("path"))
