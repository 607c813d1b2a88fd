from django.core.management import call_command


def load_demo_with_accounts(settings):
    """The demo content with the demo accounts, which ``load_demo`` makes only in debug mode
    (pytest-django runs tests with debug off)."""
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
