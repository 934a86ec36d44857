"""Known mistakes of the tiny batch-test assignment."""

from dlgrade.grader.checking import mistake


@mistake("update_lr", "divide by (1 + decay_rate * epoch_num), not (1 + decay_rate)")
def update_lr_wrong_parentheses(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate) * epoch_num
