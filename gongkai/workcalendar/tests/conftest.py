import re
from typing import Any

import pytest
from django.conf import settings

# Everyone but the disclosure office and the system administrator: they may read the
# calendar, not keep it.
READERS = ["drafter_a", "drafter_b", "reviewer", "approver", "supervisor"]


@pytest.fixture
def english(client: Any) -> Any:
    """A client that chose the English interface, whose strings are the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


_CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def has_chinese(text: str) -> bool:
    """Whether `text` has a Chinese character or punctuation mark in it."""
    return _CHINESE.search(text) is not None
