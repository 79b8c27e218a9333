#pragma once
// A stream buffer that escapes untrusted text on its way to a terminal (or a pipe): control
// characters and invalid UTF-8 bytes become visible escapes, so a comment holding
// "\x1b]0;pwned\x07" or "\x1b[2J" cannot retitle, clear or recolour the reader's terminal.
//
// Two spellings: Human (\x1b, \xff: for people) and Json (\u001b, for output that is JSON,
// where such escapes are still valid JSON inside strings). Output is passed on at each line
// end and flush; an incomplete UTF-8 sequence waits for its continuation bytes.
#include <functional>
#include <streambuf>
#include <string>

namespace triad {

class EscapingStreambuf : public std::streambuf {
 public:
  // `json_mode` is asked at each flush (the CLI learns --json only after parsing).
  EscapingStreambuf(std::streambuf* target, std::function<bool()> json_mode);
  ~EscapingStreambuf() override;

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  void pass_on(bool final);

  std::streambuf* target_;
  std::function<bool()> json_mode_;
  std::string pending_;
};

}  // namespace triad
