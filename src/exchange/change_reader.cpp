#include "exchange/change_reader.hpp"

#include <string>
#include <system_error>
#include <thread>

#include "exchange/bundle_data.hpp"

namespace triad::exchange {
namespace {

// Each thread writes only its own entries of `out` and moves only its own elements out of
// `list`; the array itself is not resized meanwhile, so the two never touch the same memory.
void read_range(nlohmann::json& list, std::vector<ReadChange>& out, std::size_t from, std::size_t to) noexcept {
  for (std::size_t i = from; i < to; ++i) {
    try {
      const std::string where = "change " + std::to_string(i + 1);
      auto c = change_from_json(std::move(list[i]), where);
      if (c) out[i].data = detail::check_data(c->kind, c->data, where + " (" + c->kind + ")");
      out[i].change.emplace(std::move(c));
    } catch (...) {
      // No reader throws on bad input; only running out of memory gets here, and the
      // caller says so for an entry left empty (making a sentence may fail too).
      out[i].change.reset();
    }
  }
}

}  // namespace

std::vector<ReadChange> read_changes(nlohmann::json& list) {
  const std::size_t n = list.size();
  std::vector<ReadChange> out(n);
  std::size_t here = n;  // this thread reads [0, here), the helper the rest
  std::thread helper;
  if (n >= kReadChangesThreadedFrom) {
    try {
      helper = std::thread([&list, &out, from = n / 2, n] { read_range(list, out, from, n); });
      here = n / 2;
    } catch (const std::system_error&) {
      // No thread to be had: this one reads them all.
    }
  }
  read_range(list, out, 0, here);
  if (helper.joinable()) helper.join();
  return out;
}

}  // namespace triad::exchange
