"""Settings of the requests app, with their defaults (documented in docs/requests.md)."""

from django.conf import settings


def fee_period_pauses_clock() -> bool:
    """GONGKAI_FEE_PERIOD_PAUSES_CLOCK (default True, the safer reading): the time between a fee
    notice and the payment is not counted in the reply period."""
    return bool(getattr(settings, "GONGKAI_FEE_PERIOD_PAUSES_CLOCK", True))
