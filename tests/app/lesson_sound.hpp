#pragma once
// Recordings of one made-up lesson for the alignment tests, generated at test time (never
// committed): espeak-ng speaks a lesson's worth of varied text, and each "device" hears its
// own stretch of it through its own noise, level, filter and sample rate (ffmpeg lavfi).
// Long recordings use bursts of pink noise gated at random instead of speech (quick to make).
#include <filesystem>
#include <string>

namespace triad::test {

// A temporary folder for this test process, removed when it exits.
const std::filesystem::path& lesson_dir();
// Runs a shell command; true on exit status 0.
bool shell(const std::string& command);
// The lesson's speech (about 105 s, 22.05 kHz mono WAV), or empty when espeak-ng is missing.
std::filesystem::path lesson_speech();
// Unrelated speech (another text, another voice), or empty.
std::filesystem::path other_speech();
// Runs `ffmpeg -v error -y ARGS OUT` once per machine (made_once.hpp) and copies OUT into
// lesson_dir() under `name`; empty path on failure.
std::filesystem::path make_media(const std::string& name, const std::string& ffmpeg_args);

}  // namespace triad::test
