// ICU DateFormat, DateIntervalFormat and DateFormatSymbols in GMT: catalog dates and times are
// wall-clock values, so no time zone may shift them.
#include "kiosk/text/date_format.hpp"

#include <unicode/calendar.h>
#include <unicode/datefmt.h>
#include <unicode/dtfmtsym.h>
#include <unicode/dtitvfmt.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>

namespace wk::text {
namespace {

icu::Locale locale_of(const std::string& tag) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale l = icu::Locale::forLanguageTag(tag.c_str(), status);
  return U_SUCCESS(status) ? l : icu::Locale::getRoot();
}

// Milliseconds since the epoch of `d` at `minutes` after midnight, GMT.
UDate to_udate(const Date& d, int minutes = 0) {
  UErrorCode status = U_ZERO_ERROR;
  thread_local icu::GregorianCalendar cal(*icu::TimeZone::getGMT(), status);
  cal.clear();
  cal.set(d.year, d.month - 1, d.day, minutes / 60, minutes % 60, 0);
  const UDate t = cal.getTime(status);
  return U_SUCCESS(status) ? t : 0;
}

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// Formatters are costly to build (locale data is loaded each time) and are used for every row
// of every frame, so each thread keeps the ones it made, per locale and skeleton. ICU
// formatters are not safe to share between threads; thread_local keeps them apart.
icu::DateFormat* skeleton_format(const std::string& tag, const char* skeleton) {
  thread_local std::map<std::string, std::unique_ptr<icu::DateFormat>> cache;
  auto& slot = cache[tag + '|' + skeleton];
  if (!slot) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::DateFormat> f(
        icu::DateFormat::createInstanceForSkeleton(icu::UnicodeString(skeleton), locale_of(tag), status));
    if (U_FAILURE(status) || !f) return nullptr;
    f->setTimeZone(*icu::TimeZone::getGMT());
    slot = std::move(f);
  }
  return slot.get();
}

std::string format_interval(const std::string& tag, const char* skeleton, UDate from, UDate to) {
  thread_local std::map<std::string, std::unique_ptr<icu::DateIntervalFormat>> cache;
  auto& slot = cache[tag + '|' + skeleton];
  if (!slot) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::DateIntervalFormat> made(
        icu::DateIntervalFormat::createInstance(icu::UnicodeString(skeleton), locale_of(tag), status));
    if (U_FAILURE(status) || !made) return {};
    made->setTimeZone(*icu::TimeZone::getGMT());
    slot = std::move(made);
  }
  icu::DateIntervalFormat* f = slot.get();
  UErrorCode status = U_ZERO_ERROR;
  icu::DateInterval interval(from, to);
  icu::UnicodeString out;
  icu::FieldPosition pos;
  f->format(&interval, out, pos, status);
  return U_SUCCESS(status) ? utf8(out) : std::string{};
}

std::string format_skeleton(const std::string& tag, const char* skeleton, UDate t) {
  icu::DateFormat* f = skeleton_format(tag, skeleton);
  if (!f) return {};
  icu::UnicodeString out;
  f->format(t, out);
  return utf8(out);
}

}  // namespace

std::string format_date(const std::string& icu_locale, const Date& d) {
  std::string s = format_skeleton(icu_locale, "yMMMd", to_udate(d));
  return s.empty() ? to_iso(d) : s;
}

std::string format_date_range(const std::string& icu_locale, const Date& from, const Date& to) {
  if (from == to) return format_date(icu_locale, from);
  std::string s = format_interval(icu_locale, "yMMMd", to_udate(from), to_udate(to));
  return s.empty() ? format_date(icu_locale, from) + " – " + format_date(icu_locale, to) : s;
}

std::string weekday_short(const std::string& icu_locale, int weekday) {
  // 2027-01-04 is a Monday.
  return format_skeleton(icu_locale, "EEE", to_udate(Date{2027, 1, 4 + (weekday % 7 + 7) % 7}));
}

std::string format_time(const std::string& icu_locale, int minutes) {
  return format_skeleton(icu_locale, "jmm", to_udate(Date{2027, 1, 4}, minutes));
}

std::string format_time_range(const std::string& icu_locale, int from, int to) {
  std::string s = format_interval(icu_locale, "jmm", to_udate(Date{2027, 1, 4}, from), to_udate(Date{2027, 1, 4}, to));
  return s.empty() ? format_time(icu_locale, from) + "–" + format_time(icu_locale, to) : s;
}

}  // namespace wk::text
