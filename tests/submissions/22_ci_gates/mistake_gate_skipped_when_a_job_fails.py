"""Makes gate need lint and test without if: always(): when either fails, gate is skipped, and a skipped required check counts as passed.

expect: task5_hidden
"""
# %% your_workflow
# -     # The one required check. always(): a skipped required check counts as passed.
# -     if: always()
# -     needs: [lint, test]
# +     needs: [lint, test]
# -       - name: Every check passed
# -         run: |
# -           test "${{ needs.lint.result }}" = success
# -           test "${{ needs.test.result }}" = success
# +       - name: Every check passed
# +         run: echo "lint and tests passed"
