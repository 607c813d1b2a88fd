from io import StringIO

from django.core.management import call_command


def run_command(name, *args, **options):
    """Run a management command and return what it printed."""
    out = StringIO()
    call_command(name, *args, stdout=out, **options)
    return out.getvalue()
