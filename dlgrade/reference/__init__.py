"""Clean NumPy reference of every technique of the course; every grade is measured against it.

Data layout everywhere: features x examples, X (n_x, m), Y (1, m).

Only names that are unique across the modules are exported here. The course reuses
`forward_propagation`, `backward_propagation`, `compute_cost`, `initialize_parameters`, ...
for different things (the 3-layer net in reference.network, the 1-D warm-up in
reference.gradient_checking); import those from their module so the meaning is explicit.
"""

from dlgrade.reference.batchnorm import (
    batchnorm_backward,
    batchnorm_forward,
    batchnorm_inference,
    batchnorm_running_averages,
)
from dlgrade.reference.dropout import (
    backward_propagation_with_dropout,
    forward_propagation_with_dropout,
)
from dlgrade.reference.ewa import exponentially_weighted_average
from dlgrade.reference.gradient_checking import gradient_check, gradient_check_n
from dlgrade.reference.initialization import (
    initialize_parameters_he,
    initialize_parameters_random,
    initialize_parameters_xavier,
    initialize_parameters_zeros,
)
from dlgrade.reference.lr_decay import (
    exponential_lr_decay,
    inverse_sqrt_lr_decay,
    schedule_lr_decay,
    update_lr,
)
from dlgrade.reference.mini_batches import random_mini_batches
from dlgrade.reference.numerical import numerical_gradient, relative_error
from dlgrade.reference.optimizers import (
    initialize_adam,
    initialize_rmsprop,
    initialize_velocity,
    update_parameters_with_adam,
    update_parameters_with_gd,
    update_parameters_with_momentum,
    update_parameters_with_nesterov,
    update_parameters_with_rmsprop,
)
from dlgrade.reference.practical import (
    early_stopping_epoch,
    normalization_statistics,
    normalize_inputs,
    sample_beta,
    sample_learning_rate,
    train_dev_test_split,
)
from dlgrade.reference.regularization import (
    backward_propagation_with_regularization,
    compute_cost_with_regularization,
    l1_penalty,
    l1_penalty_gradient,
    l2_penalty,
    l2_penalty_gradient,
)
from dlgrade.reference.softmax_layer import (
    one_hot,
    softmax,
    softmax_backward,
    softmax_cross_entropy,
)

__all__ = [
    # week 1: initialization
    "initialize_parameters_zeros",
    "initialize_parameters_random",
    "initialize_parameters_he",
    "initialize_parameters_xavier",
    # week 1: regularization
    "compute_cost_with_regularization",
    "backward_propagation_with_regularization",
    "l1_penalty",
    "l1_penalty_gradient",
    "l2_penalty",
    "l2_penalty_gradient",
    "forward_propagation_with_dropout",
    "backward_propagation_with_dropout",
    # week 1: gradient checking
    "gradient_check",
    "gradient_check_n",
    "numerical_gradient",
    "relative_error",
    # week 2: optimization
    "update_parameters_with_gd",
    "random_mini_batches",
    "initialize_velocity",
    "update_parameters_with_momentum",
    "update_parameters_with_nesterov",
    "initialize_rmsprop",
    "update_parameters_with_rmsprop",
    "initialize_adam",
    "update_parameters_with_adam",
    "update_lr",
    "schedule_lr_decay",
    "exponential_lr_decay",
    "inverse_sqrt_lr_decay",
    "exponentially_weighted_average",
    # week 3: batch norm, softmax, practical aspects
    "batchnorm_forward",
    "batchnorm_backward",
    "batchnorm_running_averages",
    "batchnorm_inference",
    "softmax",
    "softmax_cross_entropy",
    "softmax_backward",
    "one_hot",
    "train_dev_test_split",
    "normalization_statistics",
    "normalize_inputs",
    "sample_learning_rate",
    "sample_beta",
    "early_stopping_epoch",
]
