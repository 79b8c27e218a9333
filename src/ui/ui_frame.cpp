#include "ui/ui_frame.hpp"

namespace triad::ui {

ImU32 parse_colour(const std::string& hex, int alpha) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() == 7 && hex[0] == '#') {
    int v[6];
    bool ok = true;
    for (int i = 0; i < 6; ++i) ok = ok && (v[i] = digit(hex[static_cast<std::size_t>(i) + 1])) >= 0;
    if (ok) return IM_COL32(v[0] * 16 + v[1], v[2] * 16 + v[3], v[4] * 16 + v[5], alpha);
  }
  return IM_COL32(130, 150, 170, alpha);
}

ImU32 comment_colour(const app::Workstation& ws, const Comment& c) {
  if (!c.tags.empty()) {
    if (const Tag* t = ws.tag_by_code(c.tags.front()); t && !t->colour.empty()) return parse_colour(t->colour);
  }
  if (c.kind == "took-away") return IM_COL32(120, 180, 150, 255);
  if (c.kind == "try") return IM_COL32(200, 170, 110, 255);
  if (c.kind == "question") return IM_COL32(150, 140, 200, 255);
  if (c.kind == "strength") return IM_COL32(110, 170, 210, 255);
  return IM_COL32(160, 168, 178, 255);
}

}  // namespace triad::ui
