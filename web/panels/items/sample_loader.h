// The Item explorer's sample loader: the "Sample data..." button and popup (a data set of
// ddb/samples.h and an item count, up to a million), and the CreateTable + BatchWriteItem requests
// it generates one at a time as it sends them, for ~10 ms per frame so the UI stays responsive,
// with a progress bar.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "ddb/samples.h"

namespace ddb::app {
class AppContext;
}

namespace ddb::app::items {

class SampleLoader {
 public:
  // Generates and sends the next requests (Request, logged) for up to ~10 ms. Returns the data set's table when its
  // last request went out this frame and all succeeded (the caller selects and reloads it). The
  // first failing request stops the load, with its error under the toolbar.
  std::optional<std::string> Pump(AppContext& ctx);

  // The "Sample data..." button and its popup (tags items.samples, items.samples.<id>,
  // items.samples.generate). Generate queues the data set's requests.
  void DrawButton(AppContext& ctx);
  // The progress bar while requests are queued, and the error that stopped the last load.
  void DrawProgress() const;

  bool busy() const { return gen_.has_value(); }

 private:
  void DrawPopup(AppContext& ctx);

  int set_ = 0;    // index into samples::DataSets()
  int count_ = 0;  // index into the item counts
  std::optional<samples::SampleGenerator> gen_;  // while a load runs
  std::string error_;
};

}  // namespace ddb::app::items
