"""Comparisons: value semantics (grade values, not types) and the exact explanations."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.grader.checking.compare import (
    Mismatch,
    expect_close,
    expect_equal,
    expect_true,
    matching_mistake,
)

W = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
GRADS = {"dW1": np.zeros((2, 3)), "db1": np.zeros((2, 1))}


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (0.5, np.float64(0.5)),
        (np.float32(0.25), 0.25),
        (np.array([[0.5]]), 0.5),
        (np.array([0.5]), np.float64(0.5)),
        (np.array([[True, False]]), np.array([[1, 0]])),
        (np.array([[1, 0]]), np.array([[True, False]])),
        (3, 3.0),
        ([(W, W)], [[W, W]]),
        ((1.0, 2.0), [1.0, 2.0]),
        (W + 1e-9, W),
        ({"a": [1, 2]}, {"a": np.array([1, 2])}),
        (float("nan"), float("nan")),
        (np.inf, np.inf),
        ("adam", "adam"),
        (None, None),
    ],
    ids=[
        "float vs numpy scalar",
        "float32 scalar vs float",
        "(1,1) array vs scalar",
        "1-element array vs numpy scalar",
        "bool mask vs int mask",
        "int mask vs bool mask",
        "int vs float",
        "list of tuples vs list of lists",
        "tuple vs list",
        "near miss within tolerance",
        "list vs array inside dict",
        "NaN where NaN expected",
        "inf where inf expected",
        "equal strings",
        "None",
    ],
)
def test_equal_values_pass(actual, expected):
    expect_close(actual, expected)


@pytest.mark.parametrize(
    ("actual", "expected", "message"),
    [
        (W.T, W, "return value has shape (3, 2), expected (2, 3)"),
        ({"W1": W.T}, {"W1": W}, "W1 has shape (3, 2), expected (2, 3)"),
        (
            {"dW1": np.zeros((2, 3))},
            GRADS,
            "key 'db1' is missing; keys returned: ['dW1']",
        ),
        (
            {**GRADS, "dZ1": 0.0},
            GRADS,
            "unexpected key 'dZ1'; expected keys: ['dW1', 'db1']",
        ),
        ({}, GRADS, "return value is an empty dict, expected keys ['dW1', 'db1']"),
        ([], [W, W], "return value has 0 elements, expected 2"),
        ((1.0, 2.0, 3.0), (1.0, 2.0, 3.0, 4.0, 5.0), "returned 3 values, expected 5"),
        (float("nan"), 0.5, "return value contains NaN, expected 0.5"),
        (
            np.array([[1.0, np.inf]]),
            np.array([[1.0, 2.0]]),
            "return value contains inf at [0, 1], expected 2",
        ),
        (
            0.0,
            1.7864859451590758,
            "return value differs: got 0, expected 1.78649 (abs error 1.786, rel error 1)",
        ),
        (np.zeros(3), 0.5, "return value has shape (3,), expected a single number"),
        (
            0.5,
            np.ones((2, 1)),
            "return value is a single number, expected an array of shape (2, 1)",
        ),
        (None, W, "return value is None, expected an array of shape (2, 3)"),
        ({"W1": W}, [W], "return value is a dict with keys ['W1'], expected a list of 1 elements"),
        ("0.5", 0.5, "return value is the string '0.5', expected the number 0.5"),
        ([W], {"W1": W}, "return value is a list of 1 elements, expected a dict with keys ['W1']"),
        (
            {"v": {"dW1": np.zeros(2)}},
            {"v": {"dW1": np.zeros(2), "db1": np.zeros(1)}},
            "key 'db1' is missing from v; keys returned: ['dW1']",
        ),
    ],
    ids=[
        "transposed shape",
        "shape inside dict",
        "missing key",
        "extra key",
        "empty dict",
        "empty list",
        "tuple too short",
        "NaN",
        "inf",
        "constant zero",
        "array for a scalar",
        "scalar for an array",
        "None for an array",
        "dict for a list",
        "string for a number",
        "list for a dict",
        "nested missing key",
    ],
)
def test_mismatch_is_explained(actual, expected, message):
    with pytest.raises(Mismatch) as raised:
        expect_close(actual, expected)
    assert raised.value.message.startswith(message)
    assert raised.value.mistake is None


def test_element_difference_names_worst_element_and_counts():
    expected = np.array([[0.1, 0.2], [0.2561, 0.4], [0.5, 0.6]])
    actual = expected.copy()
    actual[1, 0] = 0.5123  # abs error 0.2562, rel error 0.2562 / 0.2561
    actual[0, 1] = 0.21  # abs error 0.01, rel error 0.05
    with pytest.raises(Mismatch) as raised:
        expect_close(actual, expected, name="dW2")
    assert raised.value.message == (
        "dW2 differs at [1, 0]: got 0.5123, expected 0.2561 "
        "(max abs error 0.2562, max rel error 1; 2 of 6 elements differ)"
    )


def test_tolerance_is_relative_to_expected_value():
    expect_close(1000.0005, 1000.0, rtol=1e-6)  # error 5e-4 <= 1e-8 + 1e-3
    with pytest.raises(Mismatch):
        expect_close(1000.002, 1000.0, rtol=1e-6)


def test_key_labels_use_the_given_name_for_nested_dicts():
    with pytest.raises(Mismatch) as raised:
        expect_close({"dW1": np.ones(2)}, {"dW1": np.zeros(2)}, name="v")
    assert raised.value.message.startswith("v['dW1'] differs at [0]: got 1, expected 0")


def test_tuple_elements_are_labelled_by_position():
    with pytest.raises(Mismatch) as raised:
        expect_close(({"W1": 1.0}, 2.0), ({"W1": 1.0}, 3.0))
    assert raised.value.message.startswith("return value[1] differs: got 2, expected 3")


def test_extra_keys_can_be_allowed():
    expect_close({**GRADS, "dZ1": 0.0}, GRADS, allow_extra_keys=True)


def test_known_mistake_is_named():
    expected = np.array([1.0, 2.0])
    mistakes = [("forgot the 1/2", np.array([2.0, 4.0])), ("forgot the 1/m", np.array([3.0, 6.0]))]
    with pytest.raises(Mismatch) as raised:
        expect_close(np.array([3.0, 6.0]), expected, mistakes=mistakes)
    assert raised.value.mistake == "forgot the 1/m"
    assert str(raised.value).endswith("This matches a known mistake: forgot the 1/m")


def test_unknown_wrong_value_names_no_mistake():
    with pytest.raises(Mismatch) as raised:
        expect_close(5.0, 1.0, mistakes=[("doubled", 2.0), ("a dict", {"a": 1})])
    assert raised.value.mistake is None


def test_expect_equal_has_no_tolerance():
    expect_equal([1, 2, 3], (1, 2, 3))
    with pytest.raises(Mismatch) as raised:
        expect_equal(1.0 + 1e-12, 1.0, name="count")
    assert raised.value.message.startswith("count differs")


def test_expect_equal_compares_strings():
    with pytest.raises(Mismatch) as raised:
        expect_equal("sgd", "adam", name="optimizer")
    assert raised.value.message == "optimizer is 'sgd', expected 'adam'"


def test_expect_true_raises_with_message_and_mistake():
    expect_true(True, "never shown")
    with pytest.raises(Mismatch) as raised:
        expect_true(False, "the mask must be boolean", mistake="used > instead of <")
    assert raised.value.message == "the mask must be boolean"
    assert raised.value.mistake == "used > instead of <"


def test_mismatch_is_an_assertion_error():
    assert issubclass(Mismatch, AssertionError)


def test_uncomparable_expected_value_is_a_grader_bug():
    with pytest.raises(TypeError):
        expect_close(1, object())


RIGHT = np.array([1.0, 2.0])


@pytest.mark.parametrize(
    ("mistakes", "named"),
    [
        ([("off by one", RIGHT + 1), ("halved", RIGHT / 2)], "off by one"),
        ([("halved", RIGHT / 2), ("off by one", RIGHT + 1)], "off by one"),
        # two variants with the same output cannot be told apart: neither is named
        ([("off by one", RIGHT + 1), ("plus ones", RIGHT + 1)], None),
    ],
    ids=["first", "later", "twins"],
)
def test_distinct_mistakes_only_are_named(mistakes, named):
    got = RIGHT + 1
    hint = matching_mistake(got, mistakes, distinct_from=RIGHT)
    assert hint == named
    with pytest.raises(Mismatch) as raised:
        expect_close(got, RIGHT, mistakes=mistakes, distinct=True)
    assert raised.value.mistake == named


def test_without_distinct_the_first_matching_twin_is_named():
    twins = [("off by one", RIGHT + 1), ("plus ones", RIGHT + 1)]
    assert matching_mistake(RIGHT + 1, twins) == "off by one"


def test_a_variant_right_within_tolerance_is_never_named():
    # got is within tolerance of the variant, the variant within tolerance of the right
    # answer, yet got is not: without the rule the harmless variant would be blamed.
    right, variant, got = 1.0, 1.0 + 0.9e-6, 1.0 + 1.8e-6
    mistakes = [("harmless rewrite", variant)]
    assert matching_mistake(got, mistakes) == "harmless rewrite"
    assert matching_mistake(got, mistakes, distinct_from=right) is None


def test_a_tuple_of_named_values_is_described_with_the_students_own_names():
    import numpy as np

    from dlgrade.grader.checking.compare import find_difference

    expected = ({"W1": np.zeros((2, 2))}, {"dW1": np.zeros((2, 2))})
    got = ({"W1": np.ones((2, 2))}, {"dW1": np.zeros((2, 2))})
    message = find_difference(got, expected, name="(parameters, v)")
    assert message.startswith("parameters['W1']") and "(parameters, v)[0]" not in message
