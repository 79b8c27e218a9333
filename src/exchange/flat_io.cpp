#include "exchange/flat_io.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "core/framework.hpp"
#include "core/text_limits.hpp"
#include "core/lesson_study.hpp"
#include "core/merge.hpp"
#include "core/protocol.hpp"
#include "core/roles.hpp"
#include "core/visibility.hpp"
#include "base/uuid.hpp"
#include "exchange/csv.hpp"
#include "exchange/export_view.hpp"
#include "exchange/json_format.hpp"
#include "exchange/srt.hpp"
#include "exchange/webvtt.hpp"
#include "store/lesson_study.hpp"
#include "store/workflow.hpp"

namespace triad::exchange {

std::optional<FlatFormat> parse_flat_format(std::string_view s) {
  if (s == "csv") return FlatFormat::Csv;
  if (s == "json") return FlatFormat::Json;
  if (s == "vtt" || s == "webvtt") return FlatFormat::WebVtt;
  if (s == "srt") return FlatFormat::Srt;
  if (s == "eaf" || s == "elan") return FlatFormat::Eaf;
  return std::nullopt;
}

std::optional<FlatFormat> guess_flat_format(const std::string& path) {
  auto dot = path.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  std::string ext = path.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return parse_flat_format(ext);
}

Result<CommentSet> collect_for_export(store::Library& lib, RowId session_id, RowId viewer_id, const ExportFilter& f) {
  // What may leave is decided by the export view; this only applies the person's filters.
  auto view = export_view(lib, {session_id, viewer_id, Audience::Triad, false});
  if (!view) return view.error();
  std::optional<RowId> author;
  if (f.author) {
    auto p = lib.resolve_person(*f.author);
    if (!p) return p.error();
    author = p->id;
  }
  CommentSet set;
  set.title = view->session.title;
  set.media_url = view->media_file_name;
  for (Comment& c : view->comments) {
    if (author && c.author_id != *author) continue;
    if (f.kind && c.kind != *f.kind) continue;
    if (f.tag && std::find(c.tags.begin(), c.tags.end(), *f.tag) == c.tags.end()) continue;
    set.authors[c.author_id] = view->name(c.author_id);
    set.comments.push_back(std::move(c));
  }
  return set;
}

std::string render_flat(const CommentSet& set, FlatFormat format) {
  switch (format) {
    case FlatFormat::Csv: return write_csv(set);
    case FlatFormat::Json: return write_json(set);
    case FlatFormat::WebVtt: return write_webvtt(set);
    case FlatFormat::Srt: return write_srt(set);
    case FlatFormat::Eaf: return write_eaf(set);
  }
  return {};
}

Result<CommentSet> parse_flat(std::string_view bytes, FlatFormat format, const std::string& source, EafTiers tiers) {
  switch (format) {
    case FlatFormat::Csv: return read_csv(bytes, source);
    case FlatFormat::Json: return read_json(bytes, source);
    case FlatFormat::WebVtt: return read_webvtt(bytes, source);
    case FlatFormat::Srt: return read_srt(bytes, source);
    case FlatFormat::Eaf: return read_eaf(bytes, source, tiers);
  }
  return make_error("unknown format");
}

namespace {

bool stem_code(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

// The protocol and frameworks a session with participants judges imported comments by.
struct ImportRules {
  Protocol protocol;
  std::map<RowId, Role> roles;
  std::map<std::string, Framework> frameworks;  // by code, loaded when an author's role first needs one

  // The framework `role` comments with; an error when the library lacks it (a setup
  // problem for the whole file, not one comment's).
  Result<const Framework*> framework_for(store::Library& lib, Role role, const std::string& cannot) {
    const std::string& code = framework_code_for(protocol, role);
    if (auto it = frameworks.find(code); it != frameworks.end()) return &it->second;
    auto fw = lib.find_framework(code);
    if (!fw) return fw.error();
    if (!*fw) return make_error(cannot + "the protocol's framework '" + code + "' is not in the library; import it first.");
    return &frameworks.emplace(code, std::move(**fw)).first->second;
  }
};

Result<std::optional<ImportRules>> load_import_rules(store::Library& lib, RowId session_id, RowId importer_id,
                                                    const FlatImportOptions& options) {
  auto access = store::load_session_access(lib, session_id);
  if (!access) return access.error();
  if (access->roles.empty()) return std::optional<ImportRules>{};
  const std::string cannot = "'" + options.source + "' cannot be imported: ";
  auto importer = access->roles.find(importer_id);
  if (importer == access->roles.end()) {
    auto who = lib.get_person(importer_id);
    return make_error(cannot + (who ? who->display_name : "the importing person") +
                      " is not a participant of the session.");
  }
  if (auto st = may_import(importer->second); !st) return make_error(cannot + st.error().message);
  auto eff = store::effective_protocol(lib, session_id);
  if (!eff) return eff.error();
  ImportRules rules{eff->protocol, access->roles, {}};
  if (options.default_kind && !find_stem(rules.protocol, *options.default_kind))
    return make_error(cannot + "--kind '" + *options.default_kind + "' is not one of the protocol's stems.");
  return std::optional<ImportRules>{std::move(rules)};
}

std::string describe(std::size_t index, const Comment& c, const std::string& author) {
  return "comment " + std::to_string(index) + " (at " + format_time(c.start_us) +
         (author.empty() ? std::string() : ", by " + author) + ")";
}

}  // namespace

Result<FlatImportReport> import_flat(store::Library& lib, RowId session_id, const CommentSet& set, RowId importer_id,
                                     std::int64_t now_ms) {
  return import_flat(lib, session_id, set, importer_id, now_ms, FlatImportOptions{});
}

Result<FlatImportReport> import_flat(store::Library& lib, RowId session_id, const CommentSet& set, RowId importer_id,
                                     std::int64_t now_ms, const FlatImportOptions& options) {
  FlatImportReport report;
  report.warnings = set.warnings;
  report.mapping = set.mapping;
  report.skipped = set.skipped;
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto session = lib.get_session(session_id);
  if (!session) return session.error();
  auto rules = load_import_rules(lib, session_id, importer_id, options);
  std::optional<LessonStudyCase> lesson_case;  // read once, when the first comment needs it
  if (!rules) return rules.error();
  auto importer = lib.get_person(importer_id);
  if (!importer) return importer.error();
  // A file is unsigned, so it only ever adds the importer's own comments and never creates
  // a person who acts. Under a protocol a comment naming anyone else refuses the file (below);
  // in a plain session (no roles to check) it is kept as the importer's, with the name the
  // file gives at the start of its text, so nothing the file said is lost.
  std::map<RowId, RowId> person_of;  // set author id -> library person id (only ever the importer)
  for (const auto& [id, name] : set.authors)
    if (!*rules || name == importer->display_name) person_of[id] = importer_id;
  std::size_t renamed = 0;
  std::set<std::string> named;
  std::set<std::string> dropped;
  std::vector<std::string> offending;
  std::vector<Comment> accepted;
  std::vector<std::string> no_text;
  std::vector<std::string> others;  // comments naming another author (sessions under a protocol)
  std::vector<std::string> too_long;  // texts over the one limit (core/text_limits.hpp), a name put in front included
  std::set<std::string> uuids;
  std::size_t repeated_uuids = 0;
  std::size_t index = 0;
  for (Comment c : set.comments) {
    ++index;
    // Two comments of one file with the same uuid would merge into one: the later is a new comment.
    if (!uuids.insert(c.uuid).second) {
      c.uuid = new_uuid();
      uuids.insert(c.uuid);
      ++repeated_uuids;
    }
    const RowId file_author = c.author_id;
    c.session_id = session_id;
    if (file_author != 0 && !person_of.count(file_author)) {
      others.push_back(describe(index, c, set.author_name(file_author)) + " is " + set.author_name(file_author) + "'s");
      continue;
    }
    c.author_id = file_author == 0 ? importer_id : person_of.at(file_author);
    bool prefixed = false;
    if (!*rules && file_author != 0 && set.author_name(file_author) != importer->display_name &&
        !set.author_name(file_author).empty()) {
      named.insert(set.author_name(file_author));
      c.text = set.author_name(file_author) + ": " + c.text;
      ++renamed;
      prefixed = true;
    }
    // Checked here, after the name went in front: a text the library stored past the limit
    // would be left out of every bundle it makes.
    if (c.text.size() > kMaxCommentTextBytes) {
      too_long.push_back(describe(index, c, set.author_name(file_author)) + "'s text is " + std::to_string(c.text.size()) +
                         " bytes" + (prefixed ? " with its author's name put in front" : ""));
      continue;
    }
    if (c.kind.empty() && options.default_kind) c.kind = *options.default_kind;
    if (c.created_at_ms == 0) c.created_at_ms = now_ms;
    if (c.updated_at_ms == 0) c.updated_at_ms = c.created_at_ms;
    if (c.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      no_text.push_back(describe(index, c, set.author_name(file_author)) + " has no text");
      continue;
    }
    if (*rules) {
      auto role_it = (*rules)->roles.find(c.author_id);
      const Role role = role_it == (*rules)->roles.end() ? Role::Observer : role_it->second;
      auto found = (*rules)->framework_for(lib, role, "'" + options.source + "' cannot be imported: ");
      if (!found) return found.error();
      const Framework& fw = **found;
      tags_to_codes(fw, c.tags);
      std::vector<std::string> tags;
      for (const auto& t : c.tags) {
        if (find_tag(fw, t))
          tags.push_back(t);
        else
          dropped.insert(t);
      }
      c.tags = std::move(tags);
      // The Lesson Study case's pupils are the lanes when the session has them (as for a
      // comment typed in the window or the CLI), else the framework's.
      if (!lesson_case) {
        auto got = store::get_case(lib, session_id);
        if (!got) return got.error();
        lesson_case = std::move(*got);
      }
      if (auto ok = check_comment((*rules)->protocol, fw, pupil_lanes(*lesson_case, fw.pupils), role, c); !ok) {
        std::string why = ok.error().message;
        if (!why.empty() && why.back() == '.') why.pop_back();  // the list ends with one full stop
        offending.push_back(describe(index, c, set.author_name(file_author)) + ": " + why);
        continue;
      }
      if (c.kind.empty()) c.kind = "note";  // as Library::add_comment stores a typed comment without a stem
      auto stated = set.stated_visibility.find(c.uuid);
      c.visibility = stated != set.stated_visibility.end()
                         ? stated->second
                         : initial_visibility(role, (*rules)->protocol, c.parent_uuid.has_value());
    } else {
      if (!stem_code(c.kind)) c.kind = "note";
      std::vector<std::string> tags;
      for (const auto& t : c.tags) {
        if (lib.resolve_tag(session_id, t))
          tags.push_back(t);
        else
          dropped.insert(t);
      }
      c.tags = std::move(tags);
    }
    accepted.push_back(std::move(c));
  }
  auto listed = [](const std::vector<std::string>& items) {
    constexpr std::size_t kListed = 10;
    std::string list;
    for (std::size_t i = 0; i < items.size() && i < kListed; ++i) list += (i ? "; " : "") + items[i];
    if (items.size() > kListed) list += "; and " + std::to_string(items.size() - kListed) + " more";
    return list;
  };
  if (!others.empty())
    return make_error("'" + options.source + "' was not imported, nothing was stored: " + listed(others) +
                      ", and a file only ever adds " + importer->display_name +
                      "'s own comments (other people share theirs in a signed bundle).");
  if (!too_long.empty())
    return make_error("'" + options.source + "' was not imported, nothing was stored: " + listed(too_long) +
                      ", and a comment holds at most " + std::to_string(kMaxCommentTextBytes) + " bytes of text.");
  if (!offending.empty()) {
    constexpr std::size_t kListed = 10;
    std::string list;
    for (std::size_t i = 0; i < offending.size() && i < kListed; ++i) list += (i ? "; " : "") + offending[i];
    if (offending.size() > kListed) list += "; and " + std::to_string(offending.size() - kListed) + " more";
    std::string hint = options.default_kind ? "" : " (--kind gives comments without a stem a default one)";
    return make_error("'" + options.source + "' was not imported, nothing was stored: " +
                      std::to_string(offending.size()) + " of its comments break the session's protocol" + hint + ": " +
                      list + ".");
  }
  // A file never changes a comment this library has (its author's edits travel signed, in
  // bundles): one that is here already is left as it is (a warning when the file's differs),
  // and one claiming someone else's comment refuses the file.
  std::vector<std::string> taking;
  std::vector<bool> known(accepted.size(), false);
  std::size_t kept_as_is = 0;
  for (std::size_t i = 0; i < accepted.size(); ++i) {
    const Comment& c = accepted[i];
    auto local = lib.find_comment_by_uuid(c.uuid);
    if (!local) return local.error();
    if (!*local) continue;
    if ((*local)->session_id != session_id)
      return make_error("Comment " + c.uuid + " already belongs to another session in this library.");
    known[i] = true;
    if ((*local)->author_id != c.author_id) {
      auto owner = lib.get_person((*local)->author_id);
      taking.push_back("comment " + c.uuid + " (at " + format_time(c.start_us) + ") is " +
                       (owner ? owner->display_name : std::string("someone else")) + "'s");
    } else if (merge_wins(c, **local)) {
      ++kept_as_is;
    }
  }
  if (!taking.empty())
    return make_error("'" + options.source + "' was not imported, nothing was stored: " + listed(taking) +
                      ", and a file never changes a comment already in this library.");
  if (kept_as_is)
    report.warnings.push_back("'" + options.source + "': " + std::to_string(kept_as_is) +
                              " comments are already in this library in another version; a file never changes a "
                              "comment, so they were left as they are");
  // Written as one batch: the store indexes a large one for search once, at the end.
  std::vector<Comment> fresh;
  fresh.reserve(accepted.size());
  for (std::size_t i = 0; i < accepted.size(); ++i) {
    if (known[i])
      ++report.unchanged;
    else
      fresh.push_back(std::move(accepted[i]));
  }
  report.added += static_cast<int>(fresh.size());
  if (auto put = lib.put_comments_exact(fresh); !put) return put.error();
  for (const auto& t : dropped)
    report.warnings.push_back("tag '" + t + "' is not in this session's frameworks; left off");
  if (renamed) {
    std::string names;
    for (const auto& n : named) names += (names.empty() ? "" : ", ") + n;
    report.warnings.push_back("'" + options.source + "': " + std::to_string(renamed) + " comments name another author (" +
                              names + "); a file only ever adds " + importer->display_name +
                              "'s own comments, so they are " + importer->display_name +
                              "'s, with the name at the start of their text");
  }
  if (repeated_uuids)
    report.warnings.push_back("'" + options.source + "': " + std::to_string(repeated_uuids) +
                              " comments repeat the uuid of an earlier one in the file; they were imported as new comments");
  if (!no_text.empty()) {
    CommentSet counted;
    report_skipped(counted, options.source, "comments", no_text);
    report.skipped += counted.skipped;
    report.warnings.insert(report.warnings.end(), counted.warnings.begin(), counted.warnings.end());
  }
  if (auto s = tx->commit(); !s) return s.error();
  return report;
}

}  // namespace triad::exchange
