// The S3 store (see ddb/s3.h). Error texts are S3's own (its REST API reference, "Error responses").
#include "ddb/s3.h"

#include <algorithm>

#include "base64.h"
#include "codec/md5.h"

namespace ddb {

namespace {

Status NoSuchBucket() {
  return Status::Error(ErrorType::kNoSuchBucket, "The specified bucket does not exist").WithField("Bucket");
}

Status NoSuchKey() {
  return Status::Error(ErrorType::kNoSuchKey, "The specified key does not exist.").WithField("Key");
}

Status NoSuchUpload() {
  return Status::Error(ErrorType::kNoSuchUpload,
                       "The specified upload does not exist. The upload ID may be invalid, or the upload may have been "
                       "aborted or completed.");
}

Status CheckKey(std::string_view key) {
  if (key.empty()) return Status::Error(ErrorType::kInvalidArgument, "Object key must not be empty.");
  if (key.size() > kS3MaxKeyBytes) return Status::Error(ErrorType::kKeyTooLong, "Your key is too long");
  return Status::OK();
}

bool IsIpv4(std::string_view s) {
  int parts = 0;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i || j - i > 3) return false;
    ++parts;
    if (j == s.size()) break;
    if (s[j] != '.') return false;
    i = j + 1;
  }
  return parts == 4;
}

}  // namespace

bool IsValidBucketName(std::string_view n) {
  if (n.size() < 3 || n.size() > 63) return false;
  for (const char c : n)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(n.front()) || !alnum(n.back())) return false;
  if (n.find("..") != std::string_view::npos || IsIpv4(n)) return false;
  if (n.starts_with("xn--") || n.starts_with("sthree-")) return false;
  if (n.ends_with("-s3alias") || n.ends_with("--ol-s3")) return false;
  return true;
}

std::string S3::EtagOf(std::string_view body) { return codec::Md5Hex(body); }

Status S3::CreateBucket(std::string_view name, std::string_view region) {
  if (!IsValidBucketName(name)) {
    Status s = Status::Error(ErrorType::kInvalidBucketName, "The specified bucket is not valid.");
    return s.WithField("Bucket");
  }
  if (auto it = buckets_.find(name); it != buckets_.end()) {
    if (it->second.region == "us-east-1" && region == "us-east-1") return Status::OK();
    Status s = Status::Error(ErrorType::kBucketAlreadyOwnedByYou,
                             "Your previous request to create the named bucket succeeded and you already own it.");
    return s.WithField("Bucket");
  }
  S3Bucket& b = buckets_[std::string(name)];
  b.name = std::string(name);
  b.region = std::string(region);
  b.creation_ms = clock_->NowMillis();
  return Status::OK();
}

Status S3::DeleteBucket(std::string_view name) {
  auto it = buckets_.find(name);
  if (it == buckets_.end()) return NoSuchBucket();
  const bool uploads = std::any_of(uploads_.begin(), uploads_.end(), [&](const auto& u) { return u.second.bucket == name; });
  if (!it->second.objects.empty() || uploads) {
    Status s = Status::Error(ErrorType::kBucketNotEmpty, "The bucket you tried to delete is not empty");
    return s.WithField("Bucket");
  }
  buckets_.erase(it);
  return Status::OK();
}

const S3Bucket* S3::FindBucket(std::string_view name) const {
  auto it = buckets_.find(name);
  return it == buckets_.end() ? nullptr : &it->second;
}

S3Bucket* S3::MutableBucket(std::string_view name) {
  auto it = buckets_.find(name);
  return it == buckets_.end() ? nullptr : &it->second;
}

std::vector<const S3Bucket*> S3::Buckets() const {
  std::vector<const S3Bucket*> out;
  out.reserve(buckets_.size());
  for (const auto& [name, b] : buckets_) out.push_back(&b);
  return out;
}

Result<const S3Object*> S3::PutObject(std::string_view bucket, std::string_view key, std::string body, S3PutOptions options) {
  S3Bucket* b = MutableBucket(bucket);
  if (!b) return NoSuchBucket();
  if (Status s = CheckKey(key); !s.ok()) return s;
  S3Object o;
  o.key = std::string(key);
  o.etag = EtagOf(body);
  o.body = std::make_shared<const std::string>(std::move(body));
  o.last_modified_ms = clock_->NowMillis();
  if (!options.content_type.empty()) o.content_type = std::move(options.content_type);
  o.content_encoding = std::move(options.content_encoding);
  o.metadata = std::move(options.metadata);
  auto [it, inserted] = b->objects.try_emplace(o.key);
  if (!inserted) b->bytes -= it->second.size();
  b->bytes += o.size();
  it->second = std::move(o);
  return &it->second;
}

Result<const S3Object*> S3::GetObject(std::string_view bucket, std::string_view key) const {
  const S3Bucket* b = FindBucket(bucket);
  if (!b) return NoSuchBucket();
  auto it = b->objects.find(key);
  if (it == b->objects.end()) return NoSuchKey();
  return &it->second;
}

Status S3::DeleteObject(std::string_view bucket, std::string_view key) {
  S3Bucket* b = MutableBucket(bucket);
  if (!b) return NoSuchBucket();
  if (auto it = b->objects.find(key); it != b->objects.end()) {
    b->bytes -= it->second.size();
    b->objects.erase(it);
  }
  return Status::OK();
}

Result<S3ListResult> S3::ListObjectsV2(const S3ListRequest& r) const {
  const S3Bucket* b = FindBucket(r.bucket);
  if (!b) return NoSuchBucket();
  // The token is the last key (or common prefix) the previous page returned, base64-encoded.
  std::string after = r.start_after;
  if (!r.continuation_token.empty()) {
    Result<std::string> decoded = base64::Decode(r.continuation_token);
    if (!decoded.ok() || decoded->empty())
      return Status::Error(ErrorType::kInvalidArgument, "The continuation token provided is incorrect");
    after = std::max(after, *decoded);
  }
  const int max_keys = std::clamp(r.max_keys, 0, kS3MaxKeysPerList);
  S3ListResult out;
  auto it = r.prefix > after ? b->objects.lower_bound(r.prefix) : b->objects.upper_bound(after);
  std::string last;
  for (; it != b->objects.end(); ++it) {
    const std::string& key = it->first;
    if (!key.starts_with(r.prefix)) {
      if (key > r.prefix) break;
      continue;
    }
    if (out.key_count == max_keys) {
      out.is_truncated = true;
      break;
    }
    if (!r.delimiter.empty()) {
      const size_t d = key.find(r.delimiter, r.prefix.size());
      if (d != std::string::npos) {
        std::string common = key.substr(0, d + r.delimiter.size());
        if (common <= after) continue;  // rolled up on an earlier page
        out.common_prefixes.push_back(common);
        ++out.key_count;
        last = common;
        // Skip every key under this common prefix: on to the first key past all "<common>...", the
        // prefix's successor (trailing 0xFF bytes dropped, the last other byte raised; none: the end).
        std::string next = common;
        while (!next.empty() && static_cast<unsigned char>(next.back()) == 0xFF) next.pop_back();
        if (next.empty()) break;
        next.back() = static_cast<char>(static_cast<unsigned char>(next.back()) + 1);
        it = b->objects.lower_bound(next);
        if (it == b->objects.end()) break;
        --it;
        continue;
      }
    }
    out.contents.push_back(&it->second);
    ++out.key_count;
    last = key;
  }
  if (out.is_truncated) out.next_continuation_token = base64::Encode(last);
  return out;
}

Result<std::string> S3::CreateMultipartUpload(std::string_view bucket, std::string_view key, S3PutOptions options) {
  if (!FindBucket(bucket)) return NoSuchBucket();
  if (Status s = CheckKey(key); !s.ok()) return s;
  // Deterministic, and shaped like S3's (opaque URL-safe text).
  std::string id = base64::Encode("sandbox-upload-" + std::to_string(next_upload_++) + "-" + std::string(key));
  for (char& c : id)
    if (c == '+') c = '-';
    else if (c == '/') c = '_';
    else if (c == '=') c = '.';
  S3Upload& u = uploads_[id];
  u.upload_id = id;
  u.bucket = std::string(bucket);
  u.key = std::string(key);
  u.initiated_ms = clock_->NowMillis();
  u.options = std::move(options);
  return id;
}

Result<S3Upload*> S3::MutableUpload(std::string_view bucket, std::string_view key, std::string_view upload_id) {
  if (!FindBucket(bucket)) return NoSuchBucket();
  auto it = uploads_.find(upload_id);
  if (it == uploads_.end() || it->second.bucket != bucket || it->second.key != key) return NoSuchUpload();
  return &it->second;
}

Result<std::string> S3::UploadPart(std::string_view bucket, std::string_view key, std::string_view upload_id, int part_number,
                                   std::string body) {
  Result<S3Upload*> u = MutableUpload(bucket, key, upload_id);
  if (!u.ok()) return u.status();
  if (part_number < 1 || part_number > kS3MaxPartNumber)
    return Status::Error(ErrorType::kInvalidArgument, "Part number must be an integer between 1 and 10000, inclusive");
  S3Part p;
  p.number = part_number;
  p.etag = EtagOf(body);
  p.body = std::make_shared<const std::string>(std::move(body));
  p.last_modified_ms = clock_->NowMillis();
  std::string etag = p.etag;
  (*u)->parts[part_number] = std::move(p);
  return etag;
}

Result<const S3Object*> S3::CompleteMultipartUpload(std::string_view bucket, std::string_view key, std::string_view upload_id,
                                                    const std::vector<std::pair<int, std::string>>& parts) {
  Result<S3Upload*> found = MutableUpload(bucket, key, upload_id);
  if (!found.ok()) return found.status();
  S3Upload& u = **found;
  if (parts.empty())
    return Status::Error(ErrorType::kMalformedXml,
                         "The XML you provided was not well-formed or did not validate against our published schema");
  for (size_t i = 1; i < parts.size(); ++i)
    if (parts[i].first <= parts[i - 1].first)
      return Status::Error(ErrorType::kInvalidPartOrder,
                           "The list of parts was not in ascending order. Parts must be ordered by part number.");
  std::string digests, body;
  for (size_t i = 0; i < parts.size(); ++i) {
    auto [number, etag] = parts[i];
    if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
    auto it = u.parts.find(number);
    if (it == u.parts.end() || it->second.etag != etag)
      return Status::Error(ErrorType::kInvalidPart,
                           "One or more of the specified parts could not be found.  The part may not have been uploaded, "
                           "or the specified entity tag may not match the part's entity tag.");
    if (i + 1 < parts.size() && static_cast<int64_t>(it->second.body->size()) < kS3MinPartBytes)
      return Status::Error(ErrorType::kEntityTooSmall, "Your proposed upload is smaller than the minimum allowed object size.");
    const auto d = codec::Md5(*it->second.body);
    digests.append(reinterpret_cast<const char*>(d.data()), d.size());
    body += *it->second.body;
  }
  S3PutOptions options = std::move(u.options);
  uploads_.erase(uploads_.find(upload_id));
  Result<const S3Object*> put = PutObject(bucket, key, std::move(body), std::move(options));
  if (!put.ok()) return put;
  S3Object& o = MutableBucket(bucket)->objects.find(key)->second;
  o.etag = codec::Md5Hex(digests) + "-" + std::to_string(parts.size());
  return &o;
}

Status S3::AbortMultipartUpload(std::string_view bucket, std::string_view key, std::string_view upload_id) {
  Result<S3Upload*> u = MutableUpload(bucket, key, upload_id);
  if (!u.ok()) return u.status();
  uploads_.erase(uploads_.find(upload_id));
  return Status::OK();
}

const S3Upload* S3::FindUpload(std::string_view upload_id) const {
  auto it = uploads_.find(upload_id);
  return it == uploads_.end() ? nullptr : &it->second;
}

std::vector<const S3Upload*> S3::Uploads(std::string_view bucket) const {
  std::vector<const S3Upload*> out;
  for (const auto& [id, u] : uploads_)
    if (u.bucket == bucket) out.push_back(&u);
  return out;
}

}  // namespace ddb
