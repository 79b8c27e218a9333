#pragma once
// The protocol a triad agrees before observing: what to look for, which tags and
// feedback stems to use, who sees new comments, whether review is blind, and how
// long the recording may be kept. Stored per session; a session in a lesson-study
// cycle without its own protocol inherits the latest earlier one (see cycle.hpp).
//
// Typical use (composer):
//   Protocol p = ...;                                   // from the store
//   for (auto& s : p.stems) button(s.label);            // only the protocol's stems
//   if (auto st = check_comment(p, fw, role, c); !st)   // refuse with st.error().message
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"

namespace triad {

struct FeedbackStem {
  std::string code;   // stored in Comment::kind, e.g. "took-away"
  std::string label;  // shown in the composer, e.g. "I took away…"
  bool required = false;  // every reviewer's submitted review needs at least one
};

// took-away "I took away…", try "Why don't you try…", question "Question",
// strength "Strength", note "Note"; none required.
std::vector<FeedbackStem> default_stems();

inline constexpr std::string_view kDefaultFramework = "jpd-peer-observation";
inline constexpr std::string_view kDefaultDetectiveFramework = "learning-detectives";

struct Protocol {
  RowId session_id = 0;  // the session that owns it (0 = not stored yet)
  std::vector<std::string> focus_questions;  // focus / research question(s)
  std::string framework_code{kDefaultFramework};                   // staff tag framework
  std::string detective_framework_code{kDefaultDetectiveFramework};  // child-friendly, for detectives
  std::vector<FeedbackStem> stems = default_stems();
  Visibility default_visibility = Visibility::Triad;  // for new comments (self-review starts private)
  bool blind_review = false;
  std::optional<std::string> retention_date;  // ISO "YYYY-MM-DD": delete the recording after this day
  std::int64_t updated_at_ms = 0;
  RowId updated_by = 0;
};

const FeedbackStem* find_stem(const Protocol& p, std::string_view code);

// The framework code a role comments with: the detective framework for a learning
// detective, the staff framework for everyone else.
const std::string& framework_code_for(const Protocol& p, Role author_role);

// Protocol rules in themselves: stems non-empty with unique lower-case codes and
// labels, framework codes set, retention date a real calendar date.
Status validate_protocol(const Protocol& p);

// True for a real calendar date "YYYY-MM-DD".
bool is_iso_date(std::string_view s);

// True when the protocol's retention date is set and `today` ("YYYY-MM-DD") is after
// it: the recording should be deleted (the comments stay). ISO dates order as text.
bool retention_passed(const Protocol& p, std::string_view today);

// Can this comment be saved under the protocol? `framework` is the one the author's
// role uses (the staff framework, or the detective framework for a learning
// detective). Refused, with the reason, when:
//   - the protocol has required stems and the comment has no stem;
//   - the stem is not one of the protocol's stems;
//   - a tag is not in the framework, or the framework is not allowed for the role;
//   - the pupil is not a pupil code (names are never stored), or not one of the
//     framework's lanes when it has lanes (`pupil_lanes`).
// Replies (parent_uuid set) are conversation, not observations: any stem or none,
// and no tags.
Status check_comment(const Protocol& p, const Framework& framework, const std::vector<std::string>& pupil_lanes,
                     Role author_role, const Comment& c);
// The same, with the framework's own lanes (Framework::pupils).
Status check_comment(const Protocol& p, const Framework& framework, Role author_role, const Comment& c);

// Before a reviewer submits: which required stems has this reviewer not used yet?
// `own` are the reviewer's own live comments in the session.
std::vector<std::string> missing_required_stems(const Protocol& p, const std::vector<Comment>& own);

// Parses one stem spec for the CLI: "code=Label" or a bare default code ("question",
// which takes its default label). A trailing '!' marks it required: "try!".
Result<FeedbackStem> parse_stem(std::string_view spec);

// JSON form used by `protocol show --json`, exports and the store's stem column.
std::string protocol_to_json(const Protocol& p);
Result<Protocol> protocol_from_json(std::string_view text, std::string_view source);

}  // namespace triad
