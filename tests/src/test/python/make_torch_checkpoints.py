"""Writes the nnU-Net v1 checkpoint fixtures of TorchCheckpointTest (run by hand, not in CI).

A reduced reference UNETR++ (the authors' Synapse class with a quarter of the width, one EPA block per stage, a 16x32x32
patch) gets deterministic weights, one SGD step (so the optimizer state holds momentum buffers, as a real
checkpoint does), and is saved the way the authors' trainer saves it: `torch.save` of the checkpoint dict
(zip format and the legacy format) plus the `.model.pkl` of the plans. The reference output on a fixed input is
written as safetensors.

    UNETRPP_SRC=<reference tree> PYTHONPATH=<shared>/reference-harness \
        /usr/bin/python3 make_torch_checkpoints.py <out dir>
        /usr/bin/python3 make_torch_checkpoints.py --full-acdc <out dir>   # the full-size check (0.5 GB)
"""
import collections
import os
import sys

import numpy as np
import torch

import refmodel
import st_io

SIZE = (16, 32, 32)


def reduce_network():
    """The reduced network; voxarch builds it as
    --model unetrpp-synapse --set feature_size=4 --set depths=1,1,1,1 --set patch=16,32,32"""
    refmodel.TRAINER_KWARGS.update(feature_size=4, dims=[8, 16, 32, 64], depths=[1, 1, 1, 1], hidden_size=64)


def plans():
    """A plans dict shaped like nnU-Net v1's (numpy arrays and scalars included)."""
    stage = collections.OrderedDict(
        batch_size=2, num_pool_per_axis=[4, 5, 5], patch_size=np.array(SIZE),
        median_patient_size_in_voxels=np.array([148, 512, 512]),
        current_spacing=np.array([3.0, 0.7578125, 0.7578125]),
        original_spacing=np.array([3.0, 0.7578125, 0.7578125]),
        do_dummy_2D_data_aug=False, pool_op_kernel_sizes=[[2, 2, 2]] * 4,
        conv_kernel_sizes=[[3, 3, 3]] * 5)
    return collections.OrderedDict(
        num_stages=1, num_modalities=1, modalities={0: "CT"},
        normalization_schemes=collections.OrderedDict([(0, "CT")]),
        dataset_properties={"intensityproperties": {0: {
            "median": np.float64(80.0), "mean": np.float64(99.4), "sd": np.float64(137.2),
            "mn": np.float64(-985.0), "mx": np.float64(3071.0),
            "percentile_99_5": np.float64(276.0), "percentile_00_5": np.float64(-958.0)}}},
        list_of_npz_files=[], original_spacings=[], original_sizes=[],
        preprocessed_data_folder="/x", num_classes=13, all_classes=list(range(1, 14)),
        base_num_features=32, use_mask_for_norm=collections.OrderedDict([(0, False)]),
        keep_only_largest_region=None, min_region_size_per_class=None, min_size_per_class=None,
        transpose_forward=[0, 1, 2], transpose_backward=[0, 1, 2],
        data_identifier="nnFormerData_plans_v2.1", plans_per_stage={0: stage},
        preprocessor_name="GenericPreprocessor", conv_per_stage=2)


def checkpoint(net, opt):
    sd = net.state_dict()
    return {
        "epoch": 3,
        "state_dict": sd,
        "optimizer_state_dict": opt.state_dict(),
        "lr_scheduler_state_dict": None,
        "plot_stuff": ([1.5, 1.2, np.float64(1.1)], [1.4, 1.3, 1.25], [], [np.float64(0.1), 0.2, 0.3]),
        "best_stuff": (2, np.float64(1.1), np.float64(0.3)),
    }


def full_acdc(out):
    """The full-size check outside CI: the authors' ACDC network at its trainer patch, with SGD momentum for every
    parameter (a checkpoint of the released models' size), and its output on a fixed input.

        voxarch forward --model unetrpp-acdc --weights acdc_full.model --input acdc_full_io.safetensors -o Y
    """
    os.makedirs(out, exist_ok=True)
    net = refmodel.build_model("acdc", seed=0)
    refmodel.perturb_(net)
    opt = torch.optim.SGD(net.parameters(), lr=1e-6, momentum=0.99, nesterov=True)
    net.train()
    sum(o.float().mean() for o in net(refmodel.make_input("acdc", batch=2, seed=99))).backward()
    opt.step()
    net.eval()
    x = refmodel.make_input("acdc")
    with torch.no_grad():
        outs = net(x)
    torch.save(checkpoint(net, opt), os.path.join(out, "acdc_full.model"))
    tensors = collections.OrderedDict(input=x)
    for i, o in enumerate(outs):
        tensors["output.%d" % i] = o.detach()
    st_io.write(os.path.join(out, "acdc_full_io.safetensors"), tensors.items())


def main(out):
    os.makedirs(out, exist_ok=True)
    reduce_network()
    net = refmodel.build_model("synapse", size=SIZE, seed=0)
    refmodel.perturb_(net)
    x = refmodel.make_input("synapse", size=SIZE)
    # One SGD step: momentum buffers in the optimizer state, as in the authors' checkpoints (for the last
    # parameters only, to keep the fixture small).
    opt = torch.optim.SGD(list(net.parameters())[-6:], lr=1e-6, momentum=0.99, nesterov=True)
    net.train()
    sum(o.float().mean() for o in net(refmodel.make_input("synapse", size=SIZE, batch=2, seed=99))).backward()
    opt.step()
    net.eval()
    with torch.no_grad():
        outs = net(x)
    print("parameters:", sum(p.numel() for p in net.parameters()))
    ck = checkpoint(net, opt)
    torch.save(ck, os.path.join(out, "tiny_zip.model"))
    torch.save(ck, os.path.join(out, "tiny_legacy.model"), _use_new_zipfile_serialization=False)
    info = collections.OrderedDict(init=("plans.pkl", 0, "/out", "/data", False, 0, True, False, True),
                                   name="unetr_pp_trainer_synapse",
                                   plans=plans())
    info["class"] = "<class 'unetr_pp.training.network_training.unetr_pp_trainer_synapse.unetr_pp_trainer_synapse'>"
    for name in ("tiny_zip", "tiny_legacy"):
        with open(os.path.join(out, name + ".model.pkl"), "wb") as f:
            import pickle
            pickle.dump(info, f)
    tensors = collections.OrderedDict(input=x)
    for i, o in enumerate(outs):
        o = o.detach()
        tensors["output.%d" % i] = o
    st_io.write(os.path.join(out, "tiny_io.safetensors"), tensors.items(), {"size": str(SIZE)})


if __name__ == "__main__":
    refmodel.setup_paths()
    if len(sys.argv) > 2 and sys.argv[1] == "--full-acdc":
        full_acdc(sys.argv[2])
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "out")
