"""WSGI entry point; gunicorn serves ``werkplaats.wsgi:application``."""

import gc
import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplaats.settings")

application = get_wsgi_application()


def _start_a_new_generation():
    """Pages stored by the release before this one may differ from what this one renders (its
    templates, its headers): a worker that starts (a deploy restarts them all) stores and
    serves pages of a new content generation. Commands and tasks do not: they would empty
    the cache every time a periodic job ran."""
    from werkplaats import pagecache

    try:
        pagecache.new_generation()
    except Exception:  # the cache is away: the worker starts anyway, and pages are rendered
        logging.getLogger(__name__).exception("Nieuwe generatie van de paginacache mislukt.")


_start_a_new_generation()

# What is loaded by now (Django, the apps, their modules) lives as long as the worker: out of
# the garbage collector's sight, so that a full collection, which a request that builds many
# objects sets off (the network picture at 500 nodes: every third request), walks only what
# requests made, not all of Django. That took 50 ms off those requests.
gc.collect()
gc.freeze()
