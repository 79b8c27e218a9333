#pragma once
// Which sound a session plays (issue 15: "the chosen audio: any recording's sound, or a
// mix"): the session clock's own (the default), one recording's (a camera's or a
// microphone's), or every recording's with sound mixed. The choice is kept per session in
// the library, so the window, `triad play --session` and clip export hear the same; the
// chosen sound is read at the session time through its recording's offset and drift
// (media/sound_mix.hpp). The window's `sound` command and the CLI's --sound are thin over this.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "media/sound_mix.hpp"
#include "store/library.hpp"

namespace triad::app {

struct SoundChoice {
  enum class Kind { Clock, Recording, Mix };
  Kind kind = Kind::Clock;
  RowId recording_id = 0;  // Kind::Recording
  bool operator==(const SoundChoice&) const = default;
};

// "clock", "mix", or "rID" (the form kept in the library and printed by the CLI).
std::string to_string(const SoundChoice& c);
// "clock", "mix", "rID" or a bare recording id ("5"): the CLI's --sound and the stored form.
std::optional<SoundChoice> parse_sound_choice(std::string_view s);

// The session's kept choice (the clock's sound when none was made); saving it replaces it.
SoundChoice load_sound_choice(store::Library& lib, RowId session_id);
Status save_sound_choice(store::Library& lib, RowId session_id, const SoundChoice& choice);

// What a recording is called where it has no tile number: its label, else its file's name.
std::string recording_name(const Recording& r);

// The recordings heard for `choice` among the session's `recordings`: the clock's (Clock),
// the one chosen (refused when it is not the session's or has no sound track), or every
// recording with a sound track (Mix; refused when none has one). Files are probed.
Result<std::vector<Recording>> sound_recordings(const std::vector<Recording>& recordings, const SoundChoice& choice);

// What plays beside `leader`'s file (the file the transport runs on) for `choice`:
// nullopt when that is the leader's own sound (nothing to mix), else the sounds placed on
// the leader's own time (offset and drift of each against the leader's).
Result<std::optional<std::vector<media::SoundPlacement>>> sound_beside(const std::vector<Recording>& recordings,
                                                                     const Recording& leader, const SoundChoice& choice);

// "the session clock's sound (Front)", "Teacher mic's sound", "every recording's sound mixed (3)".
std::string sound_phrase(const std::vector<Recording>& recordings, const SoundChoice& choice);

}  // namespace triad::app
