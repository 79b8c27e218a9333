#include "core/model.hpp"

#include <array>
#include <utility>

namespace triad {
namespace {
constexpr std::array<std::pair<Role, std::string_view>, 6> kRoles{{
    {Role::Teacher, "teacher"},
    {Role::Observer, "observer"},
    {Role::Mentor, "mentor"},
    {Role::Nqt, "nqt"},
    {Role::LearningDetective, "learning-detective"},
    {Role::Facilitator, "facilitator"},
}};
constexpr std::array<std::pair<Visibility, std::string_view>, 3> kVis{{
    {Visibility::Private, "private"},
    {Visibility::Triad, "triad"},
    {Visibility::Everyone, "everyone"},
}};
}  // namespace

std::string_view to_string(Role r) {
  for (auto& [k, v] : kRoles)
    if (k == r) return v;
  return "observer";
}

std::optional<Role> parse_role(std::string_view s) {
  for (auto& [k, v] : kRoles)
    if (v == s) return k;
  if (s == "detective" || s == "pupil") return Role::LearningDetective;
  return std::nullopt;
}

std::string_view role_label(Role r) {
  switch (r) {
    case Role::Teacher: return "Teacher (observed)";
    case Role::Observer: return "Observer";
    case Role::Mentor: return "Mentor";
    case Role::Nqt: return "NQT (self-review)";
    case Role::LearningDetective: return "Learning detective";
    case Role::Facilitator: return "Facilitator";
  }
  return "Observer";
}

std::string_view to_string(Visibility v) {
  for (auto& [k, s] : kVis)
    if (k == v) return s;
  return "triad";
}

std::optional<Visibility> parse_visibility(std::string_view s) {
  for (auto& [k, v] : kVis)
    if (v == s) return k;
  return std::nullopt;
}

std::string_view to_string(RecordingRole r) {
  switch (r) {
    case RecordingRole::Camera: return "camera";
    case RecordingRole::Microphone: return "microphone";
    case RecordingRole::TeacherMic: return "teacher-mic";
  }
  return "camera";
}

std::optional<RecordingRole> parse_recording_role(std::string_view s) {
  for (RecordingRole r : {RecordingRole::Camera, RecordingRole::Microphone, RecordingRole::TeacherMic})
    if (to_string(r) == s) return r;
  return std::nullopt;
}

}  // namespace triad
