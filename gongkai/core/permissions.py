"""Who may see and change the records of which agency. Every selector scopes through here.

- 信息员, 办公室主任, 分管领导: their own agency only (read and write).
- 县公开办: their agency and every agency below it, read-only.
- 管理员: their agency and every agency below it, read and write.
- superuser: everything.
"""

from django.db.models import Q, QuerySet

from .choices import Role
from .models import Agency

SUBTREE_ROLES = {Role.COUNTY_OFFICE, Role.ADMIN}
WRITE_ROLES = {Role.CLERK, Role.OFFICE_HEAD, Role.LEADER, Role.ADMIN}


def visible_agencies(user) -> QuerySet[Agency]:
    if not user or not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    if user.agency_id is None:
        return Agency.objects.none()
    if user.role in SUBTREE_ROLES:
        return Agency.objects.filter(path__startswith=user.agency.path)
    return Agency.objects.filter(pk=user.agency_id)


def writable_agencies(user) -> QuerySet[Agency]:
    """The agencies whose records `user` may change (can_write), as one query."""
    if user and user.is_authenticated and (user.is_superuser or user.role in WRITE_ROLES):
        return visible_agencies(user)
    return Agency.objects.none()


def agency_q(user, field: str = "agency") -> Q:
    """A filter for any model with an agency foreign key, limited to what `user` may see."""
    if user and user.is_authenticated and user.is_active and user.is_superuser:
        return Q()
    if not user or not user.is_authenticated or not user.is_active or user.agency_id is None:
        return Q(pk__in=[])
    if user.role in SUBTREE_ROLES:
        return Q(**{f"{field}__path__startswith": user.agency.path})
    return Q(**{f"{field}_id": user.agency_id})


def can_read(user, agency: Agency) -> bool:
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if user.agency_id is None:
        return False
    if user.role in SUBTREE_ROLES:
        return agency.path.startswith(user.agency.path)
    return agency.pk == user.agency_id


def can_write(user, agency: Agency) -> bool:
    if not can_read(user, agency):
        return False
    return user.is_superuser or user.role in WRITE_ROLES


def require_disclosure_body(agency: Agency, what: str) -> None:
    """Refuse `what` (e.g. "受理政府信息公开申请") for an agency that does not disclose in its own name,
    naming the office that does (条例第十条第二款, 第二十七条)."""
    from .errors import UserError

    if not agency.is_disclosure_body:
        office = agency.disclosure_office()
        raise UserError(
            f"“{agency.name}”不以自己的名义公开政府信息，不能{what}；"
            f"请向“{office.name}”提出（站所的信息由其通过“{office.name}”公开）。"
        )
