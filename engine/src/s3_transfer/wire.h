// The JSON shapes of exports and imports on DynamoDB's wire (ExportDescription,
// ImportTableDescription and their summaries), as the API reference names the members.
#pragma once

#include <nlohmann/json.hpp>

#include "ddb/s3_transfer.h"

namespace ddb::s3_transfer {

nlohmann::json ExportJson(const ExportDescription& e);
nlohmann::json ImportJson(const ImportDescription& i);
// {"ExportDescription": ...} / {"ImportTableDescription": ...}, HTTP 200.
JsonResponse ExportAnswer(const ExportDescription& e);
JsonResponse ImportAnswer(const ImportDescription& i);

}  // namespace ddb::s3_transfer
