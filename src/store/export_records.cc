#include "store/export_records.h"

namespace dagbok {

std::string delivery_status_name(DeliveryStatus s) {
  switch (s) {
    case DeliveryStatus::kPending: return "pending";
    case DeliveryStatus::kInFlight: return "in_flight";
    case DeliveryStatus::kWaiting: return "waiting";
    case DeliveryStatus::kDelivered: return "delivered";
    case DeliveryStatus::kFailed: return "failed";
  }
  return "pending";
}

std::optional<DeliveryStatus> parse_delivery_status(const std::string& s) {
  for (DeliveryStatus d : {DeliveryStatus::kPending, DeliveryStatus::kInFlight, DeliveryStatus::kWaiting,
                           DeliveryStatus::kDelivered, DeliveryStatus::kFailed})
    if (delivery_status_name(d) == s) return d;
  return std::nullopt;
}

std::string delivery_key(int64_t destination_id, const std::vector<int64_t>& z_report_ids) {
  std::string key = "dest" + std::to_string(destination_id) + "/z";
  for (size_t i = 0; i < z_report_ids.size(); ++i) key += (i ? "," : "") + std::to_string(z_report_ids[i]);
  return key;
}

Delivery day_delivery(const Destination& d, Date day, const std::vector<int64_t>& z_report_ids,
                      const std::vector<int64_t>& voucher_ids, Instant now) {
  Delivery out;
  out.company_id = d.company_id;
  out.destination_id = d.id;
  out.kind = "day";
  out.business_date = day;
  out.z_report_ids = z_report_ids;
  out.voucher_ids = voucher_ids;
  out.idempotency_key = delivery_key(d.id, z_report_ids);
  out.created_at = now;
  out.next_attempt_at = now;
  return out;
}

}  // namespace dagbok
