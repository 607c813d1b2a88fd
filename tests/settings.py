"""Settings for the test suite: the development defaults of werkplaats.settings.

Production behaviour (secure cookies, HSTS, refusing unsafe settings) is tested by starting
the portal in a subprocess with a production environment; see tests/werkplaats/test_settings.py.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_DEBUG", "true")

from werkplaats.settings import *  # noqa: F403
from werkplaats.settings import STORAGES

# The hashed-name manifest exists only after collectstatic; pages under test use plain names.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The test run reaches no video site; the tests of the still fetch switch it on themselves.
FETCH_VIDEO_STILLS = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# The shared file cache of this test run only (rate-limit counts of another run stay there).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": tempfile.mkdtemp(prefix="werkplaats-test-cache-"),
    }
}

# Most tests change data and read pages in one transaction, which the page cache then steps
# aside for anyway; the page gates measure what a page costs when it is rendered. The tests of
# the cache itself (tests/werkplaats/test_pagecache.py) switch it on.
PAGE_CACHE = False

# Staff need a second factor for the admin; the tests of the admin's own features sign staff in
# with force_login, as a session would be after the code. tests/accounts/test_mfa.py tests the
# second factor with this on, and tests/werkplaats/test_settings.py that it is on in production.
STAFF_MFA_REQUIRED = False

# Uploads and demo files of the test run stay out of the project's media/ folder.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="werkplaats-test-media-"))
