"""reference/__init__: every exported name resolves, and the course's clashing names do not leak."""

from __future__ import annotations

import pytest

from dlgrade import reference

CLASHING = [
    "forward_propagation",
    "backward_propagation",
    "compute_cost",
    "initialize_parameters",
    "update_parameters",
    "predict",
]
REQUIRED = [
    "initialize_parameters_zeros",
    "initialize_parameters_random",
    "initialize_parameters_he",
    "compute_cost_with_regularization",
    "backward_propagation_with_regularization",
    "forward_propagation_with_dropout",
    "backward_propagation_with_dropout",
    "gradient_check",
    "gradient_check_n",
    "update_parameters_with_adam",
    "schedule_lr_decay",
    "batchnorm_forward",
    "batchnorm_backward",
    "softmax",
    "softmax_cross_entropy",
    "softmax_backward",
]


def test_every_exported_name_is_a_function() -> None:
    assert len(set(reference.__all__)) == len(reference.__all__)
    for name in reference.__all__:
        assert callable(getattr(reference, name)), name


@pytest.mark.parametrize("name", REQUIRED)
def test_graded_names_are_exported(name: str) -> None:
    assert name in reference.__all__


@pytest.mark.parametrize("name", CLASHING)
def test_names_the_course_reuses_are_not_exported(name: str) -> None:
    assert name not in reference.__all__
    assert not hasattr(reference, name)
