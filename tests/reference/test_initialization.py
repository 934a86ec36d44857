"""reference.initialization: the course's published values, the seed-3 draw order, shapes,
and the variance each scheme promises."""

from __future__ import annotations

import numpy as np
import pytest

from dlgrade.reference.initialization import (
    initialize_parameters_he,
    initialize_parameters_random,
    initialize_parameters_xavier,
    initialize_parameters_zeros,
)

SEEDED = {
    initialize_parameters_random: lambda n_prev: 10.0,
    initialize_parameters_he: lambda n_prev: np.sqrt(2.0 / n_prev),
    initialize_parameters_xavier: lambda n_prev: np.sqrt(1.0 / n_prev),
}
LAYERS = [[3, 2, 1], [2, 4, 1], [5, 7, 3, 1], [10, 1]]


def test_published_random_value() -> None:
    assert initialize_parameters_random([3, 2, 1])["W1"][0, 0] == pytest.approx(17.88628473)


def test_published_he_value() -> None:
    assert initialize_parameters_he([2, 4, 1])["W1"][0, 0] == pytest.approx(1.78862847)


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("initializer", [initialize_parameters_zeros, *SEEDED])
def test_keys_and_shapes(initializer, layers) -> None:
    parameters = initializer(layers)
    assert set(parameters) == {f"{p}{layer}" for layer in range(1, len(layers)) for p in "Wb"}
    for layer in range(1, len(layers)):
        assert parameters[f"W{layer}"].shape == (layers[layer], layers[layer - 1])
        np.testing.assert_array_equal(parameters[f"b{layer}"], np.zeros((layers[layer], 1)))


@pytest.mark.parametrize("layers", LAYERS)
def test_zeros_are_zeros_and_draw_nothing(layers) -> None:
    np.random.seed(5)
    expected_next = np.random.RandomState(5).rand()
    parameters = initialize_parameters_zeros(layers)
    assert all(not value.any() for value in parameters.values())
    assert np.random.rand() == expected_next


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("initializer", list(SEEDED))
def test_seed_3_then_one_randn_per_layer_in_order(initializer, layers) -> None:
    """Derived independently: a RandomState(3) drawing W1, W2, ... in order, times the scale."""
    parameters = initializer(layers)
    rng = np.random.RandomState(3)
    for layer in range(1, len(layers)):
        expected = rng.randn(layers[layer], layers[layer - 1]) * SEEDED[initializer](
            layers[layer - 1]
        )
        np.testing.assert_allclose(parameters[f"W{layer}"], expected, rtol=1e-15)
    # The global generator was consumed exactly as the course consumes it.
    assert np.random.rand() == rng.rand()


@pytest.mark.parametrize("initializer", list(SEEDED))
def test_same_call_twice_gives_identical_arrays(initializer) -> None:
    first = initializer([6, 4, 2, 1])
    np.random.seed(123)  # whatever happened before, the function reseeds
    second = initializer([6, 4, 2, 1])
    for key in first:
        np.testing.assert_array_equal(first[key], second[key])


@pytest.mark.parametrize(
    ("initializer", "expected_variance"),
    [
        (initialize_parameters_xavier, lambda n: 1.0 / n),
        (initialize_parameters_he, lambda n: 2.0 / n),
        (initialize_parameters_random, lambda n: 100.0),
    ],
)
def test_weight_variance_on_a_large_layer(initializer, expected_variance) -> None:
    """500 000 weights: the sample variance is within ~0.2 % (1 sigma) of the target."""
    n_prev = 1000
    W = initializer([n_prev, 500])["W1"]
    assert np.var(W) == pytest.approx(expected_variance(n_prev), rel=0.02)
    assert abs(np.mean(W)) < 0.01 * np.sqrt(expected_variance(n_prev))
