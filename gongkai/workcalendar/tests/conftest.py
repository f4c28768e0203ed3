from typing import Any

import pytest

# Everyone but the disclosure office and the system administrator: they may read the
# calendar, not keep it.
READERS = ["drafter_a", "drafter_b", "reviewer", "approver", "supervisor"]


@pytest.fixture
def english(client: Any) -> Any:
    """A client that asks for the English interface, whose strings are the msgids."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
