"""Optimizers against the course's published outputs and hand-written scalar loops."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dlgrade.reference import cases_optimization as cases
from dlgrade.reference import optimizers as opt
from tests.support.graded_source import extract_graded

SHAPES = {"W1": (2, 3), "b1": (2, 1), "W2": (3, 3), "b2": (3, 1)}
GRADED = [
    opt.update_parameters_with_gd,
    opt.initialize_velocity,
    opt.update_parameters_with_momentum,
    opt.update_parameters_with_nesterov,
    opt.initialize_rmsprop,
    opt.update_parameters_with_rmsprop,
    opt.initialize_adam,
    opt.update_parameters_with_adam,
]


def random_case(rng: np.random.Generator) -> tuple[dict, dict]:
    parameters = {name: rng.standard_normal(shape) for name, shape in SHAPES.items()}
    grads = {"d" + name: rng.standard_normal(shape) for name, shape in SHAPES.items()}
    return parameters, grads


@pytest.mark.parametrize("function", GRADED, ids=lambda f: f.__name__)
def test_graded_source_is_self_contained_and_template_ready(function):
    assert callable(extract_graded(function))


def test_extracted_adam_reproduces_the_course_value():
    adam = extract_graded(opt.update_parameters_with_adam)
    parameters, grads, v, s = cases.update_parameters_with_adam_test_case()
    parameters = adam(parameters, grads, v, s, t=2)[0]
    expected = [[1.63178673, -0.61919778, -0.53561312], [-1.08040999, 0.85796626, -2.29409733]]
    np.testing.assert_allclose(parameters["W1"], expected, atol=1e-8)


def test_gd_matches_the_course_expected_output():
    parameters, grads, learning_rate = cases.update_parameters_with_gd_test_case()
    parameters = opt.update_parameters_with_gd(parameters, grads, learning_rate)
    W1 = [[1.63535156, -0.62320365, -0.53718766], [-1.07799357, 0.85639907, -2.29470142]]
    np.testing.assert_allclose(parameters["W1"], W1, atol=1e-8)
    np.testing.assert_allclose(parameters["b1"], [[1.74604067], [-0.75184921]], atol=1e-8)


def test_momentum_matches_the_course_expected_output():
    parameters, grads, v = cases.update_parameters_with_momentum_test_case()
    parameters, v = opt.update_parameters_with_momentum(parameters, grads, v, 0.9, 0.01)
    W1 = [[1.62544598, -0.61290114, -0.52907334], [-1.07347112, 0.86450677, -2.30085497]]
    vdW1 = [[-0.11006192, 0.11447237, 0.09015907], [0.05024943, 0.09008559, -0.06837279]]
    np.testing.assert_allclose(parameters["W1"], W1, atol=1e-8)
    np.testing.assert_allclose(v["dW1"], vdW1, atol=1e-8)


def test_adam_matches_the_course_expected_output():
    parameters, grads, v, s = cases.update_parameters_with_adam_test_case()
    parameters = opt.update_parameters_with_adam(parameters, grads, v, s, t=2)[0]
    W1 = [[1.63178673, -0.61919778, -0.53561312], [-1.08040999, 0.85796626, -2.29409733]]
    np.testing.assert_allclose(parameters["W1"], W1, atol=1e-8)
    np.testing.assert_allclose(parameters["b1"], [[1.75225313], [-0.75376553]], atol=1e-8)


@pytest.mark.parametrize(
    "initializer",
    [opt.initialize_velocity, opt.initialize_rmsprop, lambda p: opt.initialize_adam(p)[0]],
)
def test_initializers_give_fresh_zeros_keyed_like_grads(initializer):
    parameters = cases.initialize_velocity_test_case()
    state = initializer(parameters)
    assert sorted(state) == ["dW1", "dW2", "db1", "db2"]
    for name, shape in SHAPES.items():
        assert state["d" + name].shape == shape and not state["d" + name].any()
        assert not np.shares_memory(state["d" + name], parameters[name])


def test_initialize_adam_returns_two_independent_dicts():
    v, s = opt.initialize_adam(cases.initialize_adam_test_case())
    assert v is not s and all(not np.shares_memory(v[k], s[k]) for k in v)


def test_updates_rebind_keys_without_writing_into_the_callers_arrays():
    parameters, grads = random_case(np.random.default_rng(0))
    original_W1 = parameters["W1"]
    snapshot = original_W1.copy()
    returned = opt.update_parameters_with_gd(parameters, grads, 0.1)
    assert returned is parameters and parameters["W1"] is not original_W1
    np.testing.assert_array_equal(original_W1, snapshot)


def test_momentum_two_steps_by_hand():
    W, g1, g2, beta, lr = 2.0, 0.5, -1.5, 0.9, 0.1
    parameters = {"W1": np.array([[W]]), "b1": np.array([[0.0]])}
    v = {"dW1": np.zeros((1, 1)), "db1": np.zeros((1, 1))}
    for g in (g1, g2):
        grads = {"dW1": np.array([[g]]), "db1": np.array([[0.0]])}
        parameters, v = opt.update_parameters_with_momentum(parameters, grads, v, beta, lr)
    v1 = 0.1 * 0.5  # (1 - beta) * g1
    v2 = 0.9 * v1 + 0.1 * -1.5
    assert v["dW1"][0, 0] == pytest.approx(v2)
    assert parameters["W1"][0, 0] == pytest.approx(2.0 - 0.1 * v1 - 0.1 * v2)


def test_rmsprop_two_steps_by_hand():
    beta2, lr, eps = 0.99, 0.01, 1e-8
    parameters = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.5]])}
    s = opt.initialize_rmsprop(parameters)
    gradient_steps = [(3.0, -4.0, 2.0), (1.0, 0.0, -2.0)]
    expected = [1.0, -1.0, 0.5]
    averages = [0.0, 0.0, 0.0]
    for gw0, gw1, gb in gradient_steps:
        grads = {"dW1": np.array([[gw0, gw1]]), "db1": np.array([[gb]])}
        parameters, s = opt.update_parameters_with_rmsprop(parameters, grads, s, beta2, lr, eps)
        for i, g in enumerate((gw0, gw1, gb)):
            averages[i] = beta2 * averages[i] + (1 - beta2) * g * g
            expected[i] -= lr * g / (math.sqrt(averages[i]) + eps)
    np.testing.assert_allclose(parameters["W1"], [expected[:2]], rtol=1e-12)
    np.testing.assert_allclose(parameters["b1"], [[expected[2]]], rtol=1e-12)
    np.testing.assert_allclose(s["dW1"], [averages[:2]], rtol=1e-12)


def adam_scalar(w, gradients, lr, beta1, beta2, eps):
    """Adam on one number, written from the paper's formulas."""
    m = u = 0.0
    for t, g in enumerate(gradients, start=1):
        m = beta1 * m + (1 - beta1) * g
        u = beta2 * u + (1 - beta2) * g * g
        w = w - lr * (m / (1 - beta1**t)) / (math.sqrt(u / (1 - beta2**t)) + eps)
    return w, m, u


@pytest.mark.parametrize("hyper", [(0.01, 0.9, 0.999, 1e-8), (0.02, 0.8, 0.888, 1e-2)])
def test_adam_over_several_steps_matches_scalar_loop(hyper):
    lr, beta1, beta2, eps = hyper
    rng = np.random.default_rng(7)
    parameters, _ = random_case(rng)
    start = {k: a.copy() for k, a in parameters.items()}
    steps = [random_case(rng)[1] for _ in range(5)]
    v, s = opt.initialize_adam(parameters)
    for t, grads in enumerate(steps, start=1):
        parameters, v, s, v_hat, s_hat = opt.update_parameters_with_adam(
            parameters, grads, v, s, t, lr, beta1, beta2, eps
        )
    for name in SHAPES:
        for index in np.ndindex(SHAPES[name]):
            history = [grads["d" + name][index] for grads in steps]
            w, m, u = adam_scalar(start[name][index], history, lr, beta1, beta2, eps)
            assert parameters[name][index] == pytest.approx(w, rel=1e-10, abs=1e-12)
            assert v["d" + name][index] == pytest.approx(m, rel=1e-10)
            assert s_hat["d" + name][index] == pytest.approx(u / (1 - beta2**5), rel=1e-10)
            assert v_hat["d" + name][index] == pytest.approx(m / (1 - beta1**5), rel=1e-10)


def test_nesterov_matches_cs231n_form_with_rescaled_rate():
    beta, lr = 0.9, 0.05
    rng = np.random.default_rng(3)
    parameters, _ = random_case(rng)
    x = {k: a.copy() for k, a in parameters.items()}
    velocity = {k: np.zeros_like(a) for k, a in x.items()}
    v = opt.initialize_velocity(parameters)
    for _ in range(4):
        grads = random_case(rng)[1]
        parameters, v = opt.update_parameters_with_nesterov(parameters, grads, v, beta, lr)
        for name in x:  # CS231n: v_prev = v; v = mu v - a g; x += -mu v_prev + (1 + mu) v
            v_prev = velocity[name]
            velocity[name] = beta * v_prev - lr * (1 - beta) * grads["d" + name]
            x[name] = x[name] - beta * v_prev + (1 + beta) * velocity[name]
    for name in x:
        np.testing.assert_allclose(parameters[name], x[name], rtol=1e-12, atol=1e-14)


def test_nesterov_tracks_the_look_ahead_point_of_true_nesterov():
    """On f(w) = 0.5 * a * w**2, true Nesterov takes the gradient at w - lr * beta * v."""
    a, beta, lr = 3.0, 0.9, 0.1
    w, v_true = 1.0, 0.0
    parameters = {"W1": np.array([[w - lr * beta * v_true]]), "b1": np.zeros((1, 1))}
    v = opt.initialize_velocity(parameters)
    for _ in range(6):
        look_ahead = w - lr * beta * v_true
        v_true = beta * v_true + (1 - beta) * a * look_ahead
        w = w - lr * v_true
        grads = {"dW1": a * parameters["W1"], "db1": np.zeros((1, 1))}
        parameters, v = opt.update_parameters_with_nesterov(parameters, grads, v, beta, lr)
    assert parameters["W1"][0, 0] == pytest.approx(w - lr * beta * v_true, rel=1e-12)
    assert v["dW1"][0, 0] == pytest.approx(v_true, rel=1e-12)
