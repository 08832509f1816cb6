"""The book's editions (Japanese, English): where each lives, and the links between them.

The Japanese edition is the site root (canonical, x-default), the English one ``en/``
(Read the Docs: a translation project each).  conf.py reads each edition's words from
``data/book.yaml`` (:func:`read_book_words`) and their addresses (:func:`edition_roots`);
every web page then gets

* a language switcher to the same page of each other edition (``edition_links``,
  ``_templates/sidebar/editions.html``; a script keeps the ``#section``);
* ``<link rel="alternate" hreflang>`` to every edition of the page plus ``x-default``,
  in a published build only, with absolute URLs as search engines require;
* ``og:locale`` and ``og:locale:alternate``.

The switcher's links are relative, except on the 404 page (served at any depth).  The
EPUB has none of this."""

from __future__ import annotations

import html
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from book.core import edition_words
from book.data.schema import SOURCE_LANGUAGE  # at the site root, the hreflang x-default
from book.data.yamlfile import LOADER  # libyaml's parser: the same nodes, faster

# Reader-facing words of the page frame: the edition's "page-frame:" in data/labels.yaml.
FRAME_WORDS = "page-frame"


def edition_dir(language: str) -> str:
    """Where an edition lives under the site root in the Makefile's layout."""
    return "" if language == SOURCE_LANGUAGE else f"{language}/"


# data/book.yaml (read by conf.py)
def read_book_words(path: Path, root: Path) -> dict[str, dict[str, str]]:
    """``{language: {key: text}}`` from ``path``; every edition has every key of the
    Japanese one, else a ConfigError names the file and the line."""
    rel = path.relative_to(root) if path.is_relative_to(root) else path
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=LOADER)
        data = yaml.load(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{rel}: {exc}") from exc
    if not isinstance(data, dict) or SOURCE_LANGUAGE not in data:
        raise ConfigError(f"{rel}:1: needs a block '{SOURCE_LANGUAGE}:' (the source edition)")
    # The top level: language -> mapping node
    lines = {key.value: (key.start_mark.line + 1, value) for key, value in node.value}
    problems = []
    for language, words in data.items():
        line, value = lines[language]
        if not isinstance(words, dict):
            problems.append(f"{rel}:{line}: '{language}:' must be a mapping of words")
            continue
        key_lines = {k.value: k.start_mark.line + 1 for k, _v in value.value}
        problems += [
            f"{rel}:{line}: '{language}:' has no '{key}' (the '{SOURCE_LANGUAGE}:' block has it)"
            for key in data[SOURCE_LANGUAGE]
            if key not in words
        ]
        problems += [
            f"{rel}:{key_lines[key]}: '{language}:' {key} is empty"
            for key, word in words.items()
            if not isinstance(word, str) or not word.strip()
        ]
    if problems:
        raise ConfigError("\n".join(problems))
    return data


def edition_list(requested: str, words: dict[str, dict[str, str]], language: str) -> list[str]:
    """The editions published together (BOOK_EDITIONS, the Makefile's LANGUAGES; all
    those of data/book.yaml when unset), the source first."""
    wanted = requested.split() or list(words)
    unknown = [lang for lang in wanted + [language] if lang not in words]
    if unknown:
        raise ConfigError(
            f"data/book.yaml has no edition {', '.join(unknown)} "
            f"(it has {', '.join(words)}): add its block, or build one of those"
        )
    if language not in wanted:
        wanted.append(language)
    return sorted(dict.fromkeys(wanted), key=lambda lang: (lang != SOURCE_LANGUAGE, lang))


def edition_roots(
    language: str, editions: list[str], base_url: str, readthedocs_url: str
) -> dict[str, str]:
    """The root address of every edition: an absolute URL for a published build,
    an absolute path for a local one (served at "/" by tests/site_server.py).

    * GitHub Pages (``BOOK_BASE_URL``: the site root): ``<root>`` and ``<root>en/``;
    * Read the Docs (``READTHEDOCS_CANONICAL_URL``: this edition's own root,
      ``…/ja/latest/``): the other editions are its sibling translation projects
      (``…/en/latest/``);
    * a local build: ``/`` and ``/en/``.
    """
    if base_url:
        root = base_url.rstrip("/") + "/"
        return {lang: root + edition_dir(lang) for lang in editions}
    if readthedocs_url:
        own = readthedocs_url.rstrip("/") + "/"
        parts = urlsplit(own)
        segments = parts.path.split("/")
        if language not in segments:
            return {language: own}  # not a translation project's address: no siblings
        at = segments.index(language)
        return {
            lang: parts._replace(
                path="/".join(segments[:at] + [lang] + segments[at + 1 :])
            ).geturl()
            for lang in editions
        }
    return {lang: "/" + edition_dir(lang) for lang in editions}


# The links on every web page
def _relative(target_root: str, own_root: str) -> str | None:
    """The path from one edition's root to another's, or None across hosts."""
    target, own = urlsplit(target_root), urlsplit(own_root)
    if (target.scheme, target.netloc) != (own.scheme, own.netloc):
        return None
    rel = posixpath.relpath(target.path, own.path)
    return "" if rel == "." else rel + "/"


def on_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    context["book_frame_words"] = edition_words.words(app.env, FRAME_WORDS)
    config = app.config
    roots: dict[str, str] = config.book_edition_roots
    language = config.language
    context["edition_links"], context["edition_alternates"] = [], []
    if app.builder.name != "html" or len(roots) < 2 or language not in roots:
        return
    words = config.book_edition_words
    # The 404 page stands for any missing address, served at any depth: it leads to
    # the other edition's top page, by its absolute path.
    is_404 = pagename == config.notfound_pagename
    target = f"{config.root_doc if is_404 else pagename}.html"
    up = "../" * pagename.count("/")  # from this page back to its edition's root
    others = [lang for lang in roots if lang != language]
    for lang in others:
        rel = _relative(roots[lang], roots[language])
        if is_404:
            href = urlsplit(roots[lang]).path + target
        else:
            href = (roots[lang] if rel is None else up + rel) + target
        context["edition_links"].append(
            {"language": lang, "name": words[lang]["name"], "href": href}
        )
    if config.html_baseurl and not is_404:
        alternates = {**roots, "x-default": roots[SOURCE_LANGUAGE]}
        context["edition_alternates"] = [
            {"hreflang": lang, "href": f"{root}{pagename}.html"}
            for lang, root in alternates.items()
        ]

    metatags = context.get("metatags")
    if metatags is not None:
        locale_tags = [f'<meta property="og:locale" content="{words[language]["locale"]}" />']
        locale_tags += [
            f'<meta property="og:locale:alternate" content="{html.escape(words[lang]["locale"])}" />'
            for lang in others
        ]
        context["metatags"] = metatags + "\n" + "\n".join(locale_tags) + "\n"


def setup(app: Sphinx) -> dict[str, Any]:
    # Set by conf.py (from data/book.yaml and the deployment's address).
    app.add_config_value("book_edition_roots", {}, "html", types=frozenset({dict}))
    app.add_config_value("book_edition_words", {}, "html", types=frozenset({dict}))
    edition_words.require(app, FRAME_WORDS)
    # After sphinxext-opengraph (default priority 500) has written its tags.
    app.connect("html-page-context", on_page_context, priority=820)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
