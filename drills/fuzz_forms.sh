#!/bin/sh
# Drill: Hypothesis fuzzing of every public form, 10,000 examples per form; no 500 allowed.
#
#   drills/fuzz_forms.sh                      # on SQLite in memory, as `make test`
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/victims_fuzz drills/fuzz_forms.sh
#
# The tests are the ones `make test` runs with a few examples each:
#   tests/complaints/test_forms_fuzz.py       the journey's questions, check answers, progress
#   tests/drills/test_public_forms_fuzz.py    search, police lookup, the tool, the buttons
# HYPOTHESIS_PROFILE=drill (tests/conftest.py) raises every test to 10,000 examples, even
# those that set max_examples for `make test`; HYPOTHESIS_DRILL_EXAMPLES=N changes the count.
# About 30 minutes for all forms on 2 cores with two processes (`drills/fuzz_forms.sh -n 2`;
# 29 November, PostgreSQL); pass pytest arguments to narrow it, e.g.
#   drills/fuzz_forms.sh -k search
# Run it on a machine nobody else is using: it keeps the cores busy the whole time.
set -eu
cd "$(dirname "$0")/.."
HYPOTHESIS_PROFILE=drill exec .venv/bin/pytest \
    tests/complaints/test_forms_fuzz.py tests/drills/test_public_forms_fuzz.py \
    -q "$@"
