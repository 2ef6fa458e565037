#include "books/mapping.h"

#include <map>
#include <tuple>

namespace dagbok {

std::string_view mapping_group_name(MappingGroup g) {
  switch (g) {
    case MappingGroup::kPayment: return "payment";
    case MappingGroup::kVat: return "vat";
    case MappingGroup::kVatSales: return "vat_sales";
    case MappingGroup::kProductGroup: return "product_group";
    case MappingGroup::kCostCenter: return "cost_center";
    case MappingGroup::kOther: return "other";
  }
  return "";
}

const std::vector<MappingGroup>& all_mapping_groups() {
  static const std::vector<MappingGroup> kAll = {MappingGroup::kPayment,      MappingGroup::kVat,
                                                 MappingGroup::kVatSales,     MappingGroup::kProductGroup,
                                                 MappingGroup::kCostCenter,   MappingGroup::kOther};
  return kAll;
}

Result<MappingGroup> parse_mapping_group(std::string_view name) {
  for (MappingGroup g : all_mapping_groups())
    if (mapping_group_name(g) == name) return g;
  return invalid_argument("'" + std::string(name) +
                          "' is not a mapping group: use payment, vat, vat_sales, product_group, cost_center or other");
}

const std::vector<std::string>& other_event_keys() {
  static const std::vector<std::string> kKeys = {
      other_event::kTips,           other_event::kRounding,    other_event::kGiftCardSold,
      other_event::kGiftCardRedeemed, other_event::kCashDifference, other_event::kStockChange,
      other_event::kInventory};
  return kKeys;
}

std::string product_group_key(std::string_view group, VatRate rate) {
  return std::string(group) + "@" + rate.to_string();
}

std::optional<std::string> Mapping::lookup(MappingGroup group, std::string_view key, std::string_view department,
                                           Date day) const {
  const MappingEntry* best_dept = nullptr;
  const MappingEntry* best_company = nullptr;
  // Later entries win ties: they were added later.
  for (const MappingEntry& e : entries_) {
    if (e.group != group || e.key != key || e.valid_from > day) continue;
    if (e.department == department && !department.empty()) {
      if (!best_dept || e.valid_from >= best_dept->valid_from) best_dept = &e;
    } else if (e.department.empty()) {
      if (!best_company || e.valid_from >= best_company->valid_from) best_company = &e;
    }
  }
  const MappingEntry* best = best_dept ? best_dept : best_company;
  if (!best || best->account.empty()) return std::nullopt;
  return best->account;
}

std::optional<std::string> Mapping::lookup_product_group(std::string_view group, VatRate rate,
                                                         std::string_view department, Date day) const {
  if (auto a = lookup(MappingGroup::kProductGroup, product_group_key(group, rate), department, day)) return a;
  return lookup(MappingGroup::kProductGroup, group, department, day);
}

std::vector<MappingEntry> Mapping::in_force(Date day) const {
  std::map<std::tuple<int, std::string, std::string>, const MappingEntry*> latest;
  for (const MappingEntry& e : entries_) {
    if (e.valid_from > day) continue;
    auto k = std::make_tuple(static_cast<int>(e.group), e.department, e.key);
    auto it = latest.find(k);
    if (it == latest.end() || e.valid_from >= it->second->valid_from) latest[k] = &e;
  }
  std::vector<MappingEntry> out;
  for (auto& [k, e] : latest) out.push_back(*e);
  return out;
}

}  // namespace dagbok
