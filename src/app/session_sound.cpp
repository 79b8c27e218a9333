// Which sound a session plays; see session_sound.hpp.
#include "app/session_sound.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>

#include "base/parse.hpp"
#include "core/recording_clock.hpp"
#include "media/probe.hpp"

namespace triad::app {

namespace {

std::string setting_key(RowId session_id) { return "session." + std::to_string(session_id) + ".sound"; }

bool has_sound(const Recording& r, std::optional<Error>* why) {
  auto p = media::probe(r.path);
  if (!p) {
    if (why) *why = p.error();
    return false;
  }
  return p->audio() != nullptr;
}

}  // namespace

std::string to_string(const SoundChoice& c) {
  switch (c.kind) {
    case SoundChoice::Kind::Clock: return "clock";
    case SoundChoice::Kind::Mix: return "mix";
    case SoundChoice::Kind::Recording: return "r" + std::to_string(c.recording_id);
  }
  return "clock";
}

std::optional<SoundChoice> parse_sound_choice(std::string_view s) {
  if (s == "clock") return SoundChoice{};
  if (s == "mix") return SoundChoice{SoundChoice::Kind::Mix, 0};
  if (!s.empty() && (s.front() == 'r' || s.front() == 'R')) s.remove_prefix(1);
  auto id = parse_int(s, 1, std::numeric_limits<std::int64_t>::max(), "the recording id");
  if (!id) return std::nullopt;
  return SoundChoice{SoundChoice::Kind::Recording, *id};
}

SoundChoice load_sound_choice(store::Library& lib, RowId session_id) {
  auto v = lib.get_setting(setting_key(session_id));
  if (!v || !*v) return SoundChoice{};
  return parse_sound_choice(**v).value_or(SoundChoice{});
}

Status save_sound_choice(store::Library& lib, RowId session_id, const SoundChoice& choice) {
  if (choice.kind == SoundChoice::Kind::Clock) return lib.erase_setting(setting_key(session_id));
  return lib.set_setting(setting_key(session_id), to_string(choice));
}

std::string recording_name(const Recording& r) {
  return r.label.empty() ? std::filesystem::path(r.path).filename().string() : r.label;
}

Result<std::vector<Recording>> sound_recordings(const std::vector<Recording>& recordings, const SoundChoice& choice) {
  const Recording* clock = session_clock(recordings);
  if (clock == nullptr) return make_error("This session has no recording to play the sound of.");
  switch (choice.kind) {
    case SoundChoice::Kind::Clock: return std::vector<Recording>{*clock};
    case SoundChoice::Kind::Recording: {
      auto it = std::find_if(recordings.begin(), recordings.end(), [&](const Recording& r) { return r.id == choice.recording_id; });
      if (it == recordings.end())
        return make_error("Recording " + std::to_string(choice.recording_id) + " is not a recording of this session.");
      std::optional<Error> why;
      if (!has_sound(*it, &why))
        return why ? *why : make_error(recording_name(*it) + " (\"" + it->path + "\") has no sound track to play.");
      return std::vector<Recording>{*it};
    }
    case SoundChoice::Kind::Mix: {
      std::vector<Recording> out;
      for (const auto& r : recordings) {
        std::optional<Error> why;
        if (has_sound(r, &why)) out.push_back(r);
        else if (why) return *why;  // a file that cannot be read is said, not silently left out
      }
      if (out.empty()) return make_error("No recording of this session has a sound track to mix.");
      return out;
    }
  }
  return make_error("Unknown sound choice.");
}

Result<std::optional<std::vector<media::SoundPlacement>>> sound_beside(const std::vector<Recording>& recordings,
                                                                     const Recording& leader, const SoundChoice& choice) {
  auto heard = sound_recordings(recordings, choice);
  if (!heard) return heard.error();
  using Out = std::optional<std::vector<media::SoundPlacement>>;
  if (heard->size() == 1 && heard->front().id == leader.id) return Out{};  // the leader's own sound
  std::vector<media::SoundPlacement> placed;
  for (const auto& r : *heard) {
    const Placement p = placement_on(leader, r);
    placed.push_back(media::SoundPlacement{r.path, p.offset_us, p.drift_ppb});
  }
  return Out{std::move(placed)};
}

std::string sound_phrase(const std::vector<Recording>& recordings, const SoundChoice& choice) {
  const Recording* clock = session_clock(recordings);
  switch (choice.kind) {
    case SoundChoice::Kind::Clock:
      return "the session clock's sound" + (clock ? " (" + recording_name(*clock) + ")" : std::string());
    case SoundChoice::Kind::Mix: return "every recording's sound mixed";
    case SoundChoice::Kind::Recording:
      for (const auto& r : recordings)
        if (r.id == choice.recording_id) return recording_name(r) + "'s sound";
      return "recording " + std::to_string(choice.recording_id) + "'s sound";
  }
  return "the session clock's sound";
}

}  // namespace triad::app
