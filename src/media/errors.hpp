#pragma once
// Error codes of the media layer. They are the `triad` CLI's exit codes
// (src/cli/context.hpp repeats them); media cannot include cli, so the numbers live here too.
namespace triad::media {

enum ErrorCode : int {
  kFailed = 1,       // anything else (e.g. cancelled by the caller, bad argument)
  kUnsupported = 3,  // not a container/codec Triad opens (includes playlists disguised as video)
  kCorrupt = 4,      // the format is known but the data is damaged, or no playable stream
  kIoError = 5,      // the file cannot be read or written
  kTimeout = 6,      // gave up after the interrupt deadline
  kNotRegular = 7,   // a directory, device, fifo or socket
};

}  // namespace triad::media
