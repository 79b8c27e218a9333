#include "base/terminal_stream.hpp"

#include <cstdio>

#include "base/text.hpp"

namespace triad {
namespace {

// Bytes at the end of `s` that may be the start of a UTF-8 sequence still arriving.
std::size_t incomplete_tail(const std::string& s) {
  std::size_t n = s.size();
  for (std::size_t back = 1; back <= 3 && back <= n; ++back) {
    unsigned char c = static_cast<unsigned char>(s[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation: look further back
    std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

}  // namespace

EscapingStreambuf::EscapingStreambuf(std::streambuf* target, std::function<bool()> json_mode)
    : target_(target), json_mode_(std::move(json_mode)) {}

EscapingStreambuf::~EscapingStreambuf() { pass_on(true); }

EscapingStreambuf::int_type EscapingStreambuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  pending_ += traits_type::to_char_type(ch);
  if (ch == '\n' || pending_.size() >= 1 << 16) pass_on(false);
  return ch;
}

std::streamsize EscapingStreambuf::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<std::size_t>(n));
  if (pending_.size() >= 1 << 16 || (n > 0 && s[n - 1] == '\n')) pass_on(false);
  return n;
}

int EscapingStreambuf::sync() {
  pass_on(false);
  return target_->pubsync();
}

void EscapingStreambuf::pass_on(bool final) {
  if (pending_.empty()) return;
  std::size_t keep = final ? 0 : incomplete_tail(pending_);
  std::string_view now(pending_.data(), pending_.size() - keep);
  bool json = json_mode_ && json_mode_();
  std::string out = escape_for_terminal(now, true, json);
  target_->sputn(out.data(), static_cast<std::streamsize>(out.size()));
  pending_.erase(0, pending_.size() - keep);
}

}  // namespace triad
