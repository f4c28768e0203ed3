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
