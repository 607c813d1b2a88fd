"""The yardstick of ``make bench``: a bare Django page in the portal's virtualenv that runs one
query and renders a 20-row template, served like the portal (gunicorn, sync workers, debug
off, the same database). ``gunicorn bench.bare:application``."""

import os

import dj_database_url
import django
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.template import Context, Engine
from django.urls import path

TEMPLATE = Engine().from_string(
    """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Kaal</title></head><body>
<h1>Twintig gemeenten</h1>
<table>{% for id, naam in rijen %}<tr><td>{{ id }}</td><td>{{ naam }}</td></tr>{% endfor %}</table>
</body></html>"""
)


def page(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, naam FROM werkplaats_gemeente ORDER BY naam LIMIT 20")
        rijen = cursor.fetchall()
    return HttpResponse(TEMPLATE.render(Context({"rijen": rijen})))


urlpatterns = [path("", page)]

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50),
    ROOT_URLCONF=__name__,
    DATABASES={"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=600)},
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
    USE_TZ=True,
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402 (after configure)

application = get_wsgi_application()
