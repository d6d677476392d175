"""The model's frozen records: made from their fields in order, and never changed after."""

import inspect
from dataclasses import MISSING, FrozenInstanceError, fields, replace

import pytest

from srcview.engine.discourse import Decision
from srcview.engine.segment import Paragraph, Quote
from srcview.model import ClaimAttribution, RuleHit, TextSpan


@pytest.mark.parametrize("cls", [TextSpan, ClaimAttribution, RuleHit, Decision, Paragraph, Quote])
def test_a_record_takes_its_fields_in_order_with_their_defaults(cls):
    params = list(inspect.signature(cls).parameters.values())
    assert [p.name for p in params] == [f.name for f in fields(cls)]
    assert [p.default for p in params] == [inspect.Parameter.empty if f.default is MISSING else f.default
                                           for f in fields(cls)]
    values = [object() for _ in params]
    made = cls(*values)
    assert [getattr(made, f.name) for f in fields(cls)] == values
    assert made == cls(**{f.name: v for f, v in zip(fields(cls), values, strict=True)})


@pytest.mark.parametrize("cls", [TextSpan, ClaimAttribution, RuleHit, Decision, Paragraph, Quote])
def test_a_record_cannot_be_changed_only_copied(cls):
    made = cls(*[0] * len(fields(cls)))
    first = fields(cls)[0].name
    with pytest.raises(FrozenInstanceError):
        setattr(made, first, 1)
    assert getattr(replace(made, **{first: 1}), first) == 1 and getattr(made, first) == 0


def test_a_span_is_hashable_and_equal_by_value():
    assert {TextSpan("zegt", 3, 7), TextSpan("zegt", 3, 7)} == {TextSpan("zegt", 3, 7)}
