from __future__ import annotations

from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import path

from .views import page, page_in

urlpatterns = [
    path("<slug:name>.html", page),
    path("<slug:language>/<slug:name>.html", page_in),
    *staticfiles_urlpatterns(),
]
