// Window, ImGui setup and the event-driven frame loop.
#include "kiosk/ui/shell.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>

#include <csignal>
#include <ctime>
#include <mutex>
#include <thread>

#include "kiosk/core/log.hpp"
#include "kiosk/core/resource_dir.hpp"
#include "kiosk/core/terminal_settings.hpp"
#include "kiosk/text/countries.hpp"
#include "kiosk/text/keyboard_layout.hpp"
#include "kiosk/text/local_time.hpp"
#include "kiosk/text/utf8.hpp"
#include "kiosk/ui/controller.hpp"
#include "kiosk/ui/features/registry.hpp"
#include "kiosk/ui/frame.hpp"
#include "kiosk/ui/frame_cache.hpp"
#include "kiosk/ui/read_aloud.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/screenshot.hpp"
#include "kiosk/ui/session.hpp"
#include "kiosk/ui/ui_context.hpp"
#include "kiosk/ui/widgets.hpp"
#include "kiosk/ui/window_sub_copy.hpp"

namespace wk::ui {
namespace {

std::string day_period() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  if (tm.tm_hour >= 5 && tm.tm_hour < 12) return "morning";
  if (tm.tm_hour >= 12 && tm.tm_hour < 18) return "afternoon";
  if (tm.tm_hour >= 18 && tm.tm_hour < 23) return "evening";
  return "other";
}

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Frames drawn after an input event so ImGui state settles.
constexpr int kFramesAfterInput = 2;
// Longest sleep without a frame: how quickly SIGTERM is noticed.
constexpr double kMaxSleep = 1.0;

// Set by SIGTERM / SIGINT (systemd stopping the kiosk); the loop then ends
// cleanly so the store is closed properly.
std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) {
  g_stop = true;
}

}  // namespace

struct Shell::Impl {
  ShellDeps deps;
  ShellOptions opt;
  // The configuration as in effect: the file's, with staff's settings over it (they change while
  // the kiosk runs: apply_settings()). Features read it through FeatureDeps::config.
  core::Config config;
  GLFWwindow* window = nullptr;
  bool imgui_ready = false;
  UiContext ui;
  FrameCache frame_cache;                    // the last frame, for redrawing only what changed
  std::optional<WindowSubCopy> window_copy;  // a software renderer's way to the screen
  Session session;
  IdleTimer idle;
  Controller controller;
  std::vector<std::unique_ptr<Feature>> features;  // from the registry, in its order
  std::vector<const text::Language*> enabled;
  std::vector<Intent> intents;
  std::optional<ReplayRunner> replay;
  std::atomic<bool> input_seen{false};
  std::atomic<bool> woken{false};
  // glfwPostEmptyEvent may be called from any thread, but only while GLFW is initialised: wake()
  // posts under this mutex only while `glfw_live`, which open() sets and the destructor clears
  // before terminating GLFW.
  std::mutex wake_mutex;
  bool glfw_live = false;
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  double virtual_time = 0;
  double last_frame_time = 0;
  int fb_w = 0, fb_h = 0;
  long frames = 0;
  Shell::FrameCpu frame_cpu;  // of the last frame
  std::string pending_screenshot;
  bool pressed = false;      // a finger (or the mouse) went down in the frame drawn last
  double welcome_since = 0;  // when the welcome screen last came back (its prompt starts there)
  int exit_code = -1;        // >= 0: a feature asked to end the kiosk with it

  Impl(ShellDeps d, ShellOptions o)
      : deps(d),
        opt(std::move(o)),
        config(d.config),
        idle(d.config.idle_timeout_s, d.config.idle_warning_s),
        controller(d.store, d.config.languages, d.config.default_language, session, idle) {
    ui.languages = &deps.languages;
    ui.messages = &deps.messages;
    ui.theme = d.config.high_contrast ? Theme::high_contrast() : Theme::standard();
    for (const auto& code : d.config.languages)
      if (const auto* l = d.languages.find(code)) enabled.push_back(l);
    session.language = d.config.default_language;
    controller.form().configure(&deps.languages, d.config.languages);
    std::function<text::Date()> today = text::today_local;
    if (opt.today) today = [d = *opt.today] { return d; };
    std::function<core::LocalTime()> now = [] {
      return text::local_time_at(std::chrono::system_clock::now(), "")
          .value_or(core::LocalTime{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()), 0});
    };
    if (opt.now) now = [n = *opt.now] { return n; };
    // In a replay the wall clock runs with the virtual time (PIN delays can be waited for).
    std::function<std::chrono::system_clock::time_point()> clock = [] { return std::chrono::system_clock::now(); };
    if (opt.replay)
      clock = [this, start = std::chrono::system_clock::now()] {
        return start + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                           std::chrono::duration<double>(virtual_time));
      };
    const FeatureDeps feature_deps{deps.store,
                                   session,
                                   controller.form(),
                                   deps.languages,
                                   config,
                                   today,
                                   deps.desk,
                                   opt.resources.empty() ? core::resource_dir(std::nullopt) : opt.resources,
                                   now,
                                   deps.sync,
                                   clock};
    for (const FeatureModule* m : feature_modules()) {
      features.push_back(m->make(feature_deps));
      controller.add_feature(*features.back());
    }
    controller.on_wipe = [this] {
      if (deps.speaker) deps.speaker->stop();
      welcome_since = this->now();
      ui.layouts.clear();
      ui.touch.reset();
      ui.elements.clear();
    };
  }

  // Releases GL, ImGui and GLFW in reverse order of open(); also when the
  // shell's constructor threw after this was built (replay set-up).
  ~Impl() {
    {
      std::lock_guard lock(wake_mutex);
      glfw_live = false;
    }
    if (imgui_ready) {
      if (ui.fonts.configured()) ui.fonts.atlas().release_texture();
      frame_cache.release();
      ImGui_ImplOpenGL3_Shutdown();
      ImGui_ImplGlfw_Shutdown();
      ImGui::DestroyContext();
    }
    if (window) {
      glfwDestroyWindow(window);
      glfwTerminate();
    }
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  double now() const {
    if (replay) return virtual_time;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }

  // The text scale in effect: staff's, times 1.5 while the newcomer asked for larger text.
  float text_scale() const {
    return static_cast<float>(config.ui_scale) * (session.large_text ? kLargeTextScale : 1.f);
  }
  float built_scale = 0;  // text_scale() the fonts were last built for

  void build_fonts() {
    built_scale = text_scale();
    ui.em = em_for_screen(fb_w, fb_h, built_scale);
    ui.fonts.configure(deps.languages, config.languages, ui.em);
    ui.layouts.clear();
  }

  ViewModel view_model(double t) const {
    ViewModel vm;
    vm.language = deps.languages.find(session.language);
    if (!vm.language) vm.language = deps.languages.find(config.default_language);
    vm.enabled = enabled;
    vm.center_name = deps.config.center_name;
    vm.screen = session.top();
    if (!session.active())
      for (const auto& feature : features)
        if (auto resting = feature->resting_screen()) vm.screen = *resting;
    if (const Feature* feature = controller.feature_of(vm.screen)) {
      vm.feature = feature;
      vm.step = feature->step_of(vm.screen);
      vm.steps = vm.step > 0 ? feature->steps() : 0;
    }
    for (const auto& feature : features)
      if (auto tile = feature->home_tile()) vm.tiles.push_back(std::move(*tile));
    vm.can_go_back = session.active();
    vm.idle_warning = session.active() && !controller.own_idle_limit() && idle.phase(t) == IdleTimer::Phase::warning;
    vm.confirm_leave = session.confirm_leave;
    vm.large_text = session.large_text;
    vm.high_contrast = session.high_contrast;
    vm.can_read_aloud = deps.speaker && session.active() && deps.speaker->has_voice(session.language);
    // Only when read-aloud can speak at all (a sound device, and voices for enabled languages).
    if (deps.speaker && std::any_of(vm.enabled.begin(), vm.enabled.end(),
                                    [&](const text::Language* l) { return deps.speaker->has_voice(l->code); }))
      vm.has_voice = [speaker = deps.speaker](std::string_view language) { return speaker->has_voice(language); };
    vm.idle_seconds_left = idle.seconds_left(t);
    vm.error_key = session.error_key;
    vm.day_period = day_period();
    vm.now = t;
    vm.welcome_since = welcome_since;
    vm.focus = session.focus;
    vm.keyboard = session.keyboard ? &*session.keyboard : nullptr;
    if (deps.sync) vm.sync = deps.sync->indicator();
    return vm;
  }

  PointerState pointer_from_imgui() const {
    const ImGuiIO& io = ImGui::GetIO();
    return {io.MousePos.x, io.MousePos.y, io.MouseDown[0], io.MouseClicked[0], io.MouseReleased[0]};
  }

  void draw(double t) {
    const double cpu0 = thread_cpu_ms();
    int w, h;
    glfwGetFramebufferSize(window, &w, &h);
    if (w != fb_w || h != fb_h || text_scale() != built_scale) {
      fb_w = w;
      fb_h = h;
      build_fonts();
    }
    // Staff's theme, or the newcomer's high contrast for this session.
    ui.theme = config.high_contrast || session.high_contrast ? Theme::high_contrast() : Theme::standard();
    ImGuiIO& io = ImGui::GetIO();
    // Room for this frame's new glyphs; ImGui's texture and white pixel are the atlas's.
    ui.fonts.atlas().begin_frame();
    ui.fonts.atlas().upload(*io.Fonts);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    io.DeltaTime = static_cast<float>(std::max(1e-4, t - last_frame_time));
    if (replay) io.DeltaTime = static_cast<float>(ReplayRunner::kFrameTime);
    last_frame_time = t;

    ReplayInput rin;
    if (replay) {
      rin = replay->next_input();
      if (rin.pointer_set) {
        io.MousePos = {rin.pointer.x, rin.pointer.y};
        io.MouseDown[0] = rin.pointer.down;
      } else {
        io.MouseDown[0] = false;
      }
      if (!rin.typed.empty()) io.AddInputCharactersUTF8(rin.typed.c_str());
      pending_screenshot = rin.screenshot;
    }

    ImGui::NewFrame();
    pressed = io.MouseClicked[0];
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::Begin("##kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                     ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoNav);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Rect screen{0, 0, io.DisplaySize.x, io.DisplaySize.y};
    dl->AddRectFilled({0, 0}, {screen.w, screen.h}, ui.theme.background);

    ui.elements.begin_frame();
    ui.touch.begin_frame(pointer_from_imgui(), io.DeltaTime, ui.em * 0.35f);
    const ViewModel vm = view_model(t);
    Frame f{ui, vm, intents, dl, screen, screen, ui.em};
    const float margin = ui.em * kMarginEm;
    const bool nav_bar = session.active() && !(vm.feature && vm.feature->draws_own_bar(vm.screen));
    if (nav_bar) {
      const Rect bar{0, 0, screen.w, ui.em * kNavBarEm};
      f.content = {margin, bar.h + margin, screen.w - 2 * margin, screen.h - bar.h - 2 * margin};
    }
    if (!vm.error_key.empty()) f.content.h -= ui.em * 4.f;
    ui.touch.set_blocked(vm.idle_warning || vm.confirm_leave);
    if (const ScreenView* view = find_screen_view(vm.screen))
      view->draw(f);
    else
      core::log::error("shell", "no screen registered as \"" + std::string(vm.screen.name) + "\"");
    if (nav_bar) draw_nav_bar(f, {0, 0, screen.w, ui.em * kNavBarEm});
    if (!session.active()) {
      const auto modules = feature_modules();
      for (std::size_t i = 0; i < modules.size(); ++i)
        if (modules[i]->corners) modules[i]->corners(f, *features[i]);
    }
    if (!vm.error_key.empty())
      banner(f, "error.banner", f.t(vm.error_key),
             {margin, screen.h - ui.em * 4.2f, screen.w - 2 * margin, ui.em * 3.4f});
    ui.touch.set_blocked(false);
    if (vm.idle_warning)
      draw_idle_overlay(f);
    else if (vm.confirm_leave)
      draw_leave_overlay(f);
    ui.touch.end_frame();

    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::Render();
    ui.fonts.atlas().upload(*io.Fonts);                  // the glyphs this frame rasterised
    if (ui.fonts.atlas().take_overflow()) woken = true;  // they did not all fit: draw again
    const double cpu1 = thread_cpu_ms();
    const bool rasterise = !replay || opt.draw_every_frame || !pending_screenshot.empty();
    if (rasterise) {
      // Into the kept frame: only what changed since the last one, when that is little.
      frame_cache.bind(fb_w, fb_h);
      ImDrawData* dd = ImGui::GetDrawData();
      const FrameCache::Region region =
          opt.full_redraw ? FrameCache::Region{} : frame_cache.compare(*dd, fb_w, fb_h, ui.fonts.atlas().generation());
      glViewport(0, 0, fb_w, fb_h);
      if (region.whole) {
        glClearColor(0, 0, 0, 1);
        glClear(GL_COLOR_BUFFER_BIT);
      }
      FrameCache::clip(*dd, region);
      if (!region.empty()) ImGui_ImplOpenGL3_RenderDrawData(dd);
      frame_cache.present(region);
    } else {
      frame_cache.invalidate();
    }
    if (!pending_screenshot.empty() && !opt.screenshot_from_window) {
      write_screenshot(pending_screenshot, fb_w, fb_h);
      pending_screenshot.clear();
    }
    if (rasterise && !frame_cache.presents_itself()) glfwSwapBuffers(window);
    if (!pending_screenshot.empty()) {  // from the window: once the frame is on it
      std::vector<unsigned char> rgb;
      if (!WindowSubCopy::read_window(window, fb_w, fb_h, rgb) ||
          !write_png(pending_screenshot, fb_w, fb_h, rgb, false))
        core::log::error("screenshot", "cannot read the window for " + pending_screenshot);
      pending_screenshot.clear();
    }
    frame_cpu = {cpu1 - cpu0, thread_cpu_ms() - cpu1};
    ++frames;
    if (frames == 1) {
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - opt.started).count();
      core::log::info("shell", "first frame after " + std::to_string(static_cast<int>(ms)) + " ms");
      if (deps.on_first_frame) deps.on_first_frame();
    }

    if (replay) {
      std::string_view name = vm.idle_warning    ? std::string_view("idle-warning")
                              : vm.confirm_leave ? std::string_view("confirm-leave")
                                                 : screen_name(vm.screen);
      replay->after_frame(
          {ui.elements, name, ui.em, !ui.touch.animating(), static_cast<float>(fb_w), static_cast<float>(fb_h)});
    }
  }

  void apply_intents(double t) {
    auto pending = std::move(intents);
    intents.clear();
    bool outbox_changed = false, settings_changed = false, read_aloud = false;
    std::string read_language, read_text;
    for (const auto& i : pending) {
      const Effects e = controller.apply(i, t);
      outbox_changed |= e.outbox_changed;
      read_aloud |= e.read_aloud;
      if (!e.read_language.empty()) {
        read_language = e.read_language;
        read_text = e.read_text;
      }
      if (e.exit_code >= 0) exit_code = e.exit_code;
      settings_changed |= e.settings_changed;
    }
    if (settings_changed) apply_settings();
    // Reading stops on the next tap; the speaker button starts it again from the top, reading the
    // frame just drawn (the element registry holds it until the next frame begins).
    if (deps.speaker && read_aloud && !read_language.empty()) {
      deps.speaker->say(read_language, {SpeechPart{read_text, false, true}});
      // The welcome prompt stays in the language being read for a whole turn.
      welcome_since = t - std::floor((t - welcome_since) / kWelcomePromptSeconds) * kWelcomePromptSeconds;
    } else if (deps.speaker && read_aloud)
      deps.speaker->say(session.language, reading_of(ui.elements, session.focus));
    else if (deps.speaker && pressed)
      deps.speaker->stop();
    // What was committed waits in the outbox: let the sync worker push it soon.
    if (deps.sync && outbox_changed) deps.sync->nudge();
  }

  // The feature whose screen is on top shows something moving (Feature::wants_frames).
  bool feature_wants_frames() const {
    const Feature* f = session.active() ? controller.feature_of(session.top()) : nullptr;
    return f && f->wants_frames();
  }

  // Staff changed the settings: the languages offered and their order, the default language (the
  // welcome screen's, and the session's if it is no longer offered), the idle limits, the text
  // size and the theme take effect from the next frame.
  void apply_settings() {
    core::apply_settings(config, core::effective_settings(deps.store.db(), deps.config, deps.languages.codes()));
    enabled.clear();
    for (const auto& code : config.languages)
      if (const auto* l = deps.languages.find(code)) enabled.push_back(l);
    controller.set_languages(config.languages, config.default_language);
    controller.form().configure(&deps.languages, config.languages);
    idle.set_limits(config.idle_timeout_s, config.idle_warning_s);
    if (std::find(config.languages.begin(), config.languages.end(), session.language) == config.languages.end())
      session.language = config.default_language;
    if (!session.active()) session.language = config.default_language;
    // Other languages and a new em: other fonts and sizes.
    if (imgui_ready) build_fonts();
    core::log::info("shell", "staff settings applied: " + std::to_string(config.languages.size()) +
                                 " languages, default " + config.default_language);
  }

  // When the screen changes without input: the idle warning, its countdown,
  // the wipe, or the welcome prompt's next language.
  double next_deadline(double t) const {
    if (const auto limit = controller.own_idle_limit()) return t + std::max(0.0, *limit - idle.idle_for(t));
    if (session.active()) return idle.next_change(t);
    return welcome_since + (std::floor((t - welcome_since) / kWelcomePromptSeconds) + 1) * kWelcomePromptSeconds;
  }
};

namespace {
// The window's user pointer is the shell (ImGui's GLFW backend does not use it).
Shell::Impl* impl_of(GLFWwindow* w) {
  return static_cast<Shell::Impl*>(glfwGetWindowUserPointer(w));
}
void on_input(GLFWwindow* w) {
  if (auto* s = impl_of(w)) s->input_seen = true;
}
void cb_mouse(GLFWwindow* w, int, int, int) {
  on_input(w);
}
void cb_cursor(GLFWwindow* w, double, double) {
  on_input(w);
}
void cb_scroll(GLFWwindow* w, double, double) {
  on_input(w);
}
void cb_key(GLFWwindow* w, int, int, int, int) {
  on_input(w);
}
void cb_char(GLFWwindow* w, unsigned int) {
  on_input(w);
}
void cb_refresh(GLFWwindow* w) {
  if (auto* s = impl_of(w)) {
    s->woken = true;
    s->frame_cache.invalidate();  // the window lost what was on it: a whole frame, even if kept
  }
}
void cb_error(int code, const char* what) {
  core::log::error("glfw", "error " + std::to_string(code) + ": " + (what ? what : ""));
}
}  // namespace

Shell::Shell(ShellDeps deps, ShellOptions options) : impl_(std::make_unique<Impl>(deps, std::move(options))) {
  if (impl_->opt.replay) impl_->replay.emplace(*impl_->opt.replay, impl_->opt.screenshot_dir);
}

Shell::~Shell() = default;

bool Shell::open() {
  Impl& s = *impl_;
  if (s.window) return true;
  glfwSetErrorCallback(cb_error);
  if (!glfwInit()) {
    core::log::error("shell", "cannot initialise GLFW (is there a display? DISPLAY is " +
                                  std::string(std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "unset") + ")");
    return false;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWmonitor* monitor = nullptr;
  int w = s.opt.width, h = s.opt.height;
  if (s.opt.fullscreen) {
    monitor = glfwGetPrimaryMonitor();
    if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
      glfwWindowHint(GLFW_RED_BITS, mode->redBits);
      glfwWindowHint(GLFW_GREEN_BITS, mode->greenBits);
      glfwWindowHint(GLFW_BLUE_BITS, mode->blueBits);
      glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
      w = mode->width;
      h = mode->height;
    }
    glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
  }
  s.window = glfwCreateWindow(w, h, "Welcome Kiosk", monitor, nullptr);
  if (!s.window) {
    core::log::error("shell", "cannot create a " + std::to_string(w) + "x" + std::to_string(h) + " OpenGL 3 window");
    glfwTerminate();
    return false;
  }
  glfwSetWindowUserPointer(s.window, impl_.get());
  {
    std::lock_guard lock(s.wake_mutex);
    s.glfw_live = true;
  }
  glfwMakeContextCurrent(s.window);
  glfwSwapInterval(1);
  s.window_copy.emplace(s.window);
  if (s.window_copy->available()) s.frame_cache.keep_in_window(&*s.window_copy);
  if (s.opt.fullscreen) glfwSetInputMode(s.window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
  // Our callbacks first: ImGui's backend chains to them.
  glfwSetMouseButtonCallback(s.window, cb_mouse);
  glfwSetCursorPosCallback(s.window, cb_cursor);
  glfwSetScrollCallback(s.window, cb_scroll);
  glfwSetKeyCallback(s.window, cb_key);
  glfwSetCharCallback(s.window, cb_char);
  glfwSetWindowRefreshCallback(s.window, cb_refresh);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.MouseDrawCursor = false;
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  ImGui::StyleColorsLight();
  ImGui_ImplGlfw_InitForOpenGL(s.window, true);
  ImGui_ImplOpenGL3_Init("#version 130");
  // The backend's shaders now; its RGBA font texture (of ImGui's default
  // font, which nothing draws with) goes at once: ImGui's texture is the
  // glyph atlas's (GlyphAtlas::upload), lines included.
  ImGui_ImplOpenGL3_CreateDeviceObjects();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  io.Fonts->ClearTexData();
  ImGui::GetStyle().AntiAliasedLinesUseTex = false;
  glfwGetFramebufferSize(s.window, &s.fb_w, &s.fb_h);
  try {
    s.build_fonts();
  } catch (const std::exception& e) {
    core::log::error("shell", e.what());
    return false;
  }
  s.imgui_ready = true;

  // Start state requested on the command line.
  const double t = s.now();
  s.idle.touch(t);
  if (!s.opt.language.empty()) s.session.language = s.opt.language;
  if (s.opt.screen && *s.opt.screen != ScreenId::welcome) {
    s.controller.apply(ChooseLanguage{s.session.language}, t);
    if (*s.opt.screen != ScreenId::home) s.controller.apply(Open{*s.opt.screen}, t);
  }
  return true;
}

void Shell::draw_frame() {
  Impl& s = *impl_;
  glfwPollEvents();
  const double t = s.now();
  s.controller.check_idle(t);
  s.draw(t);
  s.apply_intents(t);
}

Effects Shell::apply(const Intent& intent) {
  return impl_->controller.apply(intent, impl_->now());
}

Shell::FrameCpu Shell::last_frame_cpu() const {
  return impl_->frame_cpu;
}

void Shell::wake() {
  impl_->woken = true;
  std::lock_guard lock(impl_->wake_mutex);
  if (impl_->glfw_live) glfwPostEmptyEvent();
}

int Shell::run() {
  Impl& s = *impl_;
  if (!open()) return 3;
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  int owed = 1;  // the first frame
  while (!glfwWindowShouldClose(s.window) && !g_stop) {
    if (s.deps.on_loop_turn) s.deps.on_loop_turn();
    double t = s.now();
    if (s.replay) {
      glfwPollEvents();
      s.input_seen = false;  // only the script's input counts
    } else {
      const double next = s.next_deadline(t);
      if (owed > 0) {
        glfwPollEvents();
      } else if (s.ui.touch.animating()) {
        glfwWaitEventsTimeout(1.0 / 60.0);
      } else if (s.feature_wants_frames()) {
        glfwWaitEventsTimeout(0.1);
      } else {
        const double wait = std::clamp(next - t, 0.001, std::min(kMaxSleep, s.opt.max_sleep_s));
        glfwWaitEventsTimeout(wait);
      }
      t = s.now();
      if (s.input_seen.exchange(false)) {
        owed = std::max(owed, kFramesAfterInput + 1);
        // During the warning only a tap on it (an intent) keeps the session.
        if (!s.session.active() || s.controller.own_idle_limit() || s.idle.phase(t) == IdleTimer::Phase::active)
          s.idle.touch(t);
      }
      if (s.woken.exchange(false) || s.feature_wants_frames()) owed = std::max(owed, 1);
      if (t >= next) owed = std::max(owed, 1);
      if (owed == 0 && !s.ui.touch.animating()) continue;
    }
    if (s.replay) {
      // Virtual time: each frame is 1/30 s, plus what the script advances.
      const ReplayInput in = s.replay->next_input();
      if (in.real_time) std::this_thread::sleep_for(std::chrono::duration<double>(ReplayRunner::kFrameTime));
      s.virtual_time += ReplayRunner::kFrameTime + in.advance;
      t = s.virtual_time;
      // The script's touches count as input, as a finger's would.
      if ((in.pointer_set || !in.typed.empty()) && (!s.session.active() || s.idle.phase(t) == IdleTimer::Phase::active))
        s.idle.touch(t);
    }
    s.controller.check_idle(t);
    s.draw(t);
    s.apply_intents(t);
    if (owed > 0) --owed;
    if (s.replay && s.replay->status() != ReplayRunner::Status::running) break;
    if (s.exit_code >= 0) break;
    if (s.opt.exit_after_frames > 0 && s.frames >= s.opt.exit_after_frames) break;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - s.t0).count();
  core::log::info("shell", std::to_string(s.frame_cache.partial_frames()) + " frames drawn only where they changed");
  core::log::info("shell", "stopped after " + std::to_string(s.frames) + " frames in " +
                               std::to_string(static_cast<long>(secs)) + " s");
  if (s.exit_code >= 0) {
    // Staff ended the kiosk (a replay that does so passes if no step failed before).
    core::log::info("shell", "ending with exit code " + std::to_string(s.exit_code) + " as staff asked");
    if (s.replay && s.replay->status() == ReplayRunner::Status::failed) {
      core::log::error("replay", s.replay->failure());
      return 1;
    }
    return s.exit_code;
  }
  if (s.replay) {
    if (s.replay->status() == ReplayRunner::Status::failed) {
      core::log::error("replay", s.replay->failure());
      return 1;
    }
    if (s.replay->status() == ReplayRunner::Status::running) {
      core::log::error("replay", "window closed before the script ended");
      return 1;
    }
    core::log::info("replay", "all " + std::to_string(s.replay->steps_done()) + " steps passed");
  }
  return 0;
}

}  // namespace wk::ui
