#include "code/codebook.h"

#include <algorithm>
#include <string>

namespace dyad::code {
namespace {

struct Table {
  std::vector<CameoInfo> entries;
  std::vector<const CameoInfo*> by_code;  // Sorted by code, for binary search.
};

const Table& GetTable() {
  static const Table* table = [] {
    auto* t = new Table;
    t->entries = {
#include "code/cameo_table.inc"
    };
    for (const CameoInfo& e : t->entries) t->by_code.push_back(&e);
    std::sort(t->by_code.begin(), t->by_code.end(),
              [](const CameoInfo* a, const CameoInfo* b) { return a->code < b->code; });
    return t;
  }();
  return *table;
}

}  // namespace

const CameoInfo* LookupCameo(std::string_view code) {
  const Table& t = GetTable();
  auto it = std::lower_bound(t.by_code.begin(), t.by_code.end(), code,
                             [](const CameoInfo* a, std::string_view c) { return a->code < c; });
  if (it == t.by_code.end() || (*it)->code != code) return nullptr;
  return *it;
}

const std::vector<CameoInfo>& AllCameoCodes() { return GetTable().entries; }

bool FillFromCodebook(Event* event) {
  const CameoInfo* info = LookupCameo(event->cameo);
  if (info == nullptr) {
    if (event->cameo.size() >= 2) event->root = event->cameo.substr(0, 2);
    return false;
  }
  event->cameo_name = std::string(info->name);
  event->root = std::string(info->root);
  event->goldstein = info->goldstein;
  event->quad = info->quad;
  event->plover.event = std::string(info->plover_event);
  event->plover.mode = std::string(info->plover_mode);
  event->plover.context.clear();
  std::string_view ctx = info->plover_context;
  while (!ctx.empty()) {
    std::size_t semi = ctx.find(';');
    std::string_view one = ctx.substr(0, semi);
    if (!one.empty()) event->plover.context.emplace_back(one);
    if (semi == std::string_view::npos) break;
    ctx.remove_prefix(semi + 1);
  }
  return true;
}

}  // namespace dyad::code
