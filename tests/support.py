"""What the app tests share: running ``async`` tests, waiting for the analysis, a short article."""

from __future__ import annotations

import asyncio
import functools
import inspect

#: A short Dutch article with a named, an anonymous and an unverified claim and a heading.
SHORT_NL = (
    "Kabinet wil meer geld voor defensie\n"
    "\n"
    "Het kabinet trekt volgend jaar twee miljard euro extra uit voor defensie. "
    "Dat zegt minister Anna de Vries van Defensie tegen de NOS. "
    "Volgens ingewijden is de coalitie het daar niet over eens.\n"
    "\n"
    "“We moeten nu investeren,” zei De Vries. De oppositie zou het plan willen blokkeren.\n"
)


def aio(test):
    """Run an ``async def`` test in its own event loop (no asyncio plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    run.__signature__ = inspect.signature(test)
    return run


async def ready(pilot, pauses: int = 1) -> None:
    """Wait until the analysis (and any rules change) has arrived or failed, then let the screen settle."""
    app = pilot.app
    for _ in range(1500):  # asyncio.sleep: pilot.pause() would message every widget each time
        session = getattr(app, "rules_session", None)
        if app.state.settled and not (session and session.busy):
            break
        await asyncio.sleep(0.02)
    # every worker but the one that watches the rules files (it runs as long as the app)
    busy = [w for w in app.workers if w.group != "watch"]
    if busy:  # (an empty list would mean every worker)
        await app.workers.wait_for_complete(busy)
    for _ in range(pauses):
        await pilot.pause()
