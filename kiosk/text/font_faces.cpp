// Memory-mapped font files with HarfBuzz faces over them.
#include "kiosk/text/font_faces.hpp"

#include <fcntl.h>
#include <hb-ot.h>
#include <hb.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace wk::text {

struct FontFaces::Owned : FontFace {
  bool bold = false;
  std::string font_id;
  void* map = nullptr;
  std::size_t map_size = 0;
  ~Owned() {
    if (hb) hb_face_destroy(hb);
    if (map) munmap(map, map_size);
  }
};

FontFaces::FontFaces(const LanguageTable& table) : table_(table) {}
FontFaces::~FontFaces() {
  // Later faces may share an earlier face's mapping: release them first.
  while (!faces_.empty()) faces_.pop_back();
}

const FontFace& FontFaces::get(FaceId id) const {
  return *faces_.at(id);
}

FaceId FontFaces::face(const std::string& font_id, bool bold) {
  const auto it = table_.fonts().find(font_id);
  if (it == table_.fonts().end()) throw std::runtime_error("font id \"" + font_id + "\" is not in the languages table");
  const FontSpec& spec = it->second;
  const bool use_bold = bold && !spec.bold_file.empty();
  const std::string path = (use_bold ? spec.bold_file : spec.file).string();
  for (std::size_t i = 0; i < faces_.size(); ++i)
    if (faces_[i]->path == path && faces_[i]->index == spec.face_index) return static_cast<FaceId>(i);

  auto f = std::make_unique<Owned>();
  f->path = path;
  f->index = spec.face_index;
  f->scale = spec.scale;
  f->bold = use_bold;
  f->font_id = font_id;
  // The mapping is shared with other faces of the same file (a collection).
  for (const auto& o : faces_) {
    if (o->path != path) continue;
    f->data = o->data;
    f->size = o->size;
  }
  if (!f->data) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("font " + path + ": " + std::strerror(errno));
    struct stat st {};
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
      ::close(fd);
      throw std::runtime_error("font " + path + ": empty or unreadable");
    }
    void* p = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED) throw std::runtime_error("font " + path + ": " + std::strerror(errno));
    f->map = p;
    f->map_size = static_cast<std::size_t>(st.st_size);
    f->data = static_cast<const unsigned char*>(p);
    f->size = f->map_size;
  }
  hb_blob_t* blob = hb_blob_create(reinterpret_cast<const char*>(f->data), static_cast<unsigned>(f->size),
                                   HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  f->hb = hb_face_create(blob, static_cast<unsigned>(spec.face_index));
  hb_blob_destroy(blob);
  if (hb_face_get_glyph_count(f->hb) == 0)
    throw std::runtime_error("font " + path + " (face " + std::to_string(spec.face_index) + "): not a font");
  {
    hb_font_t* font = hb_font_create(f->hb);
    hb_position_t asc = 0, desc = 0;
    hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc);
    hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc);
    hb_font_destroy(font);
    const unsigned upem = hb_face_get_upem(f->hb);
    if (asc - desc > 0) f->em_per_size = static_cast<float>(upem) / static_cast<float>(asc - desc);
  }
  if (faces_.size() >= 0xFFFF) throw std::runtime_error("too many font faces");
  faces_.push_back(std::move(f));
  return static_cast<FaceId>(faces_.size() - 1);
}

std::vector<FaceId> FontFaces::chain(const std::vector<std::string>& enabled, bool bold) {
  std::vector<std::string> ids;
  auto add = [&](const std::string& id) {
    for (const auto& have : ids)
      if (have == id) return;
    ids.push_back(id);
  };
  if (table_.fonts().count("latin")) add("latin");
  for (const auto& code : enabled)
    if (const auto* l = table_.find(code))
      for (const auto& f : l->fonts) add(f);
  std::vector<FaceId> out;
  for (const auto& id : ids) {
    const FaceId f = face(id, bold);
    bool seen = false;
    for (FaceId o : out) seen |= o == f;
    if (!seen) out.push_back(f);
  }
  return out;
}

}  // namespace wk::text
