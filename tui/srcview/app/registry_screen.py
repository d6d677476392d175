"""Add the selected claim's source to the user's registry, or set its credibility (key ``+``).

The dialog offers the source's web domain (an outlet's, where the registry
knows it) and fills the credibility from the published rating of that domain
(Lin et al. 2023, :mod:`srcview.ratings`) when it is rated, saying so; the user
can still type a value of their own.  Kept as it was filled, the entry is saved
with its ``domain`` and no ``credibility``, so its basis stays the published
rating; a value of the user's own is saved as ``credibility``, and its basis
becomes their rules file.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..credibility import USER_BASIS
from ..errors import SrcviewError
from ..model import REGISTRY_KINDS, Source
from ..ratings import Rating, Ratings, normalise_domain
from ..report import clean
from .logic import credibility_words

if TYPE_CHECKING:
    from .rules_session import RulesSession

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def entry_id(name: str) -> str:
    """A registry id for ``name``: lower case ASCII words joined by hyphens."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "source"


def registry_entry(source: Source, credibility: float | None, domain: str | None = None) -> dict:
    """The ``[[registry]]`` entry for ``source``: its registry id when it matched one, else a new one.

    ``credibility`` None leaves the credibility to ``domain``'s published rating.
    A source the registry only knew by a rated domain ("nytimes.com said") gets
    an id of its own.
    """
    known = source.match is not None and _ID.fullmatch(source.match.entry) is not None
    ident = source.match.entry if known and source.match is not None else entry_id(source.canonical)
    kind = source.kind if source.kind in REGISTRY_KINDS else "organisation"
    name = source.match.name if source.match is not None else source.canonical
    entry: dict = {"id": ident, "name": name, "kind": kind}
    if domain:
        entry["domain"] = domain
    if credibility is not None:
        entry["credibility"] = credibility
    if source.text != name and not known:
        entry["aliases"] = [source.text]
    return entry


def _number(value: float) -> str:
    return f"{value:g}"


class RegistryScreen(ModalScreen["Pending | None"]):
    """Ask for a domain and a credibility, write the source's entry to the user's rules file; dismiss with the rules.

    A save that fails (a broken file, a folder in the way) is said on one line
    and the dialog stays, with what the user typed.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    RegistryScreen { align: center middle; }
    RegistryScreen > Vertical {
        width: 76; max-width: 100%; height: auto; border: round $accent; padding: 0 1; background: $surface;
    }
    RegistryScreen .registry-label { color: $text-primary; margin-top: 1; }
    RegistryScreen #registry-now { color: $text-muted; }
    RegistryScreen #registry-basis { color: $text-secondary; &.-error { color: $text-error; } }
    RegistryScreen #registry-message { color: $text-muted; &.-error { color: $text-error; } }
    """

    def __init__(self, source: Source, session: RulesSession, ratings: Ratings | None = None) -> None:
        super().__init__()
        self.source = source
        self.session = session
        if ratings is None:
            from ..ratings import shipped

            try:
                ratings = shipped()
            except SrcviewError:  # the shipped ratings cannot be read: no domain is rated then
                ratings = None
        self.ratings = ratings
        domain = source.domain or ""
        rating = self._rating(domain)
        rated = rating is not None and source.credibility is not None and _same(source.credibility, rating)
        own = (source.credibility_basis or "").startswith(USER_BASIS.split("{")[0])
        #: The credibility box follows the domain's rating unless the value is the user's own (from their
        #: rules, or typed here); without a rated domain it shows the value the source has now.
        self._follow = not own
        self._fallback = "" if source.credibility is None or rated else _number(source.credibility)
        if source.credibility is not None:
            credibility = _number(source.credibility)
        else:
            credibility = _number(round(rating.value, 3)) if rating is not None else ""
        self._initial = (domain, credibility)
        self._filled: str | None = credibility if self._follow else None  # the value put in the box, not typed

    def compose(self) -> ComposeResult:
        src = self.source
        known = f"registry entry {src.match.entry}" if src.match else "not in the registry yet"
        now = credibility_words(src.credibility, src.credibility_basis, src.kind)
        domain, credibility = self._initial
        with Vertical() as box:
            box.border_title = "Source to registry"
            yield Static(Content(clean(f"{src.canonical} · {src.kind} · {known}")), markup=False)
            yield Static(Content(clean(f"Credibility now: {now}")), id="registry-now", markup=False)
            yield Static("Web domain of an outlet (its published rating is used)", classes="registry-label",
                         markup=False)
            yield Input(value=domain, placeholder="e.g. wsj.com (empty: none)", id="registry-domain")
            yield Static(Content(clean(f"Credibility from 0 to 1, saved to {self.session.target}")),
                         classes="registry-label", markup=False)
            yield Input(value=credibility, placeholder="e.g. 0.7", id="registry-credibility")
            yield Static("", id="registry-basis", markup=False)
            yield Static("Enter saves · Tab: the other field · Esc cancels", id="registry-message", markup=False)

    def on_mount(self) -> None:
        if self.app.is_headless:  # tests: a blinking cursor would make screenshots differ
            for box in self.query(Input):
                box.cursor_blink = False
        self.query_one("#registry-credibility", Input).focus()
        self._explain()

    # --- what the values will rest on ------------------------------------------------------
    def _rating(self, domain: str) -> Rating | None:
        key = normalise_domain(domain) if domain.strip() else None
        return self.ratings.rating(key) if key and self.ratings is not None else None

    def _values(self) -> tuple[str, str]:
        return (self.query_one("#registry-domain", Input).value.strip(),
                self.query_one("#registry-credibility", Input).value.strip())

    def decide(self) -> tuple[float | None, str | None, str]:
        """(credibility to save or None for the domain's rating, normalised domain or None, what it rests on).

        ValueError with one line when the values cannot be saved.
        """
        domain_text, text = self._values()
        domain = normalise_domain(domain_text) if domain_text else None
        if domain_text and domain is None:
            raise ValueError(f"'{clean(domain_text)[:40]}' is not a web domain (e.g. wsj.com)")
        rating = self._rating(domain) if domain else None
        if not text:
            if rating is None:
                raise ValueError("give a credibility from 0 to 1" + (f": {domain} is not rated" if domain else ""))
            return None, domain, f"{credibility_words(rating.value, rating.basis)}: the published rating"
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            raise ValueError(f"'{clean(text)[:20]}' is not a number between 0 and 1") from None
        if not 0 <= value <= 1:
            raise ValueError(f"{value:g} is outside 0..1")
        if rating is not None and _same(value, rating):
            return None, domain, (f"{credibility_words(rating.value, rating.basis)}: the published rating; "
                                  "type another value to use your own")
        said = f"{value:.2f} · your rules · {self.session.target}"
        if rating is not None:
            said += f" (the published rating is {credibility_words(rating.value, rating.basis)})"
        elif domain:
            said += f" ({domain} is not rated)"
        return value, domain, said

    def _explain(self) -> None:
        basis = self.query_one("#registry-basis", Static)
        try:
            _, _, said = self.decide()
        except ValueError as err:
            basis.update(Content(str(err)))
            basis.add_class("-error")
            return
        basis.update(Content(clean(f"→ {said}")))
        basis.remove_class("-error")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        # (Input.Changed arrives after the value is set: a value the dialog filled in is told apart by itself.)
        if event.input.id == "registry-credibility" and event.value != self._filled:
            self._follow = not event.value.strip()
        elif event.input.id == "registry-domain" and self._follow:
            rating = self._rating(event.value)
            self._filled = _number(round(rating.value, 3)) if rating is not None else self._fallback
            self.query_one("#registry-credibility", Input).value = self._filled
        self._explain()

    # --- saving ------------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        message = self.query_one("#registry-message", Static)
        try:
            credibility, domain, _ = self.decide()
        except ValueError as err:
            message.update(Content(str(err)))
            message.add_class("-error")
            return
        entry = registry_entry(self.source, credibility, domain)
        try:
            pending = self.session.add_source(entry)
        except SrcviewError as err:
            message.update(Content(f"Not saved: {clean(str(err))}"))
            message.add_class("-error")
            return
        self.dismiss(pending)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _same(value: float, rating: Rating) -> bool:
    """Whether ``value`` is the rating as the dialog shows it (to three decimals)."""
    return abs(value - round(rating.value, 3)) < 5e-4
