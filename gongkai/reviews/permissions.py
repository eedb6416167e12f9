"""THE role → review stage mapping: 初审 by the agency's 办公室主任, 终审 by its 分管领导."""

from gongkai.core.actors import is_person
from gongkai.core.choices import Role
from gongkai.core.errors import UserError
from gongkai.core.models import Agency
from gongkai.core.permissions import can_write

STAGE_ROLES = {"first": Role.OFFICE_HEAD, "final": Role.LEADER}
STAGE_NAMES = {"first": "初审", "final": "终审"}
STAGE_REVIEWERS = {"first": "办公室主任", "final": "分管领导"}


def can_review(user, agency: Agency, stage: str) -> bool:
    """初审 by the 办公室主任, 终审 by the 分管领导, both in the agency itself (a superuser: either)."""
    if not can_write(user, agency) or user.is_superuser:
        return user.is_superuser
    return user.agency_id == agency.pk and user.role == STAGE_ROLES[stage]


def may_take(user, agency: Agency, permission: str) -> bool:
    """A staff step's permission: "write" (anyone who may write for the agency), "first", "final"."""
    if permission == "write":
        return can_write(user, agency)
    return can_write(user, agency) and can_review(user, agency, permission)


def require_review(actor, agency: Agency, stage: str) -> None:
    if is_person(actor) and not can_review(actor, agency, stage):
        raise UserError(f"{STAGE_NAMES[stage]}须由本机关{STAGE_REVIEWERS[stage]}进行。")
