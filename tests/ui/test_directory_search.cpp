// The finder's search (kiosk/ui/features/contacts/directory_search.hpp) over a small directory
// with the real search terms (assets/directory/terms.json): folding, synonyms in the session
// language and in German, transliteration, filters and ranking, and typing on.
#include "kiosk/ui/features/contacts/directory_search.hpp"

#include "kiosk/core/time.hpp"
#include "tests/support/paths.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace wk::ui;
using wk::core::ContactPerson;
using wk::core::Organisation;
using wk::core::WeeklySpan;

namespace {

Organisation org(const char* id, const char* name, const char* kind, std::vector<std::string> topics,
                 std::vector<std::string> languages) {
  Organisation o;
  o.id = id;
  o.name = {{"de", name}};
  o.kind = kind;
  o.topics = std::move(topics);
  o.languages = std::move(languages);
  for (int wd = 0; wd < 5; ++wd) o.hours.weekly.push_back(WeeklySpan{wd, 9 * 60, 12 * 60});
  return o;
}

ContactPerson person(const char* id, const char* name, const char* org_id, std::vector<std::string> languages) {
  ContactPerson p;
  p.id = id;
  p.name = name;
  p.organisation_id = org_id;
  p.languages = std::move(languages);
  return p;
}

wk::core::Directory directory() {
  wk::core::Directory d;
  d.organisations = {
      org("o-abh", "Ausländerbehörde Musterstadt", "immigration_office", {"residence"}, {"de", "en"}),
      org("o-iq", "IQ Anerkennungsberatung", "recognition_counselling", {"recognition", "work"}, {"de", "fa", "ru"}),
      org("o-jc", "Jobcenter Landkreis", "job_center", {"money", "work"}, {"de", "ar"}),
      org("o-kita", "Kita-Servicestelle", "other", {"family"}, {"de", "tr"}),
      org("o-wc", "Welcome Center Musterstadt", "welcome_center", {"residence", "work"}, {"de", "en"})};
  d.organisations[1].area.postal_codes = {"12350"};
  d.organisations[2].hours.weekly = {{1, 14 * 60, 18 * 60}};  // Tuesday afternoons only
  d.persons = {person("p-mueller", "Katrin Müller", "o-wc", {"de", "en"}),
               person("p-sahin", "Gül Şahin", "o-kita", {"de", "tr"}),
               person("p-shev", "Тарас Шевченко", "o-wc", {"uk", "ru", "de"}),
               person("p-rahimi", "Dariush Rahimi", "o-iq", {"de", "fa"})};
  return d;
}

const DirectoryTerms& terms() {
  static const DirectoryTerms t = DirectoryTerms::load(wk::test::source_dir() / "assets" / "directory" / "terms.json");
  return t;
}

struct Rig {
  wk::text::SearchFold fold;
  DirectorySearch search{directory(), terms(), fold};
  // Tuesday 2026-12-08, 10:30.
  wk::core::LocalTime now{*wk::core::parse_calendar_date("2026-12-08"), 10 * 60 + 30};

  std::vector<std::string> ids(const FinderQuery& q) {
    std::vector<std::string> out;
    for (const FinderHit& h : search.find(q)) {
      const auto& d = search.directory();
      out.push_back(h.person ? d.persons[h.index].id : d.organisations[h.index].id);
    }
    return out;
  }
  std::vector<std::string> ids(const std::string& text, const std::string& lang = "de") {
    FinderQuery q;
    q.text = text;
    q.language = lang;
    q.now = now;
    return ids(q);
  }
  bool finds(const std::string& text, const std::string& lang, const std::string& id) {
    const auto v = ids(text, lang);
    return std::find(v.begin(), v.end(), id) != v.end();
  }
};

}  // namespace

TEST_CASE("Search folds case, accents and script", "[finder]") {
  Rig r;
  CHECK(r.ids("muller") == std::vector<std::string>{"p-mueller"});
  CHECK(r.ids("MÜLL") == std::vector<std::string>{"p-mueller"});
  CHECK(r.ids("sahin") == std::vector<std::string>{"p-sahin"});
  CHECK(r.ids("Şah") == std::vector<std::string>{"p-sahin"});
  // A name stored in Cyrillic, typed in Latin (both romanisations) or in Cyrillic.
  CHECK(r.ids("shevchenko") == std::vector<std::string>{"p-shev"});
  CHECK(r.ids("sevcenko") == std::vector<std::string>{"p-shev"});
  CHECK(r.ids("Шевч", "uk") == std::vector<std::string>{"p-shev"});
  CHECK(r.ids("taras shev") == std::vector<std::string>{"p-shev"});
  // Word starts only: "ller" is inside "Müller", not at a word's start.
  CHECK(r.ids("ller").empty());
  // The organisation's name finds its people too.
  CHECK(r.finds("anerkennungsberatung", "de", "p-rahimi"));
}

TEST_CASE("A name stored in Arabic script is found romanised, by its consonants", "[finder]") {
  wk::core::Directory d = directory();
  d.persons.push_back(person("p-haddad", "سمير حداد", "o-jc", {"ar", "de"}));
  wk::text::SearchFold fold;
  DirectorySearch search{std::move(d), terms(), fold};
  auto ids = [&](const std::string& text) {
    FinderQuery q;
    q.text = text;
    q.language = "de";
    std::vector<std::string> out;
    for (const FinderHit& h : search.find(q)) out.push_back(h.person ? search.directory().persons[h.index].id : "");
    return out;
  };
  for (const char* typed : {"samir", "Samir Haddad", "hadad", "سمير", "حداد"}) {
    INFO(typed);
    CHECK(ids(typed) == std::vector<std::string>{"p-haddad"});
  }
  // Latin names are not found by consonants: "mllr" is not "Müller", nor does "samir" reach him.
  CHECK(ids("mllr").empty());
  CHECK(ids("katrin") == std::vector<std::string>{"p-mueller"});
}

TEST_CASE("Topic and kind words work in the session language and in German", "[finder]") {
  Rig r;
  // "Bürgergeld" typed in an English session names the job center.
  const auto buerger = r.ids("Bürgergeld", "en");
  REQUIRE_FALSE(buerger.empty());
  CHECK(buerger.front() == "o-jc");
  // Visa, in six languages, finds the immigration office first.
  for (const auto& [word, lang] : std::vector<std::pair<std::string, std::string>>{{"visa", "en"},
                                                                                   {"Visum", "de"},
                                                                                   {"ویزا", "fa"},
                                                                                   {"виза", "ru"},
                                                                                   {"віза", "uk"},
                                                                                   {"تأشيرة", "ar"},
                                                                                   {"vize", "tr"},
                                                                                   {"visado", "es"}}) {
    INFO(lang << ": " << word);
    const auto v = r.ids(word, lang);
    REQUIRE_FALSE(v.empty());
    CHECK(std::find(v.begin(), v.end(), "o-abh") != v.end());
  }
  CHECK(r.ids("Ausländerbehörde", "en").front() == "o-abh");
  // Kita (German) in a Turkish session, kreş (Turkish) too.
  CHECK(r.finds("Kita", "tr", "o-kita"));
  CHECK(r.finds("kreş", "tr", "o-kita"));
  // A word of another session language is not a synonym here: "виза" in an English session.
  CHECK_FALSE(r.finds("виза", "en", "o-abh"));
}

TEST_CASE("Topic, postal code, language and open now narrow and rank the results", "[finder]") {
  Rig r;
  FinderQuery q;
  q.language = "fa";
  q.now = r.now;
  CHECK(r.ids(q).empty());  // neither text nor topic: the topic tiles
  q.topic = "recognition";
  CHECK(r.ids(q) == std::vector<std::string>{"o-iq", "p-rahimi"});
  q.topic = "work";
  q.only_my_language = true;
  CHECK(r.ids(q) == std::vector<std::string>{"o-iq", "p-rahimi"});
  q.only_my_language = false;
  q.language = "de";
  // Open now ranks the open ones first: the job center opens on Tuesday afternoons.
  auto v = r.ids(q);
  REQUIRE(v.size() >= 3);
  CHECK(v.back() == "o-jc");
  q.now.minute = 15 * 60;  // 15:00: now only the job center is open
  v = r.ids(q);
  CHECK(v.front() == "o-jc");
  // A postal code the IQ office covers puts it first.
  q.now.minute = 10 * 60 + 30;
  q.postal_code = "12350";
  CHECK(r.ids(q).front() == "o-iq");
}

TEST_CASE("Typing on narrows to the same hits as a fresh search", "[finder]") {
  Rig r;
  wk::text::SearchFold other;
  DirectorySearch fresh{directory(), terms(), other};
  for (const char* typed : {"m", "mu", "mus", "must", "muster", "musterstadt", "musterstadt w"}) {
    INFO(typed);
    FinderQuery q;
    q.text = typed;
    q.language = "de";
    q.now = r.now;
    const auto a = r.search.find(q);
    const auto b = fresh.find(q);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].index == b[i].index);
  }
}

TEST_CASE("An empty directory finds nothing", "[finder]") {
  wk::text::SearchFold fold;
  DirectorySearch s{{}, terms(), fold};
  FinderQuery q;
  q.text = "Visum";
  q.topic = "residence";
  CHECK(s.find(q).empty());
}

TEST_CASE("The terms file is checked, and a bad one names the place of the problem", "[finder]") {
  CHECK(terms().topics.size() == wk::core::kTopics.size());
  for (const TopicTerms& t : terms().topics) {
    INFO(t.id);
    CHECK_FALSE(t.icon.empty());
    for (const char* lang : {"de", "en", "ar", "fa", "ru", "uk", "tr"}) CHECK(t.terms.count(lang) == 1);
  }
  const auto bad = [](const std::string& text) {
    const auto file = std::filesystem::temp_directory_path() / "wk-terms-test.json";
    {
      std::ofstream out(file);
      out << text;
    }
    try {
      DirectoryTerms::load(file);
    } catch (const TermsError& e) {
      std::filesystem::remove(file);
      return std::string(e.what());
    }
    std::filesystem::remove(file);
    return std::string("no error");
  };
  CHECK(bad("{") == "wk-terms-test.json: not valid JSON");
  CHECK(bad(R"({"topics": {"visa": {}}})") ==
        "wk-terms-test.json: topics.visa: not a topic of kiosk/core/directory.hpp");
  CHECK(bad(R"({"topics": {"work": {"terms": {"de": ["Arbeit", 3]}}}})") ==
        "wk-terms-test.json: topics.work.terms.de[2]: expected a string");
  CHECK(bad(R"({"topics": {"work": {"colour": "red"}}})") ==
        "wk-terms-test.json: topics.work.colour: unknown field (known: icon, terms)");
  CHECK(bad(R"({"kinds": {"ministry": {}}})") ==
        "wk-terms-test.json: kinds.ministry: not a kind of organisation of kiosk/core/directory.hpp");
  CHECK(bad(R"({"topics": {"work": {"terms": {"de": [""]}}}})") ==
        "wk-terms-test.json: topics.work.terms.de[1]: expected 1 to 200 bytes");
  CHECK(bad("[]") == "wk-terms-test.json: expected an object with \"topics\" and \"kinds\"");
}
