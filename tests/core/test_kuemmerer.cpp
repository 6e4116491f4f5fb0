// The Kümmerer choice (kiosk/core/kuemmerer.hpp): region, language and target group first,
// then balanced by load to each one's capacity share, the same input giving the same choice.
#include "kiosk/core/kuemmerer.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace wk::core;

namespace {

ContactPerson k(const char* id, std::int64_t capacity, std::vector<std::string> postal_codes,
                std::vector<std::string> languages, std::vector<std::string> groups = {}) {
  ContactPerson p;
  p.id = id;
  p.name = id;
  p.kuemmerer_capacity = capacity;
  p.area.postal_codes = std::move(postal_codes);
  p.languages = std::move(languages);
  p.target_groups = std::move(groups);
  return p;
}

ContactPerson person_without_capacity() {
  ContactPerson p;
  p.id = "p-plain";
  p.name = "Plain";
  return p;
}

Directory region() {
  Directory d;
  Organisation wc;
  wc.id = "o-wc";
  wc.name = {{"de", "Welcome Center"}};
  wc.kind = "welcome_center";
  wc.area.municipalities = {"Musterstadt", "Nordheim", "Bad Südhausen"};
  d.organisations = {wc};
  d.persons = {k("p-a", 100, {"12345"}, {"de", "ar"}),
               k("p-b", 60, {"12345"}, {"de", "ar", "fa"}),
               k("p-c", 40, {"123*"}, {"de", "ar"}),
               k("p-north", 80, {"12350"}, {"de", "uk", "ru"}),
               k("p-fa", 50, {"12350"}, {"de", "fa"}, {"family_member"}),
               k("p-none", 0, {"12345"}, {"de", "ar"})};  // capacity 0: no Kümmerer
  d.persons.push_back(person_without_capacity());
  return d;
}

}  // namespace

TEST_CASE("10,000 registrations spread over the eligible Kümmerer by their capacity", "[kuemmerer]") {
  const Directory d = region();
  KuemmererLoad load;
  const KuemmererNeed need{"skilled_worker", "ar", "12345", ""};
  for (int i = 0; i < 10000; ++i) {
    const ContactPerson* p = choose_kuemmerer(d, need, load);
    REQUIRE(p);
    ++load[p->id];
  }
  // p-a, p-b and p-c cover 12345 and speak Arabic: 100 : 60 : 40.
  const double total = 10000;
  for (const auto& [id, share] :
       std::vector<std::pair<std::string, double>>{{"p-a", 0.5}, {"p-b", 0.3}, {"p-c", 0.2}}) {
    INFO(id << " got " << load[id]);
    CHECK(std::abs(static_cast<double>(load[id]) / total - share) <= share * 0.05);
  }
  CHECK(load.count("p-north") == 0);
  CHECK(load.count("p-none") == 0);
  CHECK(load.count("p-plain") == 0);
}

TEST_CASE("Nobody outside the region or the languages while an eligible one exists", "[kuemmerer]") {
  const Directory d = region();
  KuemmererLoad load;
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  const char* codes[] = {"12345", "12350", "12351", "99999", ""};
  const char* langs[] = {"ar", "fa", "uk", "de", "ti"};
  const char* groups[] = {"skilled_worker", "family_member", "student_to_work"};
  for (int i = 0; i < 2000; ++i) {
    const KuemmererNeed need{groups[next() % 3], langs[next() % 5], codes[next() % 5], ""};
    const ContactPerson* p = choose_kuemmerer(d, need, load);
    REQUIRE(p);
    ++load[p->id];
    // Is there one who covers the area and speaks the language? Then the choice does both.
    bool both = false;
    for (const ContactPerson& q : d.persons) {
      if (!q.kuemmerer_capacity || *q.kuemmerer_capacity == 0) continue;
      const bool area = !need.postal_code.empty() && area_covers(q.area, need.postal_code, "");
      const bool lang = std::find(q.languages.begin(), q.languages.end(), need.language) != q.languages.end();
      both = both || (area && lang);
    }
    INFO(need.postal_code << " " << need.language << " -> " << p->id);
    if (both) {
      CHECK(area_covers(p->area, need.postal_code, ""));
      CHECK(std::find(p->languages.begin(), p->languages.end(), need.language) != p->languages.end());
    }
  }
  // Farsi in 12350: p-fa for a family member, p-north (no Farsi) never while p-fa can.
  const ContactPerson* fa = choose_kuemmerer(d, {"family_member", "fa", "12350", ""}, {});
  REQUIRE(fa);
  CHECK(fa->id == "p-fa");
}

TEST_CASE("The same input gives the same Kümmerer", "[kuemmerer]") {
  const Directory d = region();
  const KuemmererLoad load{{"p-a", 7}, {"p-b", 3}};
  const KuemmererNeed need{"skilled_worker", "ar", "12345", ""};
  const ContactPerson* first = choose_kuemmerer(d, need, load);
  REQUIRE(first);
  for (int i = 0; i < 10; ++i) CHECK(choose_kuemmerer(d, need, load) == first);
  Directory reversed = d;
  std::reverse(reversed.persons.begin(), reversed.persons.end());
  CHECK(choose_kuemmerer(reversed, need, load)->id == first->id);  // order of the directory does not matter
}

TEST_CASE("The residence gives the postal code and a municipality the directory names", "[kuemmerer]") {
  const Directory d = region();
  const auto towns = municipalities_of(d);
  auto need = need_of(towns, "skilled_worker", "fa", "Lindenstraße 3, 12350 Nordheim");
  CHECK(need.postal_code == "12350");
  CHECK(need.municipality == "Nordheim");
  need = need_of(towns, "skilled_worker", "fa", "Bad Südhausen, Am Hang 123456");
  CHECK(need.postal_code.empty());  // 6 digits are no postal code
  CHECK(need.municipality == "Bad Südhausen");
  need = need_of(towns, "skilled_worker", "fa", "nordheimer Str. 5");
  CHECK(need.municipality.empty());  // a whole word only
  CHECK(need_of(towns, "skilled_worker", "fa", "").postal_code.empty());
}

TEST_CASE("Without Kümmerer in the directory there is no choice", "[kuemmerer]") {
  Directory d;
  d.persons = {person_without_capacity()};
  CHECK(choose_kuemmerer(d, {"skilled_worker", "ar", "12345", ""}, {}) == nullptr);
  CHECK(choose_kuemmerer({}, {"skilled_worker", "ar", "12345", ""}, {}) == nullptr);
}
