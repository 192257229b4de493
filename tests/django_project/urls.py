from __future__ import annotations

from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import path

from .views import page

urlpatterns = [path("<slug:name>.html", page), *staticfiles_urlpatterns()]
