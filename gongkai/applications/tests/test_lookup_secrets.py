"""Lookup secrets and ID numbers (issue 9, items 5 and 8)."""

import importlib
import re
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.test import override_settings

from gongkai.applications import lookup_secrets, services
from gongkai.applications.models import Application
from gongkai.applications.selectors import application_lookup
from gongkai.core.errors import NotFoundOrForbidden

from .factories import ID_NUMBER, register


def file_online(county, id_number=ID_NUMBER):
    return services.application_file_online(
        agency=county["town"],
        applicant_type="natural_person",
        applicant_name="刘某",
        id_number=id_number,
        contact="13800000000",
        content="村务公开栏照片",
        privacy_acknowledged=True,
    )


def lookup(code, secret):
    return application_lookup(query_code=code, secret=secret)


@pytest.mark.django_db
def test_new_secrets_are_random_tokens_stored_as_hmac(county):
    app, secret = file_online(county)
    _, other = file_online(county)
    # 15 characters of a 31-character alphabet without look-alikes: 15 × log2(31) ≈ 74 bits.
    assert secret != other and re.fullmatch(r"[2-9A-HJKMNP-Z]{15}", secret)
    assert app.secret_hash.startswith("hmac-sha256$") and secret not in app.secret_hash
    assert re.fullmatch(r"hmac-sha256\$[0-9a-f]{64}", app.secret_hash)
    with mock.patch("gongkai.applications.lookup_secrets.check_password") as pbkdf2:
        assert lookup(app.query_code.lower(), f" {secret} ") == app
        pbkdf2.assert_not_called()  # no password hash on the lookup path


@pytest.mark.django_db
def test_missing_code_and_wrong_secret_answer_the_same_after_the_same_work(county):
    app, secret = file_online(county)
    calls = {}
    for case, (code, given) in {
        "wrong secret": (app.query_code, secret[:-1] + ("A" if secret[-1] != "A" else "B")),
        "missing code": ("GKNOSUCHCODE", secret),
        "empty code": ("", secret),
    }.items():
        with mock.patch.object(
            lookup_secrets.hmac, "compare_digest", wraps=lookup_secrets.hmac.compare_digest
        ) as compare:
            with pytest.raises(NotFoundOrForbidden) as refused:
                lookup(code, given)
        calls[case] = compare.call_count
        assert str(refused.value) == "未找到该申请。"
    assert len(set(calls.values())) == 1 and calls["missing code"] >= 1


@pytest.mark.django_db
def test_the_same_page_for_a_missing_code_and_a_wrong_secret(client, county):
    app, secret = file_online(county)

    def page(code, given):
        html = client.post("/requests/lookup/", {"query_code": code, "secret": given})
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.content.decode())

    wrong = page(app.query_code, "x" * 12)
    missing = page("GKNOSUCHCODE", "x" * 12)
    assert "未找到该申请" in wrong
    assert wrong.replace(app.query_code, "CODE") == missing.replace("GKNOSUCHCODE", "CODE")


@pytest.mark.django_db
@override_settings(
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
)
def test_receipts_issued_before_the_change_still_work(county, personas):
    app = register(personas["clerk"], county["town"])
    Application.objects.filter(pk=app.pk).update(
        query_code="GKOLDRECEIPT", secret_hash=make_password("old-secret-1")
    )
    assert Application.objects.get(pk=app.pk).secret_hash.startswith("pbkdf2_sha256$")
    assert lookup("GKOLDRECEIPT", "old-secret-1").pk == app.pk
    with pytest.raises(NotFoundOrForbidden):
        lookup("GKOLDRECEIPT", "old-secret-2")


@pytest.mark.django_db
def test_the_key_comes_from_secret_key_and_survives_a_rotation(county):
    app, secret = file_online(county)
    with override_settings(SECRET_KEY="a-new-secret-key-after-rotation"):
        with pytest.raises(NotFoundOrForbidden):
            lookup(app.query_code, secret)
        with override_settings(SECRET_KEY_FALLBACKS=["test-only"]):
            assert lookup(app.query_code, secret) == app


# ---------------------------------------------------------------------------------------------
# ID numbers


@pytest.mark.parametrize(
    "number,masked",
    [
        ("41012219900101123X", "4****************X"),  # the form issue 9 asks for
        ("410122199001011184", "4****************4"),
        ("91411224MA9XXXXX1F", "9****************F"),  # a 统一社会信用代码
        ("", ""),
    ],
)
def test_the_mask_keeps_only_the_first_and_last_character(number, masked):
    assert services.mask_id_number(number) == masked


def test_the_digest_has_its_own_key():
    with override_settings(GONGKAI_ID_DIGEST_KEY="key-one-" * 4, SECRET_KEY="s1"):
        one = services.id_digest(ID_NUMBER)
        assert services.id_digest(ID_NUMBER.lower()) == one  # the same person again
        with override_settings(SECRET_KEY="s2"):
            assert services.id_digest(ID_NUMBER) == one  # SECRET_KEY plays no part
    with override_settings(GONGKAI_ID_DIGEST_KEY="key-two-" * 4, SECRET_KEY="s1"):
        assert services.id_digest(ID_NUMBER) != one


@pytest.mark.django_db
def test_online_filing_and_registration_store_the_new_mask(county, personas):
    online, _ = file_online(county)
    staff = register(personas["clerk"], county["town"])
    for app in (online, staff):
        assert app.id_number_masked == "4****************4"
        assert app.id_number_digest == services.id_digest(ID_NUMBER) != ""


@pytest.mark.django_db
def test_the_migration_remasks_stored_numbers(county, personas):
    app = register(personas["clerk"], county["town"])
    Application.objects.filter(pk=app.pk).update(id_number_masked="4101**********1234")
    migration = importlib.import_module(
        "gongkai.applications.migrations.0003_lookup_hmac_remask_ids"
    )
    migration.remask(apps, None)
    assert Application.objects.get(pk=app.pk).id_number_masked == "4****************4"
