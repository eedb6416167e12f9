"""Settings of the requests app, with their defaults (documented in docs/requests.md).

Where the law is read differently from place to place, the default is the reading that gives the
earlier due date, so that an office following Gongkai never answers late under either reading.
"""

from django.conf import settings


def fee_period_pauses_clock() -> bool:
    """GONGKAI_FEE_PERIOD_PAUSES_CLOCK (default False, the safer reading): when True, the time
    between a fee notice and the payment is not counted in the reply period."""
    return bool(getattr(settings, "GONGKAI_FEE_PERIOD_PAUSES_CLOCK", False))


def third_party_pause_capped() -> bool:
    """GONGKAI_THIRD_PARTY_PAUSE_CAPPED (default True, the safer reading): a third-party consultation
    pauses the clock at most for the third party's 15-working-day answer window (Art. 32)."""
    return bool(getattr(settings, "GONGKAI_THIRD_PARTY_PAUSE_CAPPED", True))


def clock_options() -> dict:
    """The keyword arguments of clock.compute that come from the settings."""
    return {
        "fee_pauses": fee_period_pauses_clock(),
        "cap_third_party": third_party_pause_capped(),
        "consultation_from_receipt": consultation_pause_from_receipt(),
    }


def consultation_pause_from_receipt() -> bool:
    """GONGKAI_CONSULTATION_PAUSE_FROM_RECEIPT (default True, the safer reading): a consultation
    (Art. 32 / 34) pauses the clock from the day the consulted party RECEIVED the letter, the day its
    15-working-day window starts. False: from the day the letter went out (more days paused)."""
    return bool(getattr(settings, "GONGKAI_CONSULTATION_PAUSE_FROM_RECEIPT", True))
