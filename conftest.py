import os
from typing import Any

import hypothesis
import pytest

# CI replays the same examples every run, so a red build is reproducible; developers'
# runs stay random and keep exploring.
hypothesis.settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis.settings.load_profile("ci")


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.hasplugin("django"):
        return  # gongkai/core's tests run without Django (-p no:django)
    from django.conf import settings

    # Hashing thousands of test passwords with production strength would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests that need a live server empty the database between tests with flush.
    settings.GONGKAI_ALLOW_FLUSH = True
    # Each test process has its own cache, not the installation's files under var/.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def cast(db: None) -> Any:
    """The standard cast (gongkai.testing.Cast) in a fresh database."""
    from gongkai.testing import make_cast

    return make_cast()
