"""The console's pages of the confidentiality and privacy review (/console/review/)."""

from django.urls import path

from gongkai.review import gate_views
from gongkai.review.console_urls import urlpatterns as console_urlpatterns

app_name = "review"

urlpatterns = [
    path("findings/<int:pk>/dismiss/", gate_views.finding_dismiss, name="finding_dismiss"),
    path("attachments/<int:pk>/redact/", gate_views.attachment_redact, name="attachment_redact"),
    path("attachments/<int:pk>/remove/", gate_views.attachment_remove, name="attachment_remove"),
    path("records/<int:pk>/redact-body/", gate_views.body_redact, name="body_redact"),
    path("records/<int:pk>/withdraw/", gate_views.withdraw_now, name="withdraw_now"),
    path("records/<int:pk>/scan/", gate_views.scan_status, name="scan_status"),
    *console_urlpatterns,
]
