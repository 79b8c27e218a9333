#pragma once
// Exports started from the window (issues 6, 13): the HTML report (exchange/report), a
// clip around the selected comment (exchange/clip), a bundle or a flat file, run on a worker thread so the
// window keeps playing. Like app/overview_job: the worker never touches the UI; the
// UI thread polls fraction()/done()/result() and may cancel(). Files are written
// atomically (the report through base/atomic_file, the clip by exchange itself):
// a cancelled or failed export leaves nothing under the final name. Cancelled and
// joined by the destructor.
#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/result.hpp"
#include "exchange/clip.hpp"
#include "exchange/export_view.hpp"
#include "exchange/flat_io.hpp"
#include "exchange/report.hpp"

namespace triad::app {

class ExportJob {
 public:
  // The report reads its own connection to the library file `db` (a Library belongs to
  // one thread); `options.progress` is set by the job.
  static std::unique_ptr<ExportJob> report(std::filesystem::path db, exchange::ReportOptions options,
                                           std::filesystem::path output);
  static std::unique_ptr<ExportJob> clip(std::filesystem::path input, std::vector<exchange::ClipSegment> segments,
                                         std::filesystem::path output, exchange::ClipOptions options = {});
  // A bundle signed by `exporter_id` or the comments as a flat file (app/share_files.hpp,
  // as the CLI writes them), each on its own connection to `db`. Quick next to a report:
  // cancel is honoured until the file is written.
  static std::unique_ptr<ExportJob> bundle(std::filesystem::path db, RowId session_id, exchange::Audience audience,
                                           RowId exporter_id, std::string passphrase, std::int64_t now_ms,
                                           std::filesystem::path output);
  static std::unique_ptr<ExportJob> flat(std::filesystem::path db, RowId session_id, RowId viewer_id,
                                         exchange::FlatFormat format, std::filesystem::path output);
  // Any other work on the job's thread, named `what` in its sentences (tests, future exports).
  static std::unique_ptr<ExportJob> custom(std::string what, std::filesystem::path output,
                                           std::function<Status(ExportJob&)> work);
  ~ExportJob();
  ExportJob(const ExportJob&) = delete;
  ExportJob& operator=(const ExportJob&) = delete;

  const std::string& what() const { return what_; }  // "report", "clip", "bundle", "CSV file"...
  const std::filesystem::path& output() const { return output_; }
  void cancel() { cancel_ = true; }
  bool cancelling() const { return cancel_.load(); }
  bool done() const { return done_.load(); }
  double fraction() const;  // 0..1
  // Once done: ok, or the reason it failed ("... was cancelled." when cancelled).
  std::optional<Status> result() const;
  // Blocks until the worker finished (scripts and tests).
  void wait();
  // Once done: what the export says beside its result, one sentence each (a bundle's "left
  // out: ..." lines), for the window to show under "written".
  std::vector<std::string> notes() const;

 private:
  ExportJob(std::string what, std::filesystem::path output);
  void start(std::function<Status(ExportJob&)> work);
  bool report_progress(double f);  // false = cancel
  void add_note(std::string note);

  std::string what_;
  std::filesystem::path output_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> done_{false};
  mutable std::mutex mutex_;
  double fraction_ = 0;            // guarded by mutex_
  std::optional<Status> result_;   // guarded by mutex_
  std::vector<std::string> notes_;  // guarded by mutex_
  std::thread worker_;
};

}  // namespace triad::app
