"""Reference solutions of the sample assignment (trusted side)."""

import math

import numpy as np


def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))


def initialize_velocity(parameters):
    layers = len(parameters) // 2
    velocity = {}
    for layer in range(1, layers + 1):
        velocity[f"dW{layer}"] = np.zeros_like(parameters[f"W{layer}"])
        velocity[f"db{layer}"] = np.zeros_like(parameters[f"b{layer}"])
    return velocity
