// The per-item write step shared by batch writes and transactions (see write_step.h).
#include "ops/write_step.h"

namespace ddb::ops {

Status CheckWriteCondition(const expr::Condition* cond, const ItemPtr& old, bool return_old) {
  if (!cond) return Status::OK();
  static const Item kEmpty;
  if (expr::Evaluate(*cond, old ? *old : kEmpty)) return Status::OK();
  return Status::ConditionalCheckFailed(return_old ? old : nullptr);
}

bool ChangesItem(const ItemPtr& old_item, const ItemPtr& new_item) {
  if (!old_item && !new_item) return false;
  return !(old_item && new_item && *old_item == *new_item);
}

std::optional<ChangeEvent> MakeChangeEvent(const Table& t, const ItemPtr& old_item, const ItemPtr& new_item) {
  if (!ChangesItem(old_item, new_item)) return std::nullopt;
  ChangeEvent e;
  e.table_name = t.desc.table_name;
  e.kind = !old_item ? ChangeKind::kInsert : !new_item ? ChangeKind::kRemove : ChangeKind::kModify;
  e.keys = t.KeyOf(new_item ? *new_item : *old_item);
  e.old_image = old_item;
  e.new_image = new_item;
  return e;
}

std::string ItemIdentity(const std::string& table_name, const EncodedKey& k) {
  std::string s;
  for (const std::string* part : {&table_name, &k.pk, &k.sk}) {
    s += std::to_string(part->size());
    s += ':';
    s += *part;
  }
  return s;
}


}  // namespace ddb::ops
