// The XML S3's REST API speaks: a writer for its answers (escaped text, the 2006-03-01 namespace)
// and a small reader for the request bodies it takes (CreateBucketConfiguration, Delete,
// CompleteMultipartUpload). The reader keeps elements and text, drops attributes, comments and
// processing instructions, and refuses DOCTYPEs and anything malformed (never throws, bounded depth).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ddb/status.h"

namespace ddb::s3 {

inline constexpr const char* kS3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

// `text` with & < > " ' written as entities.
std::string XmlEscape(std::string_view text);

// Builds one document: Open/Close nest, Leaf writes <name>escaped text</name>.
class XmlWriter {
 public:
  // Starts with the XML declaration and the root element in S3's namespace (no namespace when
  // `with_namespace` is false, as in S3's <Error> document).
  XmlWriter(std::string_view root, bool with_namespace = true);
  XmlWriter& Open(std::string_view name);
  XmlWriter& Close(std::string_view name);
  XmlWriter& Leaf(std::string_view name, std::string_view text);
  // Closes the root and returns the document.
  std::string Finish();

 private:
  std::string root_, out_;
};

struct XmlElement {
  std::string name;  // local name (a "prefix:" is dropped)
  std::string text;  // the element's character data, entities decoded
  std::vector<XmlElement> children;
  // The first child named `name`; nullptr when none.
  const XmlElement* Child(std::string_view name) const;
};

// The document's root element. Errors: MalformedXML ("The XML you provided was not well-formed or
// did not validate against our published schema") for anything that is not one well-formed element
// (nesting deeper than 32 levels included).
Result<XmlElement> ParseXml(std::string_view document);

// S3's MalformedXML error.
Status MalformedXml();

}  // namespace ddb::s3
