// Icon drawing.
#include "kiosk/ui/icons.hpp"

#include <imgui.h>

#include <initializer_list>

namespace wk::ui {

Icon icon_named(std::string_view name) {
  struct Named {
    std::string_view name;
    Icon icon;
  };
  static constexpr Named kNames[] = {{"book", Icon::book},
                                     {"person", Icon::person},
                                     {"passport", Icon::passport},
                                     {"briefcase", Icon::briefcase},
                                     {"certificate", Icon::certificate},
                                     {"family", Icon::family},
                                     {"house", Icon::house},
                                     {"health", Icon::health},
                                     {"speech", Icon::speech},
                                     {"coin", Icon::coin}};
  for (const Named& n : kNames)
    if (n.name == name) return n.icon;
  return Icon::none;
}

void draw_icon(ImDrawList* dl, Icon icon, float cx, float cy, float s, std::uint32_t col, bool rtl) {
  const float t = s * 0.1f;  // stroke
  const float h = s * 0.5f;
  switch (icon) {
    case Icon::none:
      break;
    case Icon::back: {
      const float d = rtl ? -1.f : 1.f;  // arrow points to the start edge
      dl->AddLine({cx + d * h * 0.8f, cy}, {cx - d * h * 0.8f, cy}, col, t);
      dl->AddLine({cx - d * h * 0.8f, cy}, {cx - d * h * 0.1f, cy - h * 0.7f}, col, t);
      dl->AddLine({cx - d * h * 0.8f, cy}, {cx - d * h * 0.1f, cy + h * 0.7f}, col, t);
      break;
    }
    case Icon::home: {
      const ImVec2 roof[3] = {{cx - h * 0.95f, cy - h * 0.05f}, {cx, cy - h * 0.9f}, {cx + h * 0.95f, cy - h * 0.05f}};
      dl->AddPolyline(roof, 3, col, 0, t);
      dl->AddRect({cx - h * 0.65f, cy - h * 0.3f}, {cx + h * 0.65f, cy + h * 0.85f}, col, 0, 0, t);
      dl->AddRectFilled({cx - h * 0.18f, cy + h * 0.25f}, {cx + h * 0.18f, cy + h * 0.85f}, col);
      break;
    }
    case Icon::globe: {
      dl->AddCircle({cx, cy}, h * 0.9f, col, 32, t);
      dl->AddLine({cx - h * 0.9f, cy}, {cx + h * 0.9f, cy}, col, t * 0.8f);
      dl->AddBezierCubic({cx, cy - h * 0.9f}, {cx + h * 0.6f, cy - h * 0.5f}, {cx + h * 0.6f, cy + h * 0.5f},
                         {cx, cy + h * 0.9f}, col, t * 0.8f);
      dl->AddBezierCubic({cx, cy - h * 0.9f}, {cx - h * 0.6f, cy - h * 0.5f}, {cx - h * 0.6f, cy + h * 0.5f},
                         {cx, cy + h * 0.9f}, col, t * 0.8f);
      break;
    }
    case Icon::warning: {
      // A triangle with an exclamation mark: marks a field's error next to its text.
      const ImVec2 tri[3] = {{cx, cy - h * 0.9f}, {cx + h * 0.95f, cy + h * 0.75f}, {cx - h * 0.95f, cy + h * 0.75f}};
      dl->AddPolyline(tri, 3, col, ImDrawFlags_Closed, t);
      dl->AddLine({cx, cy - h * 0.35f}, {cx, cy + h * 0.2f}, col, t * 1.1f);
      dl->AddCircleFilled({cx, cy + h * 0.47f}, t * 0.75f, col);
      break;
    }
    case Icon::book: {
      // An open book: two pages from a spine, lines of text on each.
      const ImVec2 left[4] = {
          {cx, cy - h * 0.55f}, {cx - h * 0.95f, cy - h * 0.75f}, {cx - h * 0.95f, cy + h * 0.6f}, {cx, cy + h * 0.8f}};
      const ImVec2 right[4] = {
          {cx, cy - h * 0.55f}, {cx + h * 0.95f, cy - h * 0.75f}, {cx + h * 0.95f, cy + h * 0.6f}, {cx, cy + h * 0.8f}};
      dl->AddPolyline(left, 4, col, ImDrawFlags_Closed, t);
      dl->AddPolyline(right, 4, col, ImDrawFlags_Closed, t);
      for (float k : {-0.25f, 0.05f, 0.35f}) {
        dl->AddLine({cx - h * 0.75f, cy + h * (k - 0.2f)}, {cx - h * 0.2f, cy + h * (k - 0.1f)}, col, t * 0.6f);
        dl->AddLine({cx + h * 0.2f, cy + h * (k - 0.1f)}, {cx + h * 0.75f, cy + h * (k - 0.2f)}, col, t * 0.6f);
      }
      break;
    }
    case Icon::eye: {
      // An eye: the display settings.
      dl->AddBezierQuadratic({cx - h * 0.95f, cy}, {cx, cy - h * 1.1f}, {cx + h * 0.95f, cy}, col, t);
      dl->AddBezierQuadratic({cx - h * 0.95f, cy}, {cx, cy + h * 1.1f}, {cx + h * 0.95f, cy}, col, t);
      dl->AddCircleFilled({cx, cy}, h * 0.3f, col);
      break;
    }
    case Icon::speaker: {
      // A loudspeaker with two sound waves: read aloud.
      const float x0 = cx - h * 0.9f;
      dl->AddRectFilled({x0, cy - h * 0.28f}, {x0 + h * 0.4f, cy + h * 0.28f}, col);
      dl->AddQuadFilled({x0 + h * 0.35f, cy - h * 0.28f}, {x0 + h * 0.9f, cy - h * 0.75f},
                        {x0 + h * 0.9f, cy + h * 0.75f}, {x0 + h * 0.35f, cy + h * 0.28f}, col);
      dl->PathArcTo({cx + h * 0.05f, cy}, h * 0.45f, -0.9f, 0.9f, 12);
      dl->PathStroke(col, 0, t);
      dl->PathArcTo({cx + h * 0.05f, cy}, h * 0.85f, -0.9f, 0.9f, 16);
      dl->PathStroke(col, 0, t);
      break;
    }
    case Icon::contrast: {
      // A circle, one half filled: black and white.
      dl->AddCircle({cx, cy}, h * 0.85f, col, 32, t);
      dl->PathArcTo({cx, cy}, h * 0.85f, 1.5707963f, 4.712389f, 24);
      dl->PathFillConvex(col);
      break;
    }
    case Icon::text_size: {
      // A small and a large capital A.
      auto letter = [&](float x, float base, float height, float stroke) {
        const float w = height * 0.38f;
        dl->AddLine({x - w, base}, {x, base - height}, col, stroke);
        dl->AddLine({x, base - height}, {x + w, base}, col, stroke);
        dl->AddLine({x - w * 0.5f, base - height * 0.4f}, {x + w * 0.5f, base - height * 0.4f}, col, stroke);
      };
      letter(cx - h * 0.5f, cy + h * 0.7f, h * 0.9f, t * 0.8f);
      letter(cx + h * 0.35f, cy + h * 0.7f, h * 1.5f, t);
      break;
    }
    case Icon::info: {
      dl->AddCircle({cx, cy}, h * 0.9f, col, 32, t);
      dl->AddCircleFilled({cx, cy - h * 0.45f}, t * 0.9f, col);
      dl->AddLine({cx, cy - h * 0.15f}, {cx, cy + h * 0.55f}, col, t * 1.2f);
      break;
    }
    case Icon::backspace: {
      // A key-cap shaped arrow pointing to where text is erased (the start edge in RTL too: the
      // caret deletes backwards in reading order).
      const float d = rtl ? -1.f : 1.f;
      const ImVec2 pts[5] = {{cx - d * h * 0.95f, cy},
                             {cx - d * h * 0.4f, cy - h * 0.6f},
                             {cx + d * h * 0.95f, cy - h * 0.6f},
                             {cx + d * h * 0.95f, cy + h * 0.6f},
                             {cx - d * h * 0.4f, cy + h * 0.6f}};
      dl->AddPolyline(pts, 5, col, ImDrawFlags_Closed, t);
      dl->AddLine({cx, cy - h * 0.3f}, {cx + d * h * 0.55f, cy + h * 0.3f}, col, t);
      dl->AddLine({cx, cy + h * 0.3f}, {cx + d * h * 0.55f, cy - h * 0.3f}, col, t);
      break;
    }
    case Icon::shift: {
      const ImVec2 pts[7] = {{cx, cy - h * 0.9f},
                             {cx + h * 0.85f, cy},
                             {cx + h * 0.4f, cy},
                             {cx + h * 0.4f, cy + h * 0.8f},
                             {cx - h * 0.4f, cy + h * 0.8f},
                             {cx - h * 0.4f, cy},
                             {cx - h * 0.85f, cy}};
      dl->AddPolyline(pts, 7, col, ImDrawFlags_Closed, t);
      break;
    }
    case Icon::check: {
      const ImVec2 pts[3] = {{cx - h * 0.75f, cy}, {cx - h * 0.2f, cy + h * 0.55f}, {cx + h * 0.8f, cy - h * 0.6f}};
      dl->AddPolyline(pts, 3, col, 0, t * 1.3f);
      break;
    }
    case Icon::person: {
      dl->AddCircle({cx, cy - h * 0.45f}, h * 0.38f, col, 24, t);
      dl->PathArcTo({cx, cy + h * 0.85f}, h * 0.75f, 3.14159f, 2.f * 3.14159f, 16);
      dl->PathStroke(col, 0, t);
      break;
    }
    case Icon::passport: {
      dl->AddRect({cx - h * 0.65f, cy - h * 0.9f}, {cx + h * 0.65f, cy + h * 0.9f}, col, h * 0.1f, 0, t);
      dl->AddCircle({cx, cy - h * 0.2f}, h * 0.32f, col, 24, t * 0.7f);
      dl->AddLine({cx - h * 0.35f, cy + h * 0.5f}, {cx + h * 0.35f, cy + h * 0.5f}, col, t * 0.7f);
      break;
    }
    case Icon::briefcase: {
      dl->AddRect({cx - h * 0.9f, cy - h * 0.45f}, {cx + h * 0.9f, cy + h * 0.75f}, col, h * 0.12f, 0, t);
      dl->AddRect({cx - h * 0.35f, cy - h * 0.8f}, {cx + h * 0.35f, cy - h * 0.45f}, col, h * 0.08f, 0, t);
      dl->AddLine({cx - h * 0.9f, cy + h * 0.1f}, {cx + h * 0.9f, cy + h * 0.1f}, col, t * 0.7f);
      break;
    }
    case Icon::certificate: {
      dl->AddRect({cx - h * 0.9f, cy - h * 0.7f}, {cx + h * 0.9f, cy + h * 0.45f}, col, 0, 0, t);
      dl->AddLine({cx - h * 0.6f, cy - h * 0.35f}, {cx + h * 0.6f, cy - h * 0.35f}, col, t * 0.6f);
      dl->AddLine({cx - h * 0.6f, cy - h * 0.05f}, {cx + h * 0.1f, cy - h * 0.05f}, col, t * 0.6f);
      dl->AddCircleFilled({cx + h * 0.45f, cy + h * 0.45f}, h * 0.28f, col, 20);
      dl->AddLine({cx + h * 0.3f, cy + h * 0.65f}, {cx + h * 0.25f, cy + h * 0.95f}, col, t);
      dl->AddLine({cx + h * 0.6f, cy + h * 0.65f}, {cx + h * 0.65f, cy + h * 0.95f}, col, t);
      break;
    }
    case Icon::family: {
      for (const float dx : {-0.45f, 0.45f}) {
        dl->AddCircle({cx + h * dx, cy - h * 0.5f}, h * 0.25f, col, 20, t * 0.8f);
        dl->AddLine({cx + h * dx, cy - h * 0.2f}, {cx + h * dx, cy + h * 0.5f}, col, t);
      }
      dl->AddCircle({cx, cy + h * 0.05f}, h * 0.17f, col, 16, t * 0.7f);
      dl->AddLine({cx, cy + h * 0.25f}, {cx, cy + h * 0.8f}, col, t * 0.8f);
      dl->AddLine({cx - h * 0.9f, cy + h * 0.85f}, {cx + h * 0.9f, cy + h * 0.85f}, col, t * 0.7f);
      break;
    }
    case Icon::house: {
      const ImVec2 outline[5] = {{cx - h * 0.75f, cy - h * 0.05f},
                                 {cx, cy - h * 0.85f},
                                 {cx + h * 0.75f, cy - h * 0.05f},
                                 {cx + h * 0.75f, cy + h * 0.85f},
                                 {cx - h * 0.75f, cy + h * 0.85f}};
      dl->AddPolyline(outline, 5, col, ImDrawFlags_Closed, t);
      dl->AddRect({cx - h * 0.2f, cy + h * 0.25f}, {cx + h * 0.2f, cy + h * 0.85f}, col, 0, 0, t * 0.7f);
      break;
    }
    case Icon::health: {
      const float a = h * 0.28f, b = h * 0.85f;
      const ImVec2 cross[12] = {{cx - a, cy - b}, {cx + a, cy - b}, {cx + a, cy - a}, {cx + b, cy - a},
                                {cx + b, cy + a}, {cx + a, cy + a}, {cx + a, cy + b}, {cx - a, cy + b},
                                {cx - a, cy + a}, {cx - b, cy + a}, {cx - b, cy - a}, {cx - a, cy - a}};
      dl->AddPolyline(cross, 12, col, ImDrawFlags_Closed, t);
      break;
    }
    case Icon::speech: {
      const float d = rtl ? -1.f : 1.f;
      dl->AddRect({cx - h * 0.9f, cy - h * 0.75f}, {cx + h * 0.9f, cy + h * 0.35f}, col, h * 0.25f, 0, t);
      const ImVec2 tail[3] = {{cx - d * h * 0.45f, cy + h * 0.35f},
                              {cx - d * h * 0.6f, cy + h * 0.85f},
                              {cx - d * h * 0.05f, cy + h * 0.35f}};
      dl->AddPolyline(tail, 3, col, 0, t);
      break;
    }
    case Icon::coin: {
      dl->AddCircle({cx, cy}, h * 0.85f, col, 32, t);
      dl->AddCircle({cx, cy}, h * 0.55f, col, 32, t * 0.6f);
      break;
    }
    case Icon::language_tap: {
      dl->AddCircleFilled({cx, cy}, h * 0.35f, col);
      dl->AddCircle({cx, cy}, h * 0.7f, col, 32, t * 0.6f);
      break;
    }
  }
}

}  // namespace wk::ui
