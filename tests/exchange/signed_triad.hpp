#pragma once
// Three laptops of one triad for signed-bundle tests (signed_bundle_test.cpp,
// signed_batch_test.cpp): a facilitator and two observers, each with their own library and key.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/framework.hpp"
#include "core/protocol.hpp"
#include "crypto/signing_key.hpp"
#include "exchange/bundle.hpp"
#include "store/signed_changes.hpp"
#include "store/workflow.hpp"
#include "test_util.hpp"

namespace triad::exchange::signed_triad {
namespace fs = std::filesystem;
using store::Library;
using test::must;

inline constexpr const char* kSession = "5e551011-0000-4000-8000-0000000000aa";

struct Dir {
  fs::path path = fs::temp_directory_path() / ("triad-signed-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  Dir() { fs::create_directories(path); }
  ~Dir() { fs::remove_all(path); }
  static inline int n = 0;
};

// One laptop: a library and the key of the one person who works on it.
struct Laptop {
  Library lib;
  std::string me;
  RowId me_id = 0;
  crypto::KeyPair key;

  Laptop(const fs::path& file, std::string name) : lib(must(Library::open(file))), me(std::move(name)), key(must(crypto::generate_key_pair())) {
    me_id = must(lib.add_person(me)).id;
    must(store::bind_person_key(lib, me_id, crypto::to_base64(key.public_key), 1));
  }
  RowId session() { return must(lib.find_session_by_uuid(kSession))->id; }
  std::string export_bundle(Audience a = Audience::Triad) {
    auto r = exchange::export_bundle(lib, session(), a, me_id, key.secret_key, 1773500000000);
    if (!r) throw std::runtime_error(r.error().message);
    return r->text;
  }
  Result<ImportReport> import(const std::string& text) {
    auto b = parse_bundle(text, "b.triad-bundle");
    if (!b) return b.error();
    return import_bundle(lib, *b, me_id, false, "b.triad-bundle");
  }
  RowId person(const std::string& name) { return must(lib.find_person(name))->id; }
  std::vector<std::string> visible_texts() {
    std::vector<std::string> out;
    for (auto& c : must(store::list_visible_comments(lib, session(), me_id))) out.push_back(c.text);
    std::sort(out.begin(), out.end());
    return out;
  }
  Comment comment(const std::string& text, TimeUs at) {
    Comment c;
    c.session_id = session();
    c.author_id = me_id;
    c.start_us = at;
    c.kind = "note";
    c.text = text;
    c.visibility = Visibility::Triad;
    return must(lib.add_comment(c));
  }
};

// The facilitator sets the session up: blind review, Tom the observed teacher, two observers
// known by name only (their keys are on their own laptops).
inline void set_up(Laptop& f) {
  Session s;
  s.uuid = kSession;
  s.title = "Y9 ratio";
  s.date = "2026-03-20";
  s.created_at_ms = 1773400000000;
  const RowId sid = must(f.lib.add_session(s)).id;
  Recording r;
  r.session_id = sid;
  r.path = "/videos/y9.mp4";
  r.fingerprint = "tfp1:00aa";
  r.duration_us = 3'000'000'000;
  must(f.lib.add_recording(r));
  must(store::add_participant(f.lib, sid, f.me_id, Role::Facilitator));
  must(store::add_participant(f.lib, sid, must(f.lib.add_person("Olly Observer")).id, Role::Observer));
  must(store::add_participant(f.lib, sid, must(f.lib.add_person("Oona Observer")).id, Role::Observer));
  Protocol p;
  p.session_id = sid;
  p.blind_review = true;
  for (const char* code : {"jpd-peer-observation", "learning-detectives"})
    must(store::import_framework(f.lib, must(framework_from_json(test::slurp(fs::path(TRIAD_SOURCE_DIR) / "assets/frameworks" / (std::string(code) + ".json")), code))));
  p.framework_code = "jpd-peer-observation";
  p.detective_framework_code = "learning-detectives";
  auto set = store::set_protocol(f.lib, p, f.me_id);
  ASSERT_TRUE(set) << set.error().message;
}

struct Triad {
  Dir dir;
  Laptop fran{dir.path / "fran.triad", "Fran Facilitator"};
  Laptop olly{dir.path / "olly.triad", "Olly Observer"};
  Laptop oona{dir.path / "oona.triad", "Oona Observer"};
};

}  // namespace triad::exchange::signed_triad
