// Seeded mutations of real annotation files (the shared corpus's SRT, WebVTT and ELAN
// files, and our own exports in every flat format), imported one by one into a library:
// every import either goes in or is refused with a sentence naming the file, and a refused
// import leaves the library's dump exactly as it was. A second pass drives the `triad`
// binary itself on a subset: no run ends by a signal, and refusals leave `triad dump` alone.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <random>

#include "base/uuid.hpp"
#include "exchange/flat_io.hpp"
#include "exchange/text_encoding.hpp"
#include "test_util.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;

struct Seed {
  std::string name;
  FlatFormat format;
  std::string bytes;
};

// Our own exports, and up to `per_kind` corpus files of each kind (first 16 KiB of each:
// mutations find the same bugs in a prefix, and the library stays small).
std::vector<Seed> seeds(std::size_t per_kind) {
  std::vector<Seed> out;
  const CommentSet sample = test::sample_set();
  for (FlatFormat f : {FlatFormat::Csv, FlatFormat::Json, FlatFormat::WebVtt, FlatFormat::Srt, FlatFormat::Eaf})
    out.push_back({"export." + std::to_string(static_cast<int>(f)), f, render_flat(sample, f)});
  const fs::path corpus = test::corpus_dir() / "formats";
  const std::pair<const char*, FlatFormat> kinds[] = {
      {"srt", FlatFormat::Srt}, {"webvtt/gpac", FlatFormat::WebVtt}, {"eaf", FlatFormat::Eaf}};
  for (const auto& [sub, format] : kinds) {
    if (!fs::is_directory(corpus / sub)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(corpus / sub))
      if (e.is_regular_file() && e.path().extension() != ".xsd") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (std::size_t i = 0; i < files.size() && i < per_kind; ++i) {
      std::string bytes = test::slurp(files[i]);
      bytes.resize(std::min<std::size_t>(bytes.size(), 16 * 1024));
      out.push_back({files[i].filename().string(), format, std::move(bytes)});
    }
  }
  return out;
}

std::string mutate(std::string s, std::mt19937& rng) {
  static const char* const kTokens[] = {"-->", "<", ">", "&", "\xFF", std::string_view("\0", 1).data(), "-", "99999999999999999999",
                                        "\r", "\n\n", "\"", ",", "</ANNOTATION>", "TIME_VALUE=\"-5\"", "\xC3", "\xEF\xBB\xBF",
                                        "<ALIGNABLE_ANNOTATION ", "ANNOTATION_REF=\"a1\"", "00:00:00.000", "{", "]"};
  const int steps = 1 + static_cast<int>(rng() % 4);
  for (int k = 0; k < steps; ++k) {
    const std::size_t at = s.empty() ? 0 : rng() % s.size();
    switch (rng() % 7) {
      case 0:  // flip a byte
        if (!s.empty()) s[at] = static_cast<char>(rng());
        break;
      case 1:  // truncate
        s.resize(at);
        break;
      case 2:  // delete a range
        s.erase(at, rng() % 64);
        break;
      case 3: {  // insert a token that matters to one of the formats
        const char* t = kTokens[rng() % std::size(kTokens)];
        s.insert(at, t[0] ? std::string(t) : std::string(1, '\0'));
        break;
      }
      case 4:  // duplicate a chunk
        if (!s.empty()) s.insert(at, s.substr(rng() % s.size(), rng() % 256));
        break;
      case 5:  // a digit becomes another digit (times, ids)
        for (std::size_t i = at; i < s.size(); ++i)
          if (s[i] >= '0' && s[i] <= '9') {
            s[i] = static_cast<char>('0' + rng() % 10);
            break;
          }
        break;
      default:  // swap two bytes
        if (s.size() > 1) std::swap(s[at], s[rng() % s.size()]);
    }
  }
  return s;
}

struct Outcome {
  std::size_t imported = 0, refused = 0;
};

TEST(Import_Mutations, RefusedImportsLeaveTheLibraryUnchanged) {
  const fs::path dir = fs::temp_directory_path() / ("triad-mutations-" + new_uuid());
  fs::create_directories(dir);
  std::mt19937 rng(20260314);
  Outcome total;
  const auto all = seeds(6);
  for (std::size_t si = 0; si < all.size(); ++si) {
    const Seed& seed = all[si];
    SCOPED_TRACE(seed.name);
    // A fresh library per seed keeps dumps small.
    auto lib = test::must(store::Library::open(dir / ("lib" + std::to_string(si) + ".triad")));
    Session s;
    s.title = "Mutations";
    RowId session = test::must(lib.add_session(s)).id;
    RowId me = test::must(lib.me()).id;
    (void)lib.attach_framework(session, test::must(lib.ensure_default_framework()).id);
    for (int m = 0; m < 40; ++m) {
      const std::string bytes = mutate(seed.bytes, rng);
      const std::string before = test::must(lib.dump());
      const std::string source = seed.name + "#" + std::to_string(m);
      auto set = parse_flat(bytes, seed.format, source, m % 2 ? EafTiers::Tags : EafTiers::Reviewers);
      Result<FlatImportReport> report = make_error("not parsed");
      if (set) {
        for (const auto& c : set->comments) ASSERT_TRUE(is_valid_utf8(c.text)) << source;
        for (const auto& [id, name] : set->authors) ASSERT_TRUE(is_valid_utf8(name)) << source;
        FlatImportOptions options;
        options.source = source;
        report = import_flat(lib, session, *set, me, 1'700'000'000'000, options);
      }
      const std::string after = test::must(lib.dump());
      ASSERT_TRUE(is_valid_utf8(after)) << source;
      if (report) {
        ++total.imported;
        continue;
      }
      ++total.refused;
      const std::string& why = set ? report.error().message : set.error().message;
      EXPECT_FALSE(why.empty()) << source;
      EXPECT_EQ(before, after) << source << " was refused (" << why << ") but changed the library";
    }
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  // Both outcomes happen, or the mutations test nothing.
  EXPECT_GT(total.imported, 20u);
  EXPECT_GT(total.refused, 5u);
  std::cout << "mutations: " << total.imported << " imported, " << total.refused << " refused\n";
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

TEST(Import_Mutations, TheCliNeverEndsBySignalAndRefusalsChangeNothing) {
  const fs::path binary = fs::path(TRIAD_BINARY_DIR) / "src" / "cli" / "triad";
  if (!fs::exists(binary)) GTEST_SKIP() << binary << " is not built";
  if (std::system("command -v timeout >/dev/null 2>&1") != 0) GTEST_SKIP() << "timeout(1) is absent";
  const fs::path dir = fs::temp_directory_path() / ("triad-mutations-cli-" + new_uuid());
  fs::create_directories(dir);
  const fs::path db = dir / "lib.triad";
  {
    auto lib = test::must(store::Library::open(db));
    Session s;
    s.title = "Mutations";
    test::must(lib.add_session(s));
  }
  auto run = [&](const std::string& args, std::string* out) {
    const fs::path o = dir / "out";
    std::string cmd = "timeout 60 " + quote(binary.string()) + " --db " + quote(db.string()) + " " + args + " >" +
                      quote(o.string()) + " 2>" + quote((dir / "err").string());
    int status = std::system(cmd.c_str());
    if (out) *out = test::slurp(o);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  };
  std::mt19937 rng(7);
  const char* ext[] = {".csv", ".json", ".vtt", ".srt", ".eaf"};
  std::size_t runs = 0;
  for (const Seed& seed : seeds(2)) {
    for (int m = 0; m < 3; ++m) {
      const fs::path file = dir / ("in" + std::string(ext[static_cast<int>(seed.format)]));
      {
        std::ofstream f(file, std::ios::binary);
        f << mutate(seed.bytes, rng);
      }
      std::string before, after;
      ASSERT_EQ(run("dump", &before), 0);
      const int code = run("import --session 1 " + quote(file.string()), nullptr);
      ++runs;
      ASSERT_LT(code, 124) << seed.name << ": exit " << code << " (124: timed out; above 128: a signal)\n"
                           << test::slurp(dir / "err");
      ASSERT_EQ(run("dump", &after), 0);
      if (code != 0) {
        EXPECT_EQ(before, after) << seed.name << " refused but changed the dump: " << test::slurp(dir / "err");
      }
    }
  }
  EXPECT_GT(runs, 10u);
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace
}  // namespace triad::exchange
