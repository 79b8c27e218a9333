#include "cli/argument_checks.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "base/parse.hpp"
#include "base/text.hpp"

namespace triad::cli {
namespace {

enum class Kind { Path, FreeText, Name, Int, Int64, Id, Decimal, Date, DateOrNone };

// What each option name holds, wherever it appears. Names not listed are free text.
struct Known {
  const char* name;
  Kind kind;
};
constexpr Known kKnown[] = {
    {"--db", Kind::Path},          {"--output", Kind::Path},       {"--out", Kind::Path},
    {"file", Kind::Path},          {"FILE", Kind::Path},           {"--recording", Kind::Path},
    {"--search", Kind::Path},      {"--title", Kind::Name},        {"name", Kind::Name},
    {"--school", Kind::Name},      {"--subject", Kind::Name},      {"--year-group", Kind::Name},
    {"--class", Kind::Name},       {"--cycle", Kind::Name},        {"--teacher", Kind::Name},
    {"--person", Kind::Name},      {"--owner", Kind::Name},        {"--author", Kind::Name},
    {"--as", Kind::Name},          {"--pupil", Kind::Name},        {"--kind", Kind::Name},
    {"--tag", Kind::Name},         {"--width", Kind::Int},         {"--count", Kind::Int},
    {"--buckets", Kind::Int},      {"--thumb-width", Kind::Int},   {"--threads", Kind::Int},
    {"--position", Kind::Int},     {"--limit", Kind::Int64},       {"id", Kind::Id},
    {"--speed", Kind::Decimal},    {"--pre", Kind::Decimal},       {"--post", Kind::Decimal},
    {"--date", Kind::Date},        {"--retention", Kind::DateOrNone},
};

Kind kind_of(const CLI::Option& opt) {
  for (const auto& k : kKnown)
    if (opt.check_name(k.name)) return k.kind;
  return Kind::FreeText;
}

std::string label(const CLI::Option& opt) {
  std::string n = opt.get_name(false, true);
  if (auto comma = n.rfind(','); comma != std::string::npos) n = n.substr(comma + 1);
  return n;
}

std::string check_one(Kind kind, const std::string& what, std::string& value);

CLI::Validator validator_for(Kind kind, const std::string& what) {
  auto op = [kind, what](std::string& value) -> std::string {
    std::string why = check_one(kind, what, value);
    if (!why.empty()) refused_argument() = why;
    return why;
  };
  return CLI::Validator(op, "", "triad-argument");
}

std::string check_one(Kind kind, const std::string& what, std::string& value) {
  {
    switch (kind) {
      case Kind::Path:
        return "";
      case Kind::FreeText: {
        auto t = check_text(value, what);
        if (!t) return t.error().message;
        value = *t;
        return "";
      }
      case Kind::Name: {
        auto t = check_name(value, what, /*allow_empty=*/true);
        if (!t) return t.error().message;
        value = *t;
        return "";
      }
      case Kind::Int: {
        auto n = parse_int(value, std::numeric_limits<int>::min(), std::numeric_limits<int>::max(), what);
        return n ? "" : n.error().message;
      }
      case Kind::Int64: {
        auto n = parse_int(value, 0, std::numeric_limits<std::int64_t>::max(), what);
        return n ? "" : n.error().message;
      }
      case Kind::Id: {
        auto n = parse_id(value, what);
        return n ? "" : n.error().message;
      }
      case Kind::Decimal: {
        auto d = parse_double(value, -1e9, 1e9, what);
        return d ? "" : d.error().message;
      }
      case Kind::DateOrNone:
        if (value == "none") return "";
        [[fallthrough]];
      case Kind::Date: {
        if (value.empty()) return "";  // clears the date
        auto d = parse_date(value, what);
        return d ? "" : d.error().message;
      }
    }
    return "";
  }
}

void check_all(CLI::App& app) {
  for (CLI::Option* opt : app.get_options()) {
    if (opt->get_items_expected_max() == 0) continue;  // flags take no text
    Kind kind = kind_of(*opt);
    if (kind == Kind::Path) continue;
    opt->transform(validator_for(kind, label(*opt)));
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) check_all(*sub);
}

}  // namespace

void check_arguments(CLI::App& app) { check_all(app); }

std::string& refused_argument() {
  static std::string why;
  return why;
}

}  // namespace triad::cli
