// Test helper: adds comments to a library in a loop and prints each comment's id only
// after add_comment returned, i.e. after its COMMIT. Used by the durability test (killed
// with SIGKILL at random moments) and the concurrency test (several at once).
//   store_writer LIBRARY SESSION_ID AUTHOR_ID COUNT LABEL
#include <cstdio>
#include <cstdlib>
#include <string>

#include "store/library.hpp"

int main(int argc, char** argv) {
  using namespace triad;
  if (argc != 6) {
    std::fprintf(stderr, "usage: store_writer LIBRARY SESSION_ID AUTHOR_ID COUNT LABEL\n");
    return 2;
  }
  auto lib = store::Library::open(argv[1], store::OpenMode::ExistingOnly);
  if (!lib) {
    std::fprintf(stderr, "store_writer: %s\n", lib.error().message.c_str());
    return 1;
  }
  long long count = std::atoll(argv[4]);
  for (long long i = 0; i < count; ++i) {
    Comment c;
    c.session_id = std::atoll(argv[2]);
    c.author_id = std::atoll(argv[3]);
    c.start_us = i * 1000;
    c.kind = "note";
    c.text = std::string(argv[5]) + " #" + std::to_string(i);
    c.tags = {"questioning"};
    auto added = lib->add_comment(c);
    if (!added) {
      std::fprintf(stderr, "store_writer: %s\n", added.error().message.c_str());
      return 1;
    }
    // One write per line, flushed: the line reaches the parent only after the commit.
    std::printf("%lld %s\n", static_cast<long long>(added->id), c.text.c_str());
    std::fflush(stdout);
  }
  return 0;
}
