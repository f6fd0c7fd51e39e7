// Entry point and main loop shared by the browser and desktop builds: SDL2 window, OpenGL 3
// (WebGL2 / OpenGL ES 3.0 in the browser), Dear ImGui backends, and App once per frame.
// Browser: the loop runs from emscripten_set_main_loop. Desktop: a plain while loop; the options
// --frames N (exit after N frames), --screenshot FILE (PNG of the last frame) and --state FILE (UI
// state as JSON on exit) drive the desktop smoke test.
#include <SDL.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app.h"
#include "ddb/heap.h"
#include "input_feed.h"
#include "lesson_progress.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl2.h"
#include "platform.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <SDL_opengles2.h>
#else
#include <SDL_opengl.h>
#include "screenshot.h"
#endif

namespace {

struct Options {
  int frames = 0;          // 0: run until the window is closed
  std::string screenshot;  // desktop: PNG of the last frame
  std::string state;       // desktop: App::StateJson() written here on exit (tests)
  long demo_items = -1;    // --demo N: load N sample items, open them everywhere (App::StartDemo)
  int bench = 0;           // --bench N: after the demo settles, time N frames and print the figures
};

struct Runtime {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  Options options;
  int frame = 0;
  bool done = false;
  int exit_code = 0;
  int bench_phase = 0;      // 0: settling, 1: measuring
  int bench_start = 0;      // frame at which measuring started
  ddb::app::InputFeed input;  // SDL events on their way to ImGui (input_feed.h: fast typing)
};

double ThreadCpuMs() {
#ifdef __EMSCRIPTEN__
  return emscripten_get_now();  // one thread: wall time is the page's CPU time for the frame
#else
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
#endif
}

double WallMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

constexpr int kReadyAfterFrames = 3;  // tagged widget rectangles exist from the second frame on

// Browser: a performance.mark ("ddb:main", "ddb:init", "ddb:gl-objects", "ddb:fonts", "ddb:ui1",
// "ddb:frame1", "ddb:frame3") for the page-load bench's breakdown of the time to the first
// interactive frame. Desktop: nothing.
#ifdef __EMSCRIPTEN__
EM_JS(void, ddb_js_startup_mark, (const char* name), {
  if (self.performance && performance.mark) performance.mark(UTF8ToString(name));
});
void StartupMark(const char* name) { ddb_js_startup_mark(name); }
#else
void StartupMark(const char*) {}
#endif

bool ParseOptions(int argc, char** argv, Options* options) {
  for (int i = 1; i < argc; ++i) {
    const char* arg = argv[i];
    if (std::strcmp(arg, "--frames") == 0 && i + 1 < argc) {
      options->frames = std::atoi(argv[++i]);
    } else if (std::strcmp(arg, "--screenshot") == 0 && i + 1 < argc) {
      options->screenshot = argv[++i];
    } else if (std::strcmp(arg, "--state") == 0 && i + 1 < argc) {
      options->state = argv[++i];
    } else if (std::strcmp(arg, "--demo") == 0 && i + 1 < argc) {
      options->demo_items = std::atol(argv[++i]);
    } else if (std::strcmp(arg, "--lab") == 0 && i + 1 < argc) {
      ddb::app::SetLabOption(argv[++i]);  // the Lessons panel applies it (lesson_progress.h)
    } else if (std::strcmp(arg, "--bench") == 0 && i + 1 < argc) {
      options->bench = std::atoi(argv[++i]);
    } else if (std::strcmp(arg, "--help") == 0 || std::strcmp(arg, "-h") == 0) {
      std::printf("usage: %s [--frames N] [--screenshot FILE.png] [--state FILE.json] [--demo ITEMS] "
                  "[--bench FRAMES] [--lab FILE]\n", argv[0]);
      std::exit(0);
    } else {
      std::fprintf(stderr, "unknown option: %s (try --help)\n", arg);
      return false;
    }
  }
  return true;
}

// Desktop HiDPI: SDL reports the display's DPI; 96 is scale 1. DDB_UI_SCALE overrides it.
float DisplayScale(SDL_Window* window) {
#ifdef __EMSCRIPTEN__
  (void)window;
  return 1.0f;  // the browser's devicePixelRatio arrives as the framebuffer scale instead
#else
  if (const char* env = std::getenv("DDB_UI_SCALE"); env != nullptr && std::atof(env) > 0) {
    return static_cast<float>(std::atof(env));
  }
  float ddpi = 0;
  if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(window), &ddpi, nullptr, nullptr) != 0 || ddpi <= 0) {
    return 1.0f;
  }
  const float scale = std::round(ddpi / 96.0f * 4.0f) / 4.0f;  // quarter steps
  return scale < 1.0f ? 1.0f : (scale > 3.0f ? 3.0f : scale);
#endif
}

void Frame(void* arg) {
  Runtime& rt = *static_cast<Runtime*>(arg);
  ddb::app::App& app = ddb::app::TheApp();
  const double wall_start = WallMs();
  const double cpu_start = ThreadCpuMs();

  int viewport_w = 0, viewport_h = 0;
  if (ddb::app::QueryViewportSize(&viewport_w, &viewport_h)) {
    int w = 0, h = 0;
    SDL_GetWindowSize(rt.window, &w, &h);
    if ((w != viewport_w || h != viewport_h) && viewport_w > 0 && viewport_h > 0) {
      SDL_SetWindowSize(rt.window, viewport_w, viewport_h);  // also applies devicePixelRatio
    }
  }

  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    rt.input.Push(event);
    if (event.type == SDL_QUIT) rt.done = true;
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
        event.window.windowID == SDL_GetWindowID(rt.window)) {
      rt.done = true;
    }
  }
  rt.input.FeedFrame(ImGui::GetIO().WantTextInput);

  int window_w = 0, window_h = 0, drawable_w = 0, drawable_h = 0;
  SDL_GetWindowSize(rt.window, &window_w, &window_h);
  SDL_GL_GetDrawableSize(rt.window, &drawable_w, &drawable_h);
  const float framebuffer_scale = window_w > 0 ? static_cast<float>(drawable_w) / static_cast<float>(window_w) : 1.0f;
  ImGui_ImplOpenGL3_NewFrame();  // creates the device objects on the first frame
  if (rt.frame == 0) StartupMark("ddb:gl-objects");
  if (app.PrepareFrame(framebuffer_scale, DisplayScale(rt.window))) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  if (rt.frame == 0) StartupMark("ddb:fonts");
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  app.DrawFrame();
  ImGui::Render();
  if (rt.frame == 0) StartupMark("ddb:ui1");
  const double ui_cpu_ms = ThreadCpuMs() - cpu_start;  // events, panels and ImGui layout, no GL

  glViewport(0, 0, drawable_w, drawable_h);
  const ImVec4 clear = app.ClearColor();
  glClearColor(clear.x, clear.y, clear.z, clear.w);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  ++rt.frame;
  app.RecordFrameTime(WallMs() - wall_start, ThreadCpuMs() - cpu_start, ui_cpu_ms);
  if (rt.options.bench > 0) {  // settle (sample data loaded, all pages in the explorer), then measure
    if (rt.bench_phase == 0 && rt.frame > 10 && !app.Busy()) {
      rt.bench_phase = 1;
      rt.bench_start = rt.frame;
      app.ResetFrameStats();
    } else if (rt.bench_phase == 1 && rt.frame - rt.bench_start >= rt.options.bench) {
      std::printf("%s\n", app.FrameStatsJson().c_str());
      std::printf("state: %s\n", app.StateJson().c_str());
      rt.done = true;
    }
  }
  const bool last_frame = rt.options.frames > 0 && rt.frame >= rt.options.frames;
#ifndef __EMSCRIPTEN__
  if (last_frame && !rt.options.screenshot.empty()) {
    if (ddb::app::SaveScreenshotPng(rt.options.screenshot.c_str(), drawable_w, drawable_h)) {
      std::printf("screenshot: %s (%dx%d)\n", rt.options.screenshot.c_str(), drawable_w, drawable_h);
    } else {
      std::fprintf(stderr, "could not write screenshot %s\n", rt.options.screenshot.c_str());
      rt.exit_code = 1;
    }
  }
#endif
  SDL_GL_SwapWindow(rt.window);

  if (rt.frame == 1) StartupMark("ddb:frame1");
  if (rt.frame == kReadyAfterFrames) {
    StartupMark("ddb:frame3");
    ddb::app::NotifyReady();
  }
  if (last_frame) rt.done = true;
#ifdef __EMSCRIPTEN__
  if (rt.done) emscripten_cancel_main_loop();
#endif
}

}  // namespace

int main(int argc, char** argv) {
  // Heap-allocated: in the browser main() returns into the event loop while frames keep running.
  StartupMark("ddb:main");
  ddb::ConfigureHeap();  // a desktop sandbox may hold a million items (ddb/heap.h)
  Runtime* rt = new Runtime();
  if (!ParseOptions(argc, argv, &rt->options)) return 2;

  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
    std::fprintf(stderr, "SDL_Init failed: %s\n", SDL_GetError());
    return 1;
  }
#ifdef __EMSCRIPTEN__
  const char* glsl_version = "#version 300 es";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
  const char* glsl_version = "#version 130";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 8);

  int width = 1280, height = 800;
  ddb::app::QueryViewportSize(&width, &height);
  const auto flags =
      static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  rt->window = SDL_CreateWindow("DynamoDB Sandbox", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width,
                                height, flags);
  if (rt->window == nullptr) {
    std::fprintf(stderr, "SDL_CreateWindow failed: %s\n", SDL_GetError());
    return 1;
  }
  rt->gl = SDL_GL_CreateContext(rt->window);
  if (rt->gl == nullptr) {
    std::fprintf(stderr, "OpenGL context creation failed: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(rt->window, rt->gl);
  SDL_GL_SetSwapInterval(rt->options.bench > 0 ? 0 : 1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ddb::app::TheApp().Init();
  ImGui_ImplSDL2_InitForOpenGL(rt->window, rt->gl);
  ImGui_ImplOpenGL3_Init(glsl_version);
  StartupMark("ddb:init");
  {
    long demo_items = rt->options.demo_items;
    bool bench_scroll = rt->options.bench > 0;
#ifdef __EMSCRIPTEN__
    // In the browser: ?demo=N (and &benchscroll=1) on the page URL.
    const std::string demo = ddb::app::StartupParameter("demo");
    if (!demo.empty()) demo_items = std::atol(demo.c_str());
    bench_scroll = ddb::app::StartupParameter("benchscroll") == "1";
#endif
    if (demo_items >= 0) {
      const double start = WallMs();
      ddb::app::TheApp().StartDemo(static_cast<size_t>(demo_items), bench_scroll);
      std::printf("demo: %ld items loaded in %.0f ms\n", demo_items, WallMs() - start);
    }
  }

#ifdef __EMSCRIPTEN__
  emscripten_set_main_loop_arg(&Frame, rt, 0, /*simulate_infinite_loop=*/1);
  return 0;
#else
  while (!rt->done) Frame(rt);
  if (!rt->options.state.empty()) {
    std::FILE* out = std::fopen(rt->options.state.c_str(), "wb");
    const std::string state = ddb::app::TheApp().StateJson();
    if (out == nullptr || std::fwrite(state.data(), 1, state.size(), out) != state.size()) rt->exit_code = 1;
    if (out != nullptr) std::fclose(out);
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(rt->gl);
  SDL_DestroyWindow(rt->window);
  SDL_Quit();
  const int exit_code = rt->exit_code;
  delete rt;
  return exit_code;
#endif
}
