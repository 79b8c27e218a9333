// Aligning a camera or microphone by its sound from the window (issue 15): `align N` (a
// camera by its tile number) or `align rID` (any recording by its id) starts the same
// analysis as `triad recording align` (app/recording_align.hpp) as a background job; the UI
// thread polls it in update() and stores the outcome only when the sound matched, so a
// refused or cancelled alignment leaves the camera where it was.
#include <chrono>
#include <thread>

#include "app/workstation.hpp"
#include "base/parse.hpp"
#include "core/recording_clock.hpp"

namespace triad::app {

Result<Outcome> Workstation::cmd_align(const Command& c) {
  if (c.args.size() != 1) return make_error("Usage: align N | align rID | align cancel | align wait | align dismiss.");
  const std::string& a = c.args[0];
  if (a == "cancel") {
    if (!align_job_) return done("No alignment is running.");
    align_job_->cancel();
    align_.cancelling = true;
    return done("Cancelling the alignment of " + align_.name + "…");
  }
  if (a == "wait") {
    // Scripts and tests: block until the job ends and take its outcome. A refusal is an
    // outcome, not a failed command: the window shows it as it would after a click.
    while (align_job_ && !align_job_->done()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    update_align();
    return done(align_.recording_id == 0 ? "No alignment has run." : align_.message);
  }
  if (a == "dismiss") {
    if (align_job_) return make_error("Cancel the running alignment before closing it.");
    align_ = AlignState{};
    return done();
  }
  if (align_job_) return make_error("An alignment is already running; cancel it or wait for it first.");
  if (!clock_recording_ || recordings_.size() < 2)
    return make_error("This session has one recording; add a camera or microphone in the Recordings section to align it.");
  auto rec = recording_arg(a);
  if (!rec) return rec.error();
  if (rec->id == clock_recording_->id)
    return make_error(recording_title(*rec) + " is the session clock: the other recordings are aligned to it.");
  recording_form_.added = 0;  // the offer after adding it is taken (or another is aligned)
  align_ = AlignState{};
  align_.recording_id = rec->id;
  align_.name = recording_title(*rec);
  align_.running = true;
  align_session_ = session_->id;
  align_job_ = std::make_unique<AlignJob>(*clock_recording_, *rec);
  return done("Aligning " + align_.name + " by its sound…");
}

void Workstation::update_align() {
  if (!align_job_) return;
  align_.fraction = align_job_->fraction();
  if (!align_job_->done()) return;
  auto r = align_job_->take_result();
  const bool cancelled = align_job_->cancelled();
  align_job_.reset();
  align_.running = false;
  align_.cancelling = false;
  if (!r || !*r) {
    align_.refused = true;
    align_.message = r ? r->error().message : "The alignment stopped.";
    if (cancelled)
      align_.message = "Aligning " + align_.name + " was cancelled; it stays where it was.";
    status_ = align_.message;
    return;
  }
  auto stored = store_alignment(lib_, align_session_, r->value());
  if (!stored) {
    align_.refused = true;
    align_.message = stored.error().message;
    status_ = align_.message;
    return;
  }
  AlignOutcome shown = r->value();
  shown.recording = *stored;
  align_.refused = false;
  align_.message = alignment_sentence(align_.name, shown);
  status_ = align_.message;
  // The cameras are placed anew (as after camera-offset) when the session is still open.
  if (session_ && session_->id == align_session_) {
    if (auto recs = lib_.recordings_for_session(session_->id); recs) open_other_cameras(*recs);
    media_.update();
  }
}

}  // namespace triad::app
