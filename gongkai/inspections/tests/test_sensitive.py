from gongkai.inspections import sensitive

# GB 11643-1999's own worked example (check character X) and a valid number ending in a digit.
ID_X = "11010519491231002X"
ID_DIGIT = "440524188001010014"


def kinds(text):
    return [h.kind for h in sensitive.scan(text)]


def test_valid_id_numbers_are_found_and_masked():
    hits = sensitive.scan(f"申请人身份证号{ID_X}，联系人{ID_DIGIT}。")
    assert [h.kind for h in hits] == ["id_number", "id_number"]
    assert hits[0].masked == "110105********002X"
    assert ID_X not in sensitive.summary(hits)


def test_wrong_check_digit_or_impossible_birth_date_is_not_an_id_number():
    assert "id_number" not in kinds("110105194912310021")
    assert "id_number" not in kinds("110105194913310020")  # month 13


def test_mobile_numbers_with_and_without_separators():
    assert kinds("联系电话 13800138000") == ["mobile"]
    assert kinds("电话：+86 139-0013-8000。") == ["mobile"]
    assert kinds("座机 0398-5012345") == []
    assert kinds("编号 123800138000999") == []  # part of a longer number


def test_bank_cards_need_luhn():
    assert kinds("卡号 4111 1111 1111 1111") == ["bank_card"]
    assert kinds("卡号 4111111111111112") == []


def test_ordinary_government_text_has_no_hits():
    text = "卢政〔2025〕3号 2025年财政预算 12,345.67 万元，受益群众 3800 人，电话 0398-7012345。"
    assert sensitive.scan(text) == []
