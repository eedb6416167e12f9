"""Nothing slow runs while a write transaction is open. On SQLite a write transaction holds the
one database-wide write lock (BEGIN IMMEDIATE): a password hash inside it made every other writer
queue behind it, and under load some waited past the busy timeout ("database is locked")."""

import datetime

import pytest
import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import connection

from gongkai.applications.models import Application

from .factories import ID_NUMBER

HASHED_INSIDE_TRANSACTION: list[bool] = []


class SpyHasher(MD5PasswordHasher):
    """Stands for the production password hasher (PBKDF2, ~0.3 s) and notes where it runs."""

    algorithm = "spy_md5"

    def encode(self, password, salt):
        HASHED_INSIDE_TRANSACTION.append(connection.in_atomic_block)
        return super().encode(password, salt)


@pytest.mark.django_db(transaction=True)
def test_online_application_hashes_nothing_inside_its_write_transaction(client, county, settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.SpyHasher"]
    HASHED_INSIDE_TRANSACTION.clear()
    with time_machine.travel(datetime.datetime(2025, 12, 10, 10, tzinfo=datetime.UTC), tick=False):
        done = client.post(
            "/requests/apply/",
            {
                "agency": county["town"].pk,
                "applicant_type": "natural_person",
                "applicant_name": "刘某",
                "id_number": ID_NUMBER,
                "contact": "13800000000",
                "content": "村务公开栏照片",
                "form_requested": "electronic",
                "privacy_acknowledged": "on",
            },
        )
    assert done.status_code == 303 and Application.objects.count() == 1
    assert True not in HASHED_INSIDE_TRANSACTION, "a password hash ran inside the write transaction"
    # The lookup secret is a random token kept as an HMAC: no password hash runs on this path at all.
    assert HASHED_INSIDE_TRANSACTION == []
