"""Counters for the rate limits on anonymous POSTs (see `gongkai.core.ratelimit`)."""

from django.db import models


class RateLimitCounter(models.Model):
    """How many POSTs one client address sent to one kind of page in one fixed time window."""

    bucket = models.CharField("限流对象", max_length=200)  # "<scope>:<period>:<client address>"
    window_start = models.BigIntegerField("时段开始（Unix 秒）")
    expires_at = models.BigIntegerField("时段结束（Unix 秒）", db_index=True)
    hits = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = "限流计数"
        verbose_name_plural = "限流计数"
        constraints = [
            models.UniqueConstraint(
                fields=["bucket", "window_start"], name="ratelimit_one_counter_per_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bucket} @{self.window_start}: {self.hits}"
