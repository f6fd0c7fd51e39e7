// InputFeed (input_feed.h): what goes to Dear ImGui in each frame.
#include "input_feed.h"

#include "imgui.h"
#include "imgui_impl_sdl2.h"
#include "imgui_internal.h"  // ImGuiContext::InputEventsQueue: what ImGui still holds from earlier frames

namespace ddb::app {

bool InputFeed::IsTextOnlyKey(const SDL_Event& event, bool want_text_input) {
  if (event.type != SDL_KEYDOWN && event.type != SDL_KEYUP) return false;
  const SDL_Keycode key = event.key.keysym.sym;
  if (event.type == SDL_KEYUP) return dropped_down_.erase(key) > 0;  // ImGui never saw it go down
  if (dropped_down_.count(key) != 0) return true;                     // auto-repeat of a dropped key
  const bool printable = key >= SDLK_SPACE && key < SDLK_DELETE;      // ' ' .. '~': they type a character
  const bool plain = (event.key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) == 0;  // not a shortcut
  if (!want_text_input || !printable || !plain || event.key.repeat != 0) return false;
  dropped_down_.insert(key);
  return true;
}

void InputFeed::FeedFrame(bool want_text_input) {
  // Keyboard events ImGui still holds from earlier frames (it trickles them out one step a frame).
  const ImGuiContext* g = ImGui::GetCurrentContext();
  bool keyboard_queued = false;
  for (const ImGuiInputEvent& e : g->InputEventsQueue) {
    keyboard_queued |= e.Type == ImGuiInputEventType_Key || e.Type == ImGuiInputEventType_Text;
  }
  bool keyboard_this_frame = false;
  while (!pending_.empty()) {
    const SDL_Event& event = pending_.front();
    const bool click = event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP ||
                       event.type == SDL_MOUSEWHEEL;
    if (click && (keyboard_this_frame || keyboard_queued)) break;  // rule (2): wait for the next frame
    if (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP || event.type == SDL_TEXTINPUT ||
        event.type == SDL_TEXTEDITING) {
      keyboard_this_frame = true;
    }
    if (!IsTextOnlyKey(event, want_text_input)) ImGui_ImplSDL2_ProcessEvent(&event);
    pending_.pop_front();
  }
}

}  // namespace ddb::app
