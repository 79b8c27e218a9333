// What a real browser makes of our files: the WebVTT export as a <track> of a <video>, and
// the HTML report (escaping, embedded pictures, no network, print), in headless Chromium.
// Skipped with a message when /usr/bin/chromium is absent (scripts/deps.sh installs it).
//
// Chromium refuses a <track> to a file:// page, so pages are served by a small HTTP server
// on 127.0.0.1 inside the test; its log of requests is also how the report is shown to
// fetch nothing. Each page's script writes its findings as JSON into <pre id="result">,
// and `--dump-dom` hands the DOM back once the page is done.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "exchange/flat_io.hpp"
#include "exchange/report.hpp"
#include "exchange/webvtt.hpp"
#include "store/workflow.hpp"
#include "test_util.hpp"
#include "../media_tool.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using store::Library;
using test::must;
using test::slurp;

constexpr const char* kChromium = "/usr/bin/chromium";

#define TRIAD_REQUIRE_CHROMIUM()                                                                   \
  do {                                                                                             \
    if (::access(kChromium, X_OK) != 0)                                                            \
      GTEST_SKIP() << kChromium << " is absent (scripts/deps.sh installs Debian's chromium); "     \
                   << "skipping the browser check";                                                \
  } while (0)

// A fresh folder per test, removed at the end.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path = fs::temp_directory_path() /
           ("triad-browser-" + std::to_string(::getpid()) + "-" + info->test_suite_name() + "-" + info->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() { fs::remove_all(path); }
};

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
  if (!f) throw std::runtime_error("cannot write " + p.string());
}

// ---- a one-folder HTTP server on loopback --------------------------------------------------

// Serves the files of one folder (no subfolders) on 127.0.0.1 at a port the system picks,
// one request per connection, and records every request line ("GET /name"). Connections
// run on their own threads (Chromium may open an idle spare connection beside the one it
// uses); the destructor stops and joins them all, so nothing outlives the test.
class LoopbackServer {
 public:
  explicit LoopbackServer(fs::path root) : root_(std::move(root)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listener_, 16) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      std::string why = std::strerror(errno);
      if (listener_ >= 0) ::close(listener_);
      throw std::runtime_error("the loopback server cannot listen: " + why);
    }
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~LoopbackServer() {
    stop_ = true;
    acceptor_.join();
    for (auto& t : connections_) t.join();  // only the acceptor added to it, and it has ended
    ::close(listener_);
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  std::string url(const std::string& name) const { return "http://127.0.0.1:" + std::to_string(port_) + "/" + name; }
  std::vector<std::string> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

 private:
  // Waits up to 50 ms for `fd` to be readable, so every loop notices stop_ soon.
  static bool readable(int fd) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 50) > 0;
  }

  void accept_loop() {
    while (!stop_) {
      if (!readable(listener_)) continue;
      int c = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c >= 0) connections_.emplace_back([this, c] { serve(c); });
    }
  }

  void serve(int c) {
    std::string head;
    char buf[4096];
    while (!stop_ && head.find("\r\n\r\n") == std::string::npos) {
      if (!readable(c)) continue;
      ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) break;
      head.append(buf, static_cast<std::size_t>(n));
    }
    if (head.find("\r\n\r\n") != std::string::npos) respond(c, head.substr(0, head.find("\r\n")));
    ::close(c);
  }

  // `line` is the request line: "GET /name?query HTTP/1.1".
  void respond(int c, const std::string& line) {
    std::size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
    std::string method = line.substr(0, sp1);
    std::string target = sp1 < sp2 ? line.substr(sp1 + 1, sp2 - sp1 - 1) : "";
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(method + " " + target);
    }
    std::string name = target.substr(0, target.find('?'));
    if (!name.empty() && name[0] == '/') name.erase(0, 1);
    fs::path file = root_ / name;
    bool found = method == "GET" && !name.empty() && name.find('/') == std::string::npos && name != ".." &&
                 fs::is_regular_file(file);
    std::string body = found ? slurp(file) : "not found";
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"}, {".vtt", "text/vtt; charset=utf-8"}};
    auto type = types.find(file.extension().string());
    std::string reply = std::string("HTTP/1.1 ") + (found ? "200 OK" : "404 Not Found") +
                        "\r\nContent-Type: " + (found && type != types.end() ? type->second : "text/plain") +
                        "\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" + body;
    for (std::size_t sent = 0; sent < reply.size();) {
      ssize_t n = ::send(c, reply.data() + sent, reply.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
  }

  fs::path root_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread acceptor_;
  std::vector<std::thread> connections_;  // acceptor thread only, until it is joined
  mutable std::mutex mutex_;              // guards requests_
  std::vector<std::string> requests_;
};

// ---- headless Chromium ---------------------------------------------------------------------

struct ChromiumRun {
  int status = -1;
  std::string out;  // stdout (the DOM for --dump-dom)
  std::string err;  // the end of stderr, for failure messages
};

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs headless Chromium once with a fresh profile in `scratch` and `args` after the flags
// every run needs: --no-sandbox because tests run as root; the background-networking,
// component-update and sync flags keep it from calling out (it floods a closed network
// otherwise). `timeout` kills its whole process group if it hangs.
ChromiumRun run_chromium(const fs::path& scratch, const std::vector<std::string>& args) {
  static int runs = 0;
  fs::path profile = scratch / ("chromium-profile-" + std::to_string(++runs));
  fs::path err = scratch / "chromium-stderr.txt";
  std::string cmd = std::string("timeout -k 5 120 ") + kChromium +
                    " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                    " --disable-background-networking --disable-component-update --disable-sync"
                    " --user-data-dir=" +
                    shell_quote(profile.string());
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " 2>" + shell_quote(err.string());
  ChromiumRun run;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) run.out.append(buf, n);
    run.status = ::pclose(p);
  }
  run.err = slurp(err);
  if (run.err.size() > 3000) run.err = "..." + run.err.substr(run.err.size() - 3000);
  fs::remove_all(profile);
  return run;
}

// Loads `url` and returns the JSON its script left in <pre id="result"> (null when there is
// none: the page failed, or its script never finished).
json page_result(const fs::path& scratch, const std::string& url, ChromiumRun* run_out = nullptr) {
  ChromiumRun run = run_chromium(scratch, {"--virtual-time-budget=5000", "--window-size=1280,2000", "--dump-dom", url});
  json result = nullptr;
  const std::string open = "<pre id=\"result\">";
  if (std::size_t a = run.out.find(open); a != std::string::npos) {
    a += open.size();
    result = json::parse(run.out.substr(a, run.out.find("</pre>", a) - a), nullptr, false);
    if (result.is_discarded()) result = nullptr;
  }
  if (run_out) *run_out = std::move(run);
  return result;
}

// The page-side half of page_result: publish(value) writes `value` as JSON into
// <pre id="result">, with <, >, & and no-break space as \u escapes so the DOM dump
// carries the JSON unchanged.
constexpr const char* kPublishJs = R"JS(
function publish(value) {
  document.getElementById('result').textContent = JSON.stringify(value).replace(/[<>&\u00a0]/g,
      ch => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}
)JS";

std::string page(const std::string& body, const std::string& script) {
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"></head><body>\n" + body +
         "\n<pre id=\"result\"></pre>\n<script>" + kPublishJs + script + "</script>\n</body></html>\n";
}

// ---- WebVTT as a <track> -------------------------------------------------------------------

// Reads back every cue of the page's only <track> once it has loaded (or failed).
constexpr const char* kTrackJs = R"JS(
const track = document.querySelector('track');
function finish(event) {
  const cues = [...(track.track.cues || [])].map(c => {
    const html = c.getCueAsHTML();
    return {id: c.id, start: c.startTime, end: c.endTime, text: c.text, shown: html.textContent,
            spans: [...html.querySelectorAll('span')].map(s => ({cls: s.className, title: s.title, text: s.textContent}))};
  });
  publish({event, readyState: track.readyState, cues});
}
track.addEventListener('load', () => finish('load'));
track.addEventListener('error', () => finish('error'));
)JS";

// The text a cue shows for a comment: its lines, an empty one written as " " (webvtt.hpp).
std::string cue_lines(const std::string& text) {
  std::string out, line;
  bool multi = text.find('\n') != std::string::npos;
  for (std::size_t b = 0;;) {
    std::size_t e = text.find('\n', b);
    line = text.substr(b, e == std::string::npos ? std::string::npos : e - b);
    out += (line.empty() && multi) ? " " : line;
    if (e == std::string::npos) break;
    out += '\n';
    b = e + 1;
  }
  return out;
}

TEST(Browser_WebVtt, ChromiumTrackShowsEveryExportedCue) {
  TRIAD_REQUIRE_CHROMIUM();
  ScratchDir dir;
  auto lib = must(Library::open(dir.path / "lib.triad"));
  RowId alice = must(lib.add_person("Alice Smith")).id;
  RowId bob = must(lib.add_person("Bob O'Neil")).id;
  std::map<RowId, std::string> names = {{alice, "Alice Smith"}, {bob, "Bob O'Neil"}};
  Session s;
  s.title = "Fractions --> ratios";
  RowId sid = must(lib.add_session(s)).id;
  must(lib.attach_framework(sid, must(lib.ensure_default_framework()).id));
  must(store::add_participant(lib, sid, alice, Role::Observer));
  must(store::add_participant(lib, sid, bob, Role::Observer));
  std::vector<Comment> shared;  // in time order, as the cues come
  auto add = [&](RowId who, TimeUs at, std::optional<TimeUs> end, const char* kind, std::string text,
                 std::vector<std::string> tags, Visibility v = Visibility::Triad) {
    Comment stored = must(lib.add_comment(test::comment_at(sid, who, at, end, kind, std::move(text), v, std::move(tags))));
    if (v != Visibility::Private) shared.push_back(stored);
  };
  add(alice, 12'000'000, 17'500'000, "took-away", "I took away how you used wait time.", {"questioning", "pace"});
  add(bob, 65'250'700, std::nullopt, "try", "Write <b>&</b> on the board --> then ask", {});  // µs beyond the ms
  add(alice, 3'725'125'000, 3'730'000'000, "question", "Two lines:\nsecond line\n\nafter a blank line; ünïcødé ✓",
      {"pace"});
  add(bob, 20'000'000, std::nullopt, "note", "private thought", {}, Visibility::Private);

  // The real export path (`triad export --format vtt`).
  CommentSet set = must(collect_for_export(lib, sid, alice, {}));
  write_text(dir.path / "comments.vtt", render_flat(set, FlatFormat::WebVtt));
  write_text(dir.path / "track.html",
             page("<video><track kind=\"subtitles\" default src=\"comments.vtt\"></video>", kTrackJs));

  json r;
  ChromiumRun run;
  {
    LoopbackServer server(dir.path);
    r = page_result(dir.path, server.url("track.html"), &run);
    EXPECT_EQ(server.requests(), (std::vector<std::string>{"GET /track.html", "GET /comments.vtt"}));
  }
  ASSERT_TRUE(r.is_object()) << "no result from the page; chromium status " << run.status << "\nDOM:\n"
                             << run.out.substr(0, 2000) << "\nstderr:\n" << run.err;
  EXPECT_EQ(r["event"], "load");
  EXPECT_EQ(r["readyState"], 2) << "HTMLTrackElement.LOADED";
  const json& cues = r["cues"];
  ASSERT_EQ(cues.size(), shared.size()) << r.dump(2);
  for (std::size_t i = 0; i < shared.size(); ++i) {
    const Comment& c = shared[i];
    const json& cue = cues[i];
    SCOPED_TRACE(cue.dump(2));
    EXPECT_EQ(cue["id"], c.uuid);
    // Times in milliseconds, as written (microseconds truncated); a point shows for kPointCueUs.
    EXPECT_EQ(std::llround(cue["start"].get<double>() * 1000), c.start_us / 1000);
    EXPECT_EQ(std::llround(cue["end"].get<double>() * 1000), c.end_us.value_or(c.start_us + kPointCueUs) / 1000);
    // What the viewer sees: the comment's own characters (markup escaped, not applied),
    // then the tags line.
    std::string tags;
    for (const auto& t : c.tags) tags += (tags.empty() ? "#" : " #") + t;
    std::string lines = cue_lines(c.text);
    EXPECT_EQ(cue["shown"], lines + (tags.empty() ? "" : "\n" + tags));
    // The voice span: author as its title, stem (and "point") as its classes.
    const json& spans = cue["spans"];
    ASSERT_EQ(spans.size(), tags.empty() ? 1u : 2u);
    EXPECT_EQ(spans[0]["title"], names[c.author_id]);
    EXPECT_EQ(spans[0]["cls"], c.kind + (c.end_us ? "" : " point"));
    EXPECT_EQ(spans[0]["text"], lines);
    if (!tags.empty()) {
      EXPECT_EQ(spans[1]["cls"], "tags");
      EXPECT_EQ(spans[1]["text"], tags);
      EXPECT_NE(cue["text"].get<std::string>().find("<c.tags>" + tags + "</c>"), std::string::npos);
    }
  }
}

// ---- the HTML report -----------------------------------------------------------------------

// Opens report.html in an iframe of the same origin and inspects the document as Chromium
// built it: title, scripts, event-handler attributes, every picture decoded (and its time
// badge on it), every reference (attributes, style sheets) a data: URI, resources fetched.
constexpr const char* kReportJs = R"JS(
const frame = document.querySelector('iframe');
// Draws the picture (which decodes it, there and then) and samples its pixels: how many
// are opaque, and how many colours a 16x16 grid finds.
function pixels(img) {
  try {
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const data = g.getImageData(0, 0, c.width, c.height).data;
    let opaque = 0;
    const colours = new Set();
    for (let p = 0; p < data.length; p += 4) if (data[p + 3] === 255) ++opaque;
    for (let y = 0; y < 16; ++y)
      for (let x = 0; x < 16; ++x) {
        const p = 4 * (Math.floor((y + 0.5) * c.height / 16) * c.width + Math.floor((x + 0.5) * c.width / 16));
        colours.add(data[p] + ',' + data[p + 1] + ',' + data[p + 2]);
      }
    return {opaque: opaque / (c.width * c.height), colours: colours.size};
  } catch (e) {
    return {drawError: String(e)};
  }
}
// Synchronous on purpose: the iframe's load event comes before the page's, after which
// --dump-dom may print at any moment.
frame.addEventListener('load', () => {
  const d = frame.contentDocument;
  const images = [...d.images];
  const refs = [], handlers = [];
  for (const el of d.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) handlers.push(el.tagName + ' ' + a.name);
      if (/^(src|href|srcset|poster|data|action|formaction|background|xlink:href)$/i.test(a.name))
        refs.push(a.value.slice(0, 30));
    }
  }
  const cssUrls = [];
  for (const sheet of d.styleSheets)
    for (const rule of sheet.cssRules)
      for (const m of rule.cssText.matchAll(/url\(\s*["']?([^"')]*)/g)) cssUrls.push(m[1].slice(0, 30));
  publish({
    title: d.title,
    scripts: d.scripts.length,
    handlers,
    images: images.map(i => ({w: i.naturalWidth, h: i.naturalHeight, shownWidth: i.getBoundingClientRect().width,
                              src: i.getAttribute('src').slice(0, 22), ...pixels(i)})),
    texts: [...d.querySelectorAll('.comment .text')].map(e => e.innerText),
    // Each time badge lies on its picture (not below it when the text is taller).
    badgesOnPicture: [...d.querySelectorAll('.thumb')].map(t => {
      const img = t.querySelector('img'), badge = t.querySelector('.when');
      if (!img || !badge) return false;
      const p = img.getBoundingClientRect(), b = badge.getBoundingClientRect();
      return b.top >= p.top && b.bottom <= p.bottom && b.left >= p.left && b.right <= p.right;
    }),
    refs,
    cssUrls,
    fetched: frame.contentWindow.performance.getEntriesByType('resource').map(e => e.name),
  });
});
)JS";

// Serves report.html (with `html`) beside the harness page and returns what the harness saw
// plus, under "requests", every request the server received.
json inspect_report(const fs::path& dir, const std::string& html) {
  write_text(dir / "report.html", html);
  write_text(dir / "harness.html", page("<iframe src=\"report.html\" style=\"width:1240px;height:1800px\"></iframe>", kReportJs));
  LoopbackServer server(dir);
  ChromiumRun run;
  json r = page_result(dir, server.url("harness.html"), &run);
  if (!r.is_object())
    throw std::runtime_error("no result from the harness; chromium status " + std::to_string(run.status) + "\nDOM:\n" +
                             run.out.substr(0, 2000) + "\nstderr:\n" + run.err);
  r["requests"] = server.requests();
  return r;
}

const std::string kScriptText = "<script>document.title='pwned'</script>";
const std::string kImgText = "<img src=x onerror=\"document.title='pwned'\">";
// Taller than its picture, as long comments are.
const std::string kLongText =
    "Why did the pace drop here?\nWas it the worksheet?\nOr the instructions before it?\nThree pupils waited for help."
    "\nTwo finished early.\nNext time: a hinge question first.\nThen release the fast finishers.\nThen regroup.";

// A session with a 4 s clip and three shared comments (two of them markup) plus a private
// one; returns the report `triad report` would write for Alice.
std::string build_test_report(const fs::path& dir) {
  Session s;
  s.title = "Fractions & ratios";
  s.date = "2026-03-14";
  s.subject = "Maths";
  s.year_group = "8";
  auto lesson = test::observed_lesson(dir, s, "Tom Baker", "Alice Smith");
  if (!lesson) return "";
  Library& lib = lesson->lib;
  RowId sid = lesson->session, alice = lesson->observer;
  must(lib.attach_framework(sid, must(lib.ensure_default_framework()).id));
  for (Comment c : {test::comment_at(sid, alice, 500'000, std::nullopt, "took-away", kScriptText, Visibility::Triad, {"questioning"}),
                    test::comment_at(sid, alice, 1'500'000, 2'500'000, "try", kImgText, Visibility::Everyone),
                    test::comment_at(sid, alice, 3'000'000, std::nullopt, "question", kLongText, Visibility::Triad,
                                     {"pace", "questioning"}),
                    test::comment_at(sid, alice, 2'000'000, std::nullopt, "note", "SECRET private reflection",
                                     Visibility::Private)})
    must(lib.add_comment(c));
  ReportOptions opt;
  opt.session_id = sid;
  opt.viewer_id = alice;
  return must(build_report(lib, opt));
}

TEST(Browser_Report, ChromiumShowsMarkupAsTextDecodesPicturesAndFetchesNothing) {
  TRIAD_REQUIRE_CHROMIUM();
  ScratchDir dir;
  std::string html = build_test_report(dir.path);
  TRIAD_REQUIRE_MEDIA(!html.empty(), "the lesson clip");
  json r = inspect_report(dir.path, html);
  SCOPED_TRACE(r.dump(2));

  // Comment markup stayed text: no script ran, no element or handler was injected.
  EXPECT_EQ(r["title"], "Feedback: Fractions & ratios");
  EXPECT_EQ(r["scripts"], 0);
  EXPECT_TRUE(r["handlers"].empty());
  std::vector<std::string> texts = r["texts"];
  std::sort(texts.begin(), texts.end());
  std::vector<std::string> want = {kScriptText, kImgText, kLongText};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(texts, want) << "the shared comments, character for character; never the private one";

  // One embedded PNG per shared comment, decoded at the 2x size and shown.
  ASSERT_EQ(r["images"].size(), 3u);
  for (const json& img : r["images"]) {
    EXPECT_EQ(img["src"], "data:image/png;base64,");
    EXPECT_EQ(img["w"], 640);
    EXPECT_EQ(img["h"], 480);
    EXPECT_GT(img["shownWidth"].get<double>(), 100.0);
    EXPECT_EQ(img["opaque"], 1.0) << "every pixel decoded";
    EXPECT_GT(img["colours"], 8) << "a picture, not a flat area";
  }
  EXPECT_EQ(r["badgesOnPicture"], json::array({true, true, true}));
  // Nothing outside the file: every reference is a data: URI, and the server was asked for
  // the two pages only.
  for (const json& ref : r["refs"]) EXPECT_EQ(ref.get<std::string>().rfind("data:", 0), 0u) << ref;
  for (const json& ref : r["cssUrls"]) EXPECT_EQ(ref.get<std::string>().rfind("data:", 0), 0u) << ref;
  EXPECT_TRUE(r["fetched"].empty());
  EXPECT_EQ(r["requests"], json::array({"GET /harness.html", "GET /report.html"}));
}

// The harness is not blind: the same markup left unescaped is seen by every check above.
TEST(Browser_Report, HarnessSeesInjectedMarkup) {
  TRIAD_REQUIRE_CHROMIUM();
  ScratchDir dir;
  json r = inspect_report(dir.path, "<!DOCTYPE html><title>Feedback</title><article class=\"comment\"><div class=\"text\">" +
                                        kScriptText + kImgText + "</div></article>");
  SCOPED_TRACE(r.dump(2));
  EXPECT_EQ(r["title"], "pwned");
  EXPECT_EQ(r["scripts"], 1);
  EXPECT_EQ(r["handlers"], json::array({"IMG onerror"}));
  ASSERT_EQ(r["images"].size(), 1u);
  EXPECT_EQ(r["images"][0]["w"], 0) << "a broken picture is seen";
  EXPECT_TRUE(r["images"][0].contains("drawError"));
  EXPECT_EQ(r["refs"], json::array({"x"}));
  EXPECT_EQ(r["fetched"].size(), 1u);
  EXPECT_EQ(r["requests"], json::array({"GET /harness.html", "GET /report.html", "GET /x"}));
}

TEST(Browser_Report, PrintsToPdfWithItsPictures) {
  TRIAD_REQUIRE_CHROMIUM();
  ScratchDir dir;
  std::string html = build_test_report(dir.path);
  TRIAD_REQUIRE_MEDIA(!html.empty(), "the lesson clip");
  write_text(dir.path / "report.html", html);
  fs::path pdf_path = dir.path / "report.pdf";
  // Opened from disk, as a teacher opens the file.
  ChromiumRun run = run_chromium(dir.path, {"--no-pdf-header-footer", "--print-to-pdf=" + pdf_path.string(),
                                            "file://" + (dir.path / "report.html").string()});
  std::string pdf = slurp(pdf_path);
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u) << "status " << run.status << "\nstderr:\n" << run.err;
  // Skia writes its page tree and image objects as plain dictionaries.
  std::size_t pages = pdf.find("/Type /Pages");
  ASSERT_NE(pages, std::string::npos);
  std::size_t count = pdf.find("/Count ", pages);
  ASSERT_NE(count, std::string::npos);
  int page_count = std::atoi(pdf.c_str() + count + 7);
  EXPECT_GE(page_count, 1);
  EXPECT_LE(page_count, 3) << "three comments and the summary fit on a few A4/Letter pages";
  int images = 0;
  for (std::size_t p = pdf.find("/Subtype /Image"); p != std::string::npos; p = pdf.find("/Subtype /Image", p + 1)) ++images;
  EXPECT_GE(images, 3) << "every thumbnail is printed";
}

}  // namespace
}  // namespace triad::exchange
