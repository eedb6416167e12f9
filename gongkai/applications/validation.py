"""What an application must carry to start the legal clock (Art. 29), checked in plain Python so that
every door (online form, staff 登记, tests) applies the same rules through the services.

The check characters themselves live in `gongkai.core.sensitive` (one place for the rule).

- 身份证号码: GB 11643-1999, 17 digits + a check digit (ISO 7064 MOD 11-2, X for 10), a real
  date of birth.
- 统一社会信用代码: GB 32100-2015, 18 characters of the 31-character alphabet (no I, O, S, V, Z),
  the last a check character (MOD 31).
- 联系方式: a mobile number, a landline with its area code, or an e-mail address.
- 申请内容: enough words to name the information (Art. 29 (二)).
"""

from __future__ import annotations

import datetime
import re

from gongkai.core.sensitive import credit_code_check_char, id_birth_date, id_check_digit

ID_CARD_RE = re.compile(r"^[1-9]\d{16}[\dX]$")

CREDIT_CODE_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")

MOBILE_RE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^(?:\+?86)?0\d{2,3}\d{7,8}(?:(?:转|ext|#)\d{1,6})?$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")

CONTENT_MIN_CHARS = 5
CONTENT_EXAMPLE = "朱阳关镇2025年杜店村道路硬化工程的招标文件"


def normalise_id(value: str) -> str:
    return re.sub(r"\s", "", value or "").upper()


def id_card_problem(value: str) -> str:
    """'' when `value` is a valid 18-digit mainland ID number; otherwise what is wrong, in Chinese."""
    value = normalise_id(value)
    if not ID_CARD_RE.match(value):
        return "身份证号码应为18位（前17位是数字，最后一位是数字或X）"
    born = id_birth_date(value)
    if born is None or born.year < 1900 or born > datetime.date.today():
        return "身份证号码第7至14位的出生日期不存在，请核对"
    if id_check_digit(value[:17]) != value[17]:
        return "身份证号码的校验码（最后一位）不对，请逐位核对"
    return ""


def credit_code_problem(value: str) -> str:
    """'' when `value` is a valid 统一社会信用代码; otherwise what is wrong, in Chinese."""
    value = normalise_id(value)
    if not CREDIT_CODE_RE.match(value):
        return "统一社会信用代码应为18位（数字或大写字母，不含I、O、S、V、Z）"
    if credit_code_check_char(value[:17]) != value[17]:
        return "统一社会信用代码的校验码（最后一位）不对，请逐位核对"
    return ""


def normalise_contact(value: str) -> str:
    value = (value or "").strip()
    if "@" in value:
        return value
    return re.sub(r"[\s\-()（）]", "", value)


def contact_kind(value: str) -> str:
    """ "mobile", "landline", "email", or '' when `value` reaches nobody."""
    value = normalise_contact(value)
    if MOBILE_RE.match(value):
        return "mobile"
    if LANDLINE_RE.match(value):
        return "landline"
    if EMAIL_RE.match(value):
        return "email"
    return ""


_CONTACT_CANDIDATE = re.compile(
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|\+?[0-9][0-9\-()（）\s]{5,}[0-9](?:(?:转|ext|#)[0-9]{1,6})?"
)


def reaches_someone(text: str) -> bool:
    """True when `text` (e.g. "县自然资源局办公室，地址……，电话0398-7000000") holds at least one
    telephone number with its area code, mobile number or e-mail address."""
    if contact_kind(text):
        return True
    return any(contact_kind(m.group(0)) for m in _CONTACT_CANDIDATE.finditer(text or ""))


CONTACT_HINT = "请填写手机号码（11位）、带区号的固定电话（如0398-7000000）或电子邮箱"


def content_problem(value: str) -> str:
    """'' when the text can name information; otherwise what to write."""
    meaningful = re.sub(r"[\W_]", "", value or "")
    if len(meaningful) < CONTENT_MIN_CHARS:
        return (
            f"请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（至少{CONTENT_MIN_CHARS}个字），"
            f"如“{CONTENT_EXAMPLE}”"
        )
    return ""
