"""Information processing fees (信息处理费), 国办函〔2020〕109号 — pure functions, amounts in 元.

Progressive (超额累进); one method per application, never both (spec requests-deadlines-fees.md §4).
- Per item (按件计收): same applicant, one calendar month, cumulative. Items 1–10 free; 11–30: 100 元
  each; from 31, bands of 10 items, each band +100 元 per item (31–40: 200, 41–50: 300, …).
- Per quantity (按量计收) for one application: pages 1–30 free; 31–100: 10 元/页; 101–200: 20 元/页;
  from 201: 40 元/页.
"""

from __future__ import annotations

from decimal import Decimal

FREE_ITEMS = 10
FREE_PAGES = 30


def item_price(n: int) -> int:
    """Price of the n-th item (1-based) in the applicant's month."""
    if n <= FREE_ITEMS:
        return 0
    if n <= 30:
        return 100
    return 100 * (2 + (n - 31) // 10)


def item_fee_cumulative(items: int) -> Decimal:
    """Fee for `items` items of one applicant in one calendar month, counted together."""
    if items < 0:
        raise ValueError("items must be ≥ 0")
    return Decimal(sum(item_price(i) for i in range(1, items + 1)))


def item_fee(items: int, *, earlier_items_this_month: int = 0) -> Decimal:
    """Fee for one application of `items` items, when the same applicant already had
    `earlier_items_this_month` items in the same calendar month (the count is cumulative)."""
    if items < 0 or earlier_items_this_month < 0:
        raise ValueError("counts must be ≥ 0")
    return item_fee_cumulative(earlier_items_this_month + items) - item_fee_cumulative(
        earlier_items_this_month
    )


PAGE_BANDS = ((30, 0), (100, 10), (200, 20), (None, 40))  # (upper bound inclusive, 元 per page)


def page_fee(pages: int) -> Decimal:
    if pages < 0:
        raise ValueError("pages must be ≥ 0")
    total, lower = 0, 0
    for upper, price in PAGE_BANDS:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            total += (top - lower) * price
        if upper is None or pages <= upper:
            break
        lower = upper
    return Decimal(total)


def fee(method: str, quantity: int, *, earlier_items_this_month: int = 0) -> Decimal:
    if method == "items":
        return item_fee(quantity, earlier_items_this_month=earlier_items_this_month)
    if method == "pages":
        return page_fee(quantity)
    return Decimal(0)
