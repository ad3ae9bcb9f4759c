"""Speed benchmarks of the cabinet package (issue 7); run ``python -m benchmarks``, see README.md."""
