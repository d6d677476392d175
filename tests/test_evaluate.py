"""``srcview --eval GOLD_DIR``: scoring srcview against articles labelled by hand.

The metrics are checked on tiny hand-made analyses with numbers worked out by
hand, and against a plain re-implementation of the reference scorer's formulas;
the command on the gold written for the bundled samples (``samples/*.gold.jsonl``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from srcview.cli import main
from srcview.eval_report import to_dict, to_text
from srcview.evaluate import ClaimIndex, evaluate, judge, locate, matches, similarity, summarize
from srcview.export import to_dict as contract
from srcview.gold import GoldSentence, find_pairs, load_folders, parse_line, read_gold
from srcview.model import Analysis, Claim, Source

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
LABELS = ["named", "anonymous", "unverified", "unattributed"]


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- a tiny article, labelled by hand ------------------------------------------

TEXT = "Kop\n\nEen zin. Twee zin. Drie zin. Vier zin.\nVijf zin. Zes zin.\n"


def claim(n: int, words: str, label: str, source: str | None = None, canonical: str | None = None,
          text: str = TEXT, length: int | None = None) -> Claim:
    start = text.index(words)
    end = start + (length if length is not None else len(words))
    src = None if source is None else Source(source, 0, len(source), canonical or source, "person")
    return Claim(id=n, start=start, end=end, text=text[start:end], paragraph=1, label=label, score=50.0,
                 source=src)


def gold(i: int, text: str, label: str, **more) -> GoldSentence:
    return GoldSentence(i=i, line=i + 1, text=text, label=label, **{k: tuple(v) if isinstance(v, list) else v
                                                                     for k, v in more.items()})


TINY_CLAIMS = [
    claim(1, "Een zin.", "named", "Post", "Willem Post"),
    claim(2, "Twee zin.", "named", "hij", "hij"),  # the pronoun not resolved
    claim(3, "Drie zin.", "anonymous", "ingewijden"),  # gold unverified, anonymous allowed by alt
    claim(4, "Vier zin.", "unattributed"),  # gold anonymous
    claim(5, "Vijf zin.", "named", "Biden"),  # gold unattributed
    claim(6, "Zes zin.", "unattributed", length=4),  # "Zes ": half of the sentence, just enough
]
TINY_GOLD = [
    gold(0, "Kop", "heading"),
    gold(1, "Een zin.", "named", source="Willem Post", canonical="Willem Post"),
    gold(2, "Twee zin.", "named", source="hij", canonical="Willem Post"),
    gold(3, "Drie zin.", "unverified", alt=["anonymous"]),
    gold(4, "Vier zin.", "anonymous", source="ingewijden"),
    gold(5, "Vijf zin.", "unattributed"),
    gold(6, "Zes  zin.", "unattributed"),  # two spaces: found ignoring white space
    gold(7, "Niet in de tekst.", "unattributed"),  # lost
]


def tiny_analysis(claims=TINY_CLAIMS) -> Analysis:
    return Analysis(file="tiny.txt", language="nl", text=TEXT, claims=list(claims), headings=[], sources=[])


def test_judging_each_sentence():
    js = judge(tiny_analysis(), TINY_GOLD, "tiny.txt")
    assert [j.ok for j in js] == [True, True, True, True, False, False, True, False]
    assert [j.pred for j in js] == [None, "named", "named", "anonymous", "unattributed", "named", "unattributed",
                                    None]
    assert [j.source_ok for j in js] == [None, True, True, None, False, None, None, None]
    assert [j.resolve_ok for j in js] == [None, None, False, None, None, None, None, None]
    assert js[7].lost and js[7].outcome == "lost"
    assert js[3].outcome == "unverified"  # accepted through alt: counts as the gold label
    assert [j.gold.i for j in js if j.wrong] == [2, 4, 5, 7]


def test_the_metrics_worked_out_by_hand():
    s = summarize(judge(tiny_analysis(), TINY_GOLD))
    assert (s.claims, s.headings, s.lost) == (7, 1, 1)
    assert s.label_acc == pytest.approx(4 / 7)  # 1, 2, 3 (via alt), 6 right
    named, anonymous, unverified, unattributed = (s.labels[lab] for lab in LABELS)
    assert (named.tp, named.fp, named.fn) == (2, 1, 0)  # the fp: sentence 5
    assert (named.precision, named.recall, named.f1) == pytest.approx((2 / 3, 1.0, 0.8))
    assert (anonymous.tp, anonymous.fp, anonymous.fn) == (0, 0, 1)  # sentence 3 counts for unverified
    assert (unverified.tp, unverified.fp, unverified.fn) == (1, 0, 0)
    assert (unattributed.tp, unattributed.fp, unattributed.fn) == (1, 1, 2)
    assert unattributed.f1 == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))
    assert s.present == tuple(LABELS)
    assert s.macro_f1 == pytest.approx((0.8 + 0 + 1 + 0.4) / 4)
    assert (s.source_acc, s.source_n) == (pytest.approx(2 / 3), 3)
    assert (s.resolve_acc, s.resolve_n) == (0.0, 1)
    assert s.heading_acc == 1.0
    assert s.confusion == {
        "named": {"named": 2, "anonymous": 0, "unverified": 0, "unattributed": 0, "none": 0, "lost": 0},
        "anonymous": {"named": 0, "anonymous": 0, "unverified": 0, "unattributed": 1, "none": 0, "lost": 0},
        "unverified": {"named": 0, "anonymous": 0, "unverified": 1, "unattributed": 0, "none": 0, "lost": 0},
        "unattributed": {"named": 1, "anonymous": 0, "unverified": 0, "unattributed": 1, "none": 0, "lost": 1},
    }


def test_a_claim_must_cover_half_the_sentence():
    short = [*TINY_CLAIMS[:5], claim(6, "Zes zin.", "unattributed", length=3)]  # 3 of 8 characters
    j = judge(tiny_analysis(short), TINY_GOLD)[6]
    assert (j.pred, j.ok, j.outcome) == (None, False, "none")


def test_macro_f1_averages_only_the_labels_the_gold_uses():
    js = judge(tiny_analysis(), [gold(0, "Een zin.", "named"), gold(1, "Vijf zin.", "named")])
    s = summarize(js)
    assert s.present == ("named",)
    assert s.macro_f1 == s.labels["named"].f1 == 1.0
    assert s.labels["unverified"].gold == 0


def test_headings_are_scored_apart():
    text = "Minister: we gaan door\n\nDe rest.\n"
    claims = [Claim(1, 0, 22, text[:22], 0, "named", 60.0)]
    analysis = Analysis("h.txt", "nl", text, claims, [], [])
    plain = summarize(judge(analysis, [gold(0, "Minister: we gaan door", "heading")]))
    allowed = summarize(judge(analysis, [gold(0, "Minister: we gaan door", "heading", alt=["named"])]))
    assert (plain.heading_acc, allowed.heading_acc) == (0.0, 1.0)
    assert plain.claims == 0 and plain.label_acc == 0.0 and plain.confusion["named"]["named"] == 0


def test_source_names_match_as_people_read_them():
    assert similarity("Eric Reeves,", "eric reeves") == 100
    assert similarity("Post", "Willem Post") == 100  # a shared content word
    assert similarity("de minister", "de woordvoerder") < 80  # a shared "de" alone is no match
    assert matches([None, "Post"], ["Willem Post", None], 80)
    assert not matches([None, ""], ["Willem Post"], 80)


def test_sentences_are_found_in_order():
    text = "Ja. Nee.\nJa. Misschien\nwel."
    assert locate(text, ["Ja.", "Ja.", "Misschien wel.", "Weg.", "Nee."]) == [(0, 3), (9, 12), (13, 27), None, None]


def test_the_claim_index_agrees_with_a_plain_scan():
    claims = [claim(1, "Een zin. Twee", "named"), claim(2, "zin. Twee zin.", "anonymous"),
              claim(3, "Kop\n\nEen zin. Twee zin. Drie zin.", "unattributed")]
    index = ClaimIndex(claims)
    for a in range(len(TEXT)):
        for b in range(a + 1, len(TEXT) + 1):
            assert index.best((a, b)) is plain_best(claims, (a, b))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=8),
       st.tuples(st.integers(0, 70), st.integers(1, 30)))
def test_the_claim_index_on_any_claims(spans, gold_span):
    claims = [Claim(n, s, s + w, "x", 0, "named", 0.0) for n, (s, w) in enumerate(spans, start=1)]
    span = (gold_span[0], gold_span[0] + gold_span[1])
    assert ClaimIndex(claims).best(span) is plain_best(claims, span)


def plain_best(claims, span):
    """The reference scorer's choice: the first claim with the largest overlap, if it covers half."""
    a, b = span
    best, best_ov = None, 0
    for c in claims:
        ov = min(b, c.end) - max(a, c.start)
        if ov > best_ov:
            best, best_ov = c, ov
    return best if best_ov * 2 >= (b - a) else None


# --- the reference formulas, written out plainly --------------------------------

FUNCTION = {"a", "an", "the", "of", "for", "and", "de", "het", "een", "van", "der", "den", "voor", "en",
            "he", "she", "it", "they", "hij", "zij", "ze"}


def ref_ratio(a, b):
    pa, pb = default_process(a), default_process(b)
    r = fuzz.ratio(pa, pb)
    if (set(pa.split()) & set(pb.split())) - FUNCTION:
        r = max(r, fuzz.token_set_ratio(pa, pb))
    return r


def ref_any(cands, targets, threshold):
    return any(ref_ratio(c, t) >= threshold for c in cands if c for t in targets if t)


def ref_best(claims: list[dict], span: tuple[int, int]) -> dict | None:
    a, b = span
    best, best_ov = None, 0
    for c in claims:
        ov = min(b, c["end"]) - max(a, c["start"])
        if ov > best_ov:
            best, best_ov = c, ov
    return best if best_ov * 2 >= (b - a) else None


def ref_rows(doc: dict, gold_rows: list[dict]) -> list[dict]:
    """Each gold line judged against a contract JSON document, as the reference scorer does."""
    text, claims = doc["text"], doc["claims"]
    rows, pos = [], 0
    for g in gold_rows:
        j = text.find(g["text"], pos)
        r = {"gold": g["label"]}
        if j < 0:  # the samples' gold is found as written; white-space folding is tested above
            r.update(pred=None, lost=True)
            rows.append(r)
            continue
        pos = j + len(g["text"])
        c = ref_best(claims, (j, pos))
        r["pred"] = c["label"] if c else None
        src = (c or {}).get("source") or {}
        if g["label"] == "heading":
            r["ok"] = c is None or c["label"] in g.get("alt", [])
        else:
            r["ok"] = r["pred"] in [g["label"], *g.get("alt", [])]
            if g.get("source") and g["label"] in ("named", "anonymous"):
                r["source_ok"] = ref_any([src.get("text"), src.get("canonical")],
                                         [g["source"], g.get("canonical"), *g.get("aliases", [])], 80)
            canon = g.get("canonical")
            if canon and g["label"] == "named" and ref_ratio(canon, g.get("source") or "") < 80:
                r["resolve_ok"] = ref_any([src.get("canonical")], [canon, *g.get("aliases", [])], 85)
        rows.append(r)
    return rows


def ref_summary(rows: list[dict]) -> dict:
    claims = [r for r in rows if r["gold"] != "heading"]
    heads = [r for r in rows if r["gold"] == "heading"]
    out = {"claims": len(claims), "headings": len(heads),
           "label_acc": sum(r.get("ok", False) for r in claims) / max(1, len(claims))}
    f1s = {}
    for lab in LABELS:
        tp = sum(1 for r in claims if r.get("ok") and r["gold"] == lab)
        fp = sum(1 for r in claims if r["pred"] == lab and not r.get("ok"))
        fn = sum(1 for r in claims if r["gold"] == lab and not r.get("ok"))
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1s[lab] = 2 * p * rc / (p + rc) if p + rc else 0.0
    present = [lab for lab in LABELS if any(r["gold"] == lab for r in claims)]
    out["f1"] = {k: round(v, 3) for k, v in f1s.items() if k in present}
    out["macro_f1"] = sum(f1s[k] for k in present) / max(1, len(present))
    src = [r for r in claims if "source_ok" in r]
    out["source_acc"] = sum(r["source_ok"] for r in src) / max(1, len(src))
    out["source_n"] = len(src)
    res = [r for r in claims if "resolve_ok" in r]
    out["resolve_acc"] = sum(r["resolve_ok"] for r in res) / max(1, len(res))
    out["resolve_n"] = len(res)
    out["heading_acc"] = sum(r["ok"] for r in heads) / max(1, len(heads))
    out["lost"] = sum(1 for r in rows if r.get("lost"))
    return out


REF_FIELDS = ("claims", "headings", "label_acc", "f1", "macro_f1", "source_acc", "source_n", "resolve_acc",
              "resolve_n", "heading_acc", "lost")


@pytest.fixture(scope="module")
def sample_eval(engine):
    """The bundled samples' gold, evaluated in process with the shared engine."""
    return evaluate(load_folders([SAMPLES]), engine)


def test_agrees_with_the_reference_formulas(sample_eval, engine):
    doc = to_dict(sample_eval)
    all_rows = []
    for article in load_folders([SAMPLES]):
        gold_rows = [json.loads(line) for line in article.gold.read_text(encoding="utf-8").splitlines()]
        rows = ref_rows(contract(engine.analyze(article.article.read_text(encoding="utf-8"))), gold_rows)
        all_rows += rows
        mine = doc["articles"][article.name]
        assert {k: mine[k] for k in REF_FIELDS} == ref_summary(rows), article.name
    assert {k: doc["total"][k] for k in REF_FIELDS} == ref_summary(all_rows)


# --- the gold written for the samples --------------------------------------------

def test_the_sample_gold_covers_each_article_sentence_by_sentence():
    pairs = find_pairs(SAMPLES)
    assert [a.name for a, _ in pairs] == ["en-harbour-bridge-report.txt", "nl-kernwapens-gesprekken.txt"]
    for article, gold_file in pairs:
        text = article.read_text(encoding="utf-8")
        sentences = read_gold(gold_file)
        spans = locate(text, [s.text for s in sentences])
        assert None not in spans
        covered = "".join(text[a:b] for a, b in spans)
        assert "".join(covered.split()) == "".join(text.split())  # nothing skipped, nothing twice
        assert [s.i for s in sentences] == list(range(len(sentences)))
        labels = {s.label for s in sentences}
        assert labels == {"named", "anonymous", "unverified", "unattributed", "heading"}


def test_the_command_on_the_samples(capsys):
    code, out, err = run_cli(capsys, "--eval", str(SAMPLES), "--format", "json", "--show-errors")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    total = doc["total"]
    assert (total["articles"], total["claims"], total["headings"], total["lost"]) == (2, 80, 6, 0)
    assert set(doc["articles"]) == {"en-harbour-bridge-report.txt", "nl-kernwapens-gesprekken.txt"}
    assert set(doc["languages"]) == {"en", "nl"}
    assert doc["languages"]["nl"]["articles"] == doc["languages"]["en"]["articles"] == 1
    for summary in [total, *doc["languages"].values(), *doc["articles"].values()]:
        for key in ("label_acc", "macro_f1", "source_acc", "resolve_acc", "heading_acc"):
            assert 0.0 <= summary[key] <= 1.0
        assert set(summary["labels"]) == set(LABELS)
        rows = summary["confusion"]
        assert sum(sum(row.values()) for row in rows.values()) == summary["claims"]
        for lab in LABELS:
            assert sum(rows[lab].values()) == summary["labels"][lab]["gold"]
            assert sum(row[lab] for row in rows.values()) == summary["labels"][lab]["predicted"]
    assert total["label_acc"] > 0.6 and total["source_n"] > 40  # the samples are srcview's home ground
    nl_unverified = doc["languages"]["nl"]["labels"]["unverified"]
    assert set(nl_unverified) >= {"precision", "recall", "f1", "tp", "fp", "fn"}
    for error in doc["errors"]:
        assert error["ok"] is False or error["source_ok"] is False or error["resolve_ok"] is False
        assert error["gold"] in (*LABELS, "heading") and isinstance(error["line"], int)


def test_the_text_report(capsys):
    code, out, err = run_cli(capsys, "--eval", str(SAMPLES), "--show-errors")
    assert (code, err) == (0, "")
    assert out.startswith("srcview --eval: 2 articles, 80 claims, 6 headings, 0 lost")
    assert "nl-kernwapens-gesprekken.txt" in out and "en-harbour-bridge-report.txt" in out
    for field in ("label_acc=", "macro_f1=", "source_acc=", "resolve_acc=", "heading_acc="):
        assert field in out
    assert "confusion: gold (rows) × predicted (columns)" in out
    assert "\nnl (1 article, 39 claims)" in out and "\nen (1 article, 41 claims)" in out
    assert "\nerrors: " in out


def test_one_engine_for_every_article(monkeypatch, tmp_path, capsys):
    import srcview.engine

    built = []
    real = srcview.engine.Engine

    class Counting(real):
        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(srcview.engine, "Engine", Counting)
    code, out, _ = run_cli(capsys, "--eval", str(SAMPLES), "--output", str(tmp_path / "report.txt"))
    assert (code, out, len(built)) == (0, "", 1)
    assert (tmp_path / "report.txt").read_text(encoding="utf-8").startswith("srcview --eval: 2 articles")


# --- bad input --------------------------------------------------------------------

@pytest.fixture
def gold_dir(tmp_path):
    """A gold folder holding a copy of the English sample and its gold."""
    folder = tmp_path / "gold"
    folder.mkdir()
    for name in ("en-harbour-bridge-report.txt", "en-harbour-bridge-report.gold.jsonl"):
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def lines_of(folder: Path) -> list[str]:
    return (folder / "en-harbour-bridge-report.gold.jsonl").read_text(encoding="utf-8").splitlines()


def write_lines(folder: Path, lines: list[str]) -> Path:
    path = folder / "en-harbour-bridge-report.gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_folder_that_is_not_there(tmp_path, capsys):
    code, out, err = run_cli(capsys, "--eval", str(tmp_path / "nowhere"))
    assert (code, out) == (2, "")
    assert err == f"srcview: {tmp_path / 'nowhere'}: no such folder\n"


def test_a_folder_without_gold(tmp_path, capsys):
    (tmp_path / "article.txt").write_text("Een zin.\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "--eval", str(tmp_path))
    assert code == 2
    assert err.startswith(f"srcview: {tmp_path}: no gold files") and err.count("\n") == 1


def test_bad_json_names_its_line(gold_dir, capsys):
    lines = lines_of(gold_dir)
    lines[2] = lines[2][:-1]  # the closing brace gone
    path = write_lines(gold_dir, lines)
    code, out, err = run_cli(capsys, "--eval", str(gold_dir))
    assert (code, out) == (2, "")
    assert err.startswith(f"srcview: {path}:3:") and "bad JSON" in err and err.count("\n") == 1


@pytest.mark.parametrize(("line", "message"), [
    ('["not", "an", "object"]', "a gold line is a JSON object, not a list"),
    ('{"label": "named"}', '"text" (the sentence as it stands in the article) is missing or empty'),
    ('{"text": "The bridge will remain fully open until the council votes.", "label": "nammed"}',
     '"label" is "nammed": one of named, anonymous, unverified, unattributed, heading'),
    ('{"text": "x", "label": "named", "alt": "anonymous"}', '"alt" is a list of strings'),
    ('{"text": "x", "label": "named", "source": 3}', '"source" is a string or null, not a number'),
])
def test_a_wrong_gold_line_names_its_line(gold_dir, capsys, line, message):
    lines = lines_of(gold_dir)
    lines.insert(4, "")  # a blank line is skipped, yet counted
    lines[-1] = line
    path = write_lines(gold_dir, lines)
    code, _, err = run_cli(capsys, "--eval", str(gold_dir))
    assert code == 2
    assert err == f"srcview: {path}:{len(lines)}: {message}\n"


def test_a_gold_file_without_its_article(gold_dir, capsys):
    (gold_dir / "en-harbour-bridge-report.txt").unlink()
    code, _, err = run_cli(capsys, "--eval", str(gold_dir))
    assert code == 2
    assert "en-harbour-bridge-report.gold.jsonl: no article beside it" in err


def test_a_sentence_not_in_the_article_is_lost_not_fatal(gold_dir, capsys):
    lines = lines_of(gold_dir)
    lines.insert(3, json.dumps({"text": "This sentence was never written.", "label": "unattributed"}))
    path = write_lines(gold_dir, lines)
    code, out, err = run_cli(capsys, "--eval", str(gold_dir), "--format", "json", "--show-errors")
    assert code == 0
    assert err == f"srcview: {path}:4: sentence not found in en-harbour-bridge-report.txt: counted as lost\n"
    doc = json.loads(out)
    assert doc["total"]["lost"] == 1 and doc["total"]["claims"] == 42
    assert doc["total"]["confusion"]["unattributed"]["lost"] == 1
    lost = [e for e in doc["errors"] if e["lost"]]
    assert [(e["line"], e["i"], e["pred"]) for e in lost] == [(4, 3, None)]


def test_broken_rules_stop_before_any_article(gold_dir, capsys):
    broken = ROOT / "tests" / "data" / "broken-rules.toml"
    code, out, err = run_cli(capsys, "--eval", str(gold_dir), "--rules", str(broken))
    assert (code, out) == (2, "")
    assert err.startswith(f"srcview: {broken}:") and err.count("\n") == 1


@pytest.mark.parametrize("argv", [
    ["--eval", "samples", "samples/nl-kernwapens-gesprekken.txt"],
    ["--eval", "samples", "--format", "csv"],
    ["--show-errors", "samples/nl-kernwapens-gesprekken.txt"],
    ["--eval", "samples", "--jobs", "4"],
])
def test_usage_mistakes(capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert "--eval" in capsys.readouterr().err


# --- the gold format ---------------------------------------------------------------

def test_a_gold_line_with_only_text_and_label():
    s = parse_line('{"text": "Oekraïne ontkent.", "label": "named"}', 7, 3)
    assert s == GoldSentence(i=3, line=7, text="Oekraïne ontkent.", label="named")
    assert s.accepted == ("named",) and not s.heading


def test_a_gold_file_with_bom_crlf_and_blank_lines(tmp_path):
    path = tmp_path / "a.gold.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "Kop", "label": "heading"}\r\n\r\n'
                     b'{"i": 5, "text": "Een zin.", "label": "unverified", "alt": ["anonymous"], "hedged": true}\r\n')
    first, second = read_gold(path)
    assert (first.line, first.i, first.heading) == (1, 0, True)
    assert (second.line, second.i, second.accepted, second.hedged) == (3, 5, ("unverified", "anonymous"), True)


def test_a_gold_file_that_is_not_utf8(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Een zin.\n", encoding="utf-8")
    (tmp_path / "a.gold.jsonl").write_bytes(b'{"text": "Een zin.", "label": "named"}\n{"text": "\xe9"}\n')
    code, _, err = run_cli(capsys, "--eval", str(tmp_path))
    assert code == 2
    assert err == f"srcview: {tmp_path / 'a.gold.jsonl'}:2: not UTF-8 (byte 0xe9)\n"


def test_an_article_in_markdown(tmp_path, engine):
    (tmp_path / "a.md").write_text("# Kop\n\nHet kabinet trekt geld uit, zegt minister Anna de Vries.\n",
                                   encoding="utf-8")
    (tmp_path / "a.gold.jsonl").write_text(
        '{"text": "Kop", "label": "heading"}\n'
        '{"text": "Het kabinet trekt geld uit, zegt minister Anna de Vries.", "label": "named", '
        '"source": "minister Anna de Vries", "canonical": "Anna de Vries"}\n', encoding="utf-8")
    evaluation = evaluate(load_folders([tmp_path]), engine)
    assert evaluation.total.lost == 0 and evaluation.total.claims == 1
    assert "a.md" in to_text(evaluation)


def test_hostile_gold_text_reaches_the_terminal_cleaned(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Het regent.\n", encoding="utf-8")
    (tmp_path / "a.gold.jsonl").write_text(json.dumps(
        {"text": "Het regent.", "label": "named", "source": "\x1b]0;pwned\x07Weerman\x1b[31m"}) + "\n",
        encoding="utf-8")
    code, out, _ = run_cli(capsys, "--eval", str(tmp_path), "--show-errors")
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "'Weerman'" in out
    code, out, _ = run_cli(capsys, "--eval", str(tmp_path), "--show-errors", "--format", "json")
    assert json.loads(out)["errors"][0]["gold_source"] == "\x1b]0;pwned\x07Weerman\x1b[31m"
