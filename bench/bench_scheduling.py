"""Time `clusterdesk.core.scheduling.schedule` over many small milestone networks; prints total and per-project time.

    .venv/bin/python bench/bench_scheduling.py --projects 30000 --nodes 20 --seed 7

Each synthetic network is a random DAG over the nodes in a shuffled order with about nodes − 1 dependencies of
mixed kinds and lags (mostly finish-to-start), like a province's 节点计划 for one project. Building the networks is
not timed; only the `schedule` calls are.
"""

import argparse
import random
import time

from clusterdesk.core.scheduling import Dependency, DependencyKind, Task, schedule

KINDS = [DependencyKind.FS] * 7 + [DependencyKind.SS, DependencyKind.FF, DependencyKind.SF]


def build_network(rng: random.Random, nodes: int) -> tuple[list[Task], list[Dependency]]:
    ids = [f"N{i:02d}" for i in range(nodes)]
    tasks = [Task(task_id, rng.randint(0, 60)) for task_id in ids]
    rank = ids[:]
    rng.shuffle(rank)
    deps = []
    for i in range(1, nodes):
        deps.append(Dependency(rank[rng.randrange(i)], rank[i], rng.choice(KINDS), rng.randint(-5, 10)))
    # A few extra cross links still point forward in `rank`, so the network stays acyclic.
    for _ in range(rng.randint(0, 2)):
        a, b = sorted(rng.sample(range(nodes), 2))
        deps.append(Dependency(rank[a], rank[b], rng.choice(KINDS), rng.randint(0, 5)))
    rng.shuffle(tasks)
    return tasks, deps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=30_000)
    parser.add_argument("--nodes", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    networks = [build_network(rng, args.nodes) for _ in range(args.projects)]
    edges = sum(len(deps) for _, deps in networks)

    began = time.perf_counter()
    critical = 0
    for tasks, deps in networks:
        critical += len(schedule(tasks, deps, start=738_000).critical_path)
    elapsed = time.perf_counter() - began

    print(f"{args.projects} projects × {args.nodes} nodes, {edges} dependencies, {critical} critical tasks")
    print(f"total {elapsed:.3f} s, {elapsed / args.projects * 1e6:.1f} µs per project")


if __name__ == "__main__":
    main()
