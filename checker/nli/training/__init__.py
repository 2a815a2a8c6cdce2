"""Making and training NLI models: the NLI data loaders (``datasets``), the drift perturbations
(``perturb*``, word lists in ``perturb_data.toml``) and fine-tuning (``train``, its options and
its pickle-free ``checkpoint``). Checking never imports this package; the command line reads
only ``train_options``, which imports no torch."""
