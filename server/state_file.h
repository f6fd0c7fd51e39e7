// State file: the whole sandbox saved as portable JSON, written atomically. The sandbox has no
// snapshot API yet, so the state is read and replayed through the request router, Region by Region:
// ListTables + DescribeTable + ListTagsOfResource + Scan to save, CreateTable + PutItem to load.
// The file holds only DynamoDB JSON, so any tool that speaks it can read it.
//
//   {"Format": "ddb-sandbox-state", "Version": 1,
//    "Clock": {"EpochMillis": 1767225600000},
//    "Tables": [{"CreateTable": {<CreateTable request, Tags included>},
//                "Items": [{<item in DynamoDB JSON>}, ...]}, ...]}
//
// "Tables" are the default Region's (us-east-1). A sandbox with tables in other Regions writes
// "Version": 2 and adds "Regions": {"eu-west-1": {"Tables": [...]}, ...}; a file of one Region stays
// version 1, which older builds read too. Not kept: table creation times and ids (a loaded table is
// created anew at the saved clock time), the change feed, and anything the wire API cannot read back.
#pragma once

#include <cstdint>
#include <string>

#include "ddb/sandbox.h"

namespace ddb::server {

// Reads the clock time stored in the file without loading tables. Returns false with an error
// text when the file is unreadable or not a state file. REQUIRES: the file exists.
bool ReadStateClock(const std::string& path, int64_t* epoch_millis, std::string* error);

// Loads every Region's tables and items of the file into an (empty) sandbox. False, with an error
// text naming the file and the first problem, when the file is corrupt, names an unknown Region, or
// a table or item is refused.
bool LoadState(const std::string& path, Sandbox& sandbox, std::string* error);

// Writes the sandbox's state (every Region that has tables) to path atomically (path.tmp, fsync,
// rename): a crash leaves either the old file or the new one. False with an error text on any I/O
// or request failure.
bool SaveState(Sandbox& sandbox, const std::string& path, std::string* error);

// Checks at start that SaveState will be able to write path (its folder exists and takes a new
// file), so a bad --state is reported before the sandbox is used, not when its state is lost at
// exit. False with an error text otherwise. Leaves no file behind.
bool CheckStateWritable(const std::string& path, std::string* error);

}  // namespace ddb::server
