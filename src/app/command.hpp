#pragma once
// The workstation's command vocabulary as text: one line = one command, shared by
// key bindings, `triad-studio --script` and tests. Syntax: a name, positional
// arguments and `--option value` pairs; double quotes group words, backslash
// escapes a quote. Example: comment took-away "pupils paired up" --tag questioning
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace triad::app {

struct Command {
  std::string name;
  std::vector<std::string> args;
  std::multimap<std::string, std::string> options;  // "--tag x --tag y" keeps both

  std::optional<std::string> option(const std::string& key) const;
  std::vector<std::string> all(const std::string& key) const;
  bool flag(const std::string& key) const { return options.count(key) > 0; }
};

// Options that take no value (everything else after `--name` consumes the next word).
bool is_flag_option(std::string_view name);

// Splits into words honouring quotes. Errors name the problem (unclosed quote).
Result<std::vector<std::string>> split_words(std::string_view line);
Result<Command> parse_command(std::string_view line);

// Quotes a word so split_words gives it back unchanged.
std::string quote_word(std::string_view word);

}  // namespace triad::app
