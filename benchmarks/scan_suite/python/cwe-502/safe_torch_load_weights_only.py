# CWE-502 safe: torch.load(..., weights_only=True) restricts unpickling to tensors and primitive containers
import sys

import torch


def load_checkpoint(path):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    return checkpoint["state_dict"]


if __name__ == "__main__":
    print(len(load_checkpoint(sys.argv[1])))
