# Imported targets for the system (Debian 12) packages Triad builds on.
# Versions expected (Debian bookworm): FFmpeg 5.1 (libavformat 59, libavcodec 59),
# SDL2 2.26, Dear ImGui 1.86 (libimgui-dev, SDL2/OpenGL3 backends inside libimgui.a),
# SQLite 3.40 (FTS5 enabled), nlohmann-json 3.11, CLI11 2.1, fmt 9.1, pugixml 1.13,
# GoogleTest 1.12, Google Benchmark 1.7. scripts/deps.sh installs all of them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET
  libavformat libavcodec libavutil libswscale libswresample libavfilter)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(pugixml REQUIRED)

if(TRIAD_BUILD_GUI)
  pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2)
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
  find_package(OpenGL REQUIRED COMPONENTS OpenGL)
  # Debian's libimgui.a already contains imgui_impl_sdl.cpp and imgui_impl_opengl3.cpp;
  # their headers live in /usr/include/imgui/backends.
  add_library(triad_imgui INTERFACE)
  target_link_libraries(triad_imgui INTERFACE PkgConfig::IMGUI PkgConfig::SDL2 OpenGL::GL ${CMAKE_DL_LIBS})
endif()

if(TRIAD_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(TRIAD_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
