"""Names the one matrix job that runs every check `gate` and drops the aggregate job, so GitHub reports `gate (3.12)`, `gate (3.11)`, ... and never one check called `gate`.

expect: task5_visible
base: alternative_cold_one_matrix_job_pipefail
"""
# %% your_workflow
# -
# -   gate:
# -     needs: checks
# -     if: ${{ !cancelled() }}
# -     runs-on: ubuntu-latest
# -     steps:
# -       - name: checks succeeded on every Python
# -         run: |
# -           echo "checks: ${{ needs.checks.result }}"
# -           test "${{ needs.checks.result }}" = "success"
# +
# -   checks:
# -     name: checks (Python ${{ matrix.python }})
# +   gate:
# +     name: gate (Python ${{ matrix.python }})
