"""Who may do what in self-inspection.

- The county's 县公开办 (and 管理员) edit the county's checklist; everyone in the county sees it.
- An agency's own staff, and the 县公开办 over it, may run a self-inspection.
- The agency's staff (信息员, 办公室主任, 分管领导) rectify; 办公室主任, 分管领导 or the 县公开办/管理员
  over it accept (销号), send back, or reassign.
"""

from gongkai.core.choices import Role
from gongkai.core.permissions import SUBTREE_ROLES, can_read, can_write

ACCEPT_ROLES = {Role.OFFICE_HEAD, Role.LEADER}


def _supervises(user, agency) -> bool:
    return can_read(user, agency) and (user.is_superuser or user.role in SUBTREE_ROLES)


def can_edit_checklist(user, county) -> bool:
    return _supervises(user, county)


def can_run(user, agency) -> bool:
    return can_write(user, agency) or _supervises(user, agency)


def can_rectify(user, agency) -> bool:
    return can_write(user, agency)


def can_accept(user, agency) -> bool:
    if _supervises(user, agency):
        return True
    return can_write(user, agency) and user.role in ACCEPT_ROLES
