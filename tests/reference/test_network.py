"""reference.network: the course helper modules' 3-layer net, against hand values and finite
differences; plus the rule that it can be loaded alone, by path, in the sandbox worker."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import numpy as np
import pytest

from dlgrade.reference import network

REFERENCE_DIR = Path(network.__file__).parent
WORKER_LOADED = ("network.py", "gc_vectors.py", "cases_week1.py")
GRADED_NAMES = {
    "initialize_parameters_zeros",
    "initialize_parameters_random",
    "initialize_parameters_he",
    "compute_cost_with_regularization",
    "backward_propagation_with_regularization",
    "forward_propagation_with_dropout",
    "backward_propagation_with_dropout",
    "gradient_check",
    "gradient_check_n",
}


def test_initialize_parameters_is_seed_3_randn_over_sqrt_fan_in() -> None:
    dims = [4, 5, 3, 1]
    parameters = network.initialize_parameters(dims)
    rng = np.random.RandomState(3)
    for layer in range(1, 4):
        expected = rng.randn(dims[layer], dims[layer - 1]) / np.sqrt(dims[layer - 1])
        np.testing.assert_allclose(parameters[f"W{layer}"], expected, rtol=1e-15)
        np.testing.assert_array_equal(parameters[f"b{layer}"], np.zeros((dims[layer], 1)))


def test_sigmoid_and_relu_by_hand() -> None:
    x = np.array([[-np.log(3.0), 0.0, np.log(3.0)]])
    np.testing.assert_allclose(network.sigmoid(x), [[0.25, 0.5, 0.75]])
    np.testing.assert_array_equal(network.relu(np.array([[-2.0, 0.0, 3.0]])), [[0.0, 0.0, 3.0]])


def _tiny_parameters() -> dict:
    """1-1-1-1 net with A3 = sigmoid(relu(relu(x)) - 1)."""
    one = np.ones((1, 1))
    return {"W1": one, "b1": 0 * one, "W2": one, "b2": 0 * one, "W3": one, "b3": -one}


def test_forward_by_hand_and_cache_order() -> None:
    X = np.array([[-1.0, 0.0, 2.0, 0.5]])
    A3, cache = network.forward_propagation(X, _tiny_parameters())
    np.testing.assert_allclose(A3, 1 / (1 + np.exp(-np.array([[-1.0, -1.0, 1.0, -0.5]]))))
    assert len(cache) == 12
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3_cached, W3, b3 = cache
    np.testing.assert_array_equal(Z1, X)
    np.testing.assert_array_equal(A1, [[0.0, 0.0, 2.0, 0.5]])
    np.testing.assert_array_equal(Z3, [[-1.0, -1.0, 1.0, -0.5]])
    np.testing.assert_array_equal(A3_cached, A3)
    np.testing.assert_array_equal(b3, [[-1.0]])


def test_predict_thresholds_at_one_half_without_printing(capsys: pytest.CaptureFixture) -> None:
    X = np.array([[0.0, 2.0, 0.5, 3.0]])  # Z3 = -1, 1, -0.5, 2
    predictions = network.predict(X, np.zeros((1, 4)), _tiny_parameters())
    np.testing.assert_array_equal(predictions, [[0, 1, 0, 1]])
    assert predictions.shape == (1, 4)
    assert capsys.readouterr().out == ""


def test_costs_by_hand() -> None:
    a3 = np.array([[0.5, 0.5, 0.8]])
    Y = np.array([[1, 0, 1]])
    total = 2 * np.log(2) - np.log(0.8)
    assert network.compute_cost(a3, Y) == pytest.approx(total / 3)
    assert network.compute_cost_sum(a3, Y) == pytest.approx(total)


def test_update_parameters_steps_against_the_gradient_and_keeps_input() -> None:
    parameters = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[10.0, -10.0]]), "db1": np.array([[1.0]])}
    updated = network.update_parameters(parameters, grads, 0.1)
    np.testing.assert_allclose(updated["W1"], [[0.0, 3.0]])
    np.testing.assert_allclose(updated["b1"], [[0.4]])
    np.testing.assert_array_equal(parameters["W1"], [[1.0, 2.0]])


@pytest.mark.parametrize("key", ["W1", "b1", "W2", "b2", "W3", "b3"])
def test_backward_matches_finite_differences(key, three_layer_data, assert_gradient) -> None:
    X, Y, parameters = three_layer_data
    _, cache = network.forward_propagation(X, parameters)
    grads = network.backward_propagation(X, Y, cache)

    def cost(value: np.ndarray) -> float:
        A3, _ = network.forward_propagation(X, {**parameters, key: value})
        return network.compute_cost(A3, Y)

    assert_gradient(cost, parameters[key], grads[f"d{key}"])


def test_backward_intermediate_gradients_are_those_of_the_summed_loss(
    three_layer_data, assert_gradient
) -> None:
    """dZ3, dA2, dA1 are derivatives of the SUM over examples (the 1/m enters at dW, db)."""
    X, Y, parameters = three_layer_data
    _, cache = network.forward_propagation(X, parameters)
    grads = network.backward_propagation(X, Y, cache)
    W2, b2, W3, b3 = (parameters[k] for k in ("W2", "b2", "W3", "b3"))

    def loss_from_z3(Z3):
        return network.compute_cost_sum(network.sigmoid(Z3), Y)

    def loss_from_a2(A2):
        return loss_from_z3(W3 @ A2 + b3)

    def loss_from_a1(A1):
        return loss_from_a2(network.relu(W2 @ A1 + b2))

    assert_gradient(loss_from_z3, cache[8], grads["dZ3"])
    assert_gradient(loss_from_a2, cache[5], grads["dA2"])
    assert_gradient(loss_from_a1, cache[1], grads["dA1"])
    assert set(grads) == set(network.GRADIENT_KEYS)


@pytest.mark.parametrize("filename", WORKER_LOADED)
def test_worker_loaded_module_imports_only_numpy(filename: str) -> None:
    tree = ast.parse((REFERENCE_DIR / filename).read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0] if node.level == 0 else ".")
    assert imported <= {"numpy", "__future__"}


@pytest.mark.parametrize("filename", WORKER_LOADED)
def test_worker_loaded_module_loads_by_path_and_defines_no_graded_function(filename) -> None:
    spec = importlib.util.spec_from_file_location(
        "course_helper_under_test", REFERENCE_DIR / filename
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    defined = {name for name, value in vars(module).items() if callable(value)}
    assert not defined & GRADED_NAMES
