#include "app/export_job.hpp"

#include <algorithm>

#include "app/background_priority.hpp"
#include "app/share_files.hpp"
#include "base/atomic_file.hpp"
#include "base/worker_guard.hpp"
#include "store/library.hpp"

namespace triad::app {

ExportJob::ExportJob(std::string what, std::filesystem::path output)
    : what_(std::move(what)), output_(std::move(output)) {}

ExportJob::~ExportJob() {
  cancel_ = true;
  if (worker_.joinable()) worker_.join();
}

void ExportJob::start(std::function<Status(ExportJob&)> work) {
  worker_ = std::thread([this, work = std::move(work)] {
    lower_this_thread_priority();
    Status st = ok_status();
    auto guarded = run_guarded("the " + what_ + " export", [&] { st = work(*this); });
    if (!guarded) st = guarded.error();
    if (st && cancel_) st = make_error("The " + what_ + " export was cancelled.");
    std::lock_guard lock(mutex_);
    if (st) fraction_ = 1.0;
    result_ = std::move(st);
    done_ = true;
  });
}

bool ExportJob::report_progress(double f) {
  std::lock_guard lock(mutex_);
  fraction_ = std::clamp(f, 0.0, 1.0);
  return !cancel_.load();
}

double ExportJob::fraction() const {
  std::lock_guard lock(mutex_);
  return fraction_;
}

std::optional<Status> ExportJob::result() const {
  std::lock_guard lock(mutex_);
  return result_;
}

void ExportJob::add_note(std::string note) {
  std::lock_guard lock(mutex_);
  notes_.push_back(std::move(note));
}

std::vector<std::string> ExportJob::notes() const {
  std::lock_guard lock(mutex_);
  return notes_;
}

void ExportJob::wait() {
  if (worker_.joinable()) worker_.join();
}

std::unique_ptr<ExportJob> ExportJob::custom(std::string what, std::filesystem::path output,
                                             std::function<Status(ExportJob&)> work) {
  std::unique_ptr<ExportJob> job(new ExportJob(std::move(what), std::move(output)));
  job->start(std::move(work));
  return job;
}

std::unique_ptr<ExportJob> ExportJob::report(std::filesystem::path db, exchange::ReportOptions options,
                                             std::filesystem::path output) {
  std::unique_ptr<ExportJob> job(new ExportJob("report", std::move(output)));
  job->start([db = std::move(db), options = std::move(options)](ExportJob& self) mutable -> Status {
    // Read-write: the first export naming a learning detective makes and keeps their random
    // pseudonym (exchange/bundle_data.cpp). A library nobody may write still opens read-only.
    auto lib = store::Library::open(db, store::OpenMode::ExistingOnly);
    if (!lib) return lib.error();
    options.progress = [&self](int done, int total) {
      return self.report_progress(total > 0 ? 0.9 * done / total : 0.0);  // the last tenth is writing
    };
    if (self.cancel_) return make_error("The report export was cancelled.");
    auto html = exchange::build_report(*lib, options);
    if (!html) return html.error();
    if (self.cancel_) return make_error("The report export was cancelled.");
    return write_file_atomically(self.output_, *html);
  });
  return job;
}

std::unique_ptr<ExportJob> ExportJob::clip(std::filesystem::path input, std::vector<exchange::ClipSegment> segments,
                                           std::filesystem::path output, exchange::ClipOptions options) {
  std::unique_ptr<ExportJob> job(new ExportJob("clip", std::move(output)));
  job->start([input = std::move(input), segments = std::move(segments),
              options = std::move(options)](ExportJob& self) mutable -> Status {
    options.progress = [&self](TimeUs done, TimeUs total) {
      return self.report_progress(total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0.0);
    };
    auto r = exchange::write_clip(input, segments, self.output_, options);
    if (!r) return r.error();
    return ok_status();
  });
  return job;
}

namespace {
std::string flat_label(exchange::FlatFormat f) {
  switch (f) {
    case exchange::FlatFormat::Csv: return "CSV file";
    case exchange::FlatFormat::Json: return "JSON file";
    case exchange::FlatFormat::WebVtt: return "WebVTT file";
    case exchange::FlatFormat::Srt: return "SRT file";
    case exchange::FlatFormat::Eaf: return "ELAN file";
  }
  return "file";
}
}  // namespace

std::unique_ptr<ExportJob> ExportJob::bundle(std::filesystem::path db, RowId session_id, exchange::Audience audience,
                                             RowId exporter_id, std::string passphrase, std::int64_t now_ms,
                                             std::filesystem::path output) {
  return custom("bundle", std::move(output),
                [db = std::move(db), session_id, audience, exporter_id, passphrase = std::move(passphrase),
                 now_ms](ExportJob& self) -> Status {
                  auto lib = store::Library::open(db, store::OpenMode::ExistingOnly);
                  if (!lib) return lib.error();
                  if (!self.report_progress(0.1)) return make_error("The bundle export was cancelled.");
                  auto r = export_bundle_file(*lib, session_id, audience, exporter_id, passphrase, now_ms, self.output_);
                  if (!r) return r.error();
                  for (auto& w : r->warnings) self.add_note(std::move(w));  // what was left out, as the CLI prints
                  return ok_status();
                });
}

std::unique_ptr<ExportJob> ExportJob::flat(std::filesystem::path db, RowId session_id, RowId viewer_id,
                                           exchange::FlatFormat format, std::filesystem::path output) {
  return custom(flat_label(format), std::move(output),
                [db = std::move(db), session_id, viewer_id, format](ExportJob& self) -> Status {
                  auto lib = store::Library::open(db, store::OpenMode::ExistingOnly);
                  if (!lib) return lib.error();
                  if (!self.report_progress(0.1)) return make_error("The export was cancelled.");
                  auto r = export_flat_file(*lib, session_id, viewer_id, format, {}, self.output_);
                  if (!r) return r.error();
                  return ok_status();
                });
}

}  // namespace triad::app
