#!/usr/bin/env python3
"""Measures kp.exporter.postgres against kp.exporter.sqlite on the same 10k small documents, in
one run, as ratios (a shared machine's absolute timings mean little on their own):

    python3 bench/postgres.py [--kpproc PATH] [--corpus DIR] [--runs N] [--count N]
    bench/run.sh postgres [...]                 (the same)

  * `auto ! entities ! sqlite` into a new database file, one process (-j 1): the floor;
  * `auto ! entities ! postgres` into a new database, one process (-j 1);
  * the same with two processes at once, `--shard 0/2` and `--shard 1/2` (-j 1 each), into
    one new database: what sharding over processes (or machines) gives;
  * two processes into PostgreSQL against one, as a speed-up.

The server is a throw-away cluster of the bench's own (tests/support/postgres_cluster.sh: a
Unix socket in a temporary directory, fsync off as for the tests), on the same two cores as
kpproc: its work is part of each PostgreSQL timing, as SQLite's is of the floor. Each timing is
the best of --runs, the sides interleaved. The corpus is bench/batch.py's nested-10k set, made
once. Standard library only; needs Debian's postgresql (the server) and psql.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import batch  # noqa: E402  (its corpus of small records)

CHAIN = "auto ! entities ! {}"


class Cluster:
    def __init__(self, scratch):
        self.state = os.path.join(scratch, "cluster.state")
        self.script = os.path.join(HERE, "..", "tests", "support", "postgres_cluster.sh")

    def __enter__(self):
        subprocess.run(["bash", self.script, "start", self.state], check=True)
        values = dict(line.rstrip("\n").split("=", 1) for line in open(self.state))
        self.socket, self.user = values["SOCKET_DIR"], values["SUPERUSER"]
        return self

    def __exit__(self, *exc):
        subprocess.run(["bash", self.script, "stop", self.state], check=False)

    def psql(self, sql):
        subprocess.run(["psql", "-h", self.socket, "-U", self.user, "-d", "postgres", "-q", "-c", sql],
                       check=True, stdout=subprocess.DEVNULL)

    def fresh(self, name):
        self.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.psql(f"CREATE DATABASE {name}")
        return f"postgresql://{self.user}@/{name}?host={self.socket}"


def timed(commands):
    """Runs the commands at once; returns the wall time until the last ends."""
    start = time.perf_counter()
    processes = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in commands]
    for p, c in zip(processes, commands):
        _, err = p.communicate()
        if p.returncode != 0:
            sys.exit(f"bench: {' '.join(c)} failed ({p.returncode}):\n{err.decode()[-2000:]}")
    elapsed = time.perf_counter() - start
    print(f"bench: {elapsed:7.2f} s  {len(commands)} x {' '.join(commands[0][1:8])} …", file=sys.stderr,
          flush=True)
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kpproc", default=os.path.join(HERE, "..", "build", "release", "bin", "kpproc"))
    parser.add_argument("--corpus", help="where bench/batch.py's sets are (made once if missing)")
    parser.add_argument("--runs", type=int, default=3, help="best of N for each timing (default 3)")
    args = parser.parse_args()
    kpproc = os.path.abspath(args.kpproc)
    corpus = os.path.abspath(args.corpus or os.path.join(os.path.dirname(kpproc), "..", "bench-batch"))
    os.makedirs(corpus, exist_ok=True)
    pool = batch.make_pool(kpproc, os.path.join(corpus, "pool"))
    documents = batch.make_set(corpus, "nested-10k", 10_000, True, pool)

    best = {"sqlite": [], "postgres, 1 process": [], "postgres, 2 processes": []}
    with tempfile.TemporaryDirectory() as scratch, Cluster(scratch) as cluster:
        for _ in range(args.runs):
            database = os.path.join(scratch, "floor.sqlite")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(database + suffix):
                    os.remove(database + suffix)
            run = [kpproc, "run", "-q", "-j", "1"]
            best["sqlite"].append(timed([run + ["-c", CHAIN.format("sqlite"), "-o", database, documents]]))
            url = cluster.fresh("bench_one")
            best["postgres, 1 process"].append(
                timed([run + ["-c", CHAIN.format("postgres"), "-o", url, documents]]))
            url = cluster.fresh("bench_two")
            best["postgres, 2 processes"].append(
                timed([run + ["--shard", f"{k}/2", "-c", CHAIN.format("postgres"), "-o", url, documents]
                       for k in range(2)]))
    t = {name: min(times) for name, times in best.items()}
    print(f"10k small documents ({sum(map(len, pool)) / len(pool) / 1000:.1f} KB on average), "
          f"{CHAIN.format('…')}, -j 1 per process; best of {args.runs}")
    print(f"{'measure':52} {'value':>8} {'floor':>8} {'ratio':>7}")
    rows = [("postgres, 1 process / sqlite", t["postgres, 1 process"], t["sqlite"]),
            ("postgres, 2 processes (--shard) / sqlite", t["postgres, 2 processes"], t["sqlite"]),
            ("postgres: 1 process / 2 processes (speed-up)", t["postgres, 1 process"], t["postgres, 2 processes"])]
    for name, value, floor in rows:
        print(f"{name:52} {value:7.2f}s {floor:7.2f}s {value / floor:6.2f}x")


if __name__ == "__main__":
    main()
