"""What is stored of a failed query never holds personal data."""

import pytest

from gongkai.search.privacy import scrub


@pytest.mark.parametrize(
    ("typed", "secret"),
    [
        ("我的身份证 41012219900101123X 低保", "41012219900101123"),
        ("身份证 410122199001011234", "410122199001011234"),
        ("旧身份证 410122900101123", "410122900101123"),
        ("电话 13800138000 何时办结", "13800138000"),
        ("电话 138-0013-8000", "0013"),
        ("座机 0398-7654321", "7654321"),
        ("邮箱 zhang.san@example.com.cn 回复", "example"),
        ("银行卡 6222 0212 3456 7890 123 补贴没到账", "6222"),
    ],
)
def test_scrub_removes_personal_data(typed, secret):
    kept = scrub(typed)
    assert secret not in kept
    assert kept  # the rest of the query is kept


def test_scrub_keeps_years_and_doc_numbers():
    assert scrub("卢政〔2025〕3号 2024年 低保") == "卢政〔2025〕3号 2024年 低保"
