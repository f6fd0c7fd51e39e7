// Base64 (RFC 4648, standard alphabet, padded) as DynamoDB's JSON protocol uses it for B and BS.
// Decoding is strict and reports errors with the service's SerializationException texts.
#pragma once

#include <string>
#include <string_view>

#include "ddb/status.h"

namespace ddb::base64 {

// Padded standard base64 of raw bytes.
std::string Encode(std::string_view bytes);
// Appends Encode(bytes) to *out (no temporary; used on the JSON hot path).
void AppendEncoded(std::string_view bytes, std::string* out);

// Decodes canonical padded base64. Fails with SerializationException, message
// "'<text>' can not be converted to a Blob: <reason>" where <reason> is, checked in this order
// (architect/dynalite validations/index.js 'Blob', copied from the service, typo included):
//  - "Base64 encoded length is expected a multiple of 4 bytes but found: <len>"
//  - "Invalid Base64 character: '<c>'"   (outside [A-Za-z0-9+/=], or '=' followed by a non-'=')
//  - "Invalid last non-pad Base64 character dectected"   (non-zero unused bits, or bad padding)
Result<std::string> Decode(std::string_view text);

}  // namespace ddb::base64
