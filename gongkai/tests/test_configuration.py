"""An operator's first mistakes — bad settings, no database — get one line, not a traceback."""

import os
import subprocess
import sys

import pytest


def gongkai(*args: str, tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    base |= {"GONGKAI_VAR_DIR": str(tmp_path), "GONGKAI_DEBUG": "1"} | env
    return subprocess.run(
        [sys.executable, "-m", "gongkai", *args],
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"GONGKAI_DEBUG": "maybe"}, "GONGKAI_DEBUG"),
        ({"GONGKAI_DEBUG": "0"}, "GONGKAI_SECRET_KEY"),
        ({"GONGKAI_DEBUG": "0", "GONGKAI_SECRET_KEY": "k" * 50}, "GONGKAI_DATA_KEY"),
        ({"GONGKAI_DATA_KEY": "not-a-key"}, "GONGKAI_DATA_KEY"),
        ({"GONGKAI_TIME_ZONE": "Mars/Olympus"}, "GONGKAI_TIME_ZONE"),
        ({"GONGKAI_DATABASE_URL": "mysql://x@y/z"}, "GONGKAI_DATABASE_URL"),
        ({"GONGKAI_DATABASE_URL": "nonsense"}, "GONGKAI_DATABASE_URL"),
        ({"GONGKAI_SESSION_IDLE_MINUTES": "ten"}, "GONGKAI_SESSION_IDLE_MINUTES"),
        ({"GONGKAI_LOGIN_FAILURE_LIMIT": "0"}, "GONGKAI_LOGIN_FAILURE_LIMIT"),
    ],
)
def test_a_bad_setting_is_named_in_one_line(tmp_path, env, named):
    done = gongkai("check", tmp_path=tmp_path, **env)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert named in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_an_unreachable_database_is_one_line_and_changes_nothing(tmp_path):
    url = "postgres://nobody@127.0.0.1:9/none?connect_timeout=2"
    done = gongkai("demo", tmp_path=tmp_path, GONGKAI_DATABASE_URL=url)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "数据库" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_production_defaults_pass_the_deploy_check(tmp_path):
    done = gongkai(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        GONGKAI_DEBUG="0",
        GONGKAI_SECRET_KEY="k" * 20 + "-a-long-random-production-secret-value-1234567",
        GONGKAI_ALLOWED_HOSTS="gongkai.example.gov.cn",
        GONGKAI_DATA_KEY="7oyCVOyBJzjfuaE8w9qWuQ4yfmNHC0r7DPyK-xnFyuk=",
    )
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout
