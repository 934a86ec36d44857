"""Gradescope: build the autograder zip (`build`) and grade inside Gradescope (`run`)."""
