"""How fast ``{% icon %}`` is in a Django template, against baselines measured in the same run.

A page of 1,000 tags (a third informative, a third labelled, a third decorative, over
the ten icons of bench_templates.py) is rendered by the Django template language
(autoescape on) through:

  const      a ``simple_tag`` that returns one constant ``SafeString`` (a): the cost of a
             tag call itself, the line to hold is ``{% icon %}`` within 1.5x of it
  literal    the markup iconkit produces, pasted into the template as text (b)
  icon       iconkit's ``{% icon %}`` (``iconkit.django``)
  heroicons  ``{% heroicon_outline %}`` of the PyPI package heroicons (c)
  lucide     ``{% lucide %}`` of the PyPI package lucide (c)
  img-const  1,000 ``{% icon_img %}``-shaped calls of the constant tag
  icon_img   iconkit's ``{% icon_img %}``

The two PyPI packages (the versions bench_templates.py pins) are installed by this
script into a temporary folder (``pip install --target``), never into the project;
Django comes with iconkit's ``test`` extra. Run from the repository root:

    .venv/bin/python bench/bench_django.py [--repeat 15] [--number 20]

Each variant is timed ``repeat`` times (``number`` renders each), interleaved so that
noise hits all alike, in CPU time of this thread; the table gives the best and the
median time per render and both as ratios to ``const``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_templates import CALLS, install_third_party, page
from django import template
from django.utils.safestring import SafeString, mark_safe

from iconkit.builder import build
from iconkit.settings import Settings

register = template.Library()  # the constant tag, loaded as {% load bench_const %}
CONST = mark_safe(
    '<svg class="icon icon-comment" role="img" aria-label="Comment" focusable="false" '
    'width="1em" height="1em"><use href="/static/icons/sprite.0123abcd.svg#comment"/></svg>'
)


@register.simple_tag
def const(*args: Any, **kwargs: Any) -> SafeString:
    return CONST


def tag(name: str) -> Callable[[int, str, str, str, str], str]:
    def call(kind: int, ours: str, hero: str, luc: str, label: str) -> str:
        if kind == 0:
            return f'{{% {name} "{ours}" %}}'
        if kind == 1:
            return f'{{% {name} "{ours}" "{label}" %}}'
        return f'{{% {name} "{ours}" decorative=True %}} {label}'

    return call


def third_party(name: str, which: int) -> Callable[[int, str, str, str, str], str]:
    def call(kind: int, ours: str, hero: str, luc: str, label: str) -> str:
        icon = hero if which == 0 else luc
        if kind == 0:
            return f'{{% {name} "{icon}" role="img" aria_label="{ours.title()}" %}}'
        if kind == 1:
            return f'{{% {name} "{icon}" role="img" aria_label="{label}" %}}'
        return f'{{% {name} "{icon}" aria_hidden="true" %}} {label}'

    return call


def configure(project: Path) -> None:
    import django
    from django.conf import settings

    settings.configure(
        BASE_DIR=project,
        INSTALLED_APPS=["django.contrib.staticfiles", "iconkit.django", "heroicons", "lucide"],
        STATIC_URL="/static/",
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {"libraries": {"bench_const": __name__}},
            }
        ],
    )
    django.setup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--number", type=int, default=20)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="iconkit-bench-") as folder:
        tmp = Path(folder)
        install_third_party(tmp / "site")
        build(Settings(out=tmp / "iconkit-build", sizes=(24,), colours={"dark": "#1f2328"}))
        configure(tmp)
        from django.template import engines

        engine = engines["django"]
        icons = "{% load iconkit %}" + page(tag("icon"))
        sources = {
            "const": "{% load bench_const %}" + page(tag("const")),
            "literal": engine.from_string(icons).render(),
            "icon": icons,
            "heroicons": "{% load heroicons %}" + page(third_party("heroicon_outline", 0)),
            "lucide": "{% load lucide %}" + page(third_party("lucide", 1)),
            "img-const": "{% load bench_const %}" + page(tag("const")),
            "icon_img": "{% load iconkit %}" + page(tag("icon_img")),
        }
        templates = {name: engine.from_string(source) for name, source in sources.items()}
        times: dict[str, list[float]] = {name: [] for name in templates}
        for compiled in templates.values():
            compiled.render()  # warm every cache first
        for _ in range(args.repeat):
            for name, compiled in templates.items():
                started = time.thread_time()
                for _ in range(args.number):
                    compiled.render()
                times[name].append((time.thread_time() - started) / args.number)

    import django

    best = {name: min(values) for name, values in times.items()}
    median = {name: statistics.median(values) for name, values in times.items()}
    print(
        f"{CALLS} tags per render, Django {django.get_version()}, python {sys.version.split()[0]}"
    )
    print(f"{'variant':<12} {'best ms':>8} {'median ms':>10} {'best/const':>11} {'med/const':>10}")
    for name in templates:
        print(
            f"{name:<12} {best[name] * 1e3:8.3f} {median[name] * 1e3:10.3f} "
            f"{best[name] / best['const']:11.2f} {median[name] / median['const']:10.2f}"
        )
    ratio = median["icon"] / median["const"]
    print(f"{{% icon %}} vs const: median {ratio:.2f} (the line to hold: 1.5)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
