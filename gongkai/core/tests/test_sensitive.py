"""The one personal-data module: check characters, Luhn, the scanner, the masks. Every expected
check character and Luhn sum is worked out by hand in the comments, from the standards."""

import pytest

from gongkai.core import sensitive

pytestmark = pytest.mark.pure

# GB 11643-1999's own example. Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 over 11010519491231002:
# 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2;
# position 2 of "1 0 X 9 8 7 6 5 4 3 2" is X.
VALID_ID = "11010519491231002X"
# 44052418800101001: 4·7+4·9+0·10+5·5+2·8+4·4+1·2+8·1+8·6+0·3+0·7+1·9+0·10+1·5+0·8+0·4+1·2
# = 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8 → "4".
ID_DIGIT = "440524188001010014"
# 41012219900101118: 28+9+0+5+16+8+2+9+54+0+0+9+0+5+8+4+16 = 173; 173 mod 11 = 8 → "4".
ID_SECOND = "410122199001011184"
# GB 32100-2015's example 91350100M000100Y43. Values (0–9, A=10 … Y=30, no I O S V Z):
# 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4; weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
# 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31-28 = 3 → "3".
CREDIT_EXAMPLE = "91350100M000100Y43"
# 4111 1111 1111 1111: doubled digits 4→8 and seven 1→2 (22) + eight undoubled 1s (8) = 30 ≡ 0.
VALID_CARD = "4111111111111111"


def kinds(text):
    return [h.kind for h in sensitive.scan(text)]


# -- check characters ------------------------------------------------------------------------------
def test_check_characters_worked_by_hand():
    assert sensitive.id_check_digit(VALID_ID[:17]) == "X"
    assert sensitive.id_check_digit(ID_DIGIT[:17]) == "4"
    assert sensitive.id_check_digit(ID_SECOND[:17]) == "4"
    assert sensitive.credit_code_check_char(CREDIT_EXAMPLE[:17]) == "3"


def test_id_number_valid():
    assert sensitive.id_number_valid(VALID_ID)
    assert sensitive.id_number_valid(VALID_ID.lower())  # x typed in lower case
    assert not sensitive.id_number_valid("110105194912310021")  # wrong check digit
    assert not sensitive.id_number_valid("110105194913310020")  # month 13
    assert not sensitive.id_number_valid("12345")


def test_luhn():
    assert sensitive.luhn_valid(VALID_CARD)
    # 4111111111111112: the same sum + 1 = 31, not a multiple of 10.
    assert not sensitive.luhn_valid("4111111111111112")
    assert not sensitive.luhn_valid("0000")  # too short to be a card


# -- the scanner -----------------------------------------------------------------------------------
def test_valid_id_numbers_are_found_and_masked():
    hits = sensitive.scan(f"申请人身份证号{VALID_ID}，联系人{ID_DIGIT}。")
    assert [h.kind for h in hits] == ["id_number", "id_number"]
    assert hits[0].masked == "110105********002X"
    assert VALID_ID not in sensitive.summary(hits)


def test_wrong_check_digit_or_impossible_birth_date_is_not_an_id_number():
    assert kinds("身份证号110105194912310021。") == []
    assert "id_number" not in kinds("110105194913310020")  # month 13


def test_mobile_numbers_with_and_without_separators():
    assert kinds("联系电话 13800138000") == ["mobile"]
    assert kinds("电话：+86 139-0013-8000。") == ["mobile"]
    assert kinds("座机 0398-5012345") == []
    assert kinds("编号 123800138000999") == []  # part of a longer number


def test_mobile_and_card_together():
    hits = sensitive.scan(f"联系电话 138 1234 5678，卡号{VALID_CARD}")
    assert [h.kind for h in hits] == ["mobile", "bank_card"]
    assert hits[0].masked == "138****5678"
    assert hits[1].masked == "4111********1111"


def test_bank_cards_need_luhn():
    assert kinds("卡号 4111 1111 1111 1111") == ["bank_card"]
    assert kinds("卡号4111111111111112") == []


def test_masked_text_is_clear():
    assert sensitive.scan("身份证号110105********002X，电话138****5678") == []


def test_ordinary_government_text_has_no_hits():
    text = "卢政〔2025〕3号 2025年财政预算 12,345.67 万元，受益群众 3800 人，电话 0398-7012345。"
    assert sensitive.scan(text) == []


def test_summary_hides_the_middle():
    text = sensitive.summary(sensitive.scan(f"{VALID_ID}；13800138000"))
    assert text == "身份证号码 1 处（110105********002X）；手机号码 1 处（138****8000）"
    assert "19491231" not in text


# -- masking a question for the public -------------------------------------------------------------
def test_redact_own_details_emails_and_long_numbers():
    text = "我是王秀英，电话0398-7012345，邮箱wang@example.com，证号110105194912310021。"
    out = sensitive.redact(text, own=("王秀英", ""))
    assert out == "我是＊＊＊，电话＊＊＊，邮箱＊＊＊，证号＊＊＊。"
    assert sensitive.redact("朱阳关镇2025年道路硬化", own=("镇",)) == "朱阳关镇2025年道路硬化"
