#include "cli/guarded_run.hpp"

#include <exception>
#include <string>

#include "base/text.hpp"
#include "cli/argument_checks.hpp"

namespace triad::cli {

int run_guarded(CLI::App& app, Context& ctx, int argc, const char* const* argv) {
  refused_argument().clear();
  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::ValidationError& e) {
      if (!refused_argument().empty()) {  // bad input, not bad usage: one sentence, exit code 1
        ctx.fail(refused_argument(), kFailure);
        return kFailure;
      }
      int rc = app.exit(e, *ctx.out, *ctx.err);
      return rc == 0 ? 0 : kUsage;
    } catch (const CLI::ParseError& e) {
      int rc = app.exit(e, *ctx.out, *ctx.err);
      return rc == 0 ? 0 : kUsage;
    }
    return ctx.exit_code;
  } catch (const std::exception& e) {
    // A bug, not a refusal: the work in progress was not committed (every write runs in a
    // transaction that rolls back when its scope unwinds).
    ctx.fail("internal error, nothing was changed: " + escape_for_terminal(e.what(), false) +
                 " (please report this).",
             kFailure);
  } catch (...) {
    ctx.fail("internal error, nothing was changed (please report this).", kFailure);
  }
  return kFailure;
}

}  // namespace triad::cli
