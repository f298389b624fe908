"""Removing page furniture, and recording every removal with its reason.

Web pages saved as text carry cookie banners, donation appeals, comment forms,
share buttons, category lists, copyright and reprint notices, and image captions
repeated by the scraper. They would otherwise become "claims" of the source.
The rules are about the language of pages, never about a topic, and they are
conservative: a line is furniture when it *is* such a notice (the whole line
matches, or a short line contains a self-referential phrase such as "we use
cookies"); one word in a sentence of the article never removes it. Long
paragraphs go only when they carry several appeal phrases at once.

`clean` is pure and idempotent: it repeats its pass until nothing more is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..caseless import Caseless
from ..model import Removal
from .lines import is_caption, section_kind, unbullet
from .text import normalize, word_count

_I = re.I


def _any(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


# ---------------------------------------------------------------- whole-line rules

_Q = r"[“\"«'‘„]"  # an opening quote: "3 thoughts on “Title”", "Continue reading “Title”"
_NAVIGATION = Caseless(
    _any(
        r"skip (?:to|navigation)(?: the)?(?: main)? ?(?:content|navigation|menu|search|links)?",
        r"jump to (?:navigation|content|search|main content)",
        r"(?:back|go|return) to top",
        r"(?:main |toggle |open |close )?(?:menu|navigation)",
        r"search(?: for| this site| the site)?:?",
        r"(?:read|continue reading|read the full) (?:more|article|story|post)[ .…»→>]*",
        rf"continue reading(?:[ .…»→>]*| {_Q}.{{1,150}})",
        r"read more\b[ .…»→>]*",
        r"(?:previous|next|older|newer) (?:post|article|story|entry|posts|entries|page)"
        r"(?:\s*[:»→←«<>|–—-].{0,200})?",
        r"view all posts by .{1,80}",
        r"related(?: posts| articles| stories| content)?:?",
        r"(?:you may|you might) also (?:like|be interested in):?",
        r"loading(?:\.{2,3}|…)?",
        r"advertisement|sponsored content|реклама",
        r"перейти к (?:основному )?(?:содержанию|контенту|навигации)",
        r"наверх|вернуться наверх|главное меню|меню|навигация|поиск(?: по сайту)?:?",
        r"читать (?:далее|дальше|полностью|еще|ещё)[ .…»→>]*",
        r"(?:предыдущая|следующая) (?:статья|запись|новость|страница)(?:\s*[:»→←«<>|–—-].{0,200})?",
        r"(?:похожие|related|рекомендуемые) (?:статьи|записи|новости|материалы):?",
        r"читайте (?:также|еще|ещё)(?::.{0,200})?",
        r"(?:also read|see more|more from \w+):.{0,200}",
    ))
_NAV_TOKEN = _any(
    "home", "about(?: us)?", "contact(?: us)?", "privacy(?: policy)?", "terms(?: of (?:use|service))?",
    "terms (?:&|and) conditions", "site ?map", "advertise(?: with us)?", "careers", "faq", "help",
    "log ?in", "log ?out", "sign in", "sign up", "register", "subscribe", "donate", "search",
    "menu", "rss", "newsletter", "archives?", "cookie (?:policy|settings)", "imprint", "impressum",
    "главная", "о нас", "о проекте", "контакты", "реклама", "вход", "регистрация", "поиск",
    "подписка", "архив", "политика конфиденциальности", "пользовательское соглашение",
)  # fmt: skip
_NAV_ROW = Caseless(rf"{_NAV_TOKEN}(?:\s*[|·•/,]\s*{_NAV_TOKEN}|\s+{_NAV_TOKEN})+")

_SHARE_WORD = Caseless(
    r"share|tweet|поделиться|click to (?:share|email|print)|твитнуть|like this")
_SHARE_TOKEN = _any(
    r"share(?: (?:this|it))?(?: (?:article|story|post|page|link))?(?: (?:on|via|to|with) [\w.+]{1,20})?",
    r"click to (?:share|email|print)\b[^|•]{0,60}?(?:\(opens in new window\))?",
    r"tweet(?: this)?", r"pin(?: it)?", r"e-?mail(?: this)?", r"print(?: this)?",
    "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "reddit", "pinterest",
    "tumblr", "pocket", "flipboard", "threads", "bluesky", "mastodon", "vk", "vkontakte",
    "ok", "viber", "вконтакте", "одноклассники", "телеграм", r"поделиться(?: в [\w-]+)?",
    "твитнуть", r"like this:?", "like", r"\(opens in new window\)", "copy link",
    "копировать ссылку", r"отправить(?: по почте)?", r"\d+ shares?",
)  # fmt: skip
_SHARE_ROW = Caseless(rf"{_SHARE_TOKEN}(?:[\s|,·•/:]+{_SHARE_TOKEN})*[\s:]*")

_COMMENT_LINE = Caseless(
    _any(
        r"leave a (?:reply|comment|response)(?: to .{1,80} cancel reply)?",
        r"cancel reply|post a comment|add (?:a )?comment|write a comment|submit comment|post comment",
        r"(?:no|\d+|one|two|three|four|five) (?:comments?|responses?|replies|thoughts?)"
        rf"(?: (?:on|to) {_Q}.{{0,300}})?:?",
        r"comments? \(\d+\)|comments?:?|reply|join the discussion|show comments",
        r"ответить|отменить ответ|(?:оставить|оставьте|добавить|написать) комментарий:?",
        r"комментари(?:и|ев|й)(?: \(\d+\))?:?|\d+ комментари\w*|нет комментариев",
    ))
_COMMENT_PHRASE = Caseless(
    _any(
        r"your (?:e-?mail|email address|e-mail address)(?: address)? will not be published",
        r"required fields are marked",
        r"this site uses akismet",
        r"learn how your comment data is processed",
        r"save my name,? e-?mail,? and website",
        r"notify me of (?:new|follow-up) (?:comments|posts)",
        r"you must be (?:logged in|registered) to (?:post a )?comment",
        r"comments are closed",
        r"log in to (?:reply|comment|leave a comment)",
        r"ваш (?:e-?mail|адрес (?:e-?mail|электронной почты)|email) не будет опубликован",
        r"обязательные поля помечены",
        r"комментарии (?:закрыты|отключены)",
        r"чтобы оставить комментарий",
    ))
# Cookie banners speak about themselves ("we use cookies"); a bare label must be the line.
_COOKIE_PHRASE = Caseless(
    _any(
        r"(?:we|this (?:web ?)?site|our (?:web ?)?site|the site) (?:use|uses|is using) cookies",
        r"by (?:continuing to (?:use|browse)|using) (?:this|our) (?:web ?)?site",
        r"accept (?:all )?cookies",
        r"мы используем (?:файлы )?cookie",
        r"(?:этот |наш )?сайт использует (?:файлы )?cookie",
    ))
_COOKIE_LINE = Caseless(
    r"(?:(?:privacy|cookie)s? (?:and|&) )?(?:cookies?|cookie (?:settings|preferences|consent)|"
    r"(?:privacy|cookie)s? (?:and|&) (?:cookie|privacy) polic(?:y|ies)|cookie polic(?:y|ies)|"
    r"политик\w+ (?:использования )?(?:файлов )?cookie|настройки cookie)\.?")
_PRIVACY_LINE = Caseless(
    _any(
        r"privacy(?: policy| notice| statement| settings)?\.?",
        r"terms(?: of (?:use|service))?(?: (?:and|&) privacy(?: policy)?)?\.?",
        r"политика конфиденциальности\.?",
        r"пользовательское соглашение\.?",
    ))
_CATEGORY_LINE = Caseless(
    r"(?:categories|category|filed under|posted in|tags|tagged(?: with| as)?|topics|labels|"
    r"рубрики|рубрика|теги|метки|категории|категория)\s*:\s*\S.{0,300}")
# "© 2021 ...", "Copyright © 2021", "Copyright 2021": a mark and then a year or a holder.
_COPYRIGHT_LINE = Caseless(
    r"(?:©|\(c\)|copyright\s*(?:©|\(c\))|копирайт\s*©?)\s*\S.{0,300}|copyright\s+(?:1[5-9]|2\d)\d\d\b.{0,300}")
_RIGHTS = Caseless(r"all rights reserved|все права (?:защищены|сохранены)")
_REPRINT_PHRASE = Caseless(
    _any(
        r"when (?:referencing|quoting|citing|using|reprinting|republishing) (?:our|these|this|the site'?s?)"
        r" (?:materials?|content|articles?|stories)",
        r"to (?:reprint|republish) (?:anything|this|our|any|these)",
        r"(?:prior )?written permission (?:must|is required|of the (?:publisher|editors?|site))",
        r"(?:reproduction|republication|copying) (?:in whole or in part |of (?:this|our) \w+ )?"
        r"(?:is )?(?:prohibited|forbidden|not permitted|allowed only)",
        r"при (?:цитировании|перепечатке|использовании|копировании) (?:материал\w*|стат\w+)",
        r"перепечатка .{0,60}(?:запрещена|разрешена|только|допускается)",
        r"гиперссылка .{0,60}обязательна",
        r"active (?:hyper)?link to",
    ))
# A notice speaks of the site itself; prose about other people's permissions does not.
_SELF = Caseless(
    r"\b(?:our|we|us|this (?:site|website|article|material|page|publication))\b|"
    r"ссылк|сайт|редакци|наш")
_SPONSOR_LINE = Caseless(
    r"(?:the |this |our )?(?:work|publication|production|project|site|website|page|programm?e?|"
    r"podcast|journalism|reporting|newsletter)\b.{0,150}?\b(?:is|are|has been)"
    r" (?:generously )?(?:supported|funded|sponsored|made possible)(?: in part)? by\b.{0,200}|"
    r"(?:проект|издание|сайт|материал|работа \w+)\b.{0,150}?"
    r"(?:при (?:финансовой )?поддержке|поддерживается|финансируется)\b.{0,200}")
_MARKUP_LINE = re.compile(r"(?:[\w:.-]+\s*=\s*\"[^\"]*\"\s*)+/?>?|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_MARKUP_PREFIX = re.compile(r"^(?:[\w:.-]+\s*=\s*\"[^\"]*\"\s*)+/?>\s*")

# ---------------------------------------------------------------- appeal signals
# A call to action is enough on a short line of its own; other phrases of appeals
# ("readers like you", "help us produce") count only together with others.


def _compile(*patterns: str) -> list[Caseless]:
    return [Caseless(p) for p in patterns]


_DONATION_CTA = _compile(
    r"become a (?:patron|member|supporter|sustaining member|donor|monthly donor)",
    r"support (?:us|our (?:work|journalism|reporting|mission|team|site|project|newsroom))\b",
    r"support independent (?:journalism|media|reporting)",
    r"(?:see )?other ways to support",
    r"make a (?:donation|contribution|one-time donation|monthly donation)",
    r"donate(?: now| today| here)?\b",
    r"поддержите (?:нас|наш\w*|проект|редакцию|издание|журналистику)",
    r"(?:сделать|сделайте) пожертвование",
    r"стать (?:патроном|спонсором|меценатом)",
)
_DONATION_STRONG = _compile(
    r"help us (?:produce|keep|continue|do|make|grow|fund|reach|bring|stay|cover|remain|create)",
    r"readers like you",
    r"(?:join|become part of) our community",
    r"(?:depends|rely|relies|depend) on (?:the )?(?:support|generosity|donations) of (?:our )?readers",
    r"reader[- ]supported|reader[- ]funded",
    r"you could close this page",
    r"if you (?:value|like|enjoy|appreciate|find value in) (?:our|this|what we)",
    r"поддержать (?:нас|проект|редакцию|издание|нашу работу)",
    r"помогите нам",
)
_DONATION_WEAK = _compile(
    r"\bdonat(?:e|ion|ions)\b", r"\bpatreon\b", r"cup of coffee|buy (?:us|me) a coffee",
    r"as little as", r"\bpatron\b", r"пожертвова\w+", r"донат\w*",
)  # fmt: skip
_PLATFORMS = (
    r"(?:twitter|x|facebook|instagram|telegram|youtube|tiktok|linkedin|mastodon|bluesky|"
    r"threads|social media|vk|вконтакте|телеграм\w*|соцсетях|социальных сетях)"
)
_SUBSCRIBE_CTA = _compile(
    r"subscribe to (?:our|the|my) (?:free )?(?:newsletter|channel|mailing list|updates|podcast|feed|blog)",
    r"sign up (?:for|to) (?:our|the|my) (?:free )?(?:newsletter|mailing list|updates)",
    rf"follow us on {_PLATFORMS}",
    rf"join (?:us on|our) (?:{_PLATFORMS}|mailing list|channel|newsletter)",
    r"подписывайтесь на (?:наш|нас|канал|рассылку)\w*",
    r"подпишитесь на (?:наш|нас|рассылку|канал)\w*",
    rf"следите за (?:нами|новостями) в {_PLATFORMS}",
    r"подписаться на (?:рассылку|новости|канал)",
)
_SUBSCRIBE_STRONG = _compile(
    r"(?:enter|type) your e-?mail(?: address)?",
    r"get (?:our|the) (?:free )?(?:newsletter|latest (?:news|stories|updates))",
    r"наш (?:телеграм|telegram)[- ]канал",
    r"in your inbox|на вашу почту",
)
_SUBSCRIBE_WEAK = _compile(r"\bnewsletter\b", r"\bsubscribe\b", r"рассылк\w+", r"\bподпи\w+")


_DONATION_ANY = Caseless.any_of(_DONATION_CTA + _DONATION_STRONG)
_SUBSCRIBE_ANY = Caseless.any_of(_SUBSCRIBE_CTA + _SUBSCRIBE_STRONG)


def _appeal(
    line: str,
    cta: list[Caseless],
    strong: list[Caseless],
    weak: list[Caseless],
    either: Caseless,
) -> bool:
    """A short line led by a call to action, or a paragraph full of appeal phrases."""
    if not either.search(line):  # one scan to rule out nearly every line
        return False
    calls = [m for rx in cta if (m := rx.search(line))]
    n_strong = sum(1 for rx in strong if rx.search(line))
    if not calls and not n_strong:
        return False
    words = word_count(line)
    if calls and words <= 15 and (
        min(m.start() for m in calls) <= 2 or line.rstrip().endswith("!") or words <= 6
    ):
        return True
    total = len(calls) + n_strong + sum(1 for rx in weak if rx.search(line))
    return total >= 2 and words <= 60 or total >= 3


# ---------------------------------------------------------------- classification


def furniture_reason(line: str) -> str | None:
    """Why a single line is page furniture, or None when it is not. A short line is
    remembered (`_short_line_reason`): sites repeat their navigation, share rows and
    notices on every page."""
    return _short_line_reason(line) if len(line) <= SHORT_LINE else _reason(line)


SHORT_LINE = 200  # characters; longer lines are mostly prose, which no page repeats
# (Remembering every line, 8,192 of them, held 4.5 MB after 260 sources of the 100x
# growth corpus: four in ten of its lines are longer, and they hold four fifths of its
# text.)


@lru_cache(maxsize=4096)
def _short_line_reason(line: str) -> str | None:
    return _reason(line)


def _reason(line: str) -> str | None:
    s = unbullet(line)
    if not s:
        return None
    words = word_count(s)
    if _MARKUP_LINE.fullmatch(s):
        return "markup residue"
    if _NAVIGATION.fullmatch(s) or _NAV_ROW.fullmatch(s):
        return "navigation"
    if _SHARE_ROW.fullmatch(s) and (_SHARE_WORD.search(s) or words >= 2):
        return "share buttons"
    if _COMMENT_LINE.fullmatch(s) or words <= 40 and _COMMENT_PHRASE.search(s):
        return "comment form"
    if words <= 40 and _COOKIE_PHRASE.search(s) or _COOKIE_LINE.fullmatch(s):
        return "cookie notice"
    if _PRIVACY_LINE.fullmatch(s):
        return "privacy notice"
    if words <= 30 and _CATEGORY_LINE.fullmatch(s):
        return "category list"
    if words <= 40 and _COPYRIGHT_LINE.fullmatch(s) or words <= 25 and _RIGHTS.search(s):
        return "copyright notice"
    if words <= 100 and _REPRINT_PHRASE.search(s) and _SELF.search(s):
        return "reprint notice"
    if words <= 30 and _SPONSOR_LINE.fullmatch(s) and (
        not s.endswith(".") or re.match(r"(?:this|our)\b", s, _I)
    ):
        return "sponsor notice"
    if _appeal(s, _DONATION_CTA, _DONATION_STRONG, _DONATION_WEAK, _DONATION_ANY):
        return "donation appeal"
    if words <= 40 and _appeal(s, _SUBSCRIBE_CTA, _SUBSCRIBE_STRONG, _SUBSCRIBE_WEAK, _SUBSCRIBE_ANY):
        return "subscription appeal"
    return None


# ---------------------------------------------------------------- the pass


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    removed: tuple[Removal, ...] = ()


def clean(text: str) -> Cleaned:
    """Normalise `text` and take out page furniture until none is left."""
    current = normalize(text)
    removed: list[Removal] = []
    asked: dict[str, str | None] = {}  # each pass asks about the lines left again
    while True:
        nxt, found = _one_pass(current, asked)
        if not found:
            return Cleaned(current, tuple(removed))
        removed.extend(found)
        current = nxt


def _one_pass(text: str, asked: dict[str, str | None]) -> tuple[str, list[Removal]]:
    lines = text.split("\n")
    found: list[tuple[int, Removal]] = []
    out: list[str | None] = list(lines)

    for i, line in enumerate(lines):
        if not line:
            continue
        prefix = _MARKUP_PREFIX.match(line)
        if prefix and line[prefix.end():].strip():
            found.append((i, Removal("markup residue", prefix.group().strip())))
            out[i] = line[prefix.end():]
            continue
        reason = asked[line] if line in asked else asked.setdefault(line, furniture_reason(line))
        if reason:
            found.append((i, Removal(reason, line)))
            out[i] = None

    previous: str | None = None
    for i, line in enumerate(out):
        if line is None or not line:
            continue
        key = _same_key(line)
        if key == previous and (is_caption(line) or word_count(line) >= 3):
            kind = "repeated caption" if is_caption(line) else "repeated line"
            found.append((i, Removal(kind, line)))
            out[i] = None
            continue
        previous = key

    for i in _tail_link_list(out):
        found.append((i, Removal("related links", out[i] or "")))
        out[i] = None

    found.sort(key=lambda item: item[0])
    kept = [line for line in out if line is not None]
    return normalize("\n".join(kept)), [r for _, r in found]


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                         "\u00bb": '"', "\u2013": "-", "\u2014": "-"})  # fmt: skip


def _same_key(line: str) -> str:
    """Two copies of a caption differ at most in quote marks, dashes, case and spacing."""
    return " ".join(line.translate(_QUOTES).casefold().split())


_LINKISH_END = tuple(".!;,:\"”»)'’…")


def _tail_link_list(lines: list[str | None]) -> list[int]:
    """Lines of a list of short headline-like links closing the page ("related articles").

    Only at the very end, only five or more items, only after real prose, and never
    more than a small share of the document: a list inside an article is kept.
    """
    items = [(i, s) for i, s in enumerate(lines) if s]
    run: list[int] = []
    for i, s in reversed(items):
        linkish = (
            1 <= word_count(s) <= 14
            and len(s) <= 120
            and not s.endswith(_LINKISH_END)
            and s[:1].isupper()
            and not s.startswith("[")
            and section_kind(s) is None
            and not is_caption(s)
        )
        if not linkish:
            break
        run.append(i)
    if len(run) < 5:
        return []
    before = [s for i, s in items if i < min(run)]
    total_words = sum(word_count(s) for _, s in items)
    run_words = sum(word_count(lines[i] or "") for i in run)
    if not any(word_count(s) >= 20 for s in before) or run_words > 0.4 * total_words:
        return []
    return sorted(run)
