"""WSGI entry point; gunicorn serves ``werkplaats.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplaats.settings")

application = get_wsgi_application()
