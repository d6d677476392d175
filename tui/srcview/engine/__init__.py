"""The analysis engine: text + rules → :class:`~srcview.model.Analysis`, in stages.

The modules here are the stages, in the order the data flows through them
(:meth:`Engine.analyze <srcview.engine.analyzer.Engine.analyze>` runs them):

1. :mod:`.segment` — paragraphs, headings, sentences and quotations, on the raw text;
2. :mod:`.context` — the tokens, with the sentences mapped onto them;
3. :mod:`.cues` — what the cue and hedge matchers find in each sentence;
4. :mod:`.phrases` — the source phrase beside a cue;
5. :mod:`.clauses` — each sentence's own attribution and the hedges that count;
6. :mod:`.resolve` — who each source phrase stands for;
7. :mod:`.discourse` — labels, and sources that cover other sentences;
8. :mod:`.claims` — scored claims and the table of sources.

What they work with: :mod:`.lexicon` (a language's word classes, word order
and quotation marks, all from its rules file), :mod:`.pipeline` (spaCy's blank
tokenizer and the matchers) and :mod:`.registry` (known sources). Nothing here
imports Textual.
"""

from ..spacy_import import import_spacy

import_spacy()  # before the stages import from spaCy: without its unused command-line package

from .analyzer import Engine, analyze  # noqa: E402

__all__ = ["Engine", "analyze"]
