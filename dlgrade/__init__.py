"""dlgrade: a sandboxed autograder for "Improving Deep Neural Networks".

One distinctive top-level package, so installing the grader adds no generic names
(`grader`, `reference`, `assignments`) to a user's environment:

  dlgrade.grader        the engine and the `grade` command
  dlgrade.reference     the clean NumPy reference (the instructor's: never given to students)
  dlgrade.assignments   per assignment: assignment.toml, template, checks, mistakes
"""
