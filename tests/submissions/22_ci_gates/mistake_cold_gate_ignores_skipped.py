"""Chained jobs (types and tests need lint; gate needs types and tests) with a gate that fails only on `contains(needs.*.result, 'failure')`: when lint fails, types and tests are skipped and the gate goes green.

expect: task5_hidden
base: alternative_cold_chained_python_m
"""
# %% your_workflow
# -       - name: Require success of every upstream job
# -         run: |
# -           for result in "${{ needs.types.result }}" "${{ needs.tests.result }}"; do
# -             if [[ "$result" != "success" ]]; then
# -               echo "::error::an upstream job ended $result"
# -               exit 1
# -             fi
# -           done
# -           echo "all checks green"
# +       - name: Fail if an upstream job failed
# +         if: ${{ contains(needs.*.result, 'failure') }}
# +         run: exit 1
