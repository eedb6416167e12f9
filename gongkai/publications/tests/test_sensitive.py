"""The pure scanner: check digits and Luhn computed by hand in the comments."""

import pytest

from gongkai.publications import sensitive

pytestmark = pytest.mark.pure

# GB 11643 worked example: Σ(digit×weight) of 11010519491231002 = 167; 167 mod 11 = 2 → "X".
VALID_ID = "11010519491231002X"
# 4111 1111 1111 1111: doubled digits 4→8 and seven 1→2 (22) + eight undoubled 1s (8) = 30 ≡ 0.
VALID_CARD = "4111111111111111"


def test_valid_id_found_wrong_check_digit_not():
    assert [h.kind for h in sensitive.scan(f"身份证号{VALID_ID}。")] == ["id"]
    assert [h.kind for h in sensitive.scan("身份证号110105194912310021。")] == []


def test_mobile_and_card():
    hits = sensitive.scan(f"联系电话 138 1234 5678，卡号{VALID_CARD}")
    assert [h.kind for h in hits] == ["mobile", "bank_card"]
    assert "5678" in hits[0].masked and "1234" not in hits[0].masked
    # 4111111111111112: the same sum + 1 = 31, not a multiple of 10.
    assert sensitive.scan("卡号4111111111111112") == []


def test_masked_text_is_clear():
    assert sensitive.scan("身份证号110105********002X，电话138****5678") == []


def test_summary_hides_the_middle():
    text = sensitive.summary(sensitive.scan(VALID_ID))
    assert text.startswith("身份证号码 1 处") and "19491231" not in text
