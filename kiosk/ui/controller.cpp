// Intent application.
#include "kiosk/ui/controller.hpp"

#include <algorithm>
#include <exception>

#include "kiosk/core/log.hpp"
#include "kiosk/core/visits.hpp"
#include "kiosk/ui/overloaded.hpp"

namespace wk::ui {
Controller::Controller(core::Store& store, std::vector<std::string> enabled, std::string default_language,
                       Session& session, IdleTimer& idle)
    : store_(store),
      enabled_(std::move(enabled)),
      default_language_(std::move(default_language)),
      session_(session),
      idle_(idle),
      form_(session) {}

void Controller::set_languages(std::vector<std::string> enabled, std::string default_language) {
  enabled_ = std::move(enabled);
  default_language_ = std::move(default_language);
}

void Controller::add_feature(Feature& feature) {
  features_.push_back(&feature);
}

Feature* Controller::feature_of(ScreenId screen) const {
  for (Feature* f : features_)
    if (f->owns(screen)) return f;
  return nullptr;
}

bool Controller::enabled(const std::string& code) const {
  return std::find(enabled_.begin(), enabled_.end(), code) != enabled_.end();
}

Effects Controller::apply(const Intent& intent, double now) {
  idle_.touch(now);
  Effects effects;
  // The question "discard what you entered?" is answered by its two buttons; anything else
  // (a touch beside it, the idle wipe) takes it away.
  if (session_.confirm_leave && !std::holds_alternative<LeaveAnyway>(intent)) {
    session_.confirm_leave = false;
    return effects;
  }
  if (std::holds_alternative<Back>(intent)) {
    // Back first closes the keyboard (the language screen may lie over it).
    if (!form_.focused().empty() && session_.top() != ScreenId::languages) {
      form_.leave();
      return effects;
    }
    if (Feature* f = feature_of(session_.top()); f && f->back()) return effects;
  }
  if (std::holds_alternative<GoHome>(intent)) {
    form_.leave();
    for (Feature* f : features_) f->on_home();
  }
  // The shared form intents (Focus, Choose, Toggle, PressKey, NextStep) name fields of the screen
  // on top: its feature hears them first.
  const bool form_intent = std::holds_alternative<Focus>(intent) || std::holds_alternative<Choose>(intent) ||
                           std::holds_alternative<Toggle>(intent) || std::holds_alternative<PressKey>(intent) ||
                           std::holds_alternative<NextStep>(intent);
  Feature* top = form_intent ? feature_of(session_.top()) : nullptr;
  if (top && top->apply(intent, effects)) return effects;
  for (Feature* f : features_)
    if (f != top && f->apply(intent, effects)) return effects;
  std::visit(overloaded{
                 [&](const ChooseLanguage& c) {
                   if (!enabled(c.code)) return;
                   session_.language = c.code;
                   session_.stack = {ScreenId::home};
                   try {
                     session_.visit_id = core::start_visit(store_, c.code);
                   } catch (const std::exception& e) {
                     core::log::error("controller", std::string("could not record the visit: ") + e.what());
                     session_.error_key = "error.storage";
                   }
                 },
                 [&](const SwitchLanguage& c) {
                   if (!enabled(c.code)) return;
                   session_.language = c.code;
                   if (!session_.stack.empty() && session_.stack.back() == ScreenId::languages)
                     session_.stack.pop_back();
                   form_.on_language_changed();
                   for (Feature* f : features_) f->on_language_changed();
                   if (session_.visit_id.empty()) return;
                   try {
                     core::set_visit_language(store_, session_.visit_id, c.code);
                   } catch (const std::exception& e) {
                     core::log::error("controller", std::string("could not record the language: ") + e.what());
                     session_.error_key = "error.storage";
                   }
                 },
                 [&](const Open& o) {
                   if (o.screen == ScreenId::welcome) return;
                   if (session_.stack.empty() || session_.stack.back() != o.screen) session_.stack.push_back(o.screen);
                 },
                 [&](const Back&) {
                   if (session_.stack.size() > 1)
                     session_.stack.pop_back();
                   else if (std::any_of(features_.begin(), features_.end(),
                                        [](const Feature* f) { return f->holds_unsent_input(); }))
                     session_.confirm_leave = true;
                   else
                     end("finished");
                 },
                 [&](const LeaveAnyway&) {
                   if (session_.confirm_leave) end("finished");
                 },
                 [&](const GoHome&) {
                   if (session_.active()) session_.stack = {ScreenId::home};
                 },
                 [&](const PressKey& k) { form_.press(k.key); },
                 [&](const ToggleSeeing& t) {
                   bool& flag = t.what == ToggleSeeing::What::large_text ? session_.large_text : session_.high_contrast;
                   flag = !flag;
                 },
                 [&](const ReadAloud& r) {
                   if (!r.language.empty() && !session_.active()) {
                     effects.read_aloud = true;
                     effects.read_language = r.language;
                     effects.read_text = r.text;
                   } else {
                     effects.read_aloud = session_.active();
                   }
                 },
                 [&](const StayActive&) {},
                 [&](const EndSession&) { end("finished"); },
                 [&](const auto&) {},
             },
             intent);
  return effects;
}

void Controller::end(const char* reason) {
  if (!session_.visit_id.empty()) {
    try {
      // Where an idle session stood is counted as the step it was abandoned at (a screen id).
      const std::string step = std::string_view(reason) == "idle" && !session_.stack.empty()
                                   ? std::string(session_.stack.back().name)
                                   : std::string();
      core::end_visit(store_, session_.visit_id, reason, step);
    } catch (const std::exception& e) {
      core::log::error("controller", std::string("could not close the visit: ") + e.what());
    }
  }
  form_.drop();
  for (Feature* f : features_) f->wipe();
  session_.wipe(default_language_);
  if (on_wipe) on_wipe();
}

std::optional<double> Controller::own_idle_limit() const {
  if (!session_.active()) return std::nullopt;
  const Feature* f = feature_of(session_.top());
  return f ? f->idle_limit_s(session_.top()) : std::nullopt;
}

bool Controller::check_idle(double now) {
  if (!session_.active()) {
    idle_.touch(now);
    return false;
  }
  if (const auto limit = own_idle_limit()) {
    if (idle_.idle_for(now) < *limit) return false;
  } else if (idle_.phase(now) != IdleTimer::Phase::expired) {
    return false;
  }
  core::log::info("controller", "session ended after inactivity");
  end("idle");
  idle_.touch(now);
  return true;
}

}  // namespace wk::ui
