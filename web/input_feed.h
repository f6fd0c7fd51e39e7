// InputFeed: hands SDL events to Dear ImGui so that fast typing is neither delayed nor lost.
// ImGui 1.90 trickles its input queue (io.ConfigInputTrickleEventQueue): while a text field is
// active it takes at most one key change or one run of characters per frame, and a character key
// sends three events (key down, SDL_TEXTINPUT, key up), so a burst of N typed keys took about 2N
// frames to reach the field: seconds behind the keyboard when frames are slow (software WebGL). A
// mouse click queued behind the burst was then applied late, and in the frame that carried both the
// last characters and the click, a click that moved the focus (to a widget drawn before the field)
// left those characters unconsumed: ImGui::EndFrame() clears them, so they were lost.
// Two rules fix both: (1) while ImGui wants text input, the key events of printable keys typed
// without Ctrl/Alt/GUI are not forwarded (the character arrives as SDL_TEXTINPUT; nothing reads a
// bare letter key while a field is being edited), so a whole burst of characters goes in one frame;
// (2) a mouse button or wheel event is held back while ImGui's own queue still holds keyboard events
// or a keyboard event went in this frame, so a click never shares a frame with characters typed
// before it.
#pragma once

#include <SDL.h>

#include <deque>
#include <set>

namespace ddb::app {

class InputFeed {
 public:
  // Queues one event polled from SDL.
  void Push(const SDL_Event& event) { pending_.push_back(event); }
  // Before ImGui::NewFrame(): forwards what may go in this frame (ImGui_ImplSDL2_ProcessEvent);
  // the rest waits for the next frame. want_text_input: ImGui::GetIO().WantTextInput.
  void FeedFrame(bool want_text_input);
  size_t pending() const { return pending_.size(); }

 private:
  // Rule (1): true when this key event only duplicates the SDL_TEXTINPUT that follows it.
  bool IsTextOnlyKey(const SDL_Event& event, bool want_text_input);

  std::deque<SDL_Event> pending_;
  std::set<SDL_Keycode> dropped_down_;  // printable keys whose key down was not forwarded
};

}  // namespace ddb::app
