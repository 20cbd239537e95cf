#!/usr/bin/env python3
"""Run claimgraph over a corpus on Apache Spark: map in Spark, reduce in claimgraph.

    spark-submit contrib/spark/claimgraph_spark.py INPUT --out DIR [--partitions N] [--master URL]

INPUT is one of
  - a folder of documents (read as `claimgraph run FOLDER` reads it: the claimgraph binary lists it on
    the driver, and each task reads its files itself, so binary files, invalid UTF-8 and size limits are
    handled exactly as in a single run);
  - a JSONL file (one JSON object per line: id, text[, date, path]), split by Spark into byte ranges;
  - a Parquet file or folder ending in `.parquet` with the same columns.

The corpus is cut into contiguous partitions of about --partition-mb of text (or --partitions N of equal
size), in corpus order. Each Spark task runs `claimgraph run ... --partial` over its partition and
writes a partial result into OUT/.partials/; the driver then runs `claimgraph merge` over the partials in
order, which writes into OUT exactly the files `claimgraph run INPUT --out OUT` writes, and removes the
partials. The binary and the gazetteer folder are shipped with the job (SparkContext.addFile). OUT must be
a folder every executor and the driver can write (a shared filesystem on a cluster).

Requires PySpark (`pip install pyspark`) and Java 17+. See "Running on a Spark cluster" in the README.
"""

import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MB = 1 << 20


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Run claimgraph over a corpus on Apache Spark (one partial per partition, "
        "then claimgraph merge).")
    p.add_argument("input", metavar="INPUT",
                   help="a folder of documents, a .jsonl file, or a .parquet file or folder")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="output folder (shared by the driver and every executor)")
    p.add_argument("--partitions", type=int, metavar="N",
                   help="number of partitions of equal size (default: by --partition-mb)")
    p.add_argument("--partition-mb", type=float, default=128, metavar="MB",
                   help="text per partition when --partitions is not given (default 128; "
                        "50-200 is sensible: every task pays ~0.5 s to load the gazetteer)")
    p.add_argument("--master", metavar="URL",
                   help="Spark master (default: spark-submit's, else local[*])")
    p.add_argument("--binary", default=os.path.join(REPO, "target", "release", "claimgraph"),
                   help="claimgraph binary to ship (default: the repository's release build)")
    p.add_argument("--gazetteers", default=os.path.join(REPO, "gazetteers"), metavar="DIR",
                   help="gazetteer folder to ship (default: the repository's)")
    for field in ("text", "id", "date", "path"):
        p.add_argument(f"--{field}-field", metavar="NAME",
                       help=f"JSONL/Parquet field holding the document {field}")
    p.add_argument("--formats", help="outputs to write (claimgraph merge --formats)")
    p.add_argument("--report-claims", help="claimgraph run/merge --report-claims")
    p.add_argument("--report-text-mb", help="claimgraph run/merge --report-text-mb")
    p.add_argument("--summary", action="store_true", help="print claimgraph's summary table")
    p.add_argument("--keep-partials", action="store_true",
                   help="keep OUT/.partials after the merge")
    return p.parse_args(argv)


def field_args(args):
    """The claimgraph options that name JSONL/Parquet fields."""
    out = []
    for field in ("text", "id", "date", "path"):
        value = getattr(args, f"{field}_field")
        if value:
            out += [f"--{field}-field", value]
    return out


def report_args(args):
    out = []
    if args.report_claims:
        out += ["--report-claims", args.report_claims]
    if args.report_text_mb:
        out += ["--report-text-mb", args.report_text_mb]
    return out


def contiguous_groups(sizes, target):
    """Cuts a sequence of sizes into contiguous groups of about `target` bytes: (start, end) pairs."""
    groups, start, total = [], 0, 0
    for i, size in enumerate(sizes):
        total += size
        if total >= target and i + 1 < len(sizes):
            groups.append((start, i + 1))
            start, total = i + 1, 0
    if start < len(sizes) or not groups:
        groups.append((start, len(sizes)))
    return groups


class Task:
    """What every task needs: picklable, shipped to the executors with the closure."""

    def __init__(self, args, partials):
        self.run_args = field_args(args) + report_args(args)
        self.partials = partials
        self.cwd = os.getcwd()  # relative INPUT paths are the driver's; see the README
        self.threads = "1"
        # Shipped files are found by their base names (SparkFiles.get).
        self.binary = os.path.basename(os.path.abspath(args.binary))
        self.gazetteers = os.path.basename(os.path.abspath(args.gazetteers))

    def run(self, index, extra, stdin_chunks):
        """Runs `claimgraph run EXTRA --partial PARTIALS/part-INDEX`, feeding it `stdin_chunks`
        (bytes); returns the partial's folder. A failure raises, so Spark retries the task."""
        from pyspark import SparkFiles

        binary = SparkFiles.get(self.binary)
        mode = os.stat(binary).st_mode
        if not mode & stat.S_IXUSR:
            os.chmod(binary, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        part = os.path.join(self.partials, f"part-{index:05d}")
        cmd = [binary, "run", *extra, *self.run_args, "--partial", part, "--quiet",
               "--gazetteers", SparkFiles.get(self.gazetteers), "--threads", self.threads]
        with tempfile.TemporaryFile() as log:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=log, stderr=log,
                                    cwd=self.cwd)
            try:
                for chunk in stdin_chunks:
                    proc.stdin.write(chunk)
                proc.stdin.close()
            except BrokenPipeError:
                pass
            code = proc.wait()
            if code != 0:
                log.seek(0)
                raise RuntimeError(f"{' '.join(cmd)} failed ({code}):\n"
                                   + log.read().decode("utf-8", "replace"))
        return part


def folder_partials(sc, args, task):
    """A folder: the binary lists it (as `claimgraph run FOLDER` would read it); each task gets a
    contiguous slice of the list and reads the files itself (--files-from, --root FOLDER)."""
    listed = subprocess.run([args.binary, "run", args.input, "--list-inputs"], check=True,
                            capture_output=True).stdout.decode("utf-8", "surrogateescape")
    prefix = os.path.join(args.input, "")
    paths = [line[len(prefix):] if line.startswith(prefix) else line
             for line in listed.splitlines() if line]
    sizes = []
    for p in paths:
        try:
            sizes.append(os.stat(os.path.join(args.input, p)).st_size)
        except OSError:
            sizes.append(0)  # the task reports it, as a single run would
    target = sum(sizes) / args.partitions if args.partitions else args.partition_mb * MB
    groups = [paths[a:b] for a, b in contiguous_groups(sizes, max(target, 1))]
    root = args.input

    def run_group(index, items):
        for _, group in items:
            listing = ("\n".join(group) + "\n").encode("utf-8", "surrogateescape")
            yield task.run(index, ["--files-from", "-", "--root", root], [listing])

    rdd = sc.parallelize(list(enumerate(groups)), len(groups))
    return rdd.mapPartitionsWithIndex(run_group).collect()


def lines_partials(rdd_of_lines, args, task):
    """Numbered lines (bytes, 0-based line index), in corpus order and partitioned contiguously:
    each task pipes its lines to `claimgraph run - --stdin-as INPUT --line-offset FIRST`, so ids
    and paths are those of a single run over INPUT."""
    name = args.input

    def run_lines(index, items):
        items = iter(items)
        first = next(items, None)
        if first is None:
            return  # an empty partition: no documents, no partial
        offset = str(first[1])

        def chunks():
            yield first[0] + b"\n"
            for line, _ in items:
                yield line + b"\n"

        yield task.run(index, ["-", "--stdin-as", name, "--line-offset", offset], chunks())

    return rdd_of_lines.mapPartitionsWithIndex(run_lines).collect()


def jsonl_partials(sc, args, task):
    """A JSONL file (local, or anywhere Hadoop reads: hdfs://, s3a:// …): Hadoop splits it into
    byte ranges of the partition size, in file order."""
    path = sc._jvm.org.apache.hadoop.fs.Path(args.input)
    total = path.getFileSystem(sc._jsc.hadoopConfiguration()).getContentSummary(path).getLength()
    target = int(total / args.partitions) if args.partitions else int(args.partition_mb * MB)
    conf = sc._jsc.hadoopConfiguration()
    conf.set("mapreduce.input.fileinputformat.split.minsize", str(max(target, 1)))
    minimum = args.partitions or max(1, -(-total // max(target, 1)))
    lines = sc.textFile(args.input, minPartitions=minimum, use_unicode=False).zipWithIndex()
    return lines_partials(lines, args, task)


def parquet_partials(spark, args, task):
    """A Parquet file or folder: rows in file and row order, as JSON lines, cut by bytes."""
    import json
    from pyspark.sql import functions as F

    fields = [args.id_field or "id", args.text_field or "text", args.date_field or "date",
              args.path_field or "path"]
    df = spark.read.parquet(args.input)
    keep = [f for f in fields if f in df.columns]
    ordered = (df.select(*keep, F.col("_metadata.file_path").alias("__file"),
                         F.col("_metadata.row_index").alias("__row"))
               .orderBy("__file", "__row"))

    def to_line(row):
        d = {f: row[f] for f in keep if row[f] is not None}
        return json.dumps(d, ensure_ascii=False, default=str).encode("utf-8")

    numbered = ordered.rdd.map(to_line).zipWithIndex()
    # Byte-sized contiguous groups: each partition's bytes, then a group key per line.
    per_part = numbered.mapPartitionsWithIndex(
        lambda i, it: [(i, sum(len(line) + 1 for line, _ in it))]).collect()
    total = sum(n for _, n in per_part)
    target = total / args.partitions if args.partitions else args.partition_mb * MB
    starts, acc = {}, 0
    for i, n in sorted(per_part):
        starts[i] = acc
        acc += n
    target = max(target, 1)
    groups = max(1, int(-(-total // target)))

    def keyed(i, it):
        at = starts[i]
        for line, n in it:
            yield (min(int(at // target), groups - 1), n), line
            at += len(line) + 1

    cut = (numbered.mapPartitionsWithIndex(keyed)
           .repartitionAndSortWithinPartitions(groups, partitionFunc=lambda k: k[0])
           .map(lambda kv: (kv[1], kv[0][1])))
    return lines_partials(cut, args, task)


def main(argv):
    args = parse_args(argv)
    if "://" not in args.input and not os.path.exists(args.input):
        sys.exit(f"claimgraph_spark: input {args.input} not found")
    if args.input.endswith(".gz"):
        sys.exit("claimgraph_spark: a .gz file cannot be split into partitions; decompress it "
                 "first (or put the .gz files in a folder: each is then read whole by one task)")
    for path, what in ((args.binary, "claimgraph binary"), (args.gazetteers, "gazetteer folder")):
        if not os.path.exists(path):
            sys.exit(f"claimgraph_spark: {what} {path} not found (build it with "
                     "`cargo build --release`, or pass --binary/--gazetteers)")
    # Executors start Python workers with PYSPARK_PYTHON: make it this interpreter, which has PySpark.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if (args.master or "local").startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.appName("claimgraph")
               .config("spark.ui.showConsoleProgress", "false"))
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    sc.addFile(os.path.abspath(args.binary))
    sc.addFile(os.path.abspath(args.gazetteers), recursive=True)

    out = os.path.abspath(args.out)
    partials = os.path.join(out, ".partials")
    shutil.rmtree(partials, ignore_errors=True)
    os.makedirs(partials)
    task = Task(args, partials)
    task.threads = sc.getConf().get("spark.task.cpus", "1")
    name = args.input.rstrip("/")
    if name.endswith(".parquet"):
        parts = parquet_partials(spark, args, task)
    elif os.path.isdir(args.input):
        parts = folder_partials(sc, args, task)
    else:
        parts = jsonl_partials(sc, args, task)
    spark.stop()
    print(f"claimgraph_spark: {len(parts)} partial(s) written, merging", file=sys.stderr)

    merge = [args.binary, "merge", *sorted(parts), "--out", args.out, *report_args(args)]
    if args.formats:
        merge += ["--formats", args.formats]
    if args.summary:
        merge.append("--summary")
    code = subprocess.run(merge).returncode
    if code == 0 and not args.keep_partials:
        shutil.rmtree(partials, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
