// Mapping: the kontoplan, which account each thing on a Z-report is booked to.
//
// Groups, as the seeds name them (Ekonomi → Redovisning):
//   payment        key: payment method ("cash", "card", "swish", "Vipps" …)
//   vat            key: rate ("25", "12" …) → output VAT account
//   vat_sales      key: rate → sales account, used when a company books sales
//                  per VAT rate instead of per product group
//   product_group  key: "Group@rate" ("Kaffe@12") or "Group" for all rates
//   cost_center    key: department → object id (SIE dimension 1), optional
//   other          key: tips, rounding, gift_card_sold, gift_card_redeemed,
//                  cash_difference, stock_change, inventory
//
// Entries are per department or company-wide (department ""), and
// effective-dated: the entry used for a day is the one with the latest
// valid_from on or before it, department entries before company ones. A
// change never rewrites a voucher already made; vouchers are stored.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "core/vat.h"

namespace dagbok {

enum class MappingGroup { kPayment, kVat, kVatSales, kProductGroup, kCostCenter, kOther };

std::string_view mapping_group_name(MappingGroup g);
Result<MappingGroup> parse_mapping_group(std::string_view name);
const std::vector<MappingGroup>& all_mapping_groups();

namespace other_event {
inline constexpr const char* kTips = "tips";
inline constexpr const char* kRounding = "rounding";
inline constexpr const char* kGiftCardSold = "gift_card_sold";
inline constexpr const char* kGiftCardRedeemed = "gift_card_redeemed";
inline constexpr const char* kCashDifference = "cash_difference";
inline constexpr const char* kStockChange = "stock_change";
inline constexpr const char* kInventory = "inventory";
}  // namespace other_event
const std::vector<std::string>& other_event_keys();

struct MappingEntry {
  MappingGroup group = MappingGroup::kPayment;
  std::string key;
  std::string department;  // "" = every department
  std::string account;     // for cost_center: the object id
  Date valid_from;
};

std::string product_group_key(std::string_view group, VatRate rate);

class Mapping {
 public:
  Mapping() = default;
  explicit Mapping(std::vector<MappingEntry> entries) : entries_(std::move(entries)) {}

  const std::vector<MappingEntry>& entries() const { return entries_; }
  void add(MappingEntry e) { entries_.push_back(std::move(e)); }

  // The account for (group, key) in `department` on `day`, if any.
  std::optional<std::string> lookup(MappingGroup group, std::string_view key, std::string_view department,
                                    Date day) const;
  // Product groups: "Group@rate" first, then "Group".
  std::optional<std::string> lookup_product_group(std::string_view group, VatRate rate, std::string_view department,
                                                  Date day) const;
  // The entries in force on `day` (latest per group, key and department).
  std::vector<MappingEntry> in_force(Date day) const;

 private:
  std::vector<MappingEntry> entries_;
};

}  // namespace dagbok
