"""All writes to agencies and people. Each service is atomic and audited."""

import re

from django.db import IntegrityError, transaction

from .audit import audit_record
from .choices import DISCLOSURE_BODY_LEVELS, AgencyLevel, Role
from .errors import UserError
from .models import Agency, User

LEVEL_LABELS = {c.value: c.label for c in AgencyLevel}
# Which level may sit under which.
ALLOWED_PARENT_LEVELS = {
    AgencyLevel.COUNTY: set(),
    AgencyLevel.TOWNSHIP: {AgencyLevel.COUNTY},
    AgencyLevel.DEPARTMENT: {AgencyLevel.COUNTY},
    AgencyLevel.UNIT: {AgencyLevel.TOWNSHIP, AgencyLevel.DEPARTMENT},
}


def agency_add(
    *,
    actor,
    name: str,
    level: str,
    parent_name: str | None = None,
    may_make_rules: bool = False,
    is_disclosure_body: bool | None = None,
) -> Agency:
    """`is_disclosure_body` defaults from the level: county, township, department yes; 站所 no."""
    name = (name or "").strip()
    if not name:
        raise UserError("机关名称不能为空。")
    if level not in LEVEL_LABELS:
        raise UserError(f"层级“{level}”无效，应为：county、township、department、unit 之一。")
    parent = None
    if parent_name:
        parent = Agency.objects.filter(name=parent_name.strip()).first()
        if parent is None:
            raise UserError(
                f"上级机关“{parent_name}”不存在，请先添加它（gongkai agency list 可查看已有机关）。"
            )
    allowed = ALLOWED_PARENT_LEVELS[AgencyLevel(level)]
    if parent is None and allowed:
        raise UserError(f"{LEVEL_LABELS[level]}必须指定上级机关（--parent）。")
    if parent is not None and parent.level not in allowed:
        raise UserError(
            f"“{name}”（{LEVEL_LABELS[level]}）不能设在“{parent.name}”（{LEVEL_LABELS[parent.level]}）之下。"
        )
    if Agency.objects.filter(name=name).exists():
        raise UserError(f"机关“{name}”已存在，机关全称不能重复。")
    try:
        with transaction.atomic():
            if is_disclosure_body is None:
                is_disclosure_body = level in DISCLOSURE_BODY_LEVELS
            agency = Agency.objects.create(
                name=name,
                level=level,
                parent=parent,
                may_make_rules=may_make_rules,
                is_disclosure_body=is_disclosure_body,
            )
            agency.path = f"{parent.path if parent else '/'}{agency.pk}/"
            agency.save(update_fields=["path"])
            audit_record(
                actor=actor,
                action="agency.add",
                obj=agency,
                agency=agency,
                new={
                    "name": name,
                    "level": level,
                    "parent": parent.name if parent else None,
                    "is_disclosure_body": is_disclosure_body,
                },
            )
    except IntegrityError as exc:
        raise UserError(f"机关“{name}”已存在，机关全称不能重复。") from exc
    return agency


def agency_update(*, actor, agency: Agency, **changes) -> Agency:
    editable = {
        "may_make_rules",
        "report_deadline_month",
        "report_deadline_day",
        "is_disclosure_body",
    }
    unknown = set(changes) - editable
    if unknown:
        raise UserError(f"不能修改这些字段：{'、'.join(sorted(unknown))}。")
    month = changes.get("report_deadline_month", agency.report_deadline_month)
    day = changes.get("report_deadline_day", agency.report_deadline_day)
    if (month is None) != (day is None):
        raise UserError("年报发布期限的月和日须同时填写或同时留空。")
    if month is not None:
        import datetime

        try:
            datetime.date(2001, month, day)
        except ValueError as exc:
            raise UserError(f"年报发布期限 {month} 月 {day} 日不是有效日期。") from exc
    if changes.get("is_disclosure_body") is False and agency.parent_id is None:
        raise UserError(f"“{agency.name}”是县级人民政府，必须以自己的名义公开信息。")
    with transaction.atomic():
        old = {k: getattr(agency, k) for k in changes}
        for key, value in changes.items():
            setattr(agency, key, value)
        agency.save()
        audit_record(
            actor=actor, action="agency.update", obj=agency, agency=agency, old=old, new=changes
        )
    return agency


def person_add(
    *,
    actor,
    username: str,
    agency: Agency | None,
    role: str,
    password: str | None,
    full_name: str = "",
    is_superuser: bool = False,
) -> User:
    if role not in Role.values:
        raise UserError(f"角色“{role}”无效，应为：{'、'.join(Role.values)}。")
    if User.objects.filter(username=username).exists():
        raise UserError(f"用户名“{username}”已存在。")
    if agency is None and not is_superuser:
        raise UserError("工作人员必须属于一个机关。")
    with transaction.atomic():
        user = User(
            username=username,
            agency=agency,
            role=role,
            full_name=full_name,
            is_staff=True,
            is_superuser=is_superuser,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        audit_record(
            actor=actor,
            action="person.add",
            obj=user,
            agency=agency,
            new={"username": username, "role": role, "agency": agency.name if agency else None},
        )
    return user


# -- 政府信息公开指南 (Art. 12) --------------------------------------------------------------------
GUIDE_FIELDS = ("office_name", "address", "postal_code", "phone", "fax", "hours", "email", "fees")
GUIDE_FIELDS += ("notes",)
_PHONE = re.compile(r"^[0-9０-９()（）+\-—－ 、，,转]{5,50}$")


def _guide_problems(values: dict[str, str]) -> list[str]:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from .guide_models import DisclosureGuide

    problems = []
    for name, value in values.items():
        field = DisclosureGuide._meta.get_field(name)
        if field.max_length and len(value) > field.max_length:
            problems.append(f"“{field.verbose_name}”最多 {field.max_length} 个字。")
    if values.get("postal_code") and not re.fullmatch(r"\d{6}", values["postal_code"]):
        problems.append("“邮政编码”应为 6 位数字，如 472200。")
    for name, label in (("phone", "联系电话"), ("fax", "传真号码")):
        if values.get(name) and not _PHONE.match(values[name]):
            problems.append(f"“{label}”只能包含数字、区号括号、连字符和“转”，如 0398-7123456。")
    if values.get("email"):
        try:
            validate_email(values["email"])
        except ValidationError:
            problems.append("“电子邮箱”格式不正确，如 gongkai@example.gov.cn。")
    return problems


def disclosure_guide_save(*, actor, agency: Agency, **values: str):
    """Create or update the agency's 政府信息公开指南. Unknown fields or invalid values change nothing."""
    from .actors import actor_name, require_write
    from .guide_models import DisclosureGuide

    unknown = set(values) - set(GUIDE_FIELDS)
    if unknown:
        raise UserError(f"公开指南没有这些项目：{'、'.join(sorted(unknown))}。")
    require_write(actor, agency, "政府信息公开指南")
    values = {k: (v or "").strip() for k, v in values.items()}
    if problems := _guide_problems(values):
        raise UserError(f"公开指南未保存，有 {len(problems)} 处需要修改：", problems)
    with transaction.atomic():
        guide, _ = DisclosureGuide.objects.select_for_update().get_or_create(agency=agency)
        old = {k: getattr(guide, k) for k in values}
        for key, value in values.items():
            setattr(guide, key, value)
        guide.updated_by = actor_name(actor)
        guide.save()
        audit_record(
            actor=actor,
            action="disclosure_guide.save",
            obj=guide,
            agency=agency,
            old=old,
            new=values,
        )
    return guide
