"""Django: the ``iconkit.django`` app (``INSTALLED_APPS``), its ``{% icon %}`` tags,
staticfiles finder, system checks and ``manage.py iconkit`` command; see docs/django.md."""
