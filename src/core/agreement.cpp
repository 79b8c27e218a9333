#include "core/agreement.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace triad {

namespace {

std::string join_codes(const CodeSet& set) {
  std::string s;
  for (const auto& c : set) {
    if (!s.empty()) s += '+';
    s += c;
  }
  return s;
}

bool top_level(const Comment& c) { return !c.deleted && !c.parent_uuid; }

std::string name_or_id(const std::map<RowId, std::string>& names, RowId id) {
  auto it = names.find(id);
  return it != names.end() && !it->second.empty() ? it->second : "person " + std::to_string(id);
}

// Landis & Koch's words for a kappa, so the number reads as something.
const char* kappa_words(double k) {
  if (k < 0) return "less than chance";
  if (k <= 0.20) return "slight";
  if (k <= 0.40) return "fair";
  if (k <= 0.60) return "moderate";
  if (k <= 0.80) return "substantial";
  return "almost perfect";
}

std::string fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

bool has(const CodeSet& s, const std::string& tag) { return std::binary_search(s.begin(), s.end(), tag); }

void mark(AgendaItem& it) {
  if (!seen_differently(it)) it.tags.push_back(kSeenDifferentlyTag);
}

}  // namespace

bool seen_differently(const AgendaItem& item) {
  return std::find(item.tags.begin(), item.tags.end(), kSeenDifferentlyTag) != item.tags.end();
}

Status validate_agreement_options(const AgreementOptions& o) {
  if (o.unit_us <= 0) return make_error("The agreement time unit must be longer than zero.");
  if (o.unit_us > seconds_us(3600)) return make_error("The agreement time unit must be an hour or less.");
  return ok_status();
}

std::optional<KappaFigures> cohen_kappa(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || a.size() != b.size()) return std::nullopt;
  const double n = static_cast<double>(a.size());
  std::map<std::string, double> fa, fb;
  double same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    fa[a[i]] += 1;
    fb[b[i]] += 1;
    if (a[i] == b[i]) same += 1;
  }
  KappaFigures k;
  k.observed = same / n;
  for (const auto& [cat, count] : fa) {
    auto it = fb.find(cat);
    if (it != fb.end()) k.chance += (count / n) * (it->second / n);
  }
  k.kappa = k.chance >= 1.0 ? 1.0 : (k.observed - k.chance) / (1.0 - k.chance);
  return k;
}

std::optional<KappaFigures> fleiss_kappa(const std::vector<std::vector<std::string>>& codes) {
  if (codes.empty() || codes.front().size() < 2) return std::nullopt;
  const std::size_t raters = codes.front().size();
  for (const auto& row : codes)
    if (row.size() != raters) return std::nullopt;
  const double n = static_cast<double>(raters);
  const double subjects = static_cast<double>(codes.size());
  std::map<std::string, double> totals;
  double p_sum = 0;
  for (const auto& row : codes) {
    std::map<std::string, double> counts;
    for (const auto& c : row) counts[c] += 1;
    double sq = 0;
    for (const auto& [cat, cnt] : counts) {
      sq += cnt * cnt;
      totals[cat] += cnt;
    }
    p_sum += (sq - n) / (n * (n - 1));
  }
  KappaFigures k;
  k.observed = p_sum / subjects;
  for (const auto& [cat, cnt] : totals) {
    const double p = cnt / (subjects * n);
    k.chance += p * p;
  }
  k.kappa = k.chance >= 1.0 ? 1.0 : (k.observed - k.chance) / (1.0 - k.chance);
  return k;
}

std::vector<CodeSet> slice_codes(const std::vector<Comment>& comments, RowId author, TimeUs start_us, int slices,
                                 TimeUs unit_us) {
  std::vector<CodeSet> out(static_cast<std::size_t>(std::max(0, slices)));
  const TimeUs half = unit_us / 2;
  for (const auto& c : comments) {
    if (!top_level(c) || c.author_id != author || c.tags.empty()) continue;
    // Slices k whose time t = start + k*unit is covered by the comment.
    TimeUs lo, hi;  // covered times: [lo, hi)
    if (c.end_us && *c.end_us > c.start_us) {
      lo = c.start_us;
      hi = *c.end_us;
    } else {
      // t - half <= p < t + half  <=>  p - half < t <= p + half
      lo = c.start_us - half + 1;
      hi = c.start_us + (unit_us - half) + 1;
    }
    // First k with t >= lo, last k with t < hi.
    auto ceil_div = [](TimeUs num, TimeUs den) { return num >= 0 ? (num + den - 1) / den : -((-num) / den); };
    TimeUs k0 = std::max<TimeUs>(0, ceil_div(lo - start_us, unit_us));
    TimeUs k1 = std::min<TimeUs>(slices, ceil_div(hi - start_us, unit_us));  // exclusive
    for (TimeUs k = k0; k < k1; ++k) {
      auto& set = out[static_cast<std::size_t>(k)];
      for (const auto& t : c.tags) set.push_back(t);
    }
  }
  for (auto& set : out) {
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
  }
  return out;
}

AgreementReport compute_agreement(const std::vector<Comment>& comments, const std::map<RowId, std::string>& names,
                                  const AgreementOptions& o) {
  AgreementReport r;
  r.unit_us = o.unit_us > 0 ? o.unit_us : seconds_us(1);
  const TimeUs unit = r.unit_us;

  // Balance first: every reviewer with a top-level comment, tagged or not.
  std::map<RowId, ReviewerBalance> balance;
  std::set<RowId> observers;
  TimeUs first = 0, last = 0;
  bool any = false;
  for (const auto& c : comments) {
    if (!top_level(c)) continue;
    auto& b = balance[c.author_id];
    b.person = c.author_id;
    b.comments += 1;
    if (c.kind == "strength" || c.kind == "took-away") b.strengths += 1;
    if (c.kind == "try") b.suggestions += 1;
    if (c.tags.empty()) continue;
    observers.insert(c.author_id);
    const TimeUs end = c.end_us && *c.end_us > c.start_us ? *c.end_us : c.start_us;
    first = any ? std::min(first, c.start_us) : c.start_us;
    last = any ? std::max(last, end) : end;
    any = true;
  }
  for (auto& [id, b] : balance) {
    b.name = name_or_id(names, id);
    r.balance.push_back(b);
  }
  r.observers.assign(observers.begin(), observers.end());

  if (any) {
    r.start_us = first;
    // Slices at first, first+unit, ... up to and including the last covered moment.
    r.slices = static_cast<int>((last - first) / unit) + 1;
  }

  std::map<RowId, std::vector<CodeSet>> codes;
  for (RowId id : r.observers) codes[id] = slice_codes(comments, id, r.start_us, r.slices, unit);
  auto at = [&](int k) { return r.start_us + static_cast<TimeUs>(k) * unit; };

  for (std::size_t i = 0; i < r.observers.size(); ++i) {
    for (std::size_t j = i + 1; j < r.observers.size(); ++j) {
      PairAgreement p;
      p.a = r.observers[i];
      p.b = r.observers[j];
      p.a_name = name_or_id(names, p.a);
      p.b_name = name_or_id(names, p.b);
      const auto& ca = codes[p.a];
      const auto& cb = codes[p.b];
      std::vector<std::string> sa, sb;
      std::set<std::string> tags;
      for (int k = 0; k < r.slices; ++k) {
        sa.push_back(join_codes(ca[static_cast<std::size_t>(k)]));
        sb.push_back(join_codes(cb[static_cast<std::size_t>(k)]));
        for (const auto& t : ca[static_cast<std::size_t>(k)]) tags.insert(t);
        for (const auto& t : cb[static_cast<std::size_t>(k)]) tags.insert(t);
      }
      if (auto k = cohen_kappa(sa, sb)) p.figures = *k;
      // Disagreement spans: runs of slices whose codes differ.
      for (int k = 0; k < r.slices;) {
        if (sa[static_cast<std::size_t>(k)] == sb[static_cast<std::size_t>(k)]) {
          ++k;
          continue;
        }
        int e = k;
        while (e < r.slices && sa[static_cast<std::size_t>(e)] != sb[static_cast<std::size_t>(e)]) ++e;
        p.disagreements.push_back({at(k), at(e), p.a, p.b});
        k = e;
      }
      for (const auto& tag : tags) {
        TagAgreement t;
        t.tag = tag;
        std::vector<std::string> pa, pb;
        for (int k = 0; k < r.slices;) {
          const bool ha = has(ca[static_cast<std::size_t>(k)], tag), hb = has(cb[static_cast<std::size_t>(k)], tag);
          pa.push_back(ha ? "1" : "0");
          pb.push_back(hb ? "1" : "0");
          ++k;
        }
        for (int k = 0; k < r.slices;) {
          if (pa[static_cast<std::size_t>(k)] == "0" && pb[static_cast<std::size_t>(k)] == "0") {
            ++k;
            continue;
          }
          bool both = false;
          while (k < r.slices && (pa[static_cast<std::size_t>(k)] == "1" || pb[static_cast<std::size_t>(k)] == "1")) {
            both = both || (pa[static_cast<std::size_t>(k)] == "1" && pb[static_cast<std::size_t>(k)] == "1");
            ++k;
          }
          t.moments += 1;
          if (both) t.both += 1;
        }
        if (auto k = cohen_kappa(pa, pb)) t.kappa = k->kappa;
        p.tags.push_back(std::move(t));
      }
      r.pairs.push_back(std::move(p));
    }
  }

  if (r.observers.size() >= 3 && r.slices > 0) {
    std::vector<std::vector<std::string>> rows(static_cast<std::size_t>(r.slices));
    for (int k = 0; k < r.slices; ++k)
      for (RowId id : r.observers) rows[static_cast<std::size_t>(k)].push_back(join_codes(codes[id][static_cast<std::size_t>(k)]));
    r.fleiss = fleiss_kappa(rows);
  }

  // Plain language: who agreed on what, where they differed, then the numbers' words.
  if (r.observers.size() < 2) {
    r.lines.push_back(r.observers.empty() ? "No one has tagged a moment yet, so there is nothing to compare."
                                          : "Only one reviewer has tagged moments, so there is nothing to compare.");
  }
  for (const auto& p : r.pairs) {
    for (const auto& t : p.tags) {
      std::string line = p.a_name + " and " + p.b_name + " both marked " + t.tag + " at " + std::to_string(t.both) +
                         " of " + plural(t.moments, "moment", "moments");
      // The first slice where exactly one of them had this tag.
      const auto& ca = codes[p.a];
      const auto& cb = codes[p.b];
      for (int k = 0; k < r.slices; ++k) {
        if (has(ca[static_cast<std::size_t>(k)], t.tag) != has(cb[static_cast<std::size_t>(k)], t.tag)) {
          line += "; they saw " + format_time_short(at(k)) + " differently";
          break;
        }
      }
      r.lines.push_back(line + ".");
    }
    r.lines.push_back(p.a_name + " and " + p.b_name + " coded the same at " +
                      std::to_string(static_cast<int>(std::lround(p.figures.observed * 100))) + "% of the lesson's " +
                      fixed(static_cast<double>(unit) / 1e6, unit % kUsPerSecond == 0 ? 0 : 1) + "-second moments" +
                      " (Cohen's kappa " + fixed(p.figures.kappa, 2) + ": " + kappa_words(p.figures.kappa) +
                      " agreement beyond chance).");
  }
  if (r.fleiss)
    r.lines.push_back("All " + std::to_string(r.observers.size()) + " reviewers together: Fleiss' kappa " +
                      fixed(r.fleiss->kappa, 2) + " (" + kappa_words(r.fleiss->kappa) + ").");
  for (const auto& b : r.balance)
    r.lines.push_back(b.name + " noted " + plural(b.strengths, "strength", "strengths") + " to " +
                      plural(b.suggestions, "suggestion", "suggestions") + ".");
  return r;
}

void add_seen_differently(std::vector<AgendaItem>& items, const AgreementReport& report, const AgendaOptions& o) {
  // All pairs' spans on one line, merged when close: one agenda item per place they differed.
  std::vector<std::pair<TimeUs, TimeUs>> spans;
  for (const auto& p : report.pairs)
    for (const auto& d : p.disagreements) spans.emplace_back(d.start_us, d.end_us);
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<TimeUs, TimeUs>> merged;
  for (const auto& s : spans) {
    if (!merged.empty() && s.first - merged.back().second <= o.window_us)
      merged.back().second = std::max(merged.back().second, s.second);
    else
      merged.push_back(s);
  }
  for (const auto& [s, e] : merged) {
    bool covered = false;
    for (auto& it : items) {
      // Overlap with the item's flagged span, widened by the window (its comments point there).
      if (it.start_us - o.window_us < e && s < it.end_us + o.window_us) {
        mark(it);
        covered = true;
      }
    }
    if (covered) continue;
    AgendaItem it;
    it.start_us = s;
    it.end_us = std::max(s, e - 1);
    mark(it);
    it.loop_start_us = std::max<TimeUs>(0, s - o.preroll_us);
    it.loop_end_us = it.end_us + o.postroll_us;
    if (o.duration_us) it.loop_end_us = std::min(it.loop_end_us, *o.duration_us);
    if (it.loop_end_us <= it.loop_start_us) it.loop_end_us = it.loop_start_us + 1;
    items.push_back(std::move(it));
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const AgendaItem& a, const AgendaItem& b) { return a.start_us < b.start_us; });
  for (std::size_t i = 0; i < items.size(); ++i) items[i].number = static_cast<int>(i) + 1;
}

}  // namespace triad
