"""A kit's check modules: the hidden checks and what only they use are gone."""

from __future__ import annotations

import ast
import textwrap

import pytest

from dlgrade.grader.kit.strip import pruned_source, visible_checks_source

CHECKS = textwrap.dedent(
    '''
    """Checks of update_lr: the hidden cases use a random rate."""
    from pathlib import Path

    import pytest

    from dlgrade.reference.cases import hidden_generator, course_case
    from dlgrade.reference.lr_decay import update_lr

    pytestmark = pytest.mark.exercise("update_lr")
    UNUSED = 3


    def helper_of_visible(student):
        return student.call("update_lr", *course_case())


    def helper_of_hidden(rng):
        return hidden_generator(rng)


    def test_course_case(student):
        """course test case
        with a second docstring line"""
        # a comment about the hidden cases
        helper_of_visible(student)


    @pytest.mark.hidden
    @pytest.mark.points(2)
    def test_random_rate(student, rng):
        """a random rate in (0.01, 1)"""
        helper_of_hidden(rng)


    @pytest.mark.hidden()
    def test_called_mark(student):
        pass
    '''
)


def test_hidden_checks_and_what_only_they_use_are_removed():
    kept = visible_checks_source(CHECKS)
    tree = ast.parse(kept)
    names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert names == {"test_course_case", "helper_of_visible"}
    for gone in ("hidden_generator", "helper_of_hidden", "random rate", "UNUSED", "comment",
                 "second docstring line", "Checks of update_lr", "Path"):  # fmt: skip
        assert gone not in kept
    for needed in ("course_case", "update_lr", "pytestmark", '"""course test case"""'):
        assert needed in kept.replace("'", '"')


@pytest.mark.parametrize(
    "source",
    [
        "import pytest\npytestmark = pytest.mark.hidden\ndef test_a(student): pass\n",
        "import pytest\npytestmark = [pytest.mark.exercise('f'), pytest.mark.hidden]\n"
        "def test_a(student): pass\n",
        "import pytest\n@pytest.mark.hidden\ndef test_a(student): pass\n",
        "import pytest\nHELPER = 1\n",
    ],
    ids=["module mark", "module mark in a list", "every check hidden", "no check at all"],
)
def test_a_module_without_visible_checks_is_left_out(source):
    assert visible_checks_source(source) is None


def test_pruning_keeps_transitive_needs_and_statements_that_bind_nothing():
    source = textwrap.dedent(
        """
        from __future__ import annotations
        import numpy as np
        SCALE = 2.0
        print("side effect")
        def inner(x):
            return SCALE * x
        def outer(x):
            return inner(np.asarray(x))
        def unused(x):
            return x
        """
    )
    kept = pruned_source(source, {"outer"})
    assert "def inner" in kept and "SCALE = 2.0" in kept and "import numpy" in kept
    assert "print('side effect')" in kept and "from __future__ import annotations" in kept
    assert "def unused" not in kept
    namespace: dict = {}
    exec(compile(kept, "<kit>", "exec"), namespace)
    assert namespace["outer"](3) == 6.0
