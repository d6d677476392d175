"""Finding the source phrase next to a cue, without a parser.

A blank spaCy pipeline has tokens but no parts of speech, so the phrase finder
works on the closed word classes from the rules (determiners, pronouns,
boundary words) and on capitalisation.  Every function takes the
:class:`~srcview.engine.context.TokenContext` and token indices and returns
token indices; :class:`Clauses` answers, per article, where a token's clause
begins and what opens it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Collection, Sequence
from itertools import repeat

import numpy

from .context import DASHES, KEEP_PUNCT, SENTENCE_ENDS, TokenContext, flag_array
from .lexicon import Lexicon

MAX_PHRASE = 14
MAX_AFFILIATION = 5  # tokens of a bracketed affiliation kept with a name: "(D-Wis.)", "(Verkeer)", "(62)"
MAX_APPOSITION = 25  # tokens of "…, the ranking member of …, said"
SUBJECT_REACH = 40  # tokens before a cue within which the subject of its clause is looked for
_ASIDE_DASHES = frozenset(("-", *DASHES))  # around an aside: "Some economists - including … - warn"


def head_word(lower: str, lex: Lexicon) -> str | None:
    """The source class a lower-case word belongs to, if any (memoised per lexicon)."""
    cache = lex.head_cache
    if lower in cache:
        return cache[lower]
    found = cache[lower] = _head_word(lower, lex)
    return found


def _head_word(lower: str, lex: Lexicon) -> str | None:
    if lower in lex.anonymous:
        return "anonymous"
    if lower in lex.vague:
        return "vague"
    if lex.anonymous_suffixes and lower.endswith(lex.anonymous_suffixes) and len(lower) > 6 \
            and not any(lower.endswith(w) for w in lex.time_enders):  # "kortgeleden" is no kind of "leden"
        return "anonymous"
    if lower in lex.roles or lower.endswith(lex.role_suffixes):
        return "role"
    if lower in lex.people:
        return "people"
    if lower in lex.outlets:
        return "outlet"
    if lower in lex.governments or lower.endswith(lex.government_suffixes):
        return "government"
    if lower in lex.organisations or lower.endswith(lex.organisation_suffixes):
        return "organisation"
    if lower in lex.documents or lower.endswith(lex.document_suffixes):
        return "document"
    return None


def is_inner(ctx: TokenContext, i: int, end: int) -> bool:
    """Does the preposition at ``i`` stay inside the phrase ("bronnen uit het Witte Huis")?

    Words of ``inner`` do when a determiner, a name or a source noun follows;
    words of ``inner_before_names`` only before a name or right after an
    ``inner`` word ("briefed on the talks"); words of ``role_links`` right
    after a role ("a spokesman for the ministry").
    """
    t, lex = ctx.t, ctx.lex
    lower = t.lower[i]
    nxt = i + 1
    if nxt >= end:
        return False
    if lower in lex.role_links and i > 0 and head_word(t.lower[i - 1], lex) in ("role", "anonymous"):
        return True  # "a spokesman for the ministry", "an adviser to the campaign"
    if lower in lex.inner or lower in lex.agent:
        return t.lower[nxt] in lex.determiners or t.cap[nxt] or head_word(t.lower[nxt], lex) is not None
    if lower in lex.inner_before_names:
        if i > 0 and head_word(t.lower[i - 1], lex) == "anonymous" and t.lower[nxt] in lex.determiners:
            return True  # "officials at the Pentagon", "bronnen in de regering": whose they are
        return t.cap[nxt] or (i > 0 and t.lower[i - 1] in lex.inner)
    return False


def is_proper(ctx: TokenContext, i: int, sent_start: int) -> bool:
    """A capitalised word that is a name: mid-sentence, or known as one from elsewhere in the text."""
    t, lex = ctx.t, ctx.lex
    if not t.cap[i]:
        return False
    if i > sent_start and t.text[i - 1] not in lex.quotes.opening_punct and (
            not t.brk[i - 1] or any(not t.brk[k] for k in range(sent_start, i))):
        return True
    if _hyphen_joined(ctx, i - 2, i) or _hyphen_joined(ctx, i, i + 2):
        return True  # "Lopez-Cantera said", "Wealth-X says": capitalised words joined by a hyphen are a name
    word = t.text[i]
    marks = lex.quotes.marks
    if 0 < i < len(t.text) - 1 and t.text[i - 1] in marks and t.text[i + 1] in marks:
        return True  # a name given as such: "Verhuurder 'Jesper'"
    return word in ctx.proper or (i + 1 < len(t.text) and t.cap[i + 1]) or any(c.isupper() for c in word[1:])


def _hyphen_joined(ctx: TokenContext, a: int, b: int) -> bool:
    """Are the capitalised words at ``a`` and ``b`` one word joined by the hyphen between them?"""
    t = ctx.t
    return (a >= 0 and b < len(t.text) and t.text[a + 1] == "-" and t.cap[a] and t.cap[b]
            and ctx.ends[a] == ctx.starts[a + 1] and ctx.ends[a + 1] == ctx.starts[b])


def plausible(ctx: TokenContext, start: int, end: int, sent_start: int,
              strong: bool = False) -> bool:
    """Does the phrase name someone: a pronoun, a name, or a source noun?

    With a ``strong`` cue ("said", "zegt") a plain noun phrase that opens
    with a determiner will do too ("the announcer said").
    """
    t, lex = ctx.t, ctx.lex
    if end - start > MAX_PHRASE or end <= start:
        return False
    if end - start == 1 and t.lower[start] in lex.pronouns:
        return True
    for i in range(start, end):
        lower = t.lower[i]
        kind = head_word(lower, lex)
        if kind == "people" and (t.lower[start] not in lex.determiners
                                 or any(t.lower[j] in lex.any_preposition for j in range(start, i))):
            continue  # "als vrijwilliger": a noun for a person is a source only as the head of its own phrase
        if kind is not None:
            return True
        if (t.cap[i] and lower not in lex.determiners
                and (lower not in lex.boundaries or _acronym(t.text[i])) and is_proper(ctx, i, sent_start)):
            return True
    first = t.lower[start]
    if strong and end - start <= 4 and all(t.cap[i] for i in range(start, end)):
        return True  # "Poetin zei": a capitalised subject of a verb of saying
    if end - start <= 4 and t.num[start] and strong:
        return True  # "73 said": a number of those polled
    if any(t.num[i] for i in range(start, min(end, start + 3))) and any(
            t.lower[i] in lex.shares for i in range(start, end)):
        return True  # "Only 24 percent said", "Thirty-one percent of those surveyed say": a share of those polled
    return strong and first in lex.determiners and end - start <= 6 and not t.num[end - 1]


def skip_back(ctx: TokenContext, sent_start: int, cue: int) -> int:
    """The last token before ``cue`` that is not a word that may stand between subject and verb ("has also")."""
    j = cue - 1
    while j >= sent_start and _skippable(ctx, j):
        j -= 1
    return j


def _skippable(ctx: TokenContext, i: int) -> bool:
    """A word that may stand between subject and verb; a capitalised one only if listed ("Kelly said" is a name)."""
    t, lex = ctx.t, ctx.lex
    return lex.skippable(t.lower[i], t.spc[i]) and not (t.cap[i] and t.lower[i] not in lex.skip)


def left_phrase(ctx: TokenContext, sent_start: int, cue: int,
                strong: bool = False, person: bool = False) -> tuple[int, int] | None:
    """The subject phrase that ends right before the cue ("Post zegt", "officials said").

    With ``person`` (the phrase is known to stand for people) any noun phrase will do.
    """
    t, lex = ctx.t, ctx.lex
    j = skip_back(ctx, sent_start, cue)
    if j < sent_start:
        return None
    k = _time_phrase_start(ctx, sent_start, j)
    if k is not None:
        # "Feinstein (D-Calif.) last week said", "Mayor Wolfe on Tuesday said": the subject comes before the time
        return left_phrase(ctx, sent_start, k, strong, person)
    if t.text[j] in _ASIDE_DASHES and t.brk[j]:
        # "Some economists - including a minority of the Fed's own committee - warn": the aside
        # between two dashes belongs to the subject before it
        k = j - 1
        while k > sent_start and t.text[k] != t.text[j] and j - k <= MAX_APPOSITION:
            k -= 1
        if t.text[k] == t.text[j] and k > sent_start and j - k > 1:
            found = left_phrase(ctx, sent_start, k, strong)
            return None if found is None else (found[0], j)
        return None
    if (t.text[j] == "," and j - 2 > sent_start and t.text[j - 2] == "," and t.islow[j - 1]
            and lex.skippable(t.lower[j - 1])):
        j -= 3  # "Democrats, meanwhile, blasted …": an adverb between commas
        j = skip_back(ctx, sent_start, j + 1)
        if j < sent_start or t.brk[j]:
            return None
    if t.text[j] == ")":  # "Rep. Gwen Moore (D-Wis.) said"
        k = j - 1
        while k > sent_start and t.text[k] != "(" and j - k <= MAX_PHRASE:
            k -= 1
        if t.text[k] == "(" and k > sent_start:
            found = left_phrase(ctx, sent_start, k, strong)
            if found is None or j - k > MAX_AFFILIATION:
                return found  # "Jesper (wiens echte naam bekend is bij de redactie) zegt": a remark, left out
            return found[0], j + 1
    if t.brk[j]:
        if t.text[j] != ",":
            return None
        return _before_apposition(ctx, sent_start, j) or _before_relative(ctx, sent_start, j, strong)
    if t.lower[j] in lex.relatives and j > sent_start:
        # "officials who said", "partijleden die waarschuwen": the relative pronoun stands for the phrase
        # before it (resolve.py finds that one), when there is one
        before = j - 1 if t.text[j - 1] == "," and j - 1 > sent_start else j  # "… for Mr. Sanders, who said"
        found = left_phrase(ctx, sent_start, before, strong, strong and t.lower[j] in lex.person_relatives)
        if found is None or before < j and _aside(ctx, j):
            return None  # "Assange, who denies it, has avoided …": an aside inside the subject says no more
        return j, j + 1
    if t.lower[j] in lex.boundaries and t.lower[j] not in lex.pronouns and t.islow[j]:
        return None  # "… were answered by": no subject right before the verb
    end = j + 1
    i = j
    while i > sent_start:
        lower = t.lower[i - 1]
        if t.brk[i - 1] and lower not in lex.shares:  # but "85% of Democrats said"
            break
        if lower in lex.coordinators and i - 1 > sent_start:
            i -= 1  # "De regering in Kiev en westerse landen", "Carper and Cardin"
            continue
        stops = (lower in lex.boundaries and lower not in lex.determiners) or lower in lex.inner_before_names
        if stops and not _acronym(t.text[i - 1]) and not is_inner(ctx, i - 1, end):
            break
        i -= 1
        if end - i > MAX_PHRASE:
            return None
    while i < end and (t.lower[i] in lex.boundaries and t.lower[i] not in lex.determiners
                       and t.lower[i] not in lex.pronouns):
        i += 1
    if i < end and t.lower[i] in lex.any_preposition:
        # No subject opens with a preposition.  "Johnnie Wilson, of Springfield, said" names the
        # one before the comma; "With Democratic leaders worried" opens the sentence with its
        # subject; "32% of Republican claims" and "because of Pagliano's claims" have none.
        if i > sent_start and t.text[i - 1] == ",":
            # "…, of Springfield," (where someone is from) belongs to the name before it
            return left_phrase(ctx, sent_start, i - 1, strong) if t.lower[i] in lex.inner else None
        if i > sent_start:
            return None
        i += 1
    if i >= end or not (person or plausible(ctx, i, end, sent_start, strong)):
        return None
    if t.lower[end - 1] in lex.pronouns and end - i > 1:
        i = end - 1  # "…, he said": the pronoun alone
    return i, end


def _time_phrase_start(ctx: TokenContext, sent_start: int, j: int) -> int | None:
    """Where a time phrase that ends at ``j`` begins ("last week", "two weeks ago", "on Tuesday"), if one does."""
    t, lex = ctx.t, ctx.lex
    if t.lower[j] in lex.time_enders and j > sent_start and t.lower[j - 1] in lex.time_nouns:
        j -= 1  # "two weeks ago"
    if t.lower[j] not in lex.time_nouns:
        return None
    k = j
    while k > sent_start and (t.lower[k - 1] in lex.time_nouns or t.lower[k - 1] in lex.time_words
                              or t.num[k - 1]):
        k -= 1
    return k if k > sent_start else None


def _aside(ctx: TokenContext, rel: int, reach: int = SUBJECT_REACH) -> bool:
    """Is the relative clause opened at ``rel`` closed by a comma before the sentence goes on ("X, who …, has")?"""
    t, lex = ctx.t, ctx.lex
    for k in range(rel + 1, min(len(t.text) - 1, rel + reach)):
        if t.text[k] in SENTENCE_ENDS:
            return False
        if t.text[k] == ",":
            after = t.lower[k + 1]
            return t.islow[k + 1] and after.isalpha() and after not in lex.clause_links \
                and after not in lex.coordinators and after not in lex.subordinators and after not in lex.relatives
    return False


def _acronym(text: str) -> bool:
    """"OM", "IS", "US": capitals that name something, whatever the same word means in lower case."""
    return len(text) > 1 and text.isupper() and text.isalpha()


def _before_apposition(ctx: TokenContext, sent_start: int, comma: int) -> tuple[int, int] | None:
    """"Leahy, the ranking member …, said": the phrase before the apposition."""
    t = ctx.t
    k = comma - 1
    while k > sent_start and t.text[k] != ",":
        if t.brk[k] and t.text[k] != ",":
            return None
        k -= 1
    if k <= sent_start or comma - k < 2 or comma - k > MAX_APPOSITION:
        return None
    found = left_phrase(ctx, sent_start, k)
    if found is None and k - 1 > sent_start and t.num[k - 1] and t.text[k - 2] == ",":
        found = left_phrase(ctx, sent_start, k - 2)  # "Maria Lopez, 45, a teacher from Dayton, said"
    if found is None and comma - k - 1 <= 6 and plausible(ctx, k + 1, comma, sent_start):
        return k + 1, comma  # "A lawyer for the outlets, David Schulz, said": the apposition names them
    return found


def _before_relative(ctx: TokenContext, sent_start: int, comma: int, strong: bool) -> tuple[int, int] | None:
    """"Een ondernemer die met T. heeft gewerkt, zegt": the subject the relative clause before the comma describes."""
    t, lex = ctx.t, ctx.lex
    for r in range(sent_start + 1, min(comma, sent_start + MAX_PHRASE)):
        if t.brk[r]:
            return None
        if t.lower[r] in lex.relatives and t.lower[r - 1] not in lex.any_preposition:
            found = left_phrase(ctx, sent_start, r, strong)
            if found is not None and skip_back(ctx, sent_start, found[0]) < sent_start:
                return found  # the relative clause follows the sentence's first phrase
            return None
    return None


def right_phrase(ctx: TokenContext, start: int, sent_end: int,
                 sent_start: int, strong: bool = False) -> tuple[int, int] | None:
    """The subject phrase right after the cue ("zegt Post", "said the minister")."""
    t, lex = ctx.t, ctx.lex
    k = start
    while k < sent_end and _skippable(ctx, k):
        k += 1
    if k >= sent_end or t.brk[k]:
        return None
    first = t.lower[k]
    if first in lex.pronouns:
        return (k, k + 1) if plausible(ctx, k, k + 1, sent_start, strong) else None
    if first in lex.boundaries and first not in lex.determiners and not _acronym(t.text[k]):
        return None
    i = k
    head_seen = False
    while i < sent_end:
        lower = t.lower[i]
        if t.brk[i] or i > k and _phrase_ends(ctx, k, i, sent_end, head_seen):
            break
        head_seen = t.cap[i] or head_word(lower, lex) is not None
        i += 1
        if i - k >= MAX_PHRASE:
            break
    while i > k and (t.text[i - 1] in KEEP_PUNCT or t.lower[i - 1] in lex.inner
                     or t.lower[i - 1] in lex.inner_before_names):
        i -= 1
    if i <= k or not plausible(ctx, k, i, sent_start, strong):
        return None
    return k, i


def _phrase_ends(ctx: TokenContext, k: int, i: int, sent_end: int, head_seen: bool) -> bool:
    """Does the phrase that :func:`right_phrase` reads from ``k`` end before token ``i`` (after ``k``)?"""
    t, lex = ctx.t, ctx.lex
    lower = t.lower[i]
    if ((lower in lex.boundaries and lower not in lex.determiners)
            or lower in lex.inner_before_names) and not _acronym(t.text[i]) \
            and not is_inner(ctx, i, sent_end) \
            and not (lower in lex.coordinators and t.text[i - 1].endswith("-") and len(t.text[i - 1]) > 1):
        return True  # but "docent staats- en bestuursrecht": a compound cut short goes on after its "en"
    if lower in lex.relatives and t.lower[i - 1] not in lex.determiners:
        return True  # "de begroting die het college presenteerde": the relative clause is no part of it
    if head_seen and lower in lex.prepositions and not is_inner(ctx, i, sent_end):
        return True  # "bevestigen ingewijden tegenover RTL Nieuws": to whom, not who (but "de aan X verbonden")
    if lower in lex.pronouns and lower not in lex.determiners:
        return True
    if not head_seen:
        return False  # every test below ends a phrase after its head
    if not t.cap[i] and i + 1 < sent_end and lower not in lex.determiners \
            and lower not in lex.name_particles and lower not in lex.coordinators \
            and not (lower in lex.any_preposition and is_inner(ctx, i, sent_end)) \
            and (t.lower[i + 1] in lex.determiners or t.lower[i + 1] in lex.pronouns):
        return True  # "volgens ingewijden lag de minister …": the verb after a complete phrase
    if t.cap[i - 1] and lower in lex.determiners and t.islow[i] \
            and not (lower in lex.name_particles and i + 1 < sent_end and t.cap[i + 1]):
        return True  # "in de ogen van minister Hoekstra een stap te ver": a new phrase after a name
    if t.islow[i] and t.cap[i - 1] and t.lower[i - 1] not in lex.determiners \
            and lower not in lex.name_particles \
            and lower not in lex.determiners and lower not in lex.coordinators \
            and not is_inner(ctx, i, sent_end) and head_word(lower, lex) is None \
            and not (i + 1 < sent_end and t.cap[i + 1]):
        return True  # "schreef Margriet Oostveen kortgeleden", "zei Otten ineens": a name ends at an adverb
    # "one operative inside the council tried to …": a verb before its infinitive ends the phrase
    return t.islow[i] and i + 1 < sent_end and t.lower[i + 1] in lex.infinitive_markers \
        and head_word(lower, lex) is None and lower not in lex.inner


def token_classes(ctx: TokenContext, *classes: Collection[str]) -> list[numpy.ndarray]:
    """A bool per token for each class of lower-case words ("is it a subordinator?").

    Asked once per distinct word for all classes together, then spread over the tokens
    (``Tokens.lower_in`` for many classes at the cost of one).
    """
    t = ctx.t
    codes: dict[str, int] = {}
    for bit, words in enumerate(classes):
        for word in words:
            codes[word] = codes.get(word, 0) | 1 << bit
    kind = numpy.uint32 if len(classes) <= 32 else numpy.uint64
    per_word = numpy.fromiter(map(codes.get, t.words, repeat(0)), dtype=kind, count=len(t.words))
    per_token = per_word[t.word]
    return [(per_token & kind(1 << bit)).astype(bool) for bit in range(len(classes))]


class Marks:
    """The sorted positions of one class of token (or character) in an article: the nearest before or from one.

    A bisection instead of a walk over the tokens, so that a question about a clause of any length costs the same.
    """

    __slots__ = ("at",)

    def __init__(self, at: Sequence[int]) -> None:
        self.at = at

    @classmethod
    def where(cls, mask: numpy.ndarray) -> Marks:
        """The tokens for which ``mask`` (a bool per token) is true (4 bytes each)."""
        return cls(_int_array(numpy.flatnonzero(mask), len(mask)))

    def last_before(self, i: int) -> int:
        """The last position before ``i``, or -1."""
        k = bisect_left(self.at, i)
        return self.at[k - 1] if k else -1

    def first_from(self, i: int, default: int) -> int:
        """The first position at or after ``i``, or ``default``."""
        at = self.at
        k = bisect_left(at, i)
        return at[k] if k < len(at) else default

    def any_in(self, a: int, b: int) -> bool:
        """Is there one in ``a``..``b`` (``b`` exclusive)?"""
        at = self.at
        k = bisect_left(at, a)
        return k < len(at) and at[k] < b


def _int_array(values: numpy.ndarray, bound: int) -> array:
    """Token positions below ``bound`` as an ``array`` of ints: 4 bytes a value (8 past 2**31)."""
    out = array("i" if bound < 2**31 and array("i").itemsize == 4 else "q")
    out.frombytes(values.astype(out.typecode).tobytes())
    return out


def _last_before(mask: numpy.ndarray) -> array:
    """For each token, the last token before it for which ``mask`` holds (-1 if none), as an ``array`` of ints."""
    n = len(mask)
    at = numpy.arange(n, dtype=numpy.int32 if n < 2**31 else numpy.int64)
    at[~mask] = -1
    last = numpy.full(n, -1, dtype=at.dtype)
    if n > 1:
        numpy.maximum.accumulate(at[:-1], out=last[1:])
    return _int_array(last, n)


class Clauses:
    """Where each clause of one article begins and the conjunction or relative pronoun that opens it.

    Made once per article (by the clause finder) from the token table: for each token the
    last break and the last possible subordinator before it, so that asking for a cue's
    clause start or subordinator is a look-up, however long the clause.
    """

    __slots__ = ("ctx", "verb_second", "_break", "_opener", "_subordinators")

    def __init__(self, ctx: TokenContext, classes: Sequence[numpy.ndarray] | None = None,
                 breaks: numpy.ndarray | None = None) -> None:
        """``classes``: which tokens are subordinators, relatives, determiners and prepositions, and
        ``breaks``: which end a phrase (``t.brk``), when the caller has them already (see :func:`token_classes`)."""
        self.ctx = ctx
        t, lex = ctx.t, ctx.lex
        self.verb_second = lex.verb_second
        self._subordinators = lex.subordinators
        subordinator, relative, determiner, preposition = classes or token_classes(
            ctx, lex.subordinators, lex.relatives, lex.determiners, lex.any_preposition)
        # a relative pronoun opens a clause unless it points ("die brief") or follows a preposition
        # ("in die brief"); at a sentence's first token it opens none either (see :meth:`subordinator`)
        relative = relative & ~determiner
        relative[1:] &= ~preposition[:-1]
        self._break = _last_before(flag_array(t.brk) if breaks is None else breaks)
        self._opener = _last_before(subordinator | relative)

    def start(self, sent_start: int, cue: int) -> int:
        """First token of the clause the cue stands in (after the last break before it)."""
        return max(sent_start, self._break[cue] + 1)

    def subordinator(self, sent_start: int, cue: int) -> int | None:
        """Index of the conjunction or relative pronoun opening the cue's clause, if any.

        Not "In die brief schrijft …": there "die" points, it opens no clause.
        """
        k = self._opener[cue]
        if k < sent_start or k <= self._break[cue]:
            return None  # none in the clause
        if k == sent_start and self.ctx.t.lower[k] not in self._subordinators:
            return None  # a relative pronoun that opens the sentence points: "Die brief …"
        return k

    def in_subordinate(self, sent_start: int, cue: int) -> bool:
        """Is the cue inside a subordinate clause ("… if Trump agrees …", "dat hij zegt")?

        Not when the conjunction stands right before the verb ("Dat zeggen bronnen").
        """
        k = self.subordinator(sent_start, cue)
        return k is not None and k + 1 < cue

    def subject_follows(self, sent_start: int, cue: int) -> bool:
        """Does the subject come after the verb (inversion after a quote, comma or fronted adverbial)?"""
        ctx = self.ctx
        t, lex = ctx.t, ctx.lex
        j = skip_back(ctx, sent_start, cue)
        if j < sent_start:
            return True
        if t.brk[j]:
            return True
        if not self.verb_second:
            return False
        start = self.start(sent_start, cue)
        while start < j and (t.lower[start] in lex.clause_links or t.lower[start] in lex.coordinators):
            start += 1  # "Maar tijdens het debat herhaalde Baudet": a linking word stands outside the clause
        if t.lower[start] in lex.fronted or t.lower[j] in lex.time_enders:
            return True
        if t.lower[start] in lex.any_preposition and start < j:
            return True  # "Ondanks alle kritiek zegt De Vries": a fronted phrase puts the subject after the verb
        return bool(t.num[start] and head_word(t.lower[min(start + 1, j)], lex) is None)
