#include "exchange/export_view.hpp"

#include <cstdio>
#include <filesystem>
#include <set>

#include "core/framework.hpp"
#include "core/recording_clock.hpp"
#include "core/roles.hpp"
#include "exchange/bundle_data.hpp"
#include "store/workflow.hpp"

namespace triad::exchange {

namespace {

constexpr std::string_view kPseudonymPrefix = "Learning detective ";

}  // namespace

bool audience_allows(Audience a, Visibility v) {
  if (v == Visibility::Private) return false;
  return a == Audience::Triad || v == Visibility::Everyone;
}

std::string_view to_string(Audience a) { return a == Audience::Everyone ? "everyone" : "triad"; }

std::optional<Audience> parse_audience(std::string_view s) {
  if (s == "triad") return Audience::Triad;
  if (s == "everyone") return Audience::Everyone;
  return std::nullopt;
}

// A name this code made: the prefix and 4 (older bundles) to 8 lower-case hex digits.
bool is_detective_pseudonym(std::string_view name) {
  if (name.substr(0, kPseudonymPrefix.size()) != kPseudonymPrefix) return false;
  std::string_view digits = name.substr(kPseudonymPrefix.size());
  return digits.size() >= 4 && digits.size() <= 8 &&
         digits.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

const std::string& ExportView::name(RowId person_id) const {
  static const std::string kSomeone = "Someone";
  auto it = names.find(person_id);
  return it == names.end() ? kSomeone : it->second;
}

bool ExportView::is_detective(RowId person_id) const {
  auto r = access.roles.find(person_id);
  return r != access.roles.end() && r->second == Role::LearningDetective;
}

Result<ExportView> export_view(store::Library& lib, const ExportRequest& r) {
  ExportView v;
  auto session = lib.get_session(r.session_id);
  if (!session) return session.error();
  v.session = std::move(*session);
  auto access = store::load_session_access(lib, r.session_id);
  if (!access) return access.error();
  v.access = std::move(*access);
  v.exporter = v.access.viewer(r.exporter_id);
  if (v.exporter.role)
    if (auto st = may_export(*v.exporter.role); !st) return st.error();
  if (v.session.school_id)
    if (auto s = lib.get_school(*v.session.school_id)) v.school = s->name;

  auto people = lib.list_people();
  if (!people) return people.error();
  // Detectives by their random pseudonym, made once in this library and kept (bundle_data.hpp):
  // nothing that leaves is derived from a pupil's name.
  detail::TravelNames travel(lib, v.session);
  for (const auto& p : *people) {
    if (!v.is_detective(p.id)) {
      v.names[p.id] = p.display_name;
      continue;
    }
    auto n = travel.name_of(p.id);
    if (!n) return n.error();
    v.names[p.id] = *n;
  }

  auto recs = lib.recordings_for_session(r.session_id);
  if (!recs) return recs.error();
  if (!recs->empty()) {
    v.recording = *session_clock(*recs);
    v.media_file_name = std::filesystem::path(v.recording->path).filename().string();
    v.recording->path.clear();
  }

  store::CommentFilter filter;
  filter.session_id = r.session_id;
  filter.include_deleted = r.tombstones;
  auto all = lib.list_comments(filter);
  if (!all) return all.error();
  std::vector<Comment> live;
  for (const auto& c : *all)
    if (!c.deleted) live.push_back(c);
  std::vector<Comment> chosen;
  for (auto& c : visible_comments(v.exporter, live, v.access))
    if (audience_allows(r.audience, c.visibility)) chosen.push_back(std::move(c));
  if (r.tombstones)
    for (const auto& c : *all)
      if (c.deleted && audience_allows(r.audience, c.visibility) && can_see(v.exporter, c, v.access)) chosen.push_back(c);
  std::set<std::string> kept;
  for (const auto& c : chosen) kept.insert(c.uuid);
  for (auto& c : chosen) {
    if (c.parent_uuid && !kept.count(*c.parent_uuid)) continue;  // a reply never dangles
    // The store refuses names; a library written before it did may still hold one.
    if (!is_pupil_code(c.pupil)) c.pupil.clear();
    v.comments.push_back(std::move(c));
  }
  return v;
}

}  // namespace triad::exchange
