#include "app/command.hpp"

namespace triad::app {

std::optional<std::string> Command::option(const std::string& key) const {
  auto it = options.find(key);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Command::all(const std::string& key) const {
  std::vector<std::string> out;
  auto [a, b] = options.equal_range(key);
  for (auto it = a; it != b; ++it) out.push_back(it->second);
  return out;
}

bool is_flag_option(std::string_view name) {
  return name == "rewind" || name == "no-resume" || name == "exact" || name == "keyframe" || name == "offer-key";
}

Result<std::vector<std::string>> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::string cur;
  bool in_word = false, quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '\\' && i + 1 < line.size()) {
        cur += line[++i];
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (in_word) words.push_back(std::move(cur));
      cur.clear();
      in_word = false;
    } else {
      cur += c;
      in_word = true;
    }
  }
  if (quoted) return make_error("The command has an opening quote without a closing one: " + std::string(line));
  if (in_word) words.push_back(std::move(cur));
  return words;
}

Result<Command> parse_command(std::string_view line) {
  auto words = split_words(line);
  if (!words) return words.error();
  if (words->empty()) return make_error("The command is empty.");
  Command cmd;
  cmd.name = (*words)[0];
  for (std::size_t i = 1; i < words->size(); ++i) {
    const std::string& w = (*words)[i];
    // "--" followed by a letter is an option; "-2" or "--" alone are values.
    if (w.size() > 2 && w[0] == '-' && w[1] == '-' && std::isalpha(static_cast<unsigned char>(w[2]))) {
      std::string key = w.substr(2);
      if (is_flag_option(key)) {
        cmd.options.emplace(key, "");
      } else if (i + 1 < words->size()) {
        cmd.options.emplace(key, (*words)[++i]);
      } else {
        return make_error("The option --" + key + " of '" + cmd.name + "' needs a value.");
      }
    } else {
      cmd.args.push_back(w);
    }
  }
  return cmd;
}

std::string quote_word(std::string_view word) {
  bool plain = !word.empty();
  for (char c : word)
    if (c == ' ' || c == '"' || c == '\\' || c == '\t') plain = false;
  if (plain) return std::string(word);
  std::string out = "\"";
  for (char c : word) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace triad::app
