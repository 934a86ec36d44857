"""Learning-rate schedules against their closed forms and the course's printed values."""

from __future__ import annotations

import pytest

from dlgrade.reference import lr_decay
from tests.support.graded_source import extract_graded

SCHEDULES = [
    lr_decay.update_lr,
    lr_decay.schedule_lr_decay,
    lr_decay.exponential_lr_decay,
    lr_decay.inverse_sqrt_lr_decay,
]


@pytest.mark.parametrize("function", SCHEDULES, ids=lambda f: f.__name__)
def test_extracted_schedule_is_self_contained(function):
    assert extract_graded(function)(0.5, 3, 0.5) == pytest.approx(function(0.5, 3, 0.5))


@pytest.mark.parametrize(
    ("lr0", "epoch", "decay", "expected"),
    [(0.5, 2, 1, 0.5 / 3), (0.2, 0, 3.0, 0.2), (1.0, 9, 0.1, 1 / 1.9)],
)
def test_update_lr_closed_form(lr0, epoch, decay, expected):
    assert lr_decay.update_lr(lr0, epoch, decay) == pytest.approx(expected, rel=1e-12)


def test_schedule_is_constant_within_an_interval_and_steps_at_boundaries():
    rates = [lr_decay.schedule_lr_decay(0.5, epoch, 1.0, time_interval=100) for epoch in range(301)]
    assert set(rates[0:100]) == {0.5}
    assert set(rates[100:200]) == {0.25}
    assert len(set(rates[200:300])) == 1 and rates[200] == pytest.approx(0.5 / 3)
    assert rates[300] == pytest.approx(0.125)


def test_schedule_default_interval_is_1000():
    assert lr_decay.schedule_lr_decay(0.5, 999, 0.3) == 0.5
    assert lr_decay.schedule_lr_decay(0.5, 1000, 0.3) == pytest.approx(0.5 / 1.3)


def test_exponential_decay():
    assert lr_decay.exponential_lr_decay(0.2, 0) == 0.2
    assert lr_decay.exponential_lr_decay(0.2, 3) == pytest.approx(0.2 * 0.95 * 0.95 * 0.95)
    assert lr_decay.exponential_lr_decay(1.0, 2, base=0.5) == pytest.approx(0.25)


@pytest.mark.parametrize(("epoch", "expected"), [(0, 2.0), (3, 1.0), (15, 0.5)])
def test_inverse_sqrt_decay_counts_epochs_from_zero(epoch, expected):
    assert lr_decay.inverse_sqrt_lr_decay(1.0, epoch, k=2.0) == pytest.approx(expected)
