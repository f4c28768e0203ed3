from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """Form data for a POST, also an empty one (so it shows the required-field errors)."""
    return request.POST if request.method == "POST" else None
