"""NLI backends: the embedded e5-small cross-encoder (default) or any local HF NLI checkpoint.

``base`` (the interface, labels, batching) and ``registry`` (``load_backend``, one entry per
model kind, and the runtime choice) import no torch; ``onnx_backend`` (the default runtime of
the embedded model, with ``onnx_weights`` and ``embedded_dir``) imports neither torch nor
transformers; ``embedded`` (torch) and ``huggingface`` are the other backends; ``onnx_export``
writes the shipped graphs; ``cross_encoder``, ``encoder``, ``e5_weights``, ``e5_tokenizer``
and ``tensors`` the model code; ``training`` the data loaders, drift perturbations and
fine-tuning.

Nothing here may touch the network: the offline switches are set before transformers is
imported, so a missing model fails at once instead of waiting on a hub.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
