"""NumPy 1.x semantics for student code: the rewrite keeps Python's, the helpers retry only
where NumPy 2 refuses what the course's NumPy 1.x ran. (`install()` patches numpy, so it
runs only in the worker; here the helpers and the rewrite are exercised directly.)"""

from __future__ import annotations

import ast
import textwrap

import numpy as np
import pytest

from dlgrade.grader.sandbox.worker import numpy1


def run(source: str) -> dict:
    namespace = {**numpy1.HELPERS, "np": np}
    tree = numpy1.rewrite(ast.parse(textwrap.dedent(source)))
    exec(compile(tree, "<cell 1>", "exec"), namespace)
    numpy1.USED.clear()
    return namespace


def test_numpy_2_itself_refuses_what_the_rules_restore():
    """If NumPy stopped refusing these, the rules would be dead code."""
    with pytest.raises(ValueError):
        np.zeros((2, 1))[0][0] = np.ones(1)
    with pytest.raises(TypeError):
        float(np.array([1.5]))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("d = {}\nd['a'] = 1\nresult = d", {"a": 1}),
        ("x = [0, 1, 2, 3]\nx[1:3] = [9]\nresult = x", [0, 9, 3]),
        ("x = [0, 1, 2, 3]\nx[::2] = [7, 7]\nresult = x", [7, 1, 7, 3]),
        ("a = np.zeros((2, 2))\na[0, :] = 5\nresult = a.tolist()", [[5, 5], [0, 0]]),
        ("a = [1, 2]\na[0] += 10\na[1] *= 3\nresult = a", [11, 6]),
        ("a = np.ones(3)\na[a > 0] = 2\nresult = a.tolist()", [2, 2, 2]),
        ("result = [float('1.5'), int('7'), int('ff', 16), float(2)]", [1.5, 7, 255, 2.0]),
    ],
    ids=["dict", "slice", "step-slice", "tuple-index", "augmented", "mask", "conversions"],
)
def test_the_rewrite_keeps_pythons_meaning(source, expected):
    assert run(source)["result"] == expected and not numpy1.USED


def test_a_one_element_array_into_a_scalar_slot_is_noted_and_assigned():
    namespace = {**numpy1.HELPERS, "np": np}
    source = "theta = np.zeros((3, 1))\nvalues = np.ones((3, 1))\ntheta[1][0] = values[1] + 2\n"
    exec(compile(numpy1.rewrite(ast.parse(source)), "<cell 1>", "exec"), namespace)
    assert namespace["theta"][1, 0] == 3.0
    assert [note.split(" (")[0] for note in numpy1.take_notes()] == [
        "a one-element array assigned to a single array element"
    ]


def test_a_real_shape_error_is_still_raised_and_not_noted():
    with pytest.raises(ValueError):
        run("a = np.zeros((3, 1))\na[0][0] = np.ones(2)\n")
    assert numpy1.take_notes() == []


def test_float_of_a_one_element_array_and_sum_of_a_generator():
    value = run("value = float(np.array([[2.5]]))\n")["value"]
    assert value == 2.5
    assert numpy1._sum(x * x for x in range(4)) == 14
    assert numpy1._sum(np.arange(4)) == 6
    assert any("generator" in note for note in numpy1.take_notes())


def test_copy_false_copies_when_it_must_as_numpy_1_did():
    ints = np.arange(3)
    assert numpy1._array(ints, copy=False) is ints and numpy1.take_notes() == []
    assert numpy1._array(ints, dtype=float, copy=False).dtype == float
    assert numpy1.take_notes() == [
        "np.array(..., copy=False) that needs a copy (NumPy 1.x made one)"
    ]
