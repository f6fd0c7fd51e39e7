// The Item explorer's sample loader: the "Sample data..." button and popup (a data set of
// ddb/samples.h and an item count), and the queue of CreateTable + BatchWriteItem requests it
// generates, sent for ~10 ms per frame so the UI stays responsive, with a progress bar.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ddb/samples.h"

namespace ddb::app {
class AppContext;
}

namespace ddb::app::items {

class SampleLoader {
 public:
  // Sends queued requests (Request, logged) for up to ~10 ms. Returns the data set's table when its
  // last request went out this frame and all succeeded (the caller selects and reloads it). The
  // first failing request stops the load, with its error under the toolbar.
  std::optional<std::string> Pump(AppContext& ctx);

  // The "Sample data..." button and its popup (tags items.samples, items.samples.<id>,
  // items.samples.generate). Generate queues the data set's requests.
  void DrawButton(AppContext& ctx);
  // The progress bar while requests are queued, and the error that stopped the last load.
  void DrawProgress() const;

  bool busy() const { return !queue_.empty(); }

 private:
  void DrawPopup(AppContext& ctx);

  int set_ = 0;    // index into samples::DataSets()
  int count_ = 0;  // index into the item counts
  std::vector<samples::SampleRequest> queue_;  // the next request at the back
  size_t total_ = 0;
  std::string table_;
  std::string error_;
};

}  // namespace ddb::app::items
