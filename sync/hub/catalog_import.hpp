// Reading catalog files for `welcome-hub import`: courses, organisations, contact persons and
// texts, from JSON or CSV, checked against the rules of sync/CATALOG.md.
//
// Reading is all or nothing: a file either yields every item, validated, or an ImportError
// that names the file, the place (CSV line and column, JSON item index and field) and the
// problem — the operator fixes the file and imports again; nothing is stored in between.
// Values from the file never appear in messages except ids and column names (operators need
// them to find the line), and no personal data is expected in catalogs.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wk::hub {

// Largest catalog file `read_catalog_file` accepts.
inline constexpr std::size_t kMaxCatalogFileBytes = std::size_t{256} * 1024 * 1024;

enum class CatalogFormat { json, csv };

// A catalog file that cannot be imported. what() reads "FILE:LINE: column C: problem" (CSV)
// or "FILE: [INDEX].field: problem" (JSON) or "FILE: problem".
class ImportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CatalogFile {
  std::string kind;  // the wire kind: course | organisation | contact_person | text
  std::vector<std::pair<std::string, nlohmann::json>> items;  // (id, data), in file order
  std::vector<std::string> places;  // per item: where it is in the file ("f.csv:7", "f.json: [3]")
  CatalogFormat format = CatalogFormat::json;
};

// A field of one kind that names an item of another: course.organisation_id and
// contact_person.organisation_id name an organisation.
struct CatalogReference {
  std::string_view from_kind, field, to_kind;
};
const std::vector<CatalogReference>& catalog_references();

// Throws ImportError at the item's place and field ("f.csv:7: column organisation_id: names no
// organisation held by the hub (\"o-9\")") for the first reference in `file` that names an item
// `exists(kind, id)` does not know.
void check_references(const CatalogFile& file,
                      const std::function<bool(std::string_view kind, std::string_view id)>& exists);

// The region's municipalities: every one an organisation names (its address or the area it
// serves), from the organisations' data as held.
std::set<std::string, std::less<>> region_municipalities(const std::vector<nlohmann::json>& organisations);

// Throws ImportError at the item's place ("f.csv:7: column municipalities: \"Musterstdt\" is
// not a municipality of the region ...") for the first municipality a contact person's area
// names that `region` does not hold: a misspelt one would never match a residence. Files of
// other kinds pass (organisations define the region).
void check_region(const CatalogFile& file, const std::set<std::string, std::less<>>& region);

// The wire kind for a command-line kind ("courses" -> "course", "organisations",
// "contact-persons" -> "contact_person", "texts"); std::nullopt for anything else.
std::optional<std::string> wire_kind(std::string_view cli_kind);

// The format implied by the file name: ".json" or ".csv" (any case); std::nullopt otherwise.
std::optional<CatalogFormat> format_from_extension(const std::filesystem::path& file);

// Parses catalog text of wire kind `kind` (std::invalid_argument for another kind). `source`
// names the input in messages (usually the file name). Throws ImportError.
CatalogFile parse_catalog(std::string_view text, std::string_view kind, CatalogFormat format, std::string_view source);

// Reads `file` (at most kMaxCatalogFileBytes) and parses it as above. Throws ImportError (also
// when the file cannot be read).
CatalogFile read_catalog_file(const std::filesystem::path& file, std::string_view kind, CatalogFormat format);

// Checks one item's data against the rules of its kind; `where` prefixes messages ("[3]" or
// "line 4"). Throws ImportError("<where>.<field>: problem" or "<where>: column <c>: ...").
// Exposed for tests; parse_catalog applies it to every item.
void validate_catalog_item(std::string_view kind, const nlohmann::json& data, const std::string& where);

}  // namespace wk::hub
