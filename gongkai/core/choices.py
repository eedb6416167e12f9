from django.db import models


class AgencyLevel(models.TextChoices):
    COUNTY = "county", "县级人民政府"
    TOWNSHIP = "township", "乡镇人民政府（街道办事处）"
    DEPARTMENT = "department", "县政府部门"
    UNIT = "unit", "站所（下属单位）"


class Role(models.TextChoices):
    CLERK = "clerk", "信息员"
    OFFICE_HEAD = "office_head", "办公室主任"
    LEADER = "leader", "分管领导"
    COUNTY_OFFICE = "county_office", "县公开办"
    ADMIN = "admin", "管理员"


# Levels that act in their own name unless the county says otherwise (条例第十条第二款).
DISCLOSURE_BODY_LEVELS = {AgencyLevel.COUNTY, AgencyLevel.TOWNSHIP, AgencyLevel.DEPARTMENT}
