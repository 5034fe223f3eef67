"""A notebook file cut off in the middle (not valid JSON).

exercise: 01_routing
expect: unmatched
flags: unmatched: routing.ipynb: unreadable notebook
"""
# %% raw
{
 "cells": [
  {
   "cell_type": "code",
   "source": ["def create_app(test_config=None):\n",
