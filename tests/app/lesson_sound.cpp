#include "lesson_sound.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <mutex>

#include "../made_once.hpp"

namespace triad::test {

namespace {

constexpr const char* kLesson =
    "Good morning everyone, please sit down and take out your exercise books. Today we are going to look at "
    "equivalent fractions. Who can remind me what the denominator tells us? Yes, Amira, the number of equal parts "
    "in the whole. And the numerator? Exactly, how many of those parts we have. Let us start with a quick warm up "
    "on your whiteboards. Write down a fraction that is equal to one half. Hold them up. Three sixths, four "
    "eighths, fifty hundredths, lovely. Now, how do we know that two quarters is the same as one half? Talk to "
    "your partner for thirty seconds. Right, Jamal, what did your pair say? You multiplied the top and the bottom "
    "by two. Brilliant. Now I want you to think about twelve eighteenths. Can you simplify it? Find the highest "
    "common factor first. Some of you are dividing by two and then by three, that works too. Table four, you are "
    "very quiet, what have you got? Two thirds. Excellent. Next, we will play a game with fraction walls. Each "
    "group has a set of strips. Match the ones that are the same length. You have five minutes, starting now. "
    "Remember to record your pairs in the table on the sheet. I will come round and ask you to explain your "
    "thinking. Okay, pens down please. Let us share. Which fractions were equal to three quarters? Six eighths, "
    "nine twelfths. Did anyone find one with a denominator of twenty? Fifteen twentieths, well done Sophie. For "
    "homework, finish page forty two and bring your fraction walls back on Thursday.";

constexpr const char* kOther =
    "The river rises in the hills above the old mill and flows through three villages before it reaches the sea. "
    "In winter the water is brown and fast, and the footpath along the bank is often closed. Farmers grow barley "
    "and potatoes in the valley, and the market on Saturdays sells cheese, apples and honey from the nearby farms. "
    "A railway line was built in eighteen sixty and the station still has its original clock. Tourists come in "
    "summer to walk the cliffs and watch the seabirds nesting on the ledges.";

// espeak-ng's reading of `text`, made once per machine (made_once.hpp); this process's copy.
std::filesystem::path speak(const std::string& name, const char* text, const std::string& voice) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  const auto out = lesson_dir() / name;
  if (std::filesystem::exists(out)) return out;
  const auto made = made_once("espeak-ng " + voice + "\n" + text, name, [&](const std::filesystem::path& part) {
    const auto txt = part.string() + ".txt";
    std::ofstream(txt) << text;
    const bool ok = shell("espeak-ng " + voice + " -f '" + txt + "' -w '" + part.string() + "' 2>/dev/null");
    std::filesystem::remove(txt);
    return ok;
  });
  if (made.empty() || !private_copy(made, out)) return {};
  return out;
}

}  // namespace

const std::filesystem::path& lesson_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("triad-lesson-sound-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    remove_at_exit(d);
    return d;
  }();
  return dir;
}

bool shell(const std::string& command) { return std::system(command.c_str()) == 0; }

std::filesystem::path lesson_speech() { return speak("lesson.wav", kLesson, "-s 150"); }
std::filesystem::path other_speech() { return speak("other.wav", kOther, "-s 140 -v en-us"); }

std::filesystem::path make_media(const std::string& name, const std::string& ffmpeg_args) {
  return ffmpeg_made_in(lesson_dir(), name, ffmpeg_args);
}

}  // namespace triad::test
