"""Installs flask and gunicorn by name in the build stage, without versions.

expect: task5_hidden_2
"""
# %% your_dockerfile
# - COPY requirements.lock /tmp/requirements.lock
# - RUN /venv/bin/pip install --no-cache-dir --require-hashes -r /tmp/requirements.lock
# + RUN /venv/bin/pip install --no-cache-dir --upgrade pip && /venv/bin/pip install --no-cache-dir flask gunicorn
