#include "app/lesson_agreement.hpp"

#include "store/workflow.hpp"

namespace triad::app {

Result<AgreementReport> session_agreement(store::Library& lib, RowId session_id, RowId viewer_id,
                                          const AgreementOptions& options) {
  if (auto v = validate_agreement_options(options); !v) return v.error();
  auto visible = store::list_visible_comments(lib, session_id, viewer_id);
  if (!visible) return visible.error();
  std::map<RowId, std::string> names;
  for (const auto& c : *visible) {
    if (names.count(c.author_id)) continue;
    auto p = lib.get_person(c.author_id);
    names[c.author_id] = p ? p->display_name : "person " + std::to_string(c.author_id);
  }
  return compute_agreement(*visible, names, options);
}

nlohmann::json agreement_json(const AgreementReport& r) {
  using nlohmann::json;
  json pairs = json::array(), spans = json::array(), balance = json::array();
  for (const auto& p : r.pairs) {
    json tags = json::array();
    for (const auto& t : p.tags)
      tags.push_back({{"tag", t.tag},
                      {"moments", t.moments},
                      {"both", t.both},
                      {"kappa", t.kappa ? json(*t.kappa) : json(nullptr)}});
    pairs.push_back({{"a", p.a_name},
                     {"b", p.b_name},
                     {"a_id", p.a},
                     {"b_id", p.b},
                     {"kappa", p.figures.kappa},
                     {"observed", p.figures.observed},
                     {"chance", p.figures.chance},
                     {"tags", tags}});
    for (const auto& d : p.disagreements)
      spans.push_back({{"start_us", d.start_us}, {"end_us", d.end_us}, {"a", p.a_name}, {"b", p.b_name}});
  }
  for (const auto& b : r.balance)
    balance.push_back(
        {{"name", b.name}, {"strengths", b.strengths}, {"suggestions", b.suggestions}, {"comments", b.comments}});
  return {{"unit_s", static_cast<double>(r.unit_us) / 1e6},
          {"start_us", r.start_us},
          {"slices", r.slices},
          {"lines", r.lines},
          {"kappa", pairs},
          {"fleiss_kappa", r.fleiss ? json(r.fleiss->kappa) : json(nullptr)},
          {"balance", balance},
          {"seen_differently", spans}};
}

}  // namespace triad::app
