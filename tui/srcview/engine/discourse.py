"""Stage 7, discourse: labels, and attributions that reach past their own sentence.

:func:`label` turns each sentence's own attribution into a :class:`Decision`.
The passes after it let a source cover other sentences, each a pure function
from decisions to decisions, applied in this order by :func:`propagate`:

1. :func:`continue_tails` — a clause split off its sentence ("…, adding that B")
   keeps its subject;
2. :func:`propagate_quotes` — every sentence of a quotation takes its speaker;
3. :func:`propagate_backrefs` — "Dat zeggen bronnen" also sources the sentence
   before;
4. :func:`fill_between` — a sentence between two of one source, in one
   paragraph, is that source's too;
5. :func:`continue_accounts` — a reportative sentence right after a
   sourced one continues that account.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..model import quick_init
from .clauses import TAG_CUE_REACH, TAG_WORDS, Attribution
from .context import Sentence
from .cues import Cue, Matches, QuoteShare, Span
from .resolve import Resolved, Sourced
from .segment import Quote


@quick_init
@dataclass(frozen=True, slots=True)
class Decision:
    """How one sentence ends up sourced: its label, its source and how it got it."""

    label: str = "unattributed"
    resolved: Resolved | None = None
    cue: Cue | None = None
    phrase: Span | None = None
    via: str = "none"  # cue | quote | backref | continuation | none
    outlet: bool = False


@dataclass(frozen=True)
class Facts:
    """What the passes read about each sentence (in document order) and the article's quotations."""

    text: str
    sents: list[Sentence]
    matches: list[Matches]
    found: list[Attribution]
    shares: list[QuoteShare]
    quotes: list[Quote]


def label(facts: Facts, sourced: list[Sourced]) -> list[Decision]:
    """Each sentence's label from its own attribution and hedges."""
    none = Decision()  # shared by the sentences without a cue or hedge (it is immutable)
    out = []
    for a, m, s in zip(facts.found, facts.matches, sourced, strict=True):
        resolved = s.resolved
        if resolved is not None:
            name = "unverified" if a.speech_hedged else ("anonymous" if resolved.anonymous else "named")
            out.append(Decision(name, resolved, a.cue, s.phrase, "cue", s.outlet))
        elif a.hedges or a.reportative or m.evidence:
            out.append(Decision("unverified", None, a.cue, a.phrase))
        elif a.cue is None and a.phrase is None:
            out.append(none)
        else:
            out.append(Decision("unattributed", None, a.cue, a.phrase))
    return out


def inherit(sent: Decision, speaker: Decision, via: str) -> Decision:
    """``sent`` attributed to the source of ``speaker``."""
    assert speaker.resolved is not None
    name = speaker.label if speaker.label != "unverified" else (
        "anonymous" if speaker.resolved.anonymous else "named")
    return Decision(name, speaker.resolved, speaker.cue, speaker.phrase, via, sent.outlet)


def continue_tails(facts: Facts, items: list[Decision]) -> list[Decision]:
    """A clause split off its sentence keeps the subject of the part before, with its own cue.

    "X said A, adding that B", "X praised Y and said B".  After a relative clause the
    subject is the one before it: in "X, who said A, denied B", B is X's.
    """
    out = list(items)
    for i, sent in enumerate(facts.sents):
        if i == 0 or not sent.tail or out[i].resolved is not None or not facts.matches[i].cues:
            continue
        cues = facts.matches[i].cues
        k = i - 1
        while k > 0 and facts.sents[k].tail and out[k].phrase is not None \
                and out[k].phrase[0] == facts.sents[k].tok_start and out[k - 1].resolved is not None:
            k -= 1  # the speaker before a relative clause
        if out[k].resolved is not None and facts.sents[k].para == sent.para:
            out[i] = replace(inherit(out[i], out[k], "cue"), cue=cues[0])
    return out


#: How many sentences back a quotation looks for the person an unsourced sentence opened with.
QUOTE_SUBJECT_REACH = 3


def quote_subject_wanted(shares: list[QuoteShare], reach: int = QUOTE_SUBJECT_REACH) -> set[int]:
    """The sentences whose opening subject a quotation after them may need (see :func:`propagate_quotes`)."""
    return {j for i, share in enumerate(shares) if share.quote_ids for j in range(max(0, i - reach), i)}


def propagate_quotes(facts: Facts, items: list[Decision], take_previous: bool = True,
                     window: int = 8, sourced: list[Sourced] | None = None,
                     tag_words: int = TAG_WORDS, subject_reach: int = QUOTE_SUBJECT_REACH) -> list[Decision]:
    """Every sentence of a quotation takes the quotation's speaker.

    The speaker is the one a sentence of the quotation names; else the one named
    right after it in a short tag ("“…?” Trump said.": at most ``tag_words`` tokens
    after the verb, so not "X wil dat …", which says something new); else the source of the sentence just
    before; else the last explicit speaker within ``window`` sentences before it
    (a quotation with no cue of its own continues the last one who spoke).
    """
    out = list(items)
    sents, shares = facts.sents, facts.shares
    by_quote: dict[int, list[int]] = {}
    for i, share in enumerate(shares):
        for k in share.quote_ids:
            by_quote.setdefault(k, []).append(i)
    for k, members in sorted(by_quote.items()):
        speaker = None
        for i in reversed(members):  # the last sentence of the quotation that names its own source
            if out[i].resolved is not None and out[i].via == "cue":
                speaker = out[i]
                break
        first, last = members[0], members[-1]
        if speaker is None and last + 1 < len(out):
            nxt, nxt_sent = out[last + 1], sents[last + 1]  # "“…?” Trump said."
            if nxt.resolved is not None and nxt.via == "cue" and nxt_sent.para == sents[last].para \
                    and nxt.cue is not None and nxt.cue[1] - nxt_sent.tok_start <= TAG_CUE_REACH \
                    and nxt.phrase is not None and nxt.phrase[0] <= nxt_sent.tok_start + 1 \
                    and nxt_sent.tok_end - nxt.cue[2] <= tag_words and not shares[last + 1].quote_ids:
                speaker = nxt
        if speaker is None and take_previous and first > 0:
            prev = out[first - 1]
            if sents[first].para - sents[first - 1].para <= 1 and shares[first].quoted >= 0.5:
                if prev.resolved is not None:
                    speaker = prev
                elif sourced is not None:
                    # "Bruggmann maakt gebruik van die mogelijkheid. “…”": the person just introduced,
                    # in one of the unsourced sentences of the paragraph before the quotation
                    j = first - 1
                    while j >= 0 and first - j <= subject_reach and out[j].resolved is None \
                            and sents[j].para == sents[first - 1].para:
                        if sourced[j].subject is not None:
                            speaker = Decision("named", sourced[j].subject, None, sourced[j].subject_phrase, "cue")
                            break
                        j -= 1
        if speaker is None and take_previous \
                and _quotation_opens_sentence(facts.text, sents[first].start, facts.quotes[k].start):
            for j in range(first - 1, max(-1, first - 1 - window), -1):
                if out[j].resolved is not None and (out[j].via == "quote" or out[j].via == "cue" and (
                        out[j].cue is None or out[j].cue[0] != "cue.attitude")):
                    speaker = out[j]  # the last one who spoke (a stated feeling is no turn to speak)
                    break
        current = None  # within one quotation, a sentence continues the last speaker named before it
        for i in members:
            if out[i].resolved is not None and out[i].via == "cue":
                current = out[i]
            elif out[i].resolved is None and shares[i].quoted >= 0.5 and (current or speaker) is not None:
                out[i] = inherit(out[i], current or speaker, "quote")
    return out


def _quotation_opens_sentence(text: str, sentence_start: int, quote_start: int) -> bool:
    """The sentence is the quotation ("En: ,,We staan …"), not a phrase quoted at its end ("… van 'x y z'.").

    At most three words, or a colon, before the quotation; read without copying the sentence.
    """
    if _FEW_WORDS.fullmatch(text, sentence_start, quote_start):
        return True
    k = quote_start
    while k > sentence_start and text[k - 1].isspace():
        k -= 1
    return k > sentence_start and text[k - 1] == ":"


_FEW_WORDS = re.compile(r"\s*(?:\S+(?:\s+|\Z)){0,3}")  # at most three words


def propagate_backrefs(facts: Facts, items: list[Decision], fragment: int = 8) -> list[Decision]:
    """"Dat zeggen bronnen": the sentence before takes the same source.

    So do the short fragments before that one ("Een doorgesnoven gek. Een drugsdealer. …
    Zo wordt hij door bekenden omschreven."): sentences of fewer than ``fragment`` words.
    """
    out = list(items)
    for i, a in enumerate(facts.found):
        j = i - 1
        while a.backref and j >= 0 and facts.sents[j].para == facts.sents[i].para and out[j].resolved is None:
            out[j] = inherit(out[j], out[i], "backref")
            j -= 1
            if j < 0 or len(facts.text[facts.sents[j].start:facts.sents[j].end].split()) >= fragment:
                break
    return out


def continue_accounts(facts: Facts, items: list[Decision], anonymous: bool = True,
                      named: bool = True) -> list[Decision]:
    """A reportative sentence ("zou", "reportedly") right after a sourced one continues that account.

    An anonymous account may run on over several such sentences; a named one for one
    sentence ("… stelt hij. Het zou 1000 miljard kosten."), since a run of "zou" after
    it is as often the reporter's own future in the past.
    """
    out = list(items)
    sents = facts.sents
    for i, a in enumerate(facts.found):
        if not a.continues or i == 0 or out[i].resolved is not None:
            continue
        prev = out[i - 1]
        goes_on = (anonymous and prev.label == "anonymous"
                   or named and prev.label == "named" and prev.via != "continuation")
        if goes_on and sents[i - 1].para == sents[i].para:
            out[i] = inherit(out[i], prev, "continuation")
    return out


def fill_between(facts: Facts, items: list[Decision]) -> list[Decision]:
    """An unsourced sentence between two of the same source, in one paragraph, is that source's too.

    "“… kapot.” Ze maakten ‘desastreus’ beleid. “Mensen die nog nooit …”": the account runs through.
    """
    out = list(items)
    for i in range(1, len(out) - 1):
        if out[i].resolved is not None:
            continue
        before, after = out[i - 1], out[i + 1]
        if before.resolved is not None and after.resolved is not None \
                and before.resolved.canonical == after.resolved.canonical and before.label == after.label \
                and facts.sents[i - 1].para == facts.sents[i].para == facts.sents[i + 1].para:
            out[i] = inherit(out[i], before, "continuation")
    return out


def propagate(facts: Facts, sourced: list[Sourced], settings: Mapping[str, Any]) -> list[Decision]:
    """Label every sentence, then let quotations, back-references and continued accounts spread sources."""
    items = label(facts, sourced)
    items = continue_tails(facts, items)
    items = propagate_quotes(facts, items, bool(settings["quote_takes_previous_speaker"]),
                             int(settings["quote_speaker_window"]), sourced)
    items = propagate_backrefs(facts, items)
    if settings["fill_between"]:
        items = fill_between(facts, items)
    items = continue_accounts(facts, items, bool(settings["continue_anonymous"]), bool(settings["continue_named"]))
    return items
