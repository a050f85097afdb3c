# CWE-330 safe: random.random() drives a Monte Carlo estimate of pi; no secret or security decision depends on it
import random
import sys


def estimate_pi(samples, seed=1234):
    rng = random.Random(seed)
    inside = 0
    for _ in range(samples):
        x, y = rng.random(), rng.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / samples


if __name__ == "__main__":
    print(estimate_pi(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
