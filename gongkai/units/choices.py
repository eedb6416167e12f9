from django.db import models


class Rhythm(models.TextChoices):
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    YEARLY = "yearly", "每年"
    ONCE = "once", "一次性"


class ReminderKind(models.TextChoices):
    BEFORE = "before", "即将到期"
    AFTER = "after", "已逾期"


class PeriodState(models.TextChoices):
    MET = "met", "已报送"
    OPEN = "open", "未到期"
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已逾期未报送"


# Reminders go out this many working days before a due date (and once after it).
REMIND_WORKING_DAYS_BEFORE = 3
