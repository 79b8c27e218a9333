#include "cli/context.hpp"

namespace triad::cli {

int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kFailed: return kFailure;
    case ErrorKind::kUsage: return kUsage;
    case ErrorKind::kUnsupported: return kUnsupported;
    case ErrorKind::kCorrupt: return kCorrupt;
    case ErrorKind::kIoError: return kIoError;
    case ErrorKind::kTimeout: return kTimeout;
    case ErrorKind::kNotRegular: return kNotRegular;
    case ErrorKind::kNotLibrary: return kNotLibrary;
  }
  return kFailure;
}

}  // namespace triad::cli
