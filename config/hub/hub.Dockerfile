# The hub image of Flask Interview Lab for Zero to JupyterHub (config/hub/z2jh-values.yaml): the
# chart's own hub image with the flasklab package added, for the one-time-link authenticator and the
# per-role pre-spawn hook. flasklab.hub_jupyterhub needs only JupyterHub, tornado and traitlets,
# which the image has, so nothing else is installed and the image's JupyterHub stays the chart's.
# Build it with the tag of the chart version you install (`helm search repo jupyterhub/jupyterhub`):
#   docker build -f config/hub/hub.Dockerfile --build-arg K8S_HUB_TAG=4.2.0 -t REGISTRY/flask-interview-lab-hub:TAG .
ARG K8S_HUB_TAG=4.2.0
FROM quay.io/jupyterhub/k8s-hub:${K8S_HUB_TAG}

USER root
WORKDIR /opt/flasklab
COPY pyproject.toml README.md ./
COPY autograder/ autograder/
COPY flasklab/ flasklab/
RUN python3 -m pip install --no-cache-dir --no-deps . \
 && python3 -c "import flasklab.hub_jupyterhub"

USER jovyan
WORKDIR /srv/jupyterhub
