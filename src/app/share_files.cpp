#include "app/share_files.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "app/identity.hpp"
#include "base/atomic_file.hpp"

namespace triad::app {

namespace fs = std::filesystem;

namespace {

// Files are read whole, with a ceiling, so a huge input cannot exhaust memory.
Result<std::string> read_input(const std::string& path, std::size_t limit) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return make_error("'" + path + "' is not a readable file.", ErrorKind::kIoError);
  auto text = read_file(path, limit);
  if (!text) return Error{text.error().message, ErrorKind::kIoError};
  return text;
}

constexpr std::size_t kMaxFlatBytes = std::size_t{256} << 20;

std::string lower_extension(const std::string& name) {
  std::string ext = fs::path(name).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// What the session looks like to a summary: its tombstones and the library's people.
struct Snapshot {
  std::int64_t tombstones = 0;
  std::set<std::string> people;
};

Result<Snapshot> snapshot(store::Library& lib, std::optional<RowId> session_id) {
  Snapshot s;
  auto people = lib.list_people();
  if (!people) return people.error();
  for (const auto& p : *people) s.people.insert(p.display_name);
  if (session_id) {
    store::CommentFilter all;
    all.session_id = *session_id;
    all.include_deleted = true;
    auto with = lib.count_comments(all);
    if (!with) return with.error();
    all.include_deleted = false;
    auto without = lib.count_comments(all);
    if (!without) return without.error();
    s.tombstones = *with - *without;
  }
  return s;
}

}  // namespace

// ---- export ------------------------------------------------------------------------------

Result<BundleFileReport> export_bundle_file(store::Library& lib, RowId session_id, exchange::Audience audience,
                                            RowId exporter_id, const std::string& passphrase, std::int64_t now_ms,
                                            const fs::path& output) {
  auto made = export_signed_bundle(lib, session_id, audience, exporter_id, passphrase, now_ms);
  if (!made) return made.error();
  if (auto w = write_file_atomically(output, made->text); !w) return Error{w.error().message, ErrorKind::kIoError};
  return BundleFileReport{made->text.size(), made->signed_now, made->forwarded, std::move(made->warnings)};
}

Result<std::size_t> export_flat_file(store::Library& lib, RowId session_id, RowId viewer_id, exchange::FlatFormat format,
                                     const exchange::ExportFilter& filter, const fs::path& output) {
  auto set = exchange::collect_for_export(lib, session_id, viewer_id, filter);
  if (!set) return set.error();
  const std::string text = exchange::render_flat(*set, format);
  if (auto w = write_file_atomically(output, text); !w) return Error{w.error().message, ErrorKind::kIoError};
  return set->comments.size();
}

std::string suggested_export_name(const std::string& session_title, const std::string& what_and_extension) {
  std::string stem;
  for (unsigned char c : session_title) {
    if (std::isalnum(c) || c == ' ' || c == '-' || c == '_' || c >= 0x80) stem += static_cast<char>(c);
    else if (!stem.empty() && stem.back() != ' ') stem += ' ';
  }
  while (!stem.empty() && stem.back() == ' ') stem.pop_back();
  if (stem.empty()) stem = "session";
  return stem + " " + what_and_extension;
}

// ---- import ------------------------------------------------------------------------------

bool looks_importable(const std::string& name) {
  const std::string ext = lower_extension(name);
  return ext == ".triad-bundle" || exchange::guess_flat_format(name).has_value();
}

Result<ImportFile> read_import_file(const ImportRequest& r) {
  ImportFile out;
  std::optional<exchange::FlatFormat> format = r.format ? r.format : exchange::guess_flat_format(r.file);
  const std::size_t limit = r.kind == ImportKind::Bundle ? exchange::kMaxBundleBytes + 1
                            : r.kind == ImportKind::Flat ? kMaxFlatBytes
                                                         : std::max(exchange::kMaxBundleBytes + 1, kMaxFlatBytes);
  auto bytes = read_input(r.file, limit);
  if (!bytes) return bytes.error();
  if (r.kind) {
    out.kind = *r.kind;
  } else {
    // A bundle is JSON too: its header says so within the first bytes.
    const bool says_bundle = bytes->substr(0, 4096).find("\"triad-bundle\"") != std::string::npos;
    out.kind = format && !says_bundle ? ImportKind::Flat : ImportKind::Bundle;
  }
  if (out.kind == ImportKind::Bundle) {
    auto bundle = exchange::parse_bundle(*bytes, r.file);
    if (!bundle) return bundle.error();
    out.bundle = std::move(*bundle);
    return out;
  }
  if (!format)
    return make_error("Cannot tell the format of '" + r.file + "'; give --format csv|json|vtt|srt|eaf.", ErrorKind::kUsage);
  auto set = exchange::parse_flat(*bytes, *format, r.file, r.tiers);
  if (!set) return set.error();
  out.comments = std::move(*set);
  return out;
}

Result<ImportSummary> import_read_file(store::Library& lib, const ImportRequest& r, const ImportFile& file,
                                       bool dry_run) {
  if (!r.library_checked)
    if (auto st = lib.check_integrity("imported into"); !st) return st.error();
  ImportSummary sum;
  sum.kind = file.kind;
  sum.file = r.file;
  // One outer transaction: exchange's own becomes a savepoint inside it. Committed for a real
  // import; for a dry run it is rolled back when `tx` goes out of scope.
  auto tx = lib.begin();
  if (!tx) return tx.error();
  std::optional<RowId> session_id;
  if (file.kind == ImportKind::Bundle) {
    const exchange::Bundle& b = *file.bundle;
    auto existing = lib.find_session_by_uuid(b.session_uuid);
    if (!existing) return existing.error();
    if (*existing) session_id = (**existing).id;
  } else {
    if (!r.session_id) return make_error("Open the session to import '" + r.file + "' into first.", ErrorKind::kUsage);
    session_id = r.session_id;
  }
  auto before = snapshot(lib, session_id);
  if (!before) return before.error();

  if (file.kind == ImportKind::Bundle) {
    const exchange::Bundle& b = *file.bundle;
    auto report = exchange::import_bundle(lib, b, r.importer_id, r.force, r.file);
    if (!report) return report.error();
    auto now = lib.find_session_by_uuid(b.session_uuid);
    if (!now) return now.error();
    if (*now) {
      session_id = (**now).id;
      sum.session_title = (**now).title;
    }
    sum.session_uuid = b.session_uuid;
    sum.session_created = report->session_created;
    sum.added = report->added;
    sum.updated = report->updated;
    sum.unchanged = report->unchanged;
    sum.pending = report->pending;
    sum.refused_waiting = report->refused_waiting;
    sum.other_changes = report->applied_by_kind;
    sum.other_changes.erase("comment");
    sum.other_changes.erase("genesis");  // the session itself: said by session_created
    sum.warnings = std::move(report->warnings);
  } else {
    auto session = lib.get_session(*r.session_id);
    if (!session) return session.error();
    sum.session_uuid = session->uuid;
    sum.session_title = session->title;
    exchange::FlatImportOptions options;
    options.source = r.file;
    options.default_kind = r.default_kind;
    auto report = exchange::import_flat(lib, *r.session_id, *file.comments, r.importer_id, r.now_ms, options);
    if (!report) return report.error();
    sum.added = report->added;
    sum.updated = report->updated;
    sum.unchanged = report->unchanged;
    sum.skipped = report->skipped;
    sum.warnings = std::move(report->warnings);
    sum.mapping = std::move(report->mapping);
  }

  auto after = snapshot(lib, session_id);
  if (!after) return after.error();
  sum.tombstoned = static_cast<int>(std::max<std::int64_t>(0, after->tombstones - before->tombstones));
  for (const auto& name : after->people)
    if (!before->people.count(name)) sum.new_people.push_back(name);
  if (!dry_run) {
    if (auto c = tx->commit(); !c) return c.error();
    sum.written = true;
  }
  return sum;
}

Result<ImportSummary> import_file(store::Library& lib, const ImportRequest& r, bool dry_run) {
  auto file = read_import_file(r);
  if (!file) return file.error();
  return import_read_file(lib, r, *file, dry_run);
}

std::string other_changes_phrase(const std::map<std::string, int>& by_kind) {
  struct Words {
    const char* kind;
    const char* one;
    const char* many;
  };
  static constexpr Words kWords[] = {
      {"session", "change to the session's details", "changes to the session's details"},
      {"key", "signing key bound", "signing keys bound"},
      {"participant", "roster change", "roster changes"},
      {"rekey", "person re-keyed", "people re-keyed"},
      {"recordings", "placement of the recordings", "placements of the recordings"},
      {"protocol", "protocol change", "protocol changes"},
      {"case", "Lesson Study case change", "Lesson Study case changes"},
      {"prediction", "prediction", "predictions"},
      {"submission", "review submission", "review submissions"},
      {"approval", "detective approval", "detective approvals"},
      {"reveal", "reveal", "reveals"},
      {"action", "agreed action", "agreed actions"},
  };
  std::string out;
  for (const auto& w : kWords) {
    auto it = by_kind.find(w.kind);
    if (it == by_kind.end() || it->second <= 0) continue;
    out += (out.empty() ? "" : ", ") + std::to_string(it->second) + " " + (it->second == 1 ? w.one : w.many);
  }
  return out;
}

}  // namespace triad::app
