// Signed sharing speed (issue 12): verifying and merging a bundle of 10,000 signed comments
// against the unsigned flat JSON import of the same 10,000 comments, on the same machine in
// one run. The target: signed <= 1.5 x unsigned.
//
// Both import into a copy of the same receiving library (an observer's laptop, Oona, that
// has the facilitator's signed roster, so Olly's key is bound there): the signed bundle is
// Olly's export (genesis, roster and protocol forwarded with the facilitator's signatures,
// his 10,000 comments signed by him); the flat file is the JSON export of the same
// comments, imported by Olly (a flat file only adds its importer's own comments).
// Timed: parsing plus importing (verification, authorisation, merge, one transaction).
// Copying the library file is not timed.
//
// Run: build/bench/bundle_bench --benchmark_filter=InTurn   (10,000 comments)
//      build/bench/bundle_bench --benchmark_filter=100k     (100,000; issue 14's goal: <= 4 s)
// Counters: each side's mean wall time and their ratio, and each side's CPU time over every
// thread of the process (signed_cpu_ms, unsigned_cpu_ms), which the machine's load does not
// inflate the way it does wall time.
//
// Figures, 2026-12-06 (two verifier threads, SAX parse; the code before ea343ef had 5.1-6.0 x):
//   10,000: signed 2476-2692 ms, unsigned 478-620 ms -> 4.3-5.2 x; 100,000: 12.9 s vs 3.1 s.
// The floor was Ed25519 itself: libsodium 1.0.18 verifies one signature in ~47 us of CPU here
// (~21,000/s per core, not 50,000), so 10,000 signatures are ~470 ms of CPU, twice the whole
// unsigned import's CPU (~220 ms), before parsing and storing the signed changes.
//
// Figures, 2026-12-07, one run alternating the code before (8b3643d) and after (c521398: the
// exporter's signed batch, exchange/change_batch.hpp, so the author's own changes need one
// signature check for all; 25138ec: UTF-8 checked eight ASCII bytes at a time, envelope
// strings quoted without a serialiser, fewer copies in the parse, role claims and genesis
// read by kind): 2-core VM, load average 5.2-6.0 from other builds, nice -n 15, RelWithDebInfo.
//   10,000 comments (7.3 -> 7.8 MiB bundle: the batch adds 32 bytes of hash a change):
//     before: signed 1544 / 1662 ms (CPU 1024 / 1131 ms), unsigned 324 / 403 ms -> 4.76 / 4.12 x
//     after:  signed 1074 /  814 ms (CPU  553 /  521 ms), unsigned 402 / 379 ms -> 2.67 / 2.15 x
//   100,000 comments (73.2 -> 78.2 MiB), two iterations each:
//     before: signed 16.2 s (CPU 10.9 s), unsigned 4.7 s (CPU 2.8 s) -> 3.46 x
//     after:  signed  9.0 s (CPU  5.7 s), unsigned 4.2 s (CPU 2.6 s) -> 2.16 x
// Neither goal (<= 1.5 x; 100,000 in <= 4 s) is met on this loaded machine; the unsigned import
// of 100,000 itself took 4.2 s here. What is left is mostly not verification (perf, 10,000,
// per import on the importing thread): storing the signed changes beside the comments
// (put_changes ~65 ms, the larger commit ~70 ms of ~290 ms), nlohmann's DOM parse of a file
// 1.6 x the flat one (8.2 against 5.2 MB; ~60 ms of ~120 ms parse), and canonicalising and hashing each change on
// the verifier threads (~40 ms). The batch helps only the author's own export: a bundle that
// forwards other people's changes (the facilitator's) is still verified change by change.
//
// Figures, 2026-12-07 later, InTurn (10,000), one binary of each step in turn on the same
// 2-core VM, load average 7-8.6 from other people's builds (so wall times are 2-6 x the
// CPU times and only CPU times and ratios are worth quoting), nice -n 15, RelWithDebInfo.
// CPU ms, signed / unsigned (ratio of the means of 5 wall times):
//   before (9cab2fd)                       457 / 192 (2.13 x), 462 / 195 (2.22 x)
//   compact signed changes (migration 9)   418 / 190 (2.27 x), 414 / 194 (1.92 x)
//   + own strict JSON reader               366 / 186 (2.00 x), 347 / 175 (1.97 x)
// Signed CPU -20 to -25 %; the library after a signed import of 10,000 comments is smaller
// (signed_changes was 6.7 MB of a 12.5 MB file, ~670 bytes a comment). Goal (<= 1.5 x) not
// met: what is left (perf) is nlohmann's DOM itself (std::map nodes and strings per field,
// built, walked by check_data, canonicalised again on the verifier threads and freed), the
// inserts into the signature and subject indexes, the per-comment authorisation lookups,
// and the larger commit (before this change the signed import's WAL crossed SQLite's
// 1000-page auto-checkpoint inside the timed commit, while the unsigned import's 3.5 MB
// library is checkpointed when it is closed, after the timed part).
//
// InTurnClosed (2026-12-07): the same, each import timed until its library is closed, as
// `triad import` runs until it exits. It asks whether the ratio came from the auto-checkpoint
// (the signed import's log crossing 1000 pages inside its commit, the unsigned one's
// checkpoint falling in its untimed close). Hardly: one run each, load ~5, 5 iterations,
//   InTurn        signed 1024 ms (CPU 613), unsigned 513 ms (CPU 308) -> 2.00 x
//   InTurnClosed  signed 1056 ms (CPU 593), unsigned 550 ms (CPU 328) -> 1.92 x
//
// Figures, 2026-12-07 evening, InTurn (10,000), three binaries in turn, 4 runs each, quiet
// 2-core VM (load ~1.5), RelWithDebInfo; means of the runs' mean wall times:
//   before (da2f625)                                signed 344 ms, unsigned 177 ms -> 1.95 x
//   comment signatures kept by the comment (a4a70c0) signed 318 ms, unsigned 184 ms -> 1.73 x
//   + two-thread read of the changes (6e38886)       signed 307 ms, unsigned 182 ms -> 1.69 x
// 100,000 (one run each): 4.35 s -> 3.83 s (unsigned 2.33 / 2.39 s); re-run later in turn: old 4.30 and 6.39 s,
// new 4.45-4.85 s, though the new code's unsigned import then took 3.4-3.6 s (2.3-2.9 s beside the old): noisy. What a signed import still
// pays beyond the unsigned one (perf, 10,000): the larger commit (~25 ms: comment_signatures
// is ~1.3 MB, 335 pages, so the log crosses the 1000-page auto-checkpoint inside the commit),
// storing the signatures (~20 ms), the authorisation walk (~20 ms, half of it the comment
// look-ups the unsigned import also makes), the batch check (~6 ms). Goal (<= 1.5 x) not met.
#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "base/process_cpu.hpp"
#include "base/uuid.hpp"
#include "crypto/signing_key.hpp"
#include "exchange/bundle.hpp"
#include "exchange/flat_io.hpp"
#include "store/library.hpp"
#include "store/shipped_frameworks.hpp"
#include "store/signed_changes.hpp"
#include "store/workflow.hpp"

namespace {

using namespace triad;
namespace fs = std::filesystem;

constexpr int kComments = 10000;
constexpr const char* kSession = "5e551011-0000-4000-8000-00000000be4c";

template <class T>
T must(Result<T> r) {
  if (!r) throw std::runtime_error(r.error().message);
  return std::move(*r);
}
void must(Status s) {
  if (!s) throw std::runtime_error(s.error().message);
}

const char* kWords[] = {"questions", "pupils", "explained", "modelling", "groups", "feedback", "behaviour",
                        "starter", "plenary", "misconception", "fractions", "vocabulary", "thinking", "answer"};

struct Fixture {
  fs::path dir;
  fs::path template_file;  // Oona's library with the roster, closed
  std::string signed_text;  // Olly's bundle
  std::string flat_text;    // the same comments as flat JSON
};

// One fixture per bundle size, made on first use (the 100,000-comment one takes a while).
Fixture make_fixture(int comments) {
  {
    Fixture x;
    std::random_device rd;
    x.dir = fs::temp_directory_path() / ("triad-bundle-bench-" + std::to_string(comments) + "-" + std::to_string(rd()));
    fs::create_directories(x.dir);
    auto fran_key = must(crypto::generate_key_pair());
    auto olly_key = must(crypto::generate_key_pair());
    auto oona_key = must(crypto::generate_key_pair());
    std::string roster;
    {
      // The facilitator's library: roster, keys, protocol; Olly's comments as his library would hold them.
      auto fran = must(store::Library::open(x.dir / "fran.triad"));
      const RowId fr = must(fran.add_person("Fran Facilitator")).id;
      const RowId ol = must(fran.add_person("Olly Observer")).id;
      const RowId oo = must(fran.add_person("Oona Observer")).id;
      must(store::bind_person_key(fran, fr, crypto::to_base64(fran_key.public_key), 1));
      must(store::bind_person_key(fran, ol, crypto::to_base64(olly_key.public_key), 1));
      must(store::bind_person_key(fran, oo, crypto::to_base64(oona_key.public_key), 1));
      Session s;
      s.uuid = kSession;
      s.title = "Bench lesson";
      s.created_at_ms = 1773400000000;
      const RowId sid = must(fran.add_session(s)).id;
      must(fran.attach_framework(sid, must(fran.ensure_default_framework()).id));
      must(store::add_participant(fran, sid, fr, Role::Facilitator));
      must(store::add_participant(fran, sid, ol, Role::Observer));
      must(store::add_participant(fran, sid, oo, Role::Observer));
      roster = must(exchange::export_bundle(fran, sid, exchange::Audience::Triad, fr, fran_key.secret_key, 1773500000000)).text;
      std::mt19937 rng(7);
      {
        // Written in one batch (as an import would): add_comment one by one takes minutes at 100,000.
        std::vector<Comment> all;
        all.reserve(static_cast<std::size_t>(comments));
        for (int i = 0; i < comments; ++i) {
          Comment c;
          c.uuid = new_uuid();
          c.session_id = sid;
          c.author_id = ol;
          c.start_us = static_cast<TimeUs>(i) * 36000;
          c.kind = "note";
          c.visibility = Visibility::Triad;
          c.created_at_ms = c.updated_at_ms = 1773450000000 + i;
          for (int w = 0; w < 12; ++w) c.text += std::string(kWords[rng() % 14]) + " ";
          all.push_back(std::move(c));
        }
        must(fran.put_comments_exact(all));
      }
      x.signed_text = must(exchange::export_bundle(fran, sid, exchange::Audience::Triad, ol, olly_key.secret_key, 1773500000000)).text;
      auto set = must(exchange::collect_for_export(fran, sid, ol, {}));
      x.flat_text = exchange::render_flat(set, exchange::FlatFormat::Json);
    }
    {
      // Oona's laptop after the facilitator's roster bundle.
      x.template_file = x.dir / "oona.triad";
      auto oona = must(store::Library::open(x.template_file));
      const RowId me = must(oona.add_person("Oona Observer")).id;
      must(store::bind_person_key(oona, me, crypto::to_base64(oona_key.public_key), 1));
      // The default protocol's frameworks, so the flat import can check comments against it.
      must(store::ensure_framework(oona, "jpd-peer-observation"));
      must(store::ensure_framework(oona, "learning-detectives"));
      auto b = must(exchange::parse_bundle(roster, "roster"));
      must(exchange::import_bundle(oona, b, me, false, "roster"));
    }
    return x;
  }
}

std::map<int, Fixture>& fixtures() {
  static std::map<int, Fixture> made;
  return made;
}

Fixture& fixture(int comments) {
  auto& made = fixtures();
  auto it = made.find(comments);
  if (it == made.end()) it = made.emplace(comments, make_fixture(comments)).first;
  return it->second;
}

// A fresh copy of the receiving library for one timed import.
std::unique_ptr<store::Library> fresh_copy(const Fixture& f, int n) {
  const fs::path file = f.dir / ("run" + std::to_string(n) + ".triad");
  fs::remove(file);
  fs::copy_file(f.template_file, file);
  return std::make_unique<store::Library>(must(store::Library::open(file)));
}

void BM_SignedBundleImport10k(benchmark::State& state) {
  Fixture& f = fixture(kComments);
  int n = 0, added = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto lib = fresh_copy(f, n++);
    const RowId me = must(lib->find_person("Oona Observer"))->id;
    state.ResumeTiming();
    auto b = exchange::parse_bundle(f.signed_text, "olly.triad-bundle");
    if (!b) {
      state.SkipWithError(b.error().message.c_str());
      return;
    }
    auto r = exchange::import_bundle(*lib, *b, me, false, "olly.triad-bundle");
    if (!r) {
      state.SkipWithError(r.error().message.c_str());
      return;
    }
    added = r->added;
    state.PauseTiming();
    lib.reset();
    state.ResumeTiming();
  }
  if (added != kComments) state.SkipWithError(("added " + std::to_string(added) + " comments, not 10,000").c_str());
  state.counters["comments"] = added;
  state.counters["bytes"] = static_cast<double>(f.signed_text.size());
}
BENCHMARK(BM_SignedBundleImport10k)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_UnsignedFlatJsonImport10k(benchmark::State& state) {
  Fixture& f = fixture(kComments);
  int n = 100, added = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto lib = fresh_copy(f, n++);
    const RowId olly = must(lib->find_person("Olly Observer"))->id;
    const RowId sid = must(lib->find_session_by_uuid(kSession))->id;
    state.ResumeTiming();
    auto set = exchange::parse_flat(f.flat_text, exchange::FlatFormat::Json, "olly.json");
    if (!set) {
      state.SkipWithError(set.error().message.c_str());
      return;
    }
    auto r = exchange::import_flat(*lib, sid, *set, olly, 1773500000000);
    if (!r) {
      state.SkipWithError(r.error().message.c_str());
      return;
    }
    added = r->added;
    state.PauseTiming();
    lib.reset();
    state.ResumeTiming();
  }
  if (added != kComments) state.SkipWithError(("added " + std::to_string(added) + " comments, not 10,000").c_str());
  state.counters["comments"] = added;
  state.counters["bytes"] = static_cast<double>(f.flat_text.size());
}
BENCHMARK(BM_UnsignedFlatJsonImport10k)->Unit(benchmark::kMillisecond)->Iterations(3);

// Both imports in turn, each iteration under the same load (the machine may be shared):
// counters give each side's mean wall time and their ratio, signed / unsigned.
void signed_vs_unsigned(benchmark::State& state, int comments, bool until_closed = false) {
  using Clock = std::chrono::steady_clock;
  Fixture& f = fixture(comments);
  int n = 200;
  double signed_ms = 0, flat_ms = 0;
  double cpu[2] = {0, 0};  // CPU time of every thread of the process, per side
  int rounds = 0;
  for (auto _ : state) {
    double times[2] = {0, 0};
    for (int side = 0; side < 2; ++side) {
      auto lib = fresh_copy(f, n++);
      const RowId oona = must(lib->find_person("Oona Observer"))->id;
      const RowId olly = must(lib->find_person("Olly Observer"))->id;
      const RowId sid = must(lib->find_session_by_uuid(kSession))->id;
      const auto t0 = Clock::now();
      const double cpu0 = 1000.0 * process_cpu_seconds();
      int added = 0;
      if (side == 0) {
        auto b = exchange::parse_bundle(f.signed_text, "olly.triad-bundle");
        auto r = b ? exchange::import_bundle(*lib, *b, oona, false, "olly.triad-bundle") : Result<exchange::ImportReport>(b.error());
        if (!r) {
          state.SkipWithError(r.error().message.c_str());
          return;
        }
        added = r->added;
      } else {
        auto set = exchange::parse_flat(f.flat_text, exchange::FlatFormat::Json, "olly.json");
        auto r = set ? exchange::import_flat(*lib, sid, *set, olly, 1773500000000) : Result<exchange::FlatImportReport>(set.error());
        if (!r) {
          state.SkipWithError(r.error().message.c_str());
          return;
        }
        added = r->added;
      }
      // Until closed: the library's close checkpoints its write-ahead log into the file, as
      // `triad import` does before it exits. Without it, whichever import's log crosses
      // SQLite's 1000-page auto-checkpoint pays for that inside its commit and the other
      // pays nothing (its checkpoint comes at the untimed close).
      if (until_closed) lib.reset();
      times[side] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      cpu[side] += 1000.0 * process_cpu_seconds() - cpu0;
      if (added != comments) {
        state.SkipWithError("not every comment was added");
        return;
      }
    }
    signed_ms += times[0];
    flat_ms += times[1];
    ++rounds;
    state.SetIterationTime((times[0] + times[1]) / 1000.0);
  }
  state.counters["signed_ms"] = signed_ms / rounds;
  state.counters["unsigned_ms"] = flat_ms / rounds;
  state.counters["ratio"] = signed_ms / flat_ms;
  // CPU time (all threads): what the import costs whatever else the machine runs.
  state.counters["signed_cpu_ms"] = cpu[0] / rounds;
  state.counters["unsigned_cpu_ms"] = cpu[1] / rounds;
  state.counters["bundle_MiB"] = static_cast<double>(f.signed_text.size()) / (1 << 20);
}
void BM_SignedVsUnsignedInTurn(benchmark::State& state) { signed_vs_unsigned(state, kComments); }
BENCHMARK(BM_SignedVsUnsignedInTurn)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
void BM_SignedVsUnsignedInTurnClosed(benchmark::State& state) { signed_vs_unsigned(state, kComments, true); }
BENCHMARK(BM_SignedVsUnsignedInTurnClosed)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

// Issue 14's scale: a 100,000-comment bundle (goal: imported in <= 4 s), beside the flat
// import of the same comments. Its fixture (100,000 signatures) takes a while to make.
void BM_Signed100kVsUnsigned(benchmark::State& state) { signed_vs_unsigned(state, 100000); }
BENCHMARK(BM_Signed100kVsUnsigned)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  // The fixtures' libraries and copies (hundreds of MB at 100,000 comments) go with the run.
  std::error_code ec;
  for (const auto& [n, f] : fixtures()) fs::remove_all(f.dir, ec);
  return 0;
}
