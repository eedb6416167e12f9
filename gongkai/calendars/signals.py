"""`calendar_changed`: sent by every write to the working-day calendar, inside its transaction, with
the first and last date whose kind (or whose year's coverage) changed. Apps whose stored figures
depend on working days (the supervision monthly summary) recount what those days decide; the
calendar app knows nothing about them."""

from django.dispatch import Signal

calendar_changed = Signal()  # keyword arguments: first, last (datetime.date)


def calendar_changed_send(*, first, last) -> None:
    calendar_changed.send(sender="calendars", first=first, last=last)
