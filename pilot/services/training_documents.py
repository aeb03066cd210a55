"""The training documents customers download: the user guide and the quick-reference card, built by
WeasyPrint from the plan's training content (pilot.training_content) in Arabic or English.

Built on first request and kept in the cache (the content only changes with a deploy, whose content
hash is part of the key), so a download costs a cache read.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from weasyprint import HTML

from pilot import training_content

DOCUMENTS: dict[str, tuple[str, Promise]] = {
    "guide": ("pilot/training/guide.html", _("User guide")),
    "quick-reference": ("pilot/training/quick_reference.html", _("Quick-reference card")),
}
LANGUAGES = ("ar", "en")
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class TrainingDocument:
    kind: str
    language: str
    title: str
    filename: str


def training_document_list(*, language: str) -> list[TrainingDocument]:
    """Every document in every language, the reader's language first."""
    languages = sorted(LANGUAGES, key=lambda code: code != language)
    return [_document(kind, code) for code in languages for kind in DOCUMENTS]


def _document(kind: str, language: str) -> TrainingDocument:
    with translation.override(language):
        title = str(DOCUMENTS[kind][1])
    return TrainingDocument(kind=kind, language=language, title=title, filename=f"aquafarm-{kind}-{language}.pdf")


def _refuse_fetch(url: str, timeout: int = 10, ssl_context: object = None) -> dict[str, object]:
    """The documents load nothing: fonts are the system's and the content is ours."""
    raise ValueError(f"training documents load no resources ({url})")


# A new text (a deploy) is a new cache key, so a stale document is never served.
CONTENT_VERSION = hashlib.sha256(
    repr((training_content.CHAPTERS, training_content.FAQ, training_content.SUPPORT)).encode()
).hexdigest()[:16]


def _content_key(kind: str, language: str) -> str:
    return f"training-document:{kind}:{language}:{CONTENT_VERSION}"


def training_document_render(*, kind: str, language: str) -> bytes:
    """The document as PDF bytes (no cache). KeyError for an unknown kind, ValueError for a language."""
    if language not in LANGUAGES:
        raise ValueError(language)
    template, title = DOCUMENTS[kind]
    with translation.override(language):
        context = {
            "title": str(title),
            "language": language,
            "chapters": [_chapter(chapter, language) for chapter in training_content.CHAPTERS],
            "faq": training_content.faq_for(language),
            "support": training_content.SUPPORT.get(language),
        }
        html = render_to_string(template, context)
    pdf: bytes = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
    return pdf


def _chapter(chapter: training_content.Chapter, language: str) -> dict[str, object]:
    return {
        "title": chapter.title.get(language),
        "intro": chapter.intro.get(language),
        "steps": [step.get(language) for step in chapter.steps],
        "tip": chapter.tip.get(language),
    }


def training_document_pdf(*, kind: str, language: str) -> bytes:
    """The document from the cache, built on a miss."""
    key = _content_key(kind, language)
    pdf: bytes | None = cache.get(key)
    if pdf is None:
        pdf = training_document_render(kind=kind, language=language)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
