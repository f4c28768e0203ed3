from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from gongkai.portal import views as portal

urlpatterns = [
    path("", portal.home, name="home"),
    path("healthz", portal.healthz, name="healthz"),
    path("", include("gongkai.portal.urls")),
    path("", include("gongkai.applications.public_urls")),
    # csrf_exempt: the public pages' switch carries no token (they are page snapshots,
    # alike for every visitor); all it can do is set a language cookie.
    path("i18n/setlang/", login_not_required(csrf_exempt(set_language)), name="set_language"),
    path("console/calendar/", include("gongkai.workcalendar.urls")),
    path("console/audit/", include("gongkai.audit.urls")),
    path("console/records/", include("gongkai.documents.urls")),
    path("console/review/", include("gongkai.review.urls")),
    path("console/applications/", include("gongkai.applications.console_urls")),
    path("console/reports/", include("gongkai.reports.urls")),
    path("console/work-report/", include("gongkai.workreport.urls")),
    path("console/statistics/", include("gongkai.dashboard.urls")),
    path("console/", include("gongkai.console.urls")),
    path("api/", include("gongkai.api.urls")),
]
