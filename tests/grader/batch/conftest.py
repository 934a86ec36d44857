"""Batch tests grade against `assignment_root/tiny`: two small exercises, 10 points.

update_lr (6 points: two course cases and one hidden case, 2 points each) and scale
(4 points). Its check modules run only inside the batch, never as tests here.
"""

collect_ignore = ["assignment_root"]
