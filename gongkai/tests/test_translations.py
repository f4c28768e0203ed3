"""The zh-hans catalogue is complete, compiled, and matches the source strings.

English is the source language, so every msgid is its own English text; the zh-hans
catalogue must translate all of them. The compiled .mo is committed so that the
Chinese UI works on a fresh machine without gettext installed.
"""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import gongkai

PACKAGE = Path(gongkai.__file__).parent
PO = PACKAGE / "locale/zh_Hans/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|%d")


def entries() -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(PO)) if not e.obsolete]


def test_every_message_is_translated_and_none_is_fuzzy():
    untranslated = [e.msgid for e in entries() if not e.translated()]
    assert untranslated == []


def test_translations_keep_their_placeholders():
    for e in entries():
        targets = e.msgstr_plural.values() if e.msgid_plural else [e.msgstr]
        for target in targets:
            assert sorted(PLACEHOLDER.findall(target)) == sorted(PLACEHOLDER.findall(e.msgid)), (
                e.msgid
            )


def test_the_compiled_catalogue_matches_the_source_catalogue():
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for e in entries():
        if e.msgid_plural:
            assert compiled.ngettext(e.msgid, e.msgid_plural, 1) == e.msgstr_plural[0], e.msgid
        elif e.msgctxt:
            assert compiled.pgettext(e.msgctxt, e.msgid) == e.msgstr, e.msgid
        else:
            assert compiled.gettext(e.msgid) == e.msgstr, e.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext not installed")
def test_the_catalogue_holds_every_string_of_the_code(tmp_path):
    copy = tmp_path / "gongkai"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(copy / "locale/zh_Hans/LC_MESSAGES/django.po"))
    needed = {(e.msgctxt, e.msgid) for e in fresh if not e.obsolete}
    ours = {(e.msgctxt, e.msgid) for e in entries()}
    assert needed - ours == set(), "run `make messages` and translate the new strings"
