import pytest
from django.test import override_settings


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_login_lockout_after_repeated_failures(client, personas):
    for _ in range(5):
        client.post("/admin/login/", {"username": "xinxiyuan", "password": "wrong"})
    response = client.post(
        "/admin/login/", {"username": "xinxiyuan", "password": "Gongkai-test-2025"}
    )
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
