"""Known mistakes of the sample assignment (self-contained: numpy and math only)."""

import math

import numpy as np

from dlgrade.grader.checking import mistake


@mistake("update_lr", "divide by (1 + decay_rate * epoch_num), not (1 + decay_rate)")
def update_lr_wrong_parentheses(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate) * epoch_num


@mistake("update_lr", "the decay grows with epoch_num: it is not decay_rate ** epoch_num")
def update_lr_power_of_epoch(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate**epoch_num) / (1 - decay_rate)


@mistake("schedule_lr_decay", "use floor(epoch_num / time_interval)")
def schedule_without_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * epoch_num / time_interval)


@mistake("initialize_velocity", "the velocity keys are dW1, db1, ... (gradient names)")
def velocity_with_parameter_keys(parameters):
    layers = len(parameters) // 2
    velocity = {}
    for layer in range(1, layers + 1):
        velocity["W" + str(layer)] = np.zeros(parameters["W" + str(layer)].shape)
        velocity["b" + str(layer)] = np.zeros(parameters["b" + str(layer)].shape)
    return velocity


def helper_not_a_mistake(x):
    return math.sqrt(x)
