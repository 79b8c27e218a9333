#include "app/relink.hpp"

#include <algorithm>
#include <filesystem>

#include "media/fingerprint.hpp"

namespace triad::app {

namespace fs = std::filesystem;

std::string_view to_string(RelinkResult::Status s) {
  switch (s) {
    case RelinkResult::Status::InPlace: return "in place";
    case RelinkResult::Status::Relinked: return "relinked";
    case RelinkResult::Status::NotFound: break;
  }
  return "not found";
}

bool recording_in_place(const Recording& r) {
  std::error_code ec;
  return fs::is_regular_file(r.path, ec);
}

Result<RelinkReport> relink_recordings(store::Library& lib, RowId session_id, const std::string& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    return make_error("Cannot search " + folder + ": it is not a folder.", ErrorKind::kIoError);
  auto recs = lib.recordings_for_session(session_id);
  if (!recs) return recs.error();
  if (recs->empty()) return make_error("Session " + std::to_string(session_id) + " has no recording to relink.");
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code fe;
    if (it->is_regular_file(fe)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  RelinkReport out;
  auto tx = lib.begin();
  if (!tx) return tx.error();
  for (const auto& r : *recs) {
    RelinkResult res{r.id, RelinkResult::Status::NotFound, r.path};
    auto here = media::fingerprint_file(r.path);
    if (here && *here == r.fingerprint) {
      res.status = RelinkResult::Status::InPlace;
    } else {
      for (const auto& f : files) {
        std::error_code se;
        auto size = fs::file_size(f, se);
        if (se || (r.size_bytes > 0 && static_cast<std::int64_t>(size) != r.size_bytes)) continue;
        auto fp = media::fingerprint_file(f);
        if (fp && *fp == r.fingerprint) {
          res.status = RelinkResult::Status::Relinked;
          res.path = fs::absolute(f, se).lexically_normal().string();
          break;
        }
      }
      if (res.status == RelinkResult::Status::Relinked) {
        if (auto st = lib.set_recording_path(r.id, res.path); !st) return st.error();
      } else {
        ++out.missing;
      }
    }
    out.recordings.push_back(std::move(res));
  }
  if (auto c = tx->commit(); !c) return c.error();
  return out;
}

}  // namespace triad::app
