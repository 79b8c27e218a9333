// Import speed at scale: 100,000 WebVTT cues through the flat importer into a fresh library
// file (WAL, synchronous=FULL, as the CLI opens
// it). Uses only the public exchange/store API, so the same file builds against older
// trees: bench/import_speed.sh runs it beside the code of another commit in one go.
// Run: build/bench/import_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>

#include "exchange/flat_io.hpp"
#include "store/library.hpp"

namespace {

using namespace triad;
namespace fs = std::filesystem;

constexpr int kItems = 100000;

fs::path temp_folder() {
  static const fs::path dir = [] {
    std::random_device rd;
    fs::path p = fs::temp_directory_path() / ("triad-import-bench-" + std::to_string(rd()));
    fs::create_directories(p);
    return p;
  }();
  return dir;
}

const char* kWords[] = {"questions", "pupils", "explained", "modelling", "groups", "feedback", "behaviour",
                        "starter", "plenary", "misconception", "fractions", "vocabulary", "thinking", "answer"};

std::string vtt_time(long long ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%03lld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
  return buf;
}

const std::string& webvtt_100k() {
  static const std::string text = [] {
    std::mt19937 rng(3);
    std::string out = "WEBVTT\n\n";
    for (int i = 0; i < kItems; ++i) {
      long long start = i * 30LL;
      out += vtt_time(start) + " --> " + vtt_time(start + 2000) + "\n<v Speaker " + std::to_string(i % 7) + ">";
      for (int w = 0; w < 10; ++w) out += std::string(kWords[rng() % 14]) + (w < 9 ? " " : "\n\n");
    }
    return out;
  }();
  return text;
}

struct Fresh {
  store::Library lib;
  RowId session = 0, me = 0;
};

Fresh fresh_library(const std::string& name) {
  fs::remove(temp_folder() / name);
  fs::remove(temp_folder() / (name + "-wal"));
  fs::remove(temp_folder() / (name + "-shm"));
  auto lib = store::Library::open(temp_folder() / name);
  if (!lib) throw std::runtime_error(lib.error().message);
  Fresh f{std::move(*lib)};
  Session s;
  s.title = "Imported lesson";
  f.session = f.lib.add_session(s)->id;
  f.me = f.lib.me()->id;
  (void)f.lib.attach_framework(f.session, f.lib.ensure_default_framework()->id);
  return f;
}

void BM_ImportWebVtt100k(benchmark::State& state) {
  const std::string& text = webvtt_100k();
  for (auto _ : state) {
    state.PauseTiming();
    Fresh f = fresh_library("vtt.triad");
    state.ResumeTiming();
    auto set = exchange::parse_flat(text, exchange::FlatFormat::WebVtt, "bench.vtt");
    if (!set) {
      state.SkipWithError(set.error().message.c_str());
      return;
    }
    auto report = exchange::import_flat(f.lib, f.session, *set, f.me, 1'700'000'000'000);
    if (!report) {
      state.SkipWithError(report.error().message.c_str());
      return;
    }
    state.counters["added"] = report->added;
  }
}
BENCHMARK(BM_ImportWebVtt100k)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();


}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ec;
  fs::remove_all(temp_folder(), ec);
  return 0;
}
