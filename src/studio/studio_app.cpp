#include "studio/studio_app.hpp"

#include <SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <time.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <cstdlib>
#include <cmath>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "app/command.hpp"
#include "app/frame_timings.hpp"
#include "app/idle_pacer.hpp"
#include "app/overview_job.hpp"
#include "app/recording_waves.hpp"
#include "app/panel_layout.hpp"
#include "app/player_media.hpp"
#include "app/workstation.hpp"
#include "gfx/frame_picture.hpp"
#include "gfx/gl.hpp"
#include "gfx/gl_video_sink.hpp"
#include "gfx/picture_slot.hpp"
#include "gfx/png_file.hpp"
#include "gfx/render_target.hpp"
#include "gfx/shader_program.hpp"
#include "gfx/video_renderer.hpp"
#include "platform/gl_window.hpp"
#include "platform/sdl_audio_sink.hpp"
#include "playback/null_sinks.hpp"
#include "store/library.hpp"
#include "studio/key_names.hpp"
#include "ui/theme.hpp"
#include "ui/timeline_images.hpp"
#include "ui/workspace.hpp"

namespace triad::studio {

namespace {

using SteadyTime = std::chrono::steady_clock::time_point;
constexpr int kThumbnails = 48;
constexpr int kWaveBuckets = 4000;
constexpr int kMaxOtherCameras = 3;  // four cameras on screen at most (ELAN shows four too)

ImTextureID as_texture(GLuint name) { return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(name)); }

// ImGui context + backends, shut down in reverse order.
struct ImGuiSession {
  ImGuiSession(SDL_Window* window, void* context) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout lives in the library (ui::Layout)
    ImGui_ImplSDL2_InitForOpenGL(window, context);
    ImGui_ImplOpenGL3_Init("#version 330 core");
  }
  ~ImGuiSession() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  ImGuiSession(const ImGuiSession&) = delete;
  ImGuiSession& operator=(const ImGuiSession&) = delete;
};

// Thumbnails drawn once into small textures, so the full-size keyframes can be freed.
struct ThumbStrip {
  std::unique_ptr<gfx::VideoRenderer> renderer;
  std::vector<std::unique_ptr<gfx::RenderTarget>> targets;
  ui::TimelineImages images;

  // The clock's pictures and sound. The other recordings' waves stay: app::RecordingWaves
  // made them and drops them itself when their recording goes.
  void clear() {
    targets.clear();
    auto waves = std::move(images.recording_waves);
    images = {};
    images.recording_waves = std::move(waves);
  }
  void add(const media::Thumbnail& t) {
    if (!renderer) return;
    auto view = gfx::picture_of(t.frame);
    if (!view || !renderer->upload(*view)) return;
    const double aspect = t.frame.display_height() > 0
                              ? static_cast<double>(t.frame.display_width()) / t.frame.display_height()
                              : 16.0 / 9.0;
    const int h = 90, w = std::max(16, static_cast<int>(std::lround(h * aspect)));
    auto target = std::make_unique<gfx::RenderTarget>();
    if (!target->resize(w, h)) return;
    target->bind();
    renderer->draw(w, h);
    gfx::RenderTarget::unbind();
    images.thumbs.push_back({t.target_us, as_texture(target->texture()), static_cast<float>(aspect)});
    targets.push_back(std::move(target));
  }
};

std::string join_errors(const std::string& a, const std::string& b) { return a.empty() ? b : a + " " + b; }

// How long ago this process began (its start on the boot-time clock, from /proc, so the
// dynamic loading of FFmpeg, SDL and GL counts too); nullopt where that is unknown.
std::optional<TimeUs> process_age_us() {
  std::ifstream stat("/proc/self/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), {});
  const auto close = text.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
    if (i != 22) continue;
    const long ticks_per_s = sysconf(_SC_CLK_TCK);
    timespec now{};
    if (ticks_per_s <= 0 || clock_gettime(CLOCK_BOOTTIME, &now) != 0) return std::nullopt;
    const TimeUs started = static_cast<TimeUs>(std::stoll(field)) * kUsPerSecond / ticks_per_s;
    return static_cast<TimeUs>(now.tv_sec) * kUsPerSecond + now.tv_nsec / 1000 - started;
  }
  return std::nullopt;
}

}  // namespace

int run_studio(const StudioOptions& o) {
  // ---- library ----
  std::filesystem::path db = o.db_path;
  if (db.empty()) {
    auto def = store::Library::default_path();
    if (!def) {
      std::cerr << "triad-studio: " << def.error().message << "\n";
      return 1;
    }
    db = *def;
  }
  auto lib = store::Library::open(db);
  if (!lib) {
    std::cerr << "triad-studio: " << lib.error().message << "\n";
    return 1;
  }

  // ---- window, GL, ImGui ----
  const bool capture_run = !o.screenshot.empty();
  platform::WindowOptions wo;
  wo.title = "Triad";
  wo.width = o.width;
  wo.height = o.height;
  if (!capture_run) {
    if (auto v = lib->get_setting("studio.ui.window"); v && *v) {
      int w = 0, h = 0;
      if (std::sscanf((*v)->c_str(), "%dx%d", &w, &h) == 2 && w >= 640 && h >= 480 && w < 10000 && h < 10000) {
        wo.width = w;
        wo.height = h;
      }
    }
  }
  wo.vsync = !capture_run;
  auto window = platform::GlWindow::create(wo);
  if (!window) {
    std::cerr << "triad-studio: " << window.error().message << "\n";
    return 1;
  }
  auto& win = **window;
  ImGuiSession imgui(win.sdl(), win.gl_context());
  const float scale = win.content_scale();
  ui::apply_theme(scale);

  std::string startup_error;
  ThumbStrip strip;
  if (auto r = gfx::VideoRenderer::create(gfx::shader_dir())) strip.renderer = std::move(*r);

  // ---- pictures, sinks and player (the player is destroyed before the sinks: declared after them) ----
  // A new picture wakes a loop that waits idle for events (SDL_PushEvent is thread-safe).
  const Uint32 picture_event = SDL_RegisterEvents(1);
  const auto wakeup = [picture_event] {
    if (picture_event == static_cast<Uint32>(-1)) return;
    SDL_Event e{};
    e.type = picture_event;
    SDL_PushEvent(&e);
  };
  // Slot 0: the session clock's camera (the open file); then the session's other cameras
  // (kMaxOtherCameras; more are followed but not drawn, and their tiles say so).
  std::vector<std::unique_ptr<gfx::PictureSlot>> pictures;
  for (int i = 0; i <= kMaxOtherCameras; ++i) pictures.push_back(std::make_unique<gfx::PictureSlot>(wakeup));
  if (auto st = pictures.front()->ensure_renderer(); !st)
    startup_error = "Video cannot be shown: " + st.error().message;
  playback::SteadyClock device_clock;
  std::unique_ptr<playback::AudioSink> audio;
  if (auto sdl_audio = platform::SdlAudioSink::open()) {
    audio = std::move(*sdl_audio);
  } else {
    // No sound card (e.g. under Xvfb): a null device keeps audio as the master clock.
    audio = std::make_unique<playback::NullAudioSink>(device_clock, media::AudioFormat{}, 48000 / 4);
  }
  std::vector<playback::VideoSink*> camera_sinks;
  for (std::size_t i = 1; i < pictures.size(); ++i) camera_sinks.push_back(&pictures[i]->sink());
  app::PlayerMedia media(audio.get(), &pictures.front()->sink(), camera_sinks);
  app::Workstation ws(*lib, media);
  ws.set_owner_fallback(false);  // the window asks who is reviewing; never the OS account
  ui::Workspace workspace;
  if (auto v = ws.load_ui_setting("layout")) {
    if (auto sizes = app::parse_panel_sizes(*v)) workspace.layout = *sizes;
  }
  workspace.status = startup_error;
  workspace.status_is_error = !startup_error.empty();
  SteadyTime status_until = SteadyTime::max();

  int exit_code = 0;
  // Interactive commands never wait for the engine (the UI keeps drawing while a seek
  // lands); start-up commands do, so a --screenshot shows the landed frame.
  auto apply = [&](const std::string& line, const char* origin, bool settle = false) -> bool {
    auto r = ws.execute(line);
    if (settle) media.settle(3'000'000);
    if (!r) {
      workspace.status = r.error().message;
      workspace.status_is_error = true;
      status_until = SteadyTime::max();
      if (origin) std::cerr << "triad-studio: " << origin << ": " << r.error().message << "\n";
      return false;
    }
    if (!r->message.empty()) {
      workspace.status = r->message;
      workspace.status_is_error = false;
      status_until = std::chrono::steady_clock::now() + std::chrono::seconds(4);
    }
    return true;
  };

  // ---- startup commands, then the script ----
  // "Reviewing as": the named person, else the one chosen last time, else the window asks.
  // --as NAME names a person of the library, or adds them (as "Who is reviewing?" would).
  if (o.as_person.empty()) {
    apply("as", nullptr);
  } else if (!ws.execute("as " + app::quote_word(o.as_person)) &&
             !apply("person add " + app::quote_word(o.as_person), "--as")) {
    apply("as", nullptr);
  }
  if (!o.session.empty() && !apply("session " + app::quote_word(o.session), "--session", true)) exit_code = 1;
  if (!o.file.empty() && !apply("open " + app::quote_word(o.file), o.file.c_str(), true)) exit_code = 3;
  std::vector<app::ScriptLine> script;
  if (!o.script.empty()) {
    auto s = app::load_script(o.script);
    if (!s) {
      std::cerr << "triad-studio: " << s.error().message << "\n";
      return 1;
    }
    script = std::move(*s);
  }

  std::size_t script_pos = 0;
  SteadyTime wait_until{};
  bool wait_overview = false;  // the script holds until the timeline's background work is done
  std::deque<app::PointerFrame> pointer;  // a scripted gesture, one entry per frame
  // A script's `press`: its key-down, then its key-up a frame later (ImGui sees a down and
  // up within one frame as no press), each put on SDL's queue as the keyboard would.
  std::deque<SDL_Event> pressing;
  std::optional<ImVec2> pointer_rest;     // where the last gesture left the pointer, until the real one moves
  const float double_click_time = ImGui::GetIO().MouseDoubleClickTime;
  std::optional<std::string> pending_shot;
  int shot_frames = 0;  // frames to draw before capturing, so layout and picture settle
  bool quit = false;
  std::unique_ptr<app::OverviewJob> overview;
  app::RecordingWaves recording_waves(kWaveBuckets);
  bool overview_error_shown = false;  // its error() goes to the status line once
  std::vector<std::string> commands;
  bool fullscreen = false;
  std::string title;
  // Playback and window figures for benchmarking (TRIAD_STUDIO_STATS=1); nothing is recorded
  // otherwise, so a long review does not collect a sample per frame.
  const char* stats_env = std::getenv("TRIAD_STUDIO_STATS");
  const bool stats = stats_env != nullptr && *stats_env == '1';
  app::FrameTimings timings;
  app::IdlePacer pacer;

  while (!quit) {
    const auto frame_start = std::chrono::steady_clock::now();
    ImGuiIO& io = ImGui::GetIO();

    // ---- events ----
    if (!pressing.empty()) {
      // ImGui's SDL backend reads Ctrl/Shift/Alt from SDL's state, not from the event.
      SDL_SetModState(pressing.front().type == SDL_KEYDOWN ? static_cast<SDL_Keymod>(pressing.front().key.keysym.mod)
                                                           : KMOD_NONE);
      SDL_PushEvent(&pressing.front());
      pressing.pop_front();
    }
    SDL_Event ev;
    bool had_events = false;
    while (SDL_PollEvent(&ev)) {
      had_events = true;
      ImGui_ImplSDL2_ProcessEvent(&ev);
      if (ev.type == SDL_QUIT) quit = true;
      if (ev.type == SDL_MOUSEMOTION || ev.type == SDL_MOUSEBUTTONDOWN) pointer_rest.reset();
      if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE) quit = true;
      if (ev.type == SDL_DROPFILE && ev.drop.file) {
        // On the home screen a dropped recording starts a new session with it.
        commands.push_back((ws.session() ? "open " : "new-session-form --recording ") + app::quote_word(ev.drop.file));
        SDL_free(ev.drop.file);
      }
      if (ev.type == SDL_KEYDOWN) {
        const std::string chord = chord_of(ev.key);
        if (chord.empty()) continue;
        if (workspace.settings.capturing()) {
          ui::UiFrame f{ws, commands, scale, nullptr, ImVec2(0, 0), nullptr, std::string(), {}};
          workspace.settings.capture(f, chord);
          continue;
        }
        // Ctrl+digit (a tag) and Alt+digit (a stem) act on the composer while typing; the
        // workstation decides what they do (`key` runs the same for a script).
        if (ws.composer().open && (chord.rfind("Ctrl+", 0) == 0 || chord.rfind("Alt+", 0) == 0) &&
            chord.find('+') == chord.size() - 2 && chord.back() >= '1' && chord.back() <= '9') {
          commands.push_back("key " + app::quote_word(chord));
          continue;
        }
        if (io.WantTextInput) continue;  // typing in the composer or the search box
        const std::string bound = ws.keys().command_for(chord);
        // Without a session (home screen, "Who is reviewing?") only the window's own keys act.
        const bool window_key = bound.rfind("help", 0) == 0 || bound.rfind("settings", 0) == 0 ||
                                bound.rfind("fullscreen", 0) == 0 || bound.rfind("quit", 0) == 0;
        if (!bound.empty() && (ws.session() || window_key)) commands.push_back("key " + app::quote_word(chord));
      }
    }

    // ---- script ----
    // A frame that runs script lines waits for the engine (settle), which no interactive
    // frame does: it is left out of the frame timings.
    bool scripted_frame = false;
    // `wait overview`: the clock's overview and every recording's sound made (at most a minute).
    if (wait_overview && (((!overview || overview->done()) && recording_waves.all_made(ws.recordings())) ||
                          std::chrono::steady_clock::now() >= wait_until)) {
      wait_overview = false;
      wait_until = std::chrono::steady_clock::now();
    }
    if (script_pos < script.size() && !pending_shot && pointer.empty() && pressing.empty() && !wait_overview &&
        std::chrono::steady_clock::now() >= wait_until) {
      scripted_frame = true;
      while (script_pos < script.size()) {
        const auto& line = script[script_pos++];
        auto r = ws.execute(line.text);
        media.settle(3'000'000);
        if (!r) {
          std::cerr << "triad-studio: " << o.script << " line " << line.number << ": " << r.error().message << "\n";
          workspace.status = r.error().message;
          workspace.status_is_error = true;
          exit_code = 1;
          script_pos = script.size();
          break;
        }
        if (!r->message.empty()) {
          workspace.status = r->message;
          workspace.status_is_error = false;
          status_until = std::chrono::steady_clock::now() + std::chrono::seconds(4);
        }
        if (r->quit) {
          quit = true;
          break;
        }
        if (r->screenshot) {
          pending_shot = *r->screenshot;
          shot_frames = 3;
          break;
        }
        if (r->wait_us > 0) {
          wait_until = std::chrono::steady_clock::now() + std::chrono::microseconds(r->wait_us);
          break;
        }
        if (r->wait_overview) {
          wait_overview = true;
          wait_until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
          break;
        }
        if (r->pointer) {
          for (const auto& p : app::pointer_frames(*r->pointer)) pointer.push_back(p);
          break;
        }
        if (r->press) {
          const auto sym = keysym_of(*r->press);
          if (!sym) {
            std::cerr << "triad-studio: " << o.script << " line " << line.number << ": the window has no key named '"
                      << *r->press << "'.\n";
            exit_code = 1;
            script_pos = script.size();
            break;
          }
          SDL_Event e{};
          e.type = SDL_KEYDOWN;
          e.key.windowID = SDL_GetWindowID(win.sdl());
          e.key.state = SDL_PRESSED;
          e.key.keysym = *sym;
          pressing.push_back(e);
          e.type = SDL_KEYUP;
          e.key.state = SDL_RELEASED;
          pressing.push_back(e);
          break;
        }
      }
    }
    const bool script_done =
        script_pos >= script.size() && pointer.empty() && pressing.empty() && !wait_overview &&
        std::chrono::steady_clock::now() >= wait_until;
    if (capture_run && script_done && !pending_shot) {
      pending_shot = o.screenshot;
      shot_frames = 3;
    }

    // ---- engine, overview, picture ----
    ws.update();
    const std::string media_path = ws.media_info() ? ws.media_info()->path : std::string();
    if (media_path.empty() ? overview != nullptr : (!overview || overview->path() != media_path)) {
      overview.reset();
      strip.clear();
      if (!media_path.empty()) overview = std::make_unique<app::OverviewJob>(media_path, kThumbnails, kWaveBuckets);
      overview_error_shown = false;
    }
    if (overview) {
      overview->set_playback_busy(ws.playing());
      if (auto w = overview->take_waveform()) {
        strip.images.wave.set(std::move(w->min), std::move(w->max), w->duration_us);
      }
      // One picture per frame: each is an upload and a draw, and the frame must stay short.
      for (const auto& t : overview->take_thumbnails(1)) strip.add(t);
      if (overview->done() && !overview_error_shown) {
        overview_error_shown = true;
        if (std::string e = overview->error(); !e.empty()) {
          workspace.status = e;
          workspace.status_is_error = true;
        }
      }
    }
    // Every other recording's sound for its timeline row, after the clock's overview (one
    // background job at a time: the two cores stay with playback).
    if (!overview || overview->done()) {
      for (auto& [id, w] : recording_waves.update(ws.recordings(), ws.playing()))
        strip.images.recording_waves[id].set(std::move(w.min), std::move(w.max), w.duration_us);
      for (RowId gone : recording_waves.take_dropped()) strip.images.recording_waves.erase(gone);
    }
    strip.images.recording_wave_busy = recording_waves.busy_for();
    strip.images.recording_wave_progress = recording_waves.progress();
    // Every camera's picture, each converted at its tile's size and only when it changed.
    std::string upload_error;
    ImTextureID video_tex = nullptr;
    std::vector<ImTextureID> camera_textures;
    bool new_picture = false, new_camera_picture = false;
    const ImVec2 video_px(std::floor(workspace.video.pixel_size.x), std::floor(workspace.video.pixel_size.y));
    {
      const auto main = pictures.front()->refresh(static_cast<int>(video_px.x), static_cast<int>(video_px.y),
                                                  !ws.media_error(), &upload_error);
      new_picture = main.fresh;
      if (main.texture) video_tex = as_texture(main.texture);
      const auto& tile_sizes = workspace.video.camera_pixel_sizes;
      for (std::size_t i = 0; i + 1 < pictures.size() && i < tile_sizes.size(); ++i) {
        const auto other = pictures[i + 1]->refresh(static_cast<int>(tile_sizes[i].x),
                                                    static_cast<int>(tile_sizes[i].y), true, &upload_error);
        new_camera_picture = new_camera_picture || other.fresh;
        camera_textures.push_back(other.texture ? as_texture(other.texture) : nullptr);
      }
    }
    if (!upload_error.empty()) {
      workspace.status = "The picture cannot be shown: " + upload_error;
      workspace.status_is_error = true;
    }
    if (std::chrono::steady_clock::now() > status_until) {
      workspace.status.clear();
      status_until = SteadyTime::max();
    }

    // ---- UI ----
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    if (!pointer.empty()) {
      // A scripted gesture stands in for the real pointer this frame. However slow the
      // frames are (a loaded machine), its two clicks still count as a double-click.
      io.MousePos = ImVec2(pointer.front().x, pointer.front().y);
      io.MouseDown[0] = pointer.front().down;
      io.MouseDoubleClickTime = 5.0f;
      pointer_rest = io.MousePos;
      pointer.pop_front();
    } else {
      if (pointer_rest) io.MousePos = *pointer_rest;
      io.MouseDoubleClickTime = double_click_time;
    }
    ImGui::NewFrame();
    ui::UiFrame f{ws, commands, scale, video_tex, video_px,
                  &strip.images, overview ? overview->progress() : std::string(), {}};
    f.camera_textures = std::move(camera_textures);  // after the others: keeps the initialiser short
    const float fb_scale = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1.0f;
    workspace.draw(f, io.DisplaySize, fb_scale);
    if (workspace.layout_changed) {  // a splitter was let go: keep the layout even if the app is killed
      ws.save_ui_setting("layout", app::format_panel_sizes(workspace.layout));
      workspace.layout_changed = false;
    }
    ImGui::Render();
    int fbw = 0, fbh = 0;
    win.drawable_size(fbw, fbh);
    glViewport(0, 0, fbw, fbh);
    glClearColor(0.125f, 0.137f, 0.157f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    if (pending_shot && --shot_frames <= 0) {
      glReadBuffer(GL_BACK);
      auto rgb = gfx::read_framebuffer_rgb(fbw, fbh);
      if (auto st = gfx::write_png_rgb(*pending_shot, rgb, fbw, fbh); !st) {
        std::cerr << "triad-studio: " << st.error().message << "\n";
        exit_code = 1;
      }
      pending_shot.reset();
      if (capture_run && script_pos >= script.size()) quit = true;
    }
    win.swap();
    if (stats && video_tex != nullptr && !timings.first_picture_us())
      if (auto age = process_age_us()) timings.first_picture(*age);
    if (stats && !scripted_frame)
      timings.add_frame(
          std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - frame_start).count(),
          overview && !overview->done());

    // ---- commands from panels and keys ----
    for (const auto& c : commands) apply(c, nullptr);
    commands.clear();

    // Window chrome follows the state.
    if (ws.view().fullscreen != fullscreen) {
      fullscreen = ws.view().fullscreen;
      SDL_SetWindowFullscreen(win.sdl(), fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    }
    const std::string want_title = ws.session() ? "Triad — " + ws.session()->title : "Triad";
    if (want_title != title) {
      title = want_title;
      SDL_SetWindowTitle(win.sdl(), title.c_str());
    }
    // No vsync in capture runs: cap the loop so it does not spin a core. Paused and
    // untouched, wait for the next event instead (input or a new picture wakes it).
    const bool activity = had_events || new_picture || new_camera_picture || ws.playing() || (overview && !overview->done()) ||
                          recording_waves.busy_for() != 0 || script_pos < script.size() || pending_shot.has_value() || !pointer.empty() || !pressing.empty() ||
                          std::chrono::steady_clock::now() < wait_until;
    // Idle: until an event, at most kIdleWait. Playing: until the next picture (its event
    // ends the wait, so it is shown at once and no frame is drawn twice for nothing; on a
    // software GL each costs most of a core), at most 33 ms for the clock. Otherwise ~60 fps.
    const bool idle = pacer.frame(activity);
    const bool playing = ws.playing();
    const std::chrono::milliseconds budget = idle ? app::IdlePacer::kIdleWait : std::chrono::milliseconds(playing ? 33 : 16);
    const auto spent = std::chrono::steady_clock::now() - frame_start;
    if (idle || spent < budget) {
      const auto left = idle ? budget : std::chrono::duration_cast<std::chrono::milliseconds>(budget - spent);
      if (idle || playing)
        SDL_WaitEventTimeout(nullptr, static_cast<int>(std::max<long long>(1, left.count())));
      else
        std::this_thread::sleep_for(left);
    }
  }

  if (stats) {
    const auto& st = media.snapshot().stats;
    std::cerr << "triad-studio: frames shown " << st.frames_shown << ", dropped " << st.frames_dropped
              << ", A/V offset mean " << st.av_offset_mean_us() / 1000 << " ms, max " << st.av_offset_max_us / 1000
              << " ms\n";
    if (const auto cams = ws.cameras(); !cams.empty()) {
      const auto cs = media.camera_stats();
      std::cerr << "triad-studio: other cameras (" << cams.size() << "): frames shown " << cs.frames_shown
                << ", dropped " << cs.frames_dropped << "\n";
    }
    std::cerr << "triad-studio: " << timings.summary() << "\n";
  }
  // ---- remember the layout and where we were ----
  ws.save_view_state();
  if (!capture_run && !fullscreen) {
    int w = 0, h = 0;
    win.window_size(w, h);
    ws.save_ui_setting("window", std::to_string(w) + "x" + std::to_string(h));
  }
  ws.save_ui_setting("layout", app::format_panel_sizes(workspace.layout));
  (void)join_errors;
  overview.reset();
  strip.clear();
  return exit_code;
}

}  // namespace triad::studio
