#include "exchange/flat_io.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "core/merge.hpp"
#include "core/roles.hpp"
#include "core/visibility.hpp"
#include "exchange/csv.hpp"
#include "exchange/json_format.hpp"
#include "exchange/srt.hpp"
#include "exchange/webvtt.hpp"
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
  auto session = lib.get_session(session_id);
  if (!session) return session.error();
  auto access = store::load_session_access(lib, session_id);
  if (!access) return access.error();
  Viewer viewer = access->viewer(viewer_id);
  if (viewer.role)
    if (auto s = may_export(*viewer.role); !s) return s.error();
  std::optional<RowId> author;
  if (f.author) {
    auto p = lib.resolve_person(*f.author);
    if (!p) return p.error();
    author = p->id;
  }
  store::CommentFilter filter;
  filter.session_id = session_id;
  auto all = lib.list_comments(filter);
  if (!all) return all.error();
  CommentSet set;
  set.title = session->title;
  auto recs = lib.recordings_for_session(session_id);
  if (!recs) return recs.error();
  if (!recs->empty()) set.media_url = std::filesystem::path(recs->front().path).filename().string();
  for (Comment& c : visible_comments(viewer, *all, *access)) {
    if (c.visibility == Visibility::Private) continue;
    if (author && c.author_id != *author) continue;
    if (f.kind && c.kind != *f.kind) continue;
    if (f.tag && std::find(c.tags.begin(), c.tags.end(), *f.tag) == c.tags.end()) continue;
    if (!set.authors.count(c.author_id)) {
      auto p = lib.get_person(c.author_id);
      if (!p) return p.error();
      std::string name = p->display_name;
      if (auto r = access->roles.find(c.author_id); r != access->roles.end() && r->second == Role::LearningDetective)
        name = "Learning detective";  // pupils leave the library without names
      set.authors[c.author_id] = name;
    }
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
}  // namespace

Result<FlatImportReport> import_flat(store::Library& lib, RowId session_id, const CommentSet& set, RowId importer_id,
                                     std::int64_t now_ms) {
  FlatImportReport report;
  report.warnings = set.warnings;
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto session = lib.get_session(session_id);
  if (!session) return session.error();
  std::map<RowId, RowId> person_of;  // set author id -> library person id
  for (const auto& [id, name] : set.authors) {
    auto found = lib.find_person(name);
    if (!found) return found.error();
    if (*found) {
      person_of[id] = (*found)->id;
    } else {
      auto added = lib.add_person(name);
      if (!added) return added.error();
      person_of[id] = added->id;
    }
  }
  std::set<std::string> dropped;
  for (Comment c : set.comments) {
    c.session_id = session_id;
    c.author_id = c.author_id == 0 ? importer_id : person_of.at(c.author_id);
    if (!stem_code(c.kind)) c.kind = "note";
    std::vector<std::string> tags;
    for (const auto& t : c.tags) {
      if (lib.resolve_tag(session_id, t))
        tags.push_back(t);
      else
        dropped.insert(t);
    }
    c.tags = std::move(tags);
    if (c.created_at_ms == 0) c.created_at_ms = now_ms;
    if (c.updated_at_ms == 0) c.updated_at_ms = c.created_at_ms;
    if (c.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      report.warnings.push_back("comment at " + format_time(c.start_us) + " has no text; skipped");
      continue;
    }
    auto local = lib.find_comment_by_uuid(c.uuid);
    if (!local) return local.error();
    if (*local) {
      if ((*local)->session_id != session_id)
        return make_error("Comment " + c.uuid + " already belongs to another session in this library.");
      if (!merge_wins(c, **local)) {
        ++report.unchanged;
        continue;
      }
      ++report.updated;
    } else {
      ++report.added;
    }
    if (auto put = lib.put_comment_exact(c); !put) return put.error();
  }
  for (const auto& t : dropped)
    report.warnings.push_back("tag '" + t + "' is not in this session's frameworks; left off");
  if (auto s = tx->commit(); !s) return s.error();
  return report;
}

}  // namespace triad::exchange
