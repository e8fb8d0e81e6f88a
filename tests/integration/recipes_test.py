#!/usr/bin/python3
"""The scaling recipes of docs/recipes/, run here as far as one machine allows, against the
throw-away PostgreSQL cluster of the tests:

  * GNU parallel: the script itself, for real;
  * Slurm: the array script, run once per task with the variables Slurm sets;
  * Kubernetes: the indexed Job's command, read from the YAML and run once per index with the
    variables the Job sets (its parallelism at a time);
  * Spark: the command RDD.pipe runs, read from the snippet, fed paths on standard input.

Each sharded recipe must store exactly the documents one plain run stores, each once.

    recipes_test.py SOURCE_DIR KPPROC_BINARY POSTGRES_STATE_FILE
"""
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

SOURCE, KPPROC, STATE = sys.argv[1:4]
RECIPES = os.path.join(SOURCE, "docs", "recipes")
failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def cluster():
    values = {}
    with open(STATE) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            values[key] = value
    return values["SOCKET_DIR"], values["SUPERUSER"]


SOCKET, SUPERUSER = cluster()


def psql(dbname, sql):
    out = subprocess.run(["psql", "-h", SOCKET, "-U", SUPERUSER, "-d", dbname, "-At", "-c", sql],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def new_database(name):
    psql("postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql("postgres", f"CREATE DATABASE {name}")
    return f"postgresql://{SUPERUSER}@/{name}?host={SOCKET}"


def contents(name):
    """What a database holds, without ids: each document's source and its rows per table."""
    return psql(name, "SELECT string_agg(x, E'\\n' ORDER BY x) FROM (SELECT d.source || ' ' || "
                      "(SELECT COUNT(*) FROM items i WHERE i.document_id = d.id) || ' ' || "
                      "(SELECT COUNT(*) FROM paragraphs p JOIN items i ON i.id = p.item_id "
                      "WHERE i.document_id = d.id) || ' ' || (SELECT COUNT(*) FROM entities e "
                      "WHERE e.document_id = d.id) AS x FROM documents d) AS rows")


def make_corpus(root):
    seeds = sorted(os.listdir(os.path.join(SOURCE, "tests", "data", "seeds")))
    for copy in range(4):
        folder = os.path.join(root, f"council-{copy % 2}")
        os.makedirs(folder, exist_ok=True)
        for seed in seeds:
            with open(os.path.join(SOURCE, "tests", "data", "seeds", seed)) as f:
                text = f.read()
            with open(os.path.join(folder, f"{copy}-{seed}"), "w") as f:
                f.write(f"{text}\nCopy {copy}.\n")
    return 4 * len(seeds)


def environment(**extra):
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(KPPROC) + os.pathsep + env["PATH"]  # `kpproc` as installed
    env.update(extra)
    return env


def run_parallel(archive, database, work):
    subprocess.run(["bash", os.path.join(RECIPES, "parallel.sh")], check=True, cwd=work,
                   env=environment(KPPROC_ARCHIVE=archive, KPPROC_DATABASE=database,
                                   KPPROC_SHARDS="4", KPPROC_JOBLOG=os.path.join(work, "log")))
    with open(os.path.join(work, "log")) as f:
        rows = f.read().splitlines()[1:]
    check(len(rows) == 4 and all(r.split("\t")[6] == "0" for r in rows),
          "parallel: 4 shards, each exit status 0 in the job log")


def run_slurm(archive, database, work):
    script = os.path.join(RECIPES, "slurm-array.sh")
    with open(script) as f:
        check("#SBATCH --array=0-" in f.read(), "slurm: the script declares its array")
    tasks = [subprocess.Popen(["bash", script], cwd=work,
                              env=environment(KPPROC_ARCHIVE=archive, KPPROC_DATABASE=database,
                                              SLURM_ARRAY_TASK_ID=str(k),
                                              SLURM_ARRAY_TASK_COUNT="4",
                                              SLURM_CPUS_PER_TASK="1"))
             for k in range(4)]
    check(all(t.wait() == 0 for t in tasks), "slurm: tasks 0-3 of 4, at once, all exit 0")


def run_kubernetes(archive, database, work):
    with open(os.path.join(RECIPES, "kubernetes-job.yaml")) as f:
        job = yaml.safe_load(f)
    spec = job["spec"]
    check(job["kind"] == "Job" and spec["completionMode"] == "Indexed",
          "kubernetes: an indexed Job")
    container = spec["template"]["spec"]["containers"][0]
    command = container["command"] + container["args"]
    completions, parallelism = spec["completions"], spec["parallelism"]
    # The archive volume is mounted at /archive: here it is the corpus.
    mount = container["volumeMounts"][0]["mountPath"]
    command = [part.replace(mount, archive) for part in command]
    check(f"/{completions}" in command[-1], "kubernetes: each pod's shard count is completions")
    done = []
    for first in range(0, completions, parallelism):
        pods = [subprocess.Popen(command, cwd=work,
                                 env=environment(JOB_COMPLETION_INDEX=str(k),
                                                 KPPROC_DATABASE=database))
                for k in range(first, min(first + parallelism, completions))]
        done += [p.wait() for p in pods]
    check(done == [0] * completions, f"kubernetes: {completions} indexes, {parallelism} at a "
                                     "time, all exit 0")


def run_spark_pipe(archive, expected):
    with open(os.path.join(RECIPES, "spark_pipe.py")) as f:
        tree = ast.parse(f.read())
    command = next(ast.literal_eval(node.value) for node in ast.walk(tree)
                   if isinstance(node, ast.Assign) and node.targets[0].id == "KPPROC_COMMAND")
    paths = [os.path.join(folder, name) for folder, _, names in os.walk(archive)
             for name in sorted(names)]
    paths.append(os.path.join(archive, "missing.txt"))  # fails alone, on standard error
    out = subprocess.run(command, input="\n".join(paths) + "\n", capture_output=True, text=True,
                         env=environment())
    lines = out.stdout.splitlines()
    check(out.returncode == 1, "spark: exit status 1 (one document failed)")
    check(len(lines) == expected, f"spark: one line per document ({len(lines)} of {expected})")
    check(all(json.loads(line)["source"]["path"] in paths for line in lines),
          "spark: each line a whole JSON document of an input")
    check("missing.txt" in out.stderr, "spark: the failure named on standard error")


def main():
    work = tempfile.mkdtemp(prefix="kpproc-recipes-")
    try:
        archive = os.path.join(work, "archive")
        documents = make_corpus(archive)
        whole = new_database("kpproc_recipes_whole")
        subprocess.run([KPPROC, "run", "-q", "-c", "auto ! entities ! postgres", "-o", whole,
                        archive], check=True)
        expected = contents("kpproc_recipes_whole")
        check(expected.count("\n") + 1 == documents, f"one run stores {documents} documents")
        for name, run in (("parallel", run_parallel), ("slurm", run_slurm),
                          ("kubernetes", run_kubernetes)):
            database = new_database(f"kpproc_recipes_{name}")
            run(archive, database, work)
            check(contents(f"kpproc_recipes_{name}") == expected,
                  f"{name}: the same documents and rows as one run, each once")
            psql("postgres", f"DROP DATABASE kpproc_recipes_{name} WITH (FORCE)")
        run_spark_pipe(archive, documents)
        psql("postgres", "DROP DATABASE kpproc_recipes_whole WITH (FORCE)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
