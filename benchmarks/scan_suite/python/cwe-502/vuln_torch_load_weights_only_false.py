# CWE-502 vuln: torch.load(..., weights_only=False) on a checkpoint path given on the command line of a model-serving job fed by users
import sys

import torch


def load_checkpoint(path):
    checkpoint = torch.load(path, map_location="cpu", weights_only=False)
    return checkpoint["state_dict"]


if __name__ == "__main__":
    print(len(load_checkpoint(sys.argv[1])))
