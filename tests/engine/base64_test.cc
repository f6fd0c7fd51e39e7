// Base64 for B and BS: standard padded encoding, and strict decoding with DynamoDB's
// SerializationException texts (copied from the service by architect/dynalite).
#include <doctest/doctest.h>

#include <string>

#include "base64.h"

namespace b64 = ddb::base64;

// RFC 4648 test vectors, and every byte value round-trips.
TEST_CASE("base64: encode / decode") {
  CHECK(b64::Encode("") == "");
  CHECK(b64::Encode("f") == "Zg==");
  CHECK(b64::Encode("fo") == "Zm8=");
  CHECK(b64::Encode("foo") == "Zm9v");
  CHECK(b64::Encode("foobar") == "Zm9vYmFy");
  CHECK(*b64::Decode("Zm9vYg==") == "foob");
  CHECK(*b64::Decode("") == "");
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  CHECK(*b64::Decode(b64::Encode(all)) == all);
}

// Invalid base64 is a SerializationException "'<text>' can not be converted to a Blob: <reason>",
// reasons checked in order: length, character, last character (dynalite test/helpers.js Blob cases).
TEST_CASE("base64: strict decode errors") {
  auto err = [](const char* text) {
    auto r = b64::Decode(text);
    REQUIRE(!r.ok());
    CHECK(r.status().type() == ddb::ErrorType::kSerialization);
    return r.status().message();
  };
  CHECK(err("23456") == "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5");
  CHECK(err("=+/=") == "'=+/=' can not be converted to a Blob: Invalid Base64 character: '='");
  CHECK(err("+/+=") == "'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
  CHECK(err("ab c") == "'ab c' can not be converted to a Blob: Invalid Base64 character: ' '");
  CHECK(err("ab-_") == "'ab-_' can not be converted to a Blob: Invalid Base64 character: '-'");  // no URL alphabet
  CHECK(err("Zh==") == "'Zh==' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
  CHECK(err("A===") == "'A===' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
  CHECK(err("====") == "'====' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
}
