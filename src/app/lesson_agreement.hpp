#pragma once
// Observer agreement of one session, as the viewer may see it: the use case behind
// `triad agreement`, the agreement view and the report. Headless.
#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "core/agreement.hpp"
#include "store/library.hpp"

namespace triad::app {

// Agreement over the comments `viewer_id` may see (the one visibility rule), with names.
Result<AgreementReport> session_agreement(store::Library& lib, RowId session_id, RowId viewer_id,
                                          const AgreementOptions& options = {});

// {unit_s, slices, lines: [..], kappa: [{a, b, kappa, observed, chance, tags: [..]}],
//  fleiss_kappa (or null), balance: [{name, strengths, suggestions, comments}],
//  seen_differently: [{start_us, end_us, a, b}]}
nlohmann::json agreement_json(const AgreementReport& report);

}  // namespace triad::app
