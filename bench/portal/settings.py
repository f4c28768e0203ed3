"""Gongkai's settings plus one trivial view, served by the same gunicorn in the same run:
the baseline the portal's pages are measured against."""

from gongkai.settings import *  # noqa: F403

ROOT_URLCONF = "bench.portal.urls"
