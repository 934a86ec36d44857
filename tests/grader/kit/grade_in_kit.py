"""Grade notebooks with an unpacked student kit, in a process that sees only the kit.

Run as `python grade_in_kit.py KIT_TREE` with a JSON list of [path, slug] on stdin; prints
the reports as a JSON list. Imports nothing of the tests, nothing of the full grader.
"""

import json
import sys

sys.path.insert(0, sys.argv[1])

import dlgrade  # noqa: E402
from dlgrade.grader.grading import GradingSession, grade_prepared_many, prepare_submission  # noqa: E402

if not dlgrade.__file__.startswith(sys.argv[1]):
    sys.exit(f"imported {dlgrade.__file__}, not the kit")
with GradingSession.start() as session:
    prepared = [prepare_submission(path, assignment=slug) for path, slug in json.load(sys.stdin)]
    print(json.dumps([result.to_dict() for result in grade_prepared_many(prepared, session)]))
