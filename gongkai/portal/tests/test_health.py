import json
import os
import subprocess
import sys

from django.urls import reverse


def test_healthz_answers_ok_when_the_database_is_reachable(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "GONGKAI_DATABASE_URL": "postgres://nobody@127.0.0.1:9/none?connect_timeout=2",
        "GONGKAI_DEBUG": "1",
        "GONGKAI_ALLOWED_HOSTS": "testserver",
        "GONGKAI_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"status": 503, "body": {"status": "error", "database": "unreachable"}}


def test_the_portal_home_is_public(client, cast):
    response = client.get("/")
    assert response.status_code == 200
    assert "测试市民政局" in response.content.decode()
