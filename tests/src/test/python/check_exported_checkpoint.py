"""Checks that the authors' code reads a checkpoint written by `voxarch export` (run by hand, not in CI).

torch.load reads the .model, load_state_dict on the reduced reference network of make_torch_checkpoints.py accepts
its state dict (strict), E and F come back as one storage, and the .model.pkl unpickles with the fields the
trainers' process_plans reads.

    UNETRPP_SRC=<reference tree> PYTHONPATH=<shared>/reference-harness:<this folder> \
        /usr/bin/python3 check_exported_checkpoint.py X.model
"""
import pickle
import sys

import torch

import make_torch_checkpoints
import refmodel


def main(path):
    make_torch_checkpoints.reduce_network()
    ck = torch.load(path, map_location="cpu")
    sd = ck["state_dict"]
    net = refmodel.build_model("synapse", size=make_torch_checkpoints.SIZE)
    net.load_state_dict(sd)  # strict: raises on a missing, unexpected or mis-shaped key
    e = [k for k in sd if k.endswith("epa_block.E.weight")][0]
    f = e[:-len("E.weight")] + "F.weight"
    shared = sd[e].data_ptr() == sd[f].data_ptr()
    with open(path + ".pkl", "rb") as fh:
        info = pickle.load(fh)
    plans = info["plans"]
    stage = plans["plans_per_stage"][0]
    for key in ("num_modalities", "num_classes", "normalization_schemes", "use_mask_for_norm",
                "transpose_forward", "transpose_backward", "dataset_properties", "all_classes",
                "base_num_features", "keep_only_largest_region", "min_region_size_per_class"):
        assert key in plans, key
    for key in ("batch_size", "num_pool_per_axis", "patch_size", "do_dummy_2D_data_aug", "pool_op_kernel_sizes",
                "conv_kernel_sizes"):
        assert key in stage, key
    print("torch.load: %d tensors, epoch %d; load_state_dict accepted it; E/F shared: %s; pkl: %s, patch %s"
          % (len(sd), ck["epoch"], shared, info["name"], list(stage["patch_size"])))


if __name__ == "__main__":
    refmodel.setup_paths()
    main(sys.argv[1])
