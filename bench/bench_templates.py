"""How fast ``icon()`` is in a real template, against baselines measured in the same run.

A page of 1,000 calls (a third informative, a third labelled, a third decorative,
over ten icons) is rendered with ``autoescape=True`` through:

  const      the same template calling a function that returns one constant Markup (a)
  literal    the markup iconkit produces, pasted into the template as text (b)
  icon       iconkit's global
  icon-fr    iconkit's global in an environment with Jinja's i18n extension and a French
             translation installed: titles go through gettext on every call
  macro      iconkit's macro, ``{% import "iconkit/macros.html" as ik %}``
  macro-const  a macro with the same parameters whose body is constant text: the cost
             of a Jinja macro call itself
  heroicons  ``heroicon_outline()`` of the PyPI package heroicons (c)
  lucide     ``lucide()`` of the PyPI package lucide (c)
  img-const  1,000 ``icon_img()``-shaped calls to the constant function
  icon_img   iconkit's ``icon_img()``

The two PyPI packages are installed by this script into a temporary folder
(``pip install --target``), never into the project. Run from the repository root:

    .venv/bin/python bench/bench_templates.py [--repeat 15] [--number 20]

Each variant is timed ``repeat`` times (``number`` renders each), interleaved so
that noise hits all alike, in CPU time of this thread (``time.thread_time``: the
machines are shared, and wall time counts other processes' turns); the table gives
the best and the median time per render and both as ratios to ``const``.
"""

from __future__ import annotations

import argparse
import gettext
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

import iconkit
from iconkit.builder import build
from iconkit.settings import Settings

CALLS = 1000
ICONS = [  # (iconkit, heroicons, lucide, label)
    ("comment", "chat-bubble-left", "message-square", "3 comments"),
    ("search", "magnifying-glass", "search", "Search the site"),
    ("home", "home", "house", "Home page"),
    ("email", "envelope", "mail", "Write to us"),
    ("menu", "bars-3", "menu", "Open the menu"),
    ("calendar", "calendar", "calendar", "Published on"),
    ("camera", "camera", "camera", "Photo"),
    ("clock", "clock", "clock", "Reading time"),
    ("folder", "folder", "folder", "Section"),
    ("tag", "tag", "tag", "Topic"),
]
THIRD_PARTY = ["heroicons==2.14.0", "lucide==1.1.4"]


def page(call: Callable[[int, str, str, str, str], str]) -> str:
    """1,000 lines, each ``call(kind, iconkit_name, heroicons_name, lucide_name, label)``."""
    lines = []
    for i in range(CALLS):
        ours, hero, luc, label = ICONS[i % len(ICONS)]
        lines.append("<li>" + call(i % 3, ours, hero, luc, label) + "</li>")
    return "<ul>\n" + "\n".join(lines) + "\n</ul>\n"


def iconkit_call(prefix: str) -> Callable[[int, str, str, str, str], str]:
    def call(kind: int, ours: str, hero: str, luc: str, label: str) -> str:
        if kind == 0:
            return f"{{{{ {prefix}icon('{ours}') }}}}"
        if kind == 1:
            return f"{{{{ {prefix}icon('{ours}', '{label}') }}}}"
        return f"{{{{ {prefix}icon('{ours}', decorative=True) }}}} {label}"

    return call


def third_party_call(function: str, which: int) -> Callable[[int, str, str, str, str], str]:
    def call(kind: int, ours: str, hero: str, luc: str, label: str) -> str:
        name = hero if which == 0 else luc
        if kind == 0:
            return f"{{{{ {function}('{name}', role='img', aria_label='{ours.title()}') }}}}"
        if kind == 1:
            return f"{{{{ {function}('{name}', role='img', aria_label='{label}') }}}}"
        return f"{{{{ {function}('{name}', aria_hidden='true') }}}} {label}"

    return call


def img_call(kind: int, ours: str, hero: str, luc: str, label: str) -> str:
    if kind == 0:
        return f"{{{{ icon_img('{ours}') }}}}"
    if kind == 1:
        return f"{{{{ icon_img('{ours}', '{label}') }}}}"
    return f"{{{{ icon_img('{ours}', decorative=True) }}}} {label}"


def install_third_party(target: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target)]
        + THIRD_PARTY,
        check=True,
    )
    sys.path.insert(0, str(target))


def const(*args: Any, **kwargs: Any) -> Markup:
    return CONST


CONST = Markup(
    '<svg class="icon icon-comment" role="img" aria-label="Comment" focusable="false">'
    '<use href="/static/icons/sprite.0123abcd.svg#comment"/></svg>'
)


class _French(gettext.NullTranslations):
    """A catalogue of the ten titles the page uses, as a .mo file would give them."""

    WORDS = {
        "Comment": "Commentaire", "Search": "Rechercher", "Home": "Accueil",
        "Email": "Courriel", "Menu": "Menu", "Calendar": "Calendrier", "Camera": "Appareil photo",
        "Clock": "Horloge", "Folder": "Dossier", "Tag": "Étiquette",
    }  # fmt: skip

    def gettext(self, message: str) -> str:
        return self.WORDS.get(message, message)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--number", type=int, default=20)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="iconkit-bench-") as folder:
        tmp = Path(folder)
        install_third_party(tmp / "site")
        from heroicons.jinja import heroicon_outline
        from lucide.jinja import lucide

        out = tmp / "iconkit-build"
        build(Settings(out=out, sizes=(24,), colours={"dark": "#1f2328"}))

        env = Environment(autoescape=True)
        iconkit.install(env, build_dir=out)
        french = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
        french.install_gettext_translations(_French(), newstyle=True)  # type: ignore[attr-defined]
        iconkit.install(french, build_dir=out)
        base = Environment(autoescape=True)
        base.globals.update(icon=const, icon_img=const)
        third = Environment(autoescape=True)
        third.globals.update(heroicon_outline=heroicon_outline, lucide=lucide)

        icon_source = page(iconkit_call(""))
        templates = {
            "const": base.from_string(icon_source),
            "literal": base.from_string(env.from_string(icon_source).render()),
            "icon": env.from_string(icon_source),
            "icon-fr": french.from_string(icon_source),
            "macro": env.from_string(
                '{% import "iconkit/macros.html" as ik %}' + page(iconkit_call("ik."))
            ),
            "macro-const": base.from_string(
                "{% macro icon(name, label=none, decorative=false, size=none, class_=none, "
                "desc=false) %}<svg></svg>{% endmacro %}" + page(iconkit_call(""))
            ),
            "heroicons": third.from_string(page(third_party_call("heroicon_outline", 0))),
            "lucide": third.from_string(page(third_party_call("lucide", 1))),
            "img-const": base.from_string(page(img_call)),
            "icon_img": env.from_string(page(img_call)),
        }
        times: dict[str, list[float]] = {name: [] for name in templates}
        for template in templates.values():
            template.render()  # warm every cache first
        for _ in range(args.repeat):
            for name, template in templates.items():
                started = time.thread_time()
                for _ in range(args.number):
                    template.render()
                times[name].append((time.thread_time() - started) / args.number)

    best = {name: min(values) for name, values in times.items()}
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"{CALLS} calls per render, autoescape=True, python {sys.version.split()[0]}")
    print(f"{'variant':<12} {'best ms':>8} {'median ms':>10} {'best/const':>11} {'med/const':>10}")
    for name in templates:
        print(
            f"{name:<12} {best[name] * 1e3:8.3f} {median[name] * 1e3:10.3f} "
            f"{best[name] / best['const']:11.2f} {median[name] / median['const']:10.2f}"
        )
    print(
        f"icon_img vs img-const: best {best['icon_img'] / best['img-const']:.2f}, "
        f"median {median['icon_img'] / median['img-const']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
