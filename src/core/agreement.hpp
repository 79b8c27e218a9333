#pragma once
// Observer agreement: how far the reviewers of one lesson coded it alike.
//
// Time-unit kappa as BORIS computes it (Bakeman & Quera, "Sequential Analysis and
// Observational Methods", time-unit kappa): the lesson is cut into slices of `unit_us`
// from the earliest comment to the last moment any comment covers; at each slice time t
// an observer's code is the sorted set of tag codes of their comments active at t:
//   - an interval comment [start, end) is active when start <= t < end;
//   - a point comment at p is active when it lies within half a unit of t
//     (t - unit/2 <= p < t + unit/2, so every point falls in exactly one slice).
// The set, joined as a string ("" when nothing is coded), is one category; Cohen's kappa
// is taken over the slices' (observer A, observer B) categories, Fleiss' kappa over all
// observers' categories when there are three or more. Pure: no I/O.
//
//   auto a = compute_agreement(comments, names, {.unit_us = seconds_us(1)});
//   for (auto& line : a.lines) print(line);            // plain language first
//   for (auto& p : a.pairs) print(p.kappa);             // then the numbers
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "core/agenda.hpp"
#include "core/model.hpp"

namespace triad {

inline constexpr const char* kSeenDifferentlyTag = "seen-differently";
// True when the agenda item marks a moment the reviewers coded differently.
bool seen_differently(const AgendaItem& item);

struct AgreementOptions {
  TimeUs unit_us = seconds_us(1);  // the time unit (slice length)
};

Status validate_agreement_options(const AgreementOptions& o);

// One observer's code at each slice: the sorted tag codes active there.
using CodeSet = std::vector<std::string>;

// Cohen's kappa over paired categorical codes (same length). nullopt when there are no
// pairs. When chance agreement is 1 (both observers used one and the same category at
// every slice) kappa is defined as 1: they agreed on everything there was.
struct KappaFigures {
  double observed = 0;  // Po: share of slices where the codes are equal
  double chance = 0;    // Pe: agreement expected from each observer's code frequencies
  double kappa = 0;
};
std::optional<KappaFigures> cohen_kappa(const std::vector<std::string>& a, const std::vector<std::string>& b);

// Fleiss' kappa: codes[s][r] is rater r's category at subject s (every row the same width,
// at least 2 raters). nullopt when there are no subjects or fewer than two raters.
std::optional<KappaFigures> fleiss_kappa(const std::vector<std::vector<std::string>>& codes);

// A span of slices where two observers' codes differ: [start_us, end_us).
struct Disagreement {
  TimeUs start_us = 0;
  TimeUs end_us = 0;
  RowId a = 0, b = 0;  // the two observers
};

struct TagAgreement {
  std::string tag;
  int moments = 0;       // runs of slices where either observer had the tag
  int both = 0;          // of those, runs where both had it at some slice
  std::optional<double> kappa;  // Cohen's kappa on tag present / absent per slice
};

struct PairAgreement {
  RowId a = 0, b = 0;
  std::string a_name, b_name;
  KappaFigures figures;
  std::vector<TagAgreement> tags;           // every tag either observer used, by code
  std::vector<Disagreement> disagreements;  // in time order
};

// A reviewer's balance of strengths (kinds "strength", "took-away") to suggestions ("try").
struct ReviewerBalance {
  RowId person = 0;
  std::string name;
  int strengths = 0;
  int suggestions = 0;
  int comments = 0;  // all top-level comments
};

struct AgreementReport {
  TimeUs unit_us = 0;
  TimeUs start_us = 0;  // first slice time
  int slices = 0;
  std::vector<RowId> observers;  // authors of tagged top-level comments, by id
  std::vector<PairAgreement> pairs;
  std::optional<KappaFigures> fleiss;  // three or more observers
  std::vector<ReviewerBalance> balance;
  std::vector<std::string> lines;      // plain language, most useful first
};

// Slice codes of one observer's comments (top-level, not deleted, by that author).
std::vector<CodeSet> slice_codes(const std::vector<Comment>& comments, RowId author, TimeUs start_us, int slices,
                                 TimeUs unit_us);

// names: display name per person id (missing ids print as "person N").
AgreementReport compute_agreement(const std::vector<Comment>& comments, const std::map<RowId, std::string>& names,
                                  const AgreementOptions& options = {});

// Disagreements become agenda items marked "seen differently": an existing item that
// overlaps a disagreement gets kSeenDifferentlyTag among its tags; a disagreement no item
// covers becomes a new item with that tag (no comments, no authors). The code is reserved:
// no framework defines it, so panels show it as written.
// Items are renumbered in time order. Spans closer than `options.window_us` merge.
void add_seen_differently(std::vector<AgendaItem>& items, const AgreementReport& report,
                          const AgendaOptions& options = {});

}  // namespace triad
