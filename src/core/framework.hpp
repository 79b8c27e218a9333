#pragma once
// Tag frameworks as data: the JSON format of assets/frameworks/*.json (documented in
// assets/frameworks/README.md) and the rules a framework must satisfy. Parsing works on
// strings only; reading and writing files is the caller's job (core does no I/O).
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"

namespace triad {

inline constexpr int kFrameworkFormatVersion = 1;

// Parses and validates one framework document, pupil lanes included (Framework::pupils).
// `source` names where the text came from (a file path, "stdin") so the error sentence
// can say which document is wrong.
Result<Framework> parse_framework(std::string_view json_text, std::string_view source);

// Serialises in the same format (pretty-printed, stable key order); round-trips with
// parse_framework. Only codes are written: ids, and anything else, stay local.
std::string framework_to_json(const Framework& f);

// The checks parse_framework applies, for frameworks built in code or edited in the GUI:
// code is lower-case [a-z0-9-], at least one tag, tag codes unique, labels non-empty,
// colours "#RRGGBB", hotkeys "1".."9" and unique, pupils are unique pupil codes.
Status validate_framework(const Framework& f);

// ---- older form, kept so existing callers keep compiling ---------------------------------
// Before Framework had `pupils`, the lanes travelled beside it in this wrapper. New code
// uses Framework alone. framework_from_json fills both `pupils` fields; the functions
// taking a definition use `def.pupils` when it is non-empty, else `def.framework.pupils`.
struct FrameworkDefinition {
  Framework framework;               // ids are 0: the store assigns them
  std::vector<std::string> pupils;   // pupil codes, never names; empty = no lanes
};
Framework to_framework(const FrameworkDefinition& def);
FrameworkDefinition to_definition(const Framework& f);
Result<FrameworkDefinition> framework_from_json(std::string_view json_text, std::string_view source);
std::string framework_to_json(const FrameworkDefinition& def);
Status validate_framework(const FrameworkDefinition& def);

// A code as frameworks, tags and stems use them: 1-64 of [a-z0-9-], no dash at either end.
bool is_code_identifier(std::string_view s);

// "Pupil A", "Pupil 12", "P3": a code, never a name (exports must not carry names).
bool is_pupil_code(std::string_view s);

// The folder of the frameworks shipped with this build (assets/frameworks, one
// <code>.json each). Only a path: reading the files is the caller's job.
// $TRIAD_ASSETS_DIR/frameworks overrides it for relocated installs.
std::string shipped_frameworks_dir();

// Finds a tag by code; nullptr when absent.
const Tag* find_tag(const Framework& f, std::string_view code);

// Tags may be typed (or imported) as codes or labels, in any case; the rules and the store
// keep codes. Each entry matching a tag's code or label becomes that code; others stay
// as they are (check_comment then names them).
void tags_to_codes(const Framework& f, std::vector<std::string>& tags);

}  // namespace triad
