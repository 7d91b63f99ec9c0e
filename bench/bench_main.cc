// The benchmark driver. Benchmarks live in bench/*_bench.cc; each measures
// a stage against a baseline in the same run (see docs/benchmarks.md).
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
